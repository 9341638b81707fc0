/**
 * Interrupted writes leave nothing half-done (issue 12), tested with real signals sent to a
 * child process: the target is either untouched (absent, or the old content) or complete, and
 * no temporary file or directory remains.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, existsSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_NAME } from '../src/io/atomic.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// one process (node with tsx's loader), not the tsx wrapper, which would relay the signal to a child
const nodeArgs = ['--import', 'tsx'];

/** Spawn, send `signal` once `ready()` holds (polled every 5 ms) or after `maxWait` ms; resolve the exit. */
function runAndSignal(
  args: string[],
  signal: NodeJS.Signals,
  ready: () => boolean,
  maxWait: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; sent: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let sent = false;
    const t0 = Date.now();
    const timer = setInterval(() => {
      if (!sent && (ready() || Date.now() - t0 > maxWait)) {
        sent = true;
        child.kill(signal);
      }
    }, 5);
    child.on('exit', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, sent });
    });
  });
}

const temporaries = (dir: string) => readdirSync(dir).filter((f) => /\.(tmp|old)$/.test(f));

describe('signals during writes', () => {
  it('SIGTERM during an atomic file write: no temp file, the target absent or complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-sig-'));
    const target = join(dir, 'big.csv');
    const bytes = 64 * 1024 * 1024;
    const r = await runAndSignal(
      [join(root, 'test/helpers/slowWriter.ts'), 'file', target, String(bytes)],
      'SIGTERM',
      () => temporaries(dir).length > 0,
      20000,
    );
    expect(r.sent).toBe(true);
    expect(temporaries(dir)).toEqual([]);
    if (existsSync(target)) expect(statSync(target).size).toBe(bytes);
  }, 60000);

  it('SIGINT during a report-directory write: the old directory stays whole, no temp directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-sig-'));
    const target = join(dir, 'report');
    mkdirSync(target);
    writeFileSync(join(target, 'index.html'), 'old index\n');
    writeFileSync(join(target, 'old.csv'), 'old\n');
    // a previous report: its manifest lists its files (a directory holding anything else is refused)
    writeFileSync(join(target, MANIFEST_NAME), JSON.stringify({ writer: 'probecheck', files: ['index.html', 'old.csv'] }));
    const r = await runAndSignal([join(root, 'test/helpers/slowWriter.ts'), 'dir', target, '4000'], 'SIGINT', () => temporaries(dir).length > 0, 20000);
    expect(r.sent).toBe(true);
    expect(temporaries(dir)).toEqual([]);
    const index = readFileSync(join(target, 'index.html'), 'utf8');
    if (index === 'old index\n') {
      expect(r.code).toBe(130); // interrupted: exit 128 + SIGINT
      expect(readdirSync(target).sort()).toEqual([MANIFEST_NAME, 'index.html', 'old.csv']);
    } else {
      expect(index).toBe('new index\n'); // finished before the signal: complete, old files gone
      expect(readdirSync(join(target, 'sub')).length).toBe(4000);
      expect(existsSync(join(target, 'old.csv'))).toBe(false);
    }
  }, 60000);

  it('SIGINT during `probecheck scan --out`: no hidden temp file, the CSV absent or complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-sig-'));
    const cfg = join(dir, 'c.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        hamiltonian: { model: 'benzene' },
        reference: { mu: 0, T: 300 },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 301 },
          { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.0005, T: 299 },
          { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
        ],
      }),
    );
    const out = join(dir, 'scan.csv');
    const t0 = Date.now();
    const r = await runAndSignal(
      // 10⁵ points × 4 probe models (~8 s of work on one thread): still running when the signal
      // comes after 2.5 s (tsx start-up included) on an idle machine as on a loaded one
      [join(root, 'src/cli/main.ts'), 'scan', cfg, '--mu0', '-3:3:100000', '--probe-models', '--threads', '1', '--out', out, '--quiet'],
      'SIGINT',
      () => Date.now() - t0 > 2500,
      2500,
    );
    expect(r.sent).toBe(true);
    expect(temporaries(dir)).toEqual([]);
    if (existsSync(out)) expect(readFileSync(out, 'utf8').trim().split('\n').length).toBe(100001);
  }, 60000);
});
