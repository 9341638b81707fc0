/**
 * `report`, `explore` and `scan` on configs held in sparse form only (N above the dense limit,
 * docs/physics.md §14 "Systems held in sparse form only"), and the point-named singular circuit:
 *  - the report of a 3200-site chain (its own μ0 grid) against `transmission` and `solve` of the
 *    same config — the report's scan (scanCircuits over the sparse Onsager path) and `solve`
 *    (solveSystem, a separate route through prepareSystem) meet at the reference point;
 *  - explore refuses such a config with one line naming the field (it re-solves in the browser);
 *  - a μ0 outside the spectrum, where every transmission of the long chain underflows to 0 and the
 *    probe is decoupled: exit 2 and one line naming the μ0, the same on one thread and on workers
 *    (the worker's error keeps its class across the thread boundary);
 *  - the revival of every error class a worker may report.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { DENSE_SITE_LIMIT } from '../../src/limits.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { isSparseOnly, isTimeReversalSymmetric, SparseLimitError } from '../../src/numeric/system.js';
import { reviveWorkerError } from '../../src/parallel/threads.js';
import { CircuitSpecError } from '../../src/numeric/circuit.js';
import { SingularCircuitError } from '../../src/numeric/probes.js';
import { SparseAccuracyError } from '../../src/numeric/sparse.js';
import { DenseUnavailableError } from '../../src/numeric/unallocated.js';

const N = 3200;
let dir: string;
let path: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probecheck-sparse-report-'));
  path = join(dir, 'chain.json');
  // 10 K keeps the Fermi window (μ0 ± 41 k_BT0 ≈ ±35 meV) to ~25 of the levels: the test's cost
  writeFileSync(
    path,
    JSON.stringify({
      hamiltonian: { model: 'chain', sites: N, hopping: -1 },
      reference: { mu: 0.1, T: 10 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.1001, T: 10 },
        { name: 'R', coupling: { sites: [N - 1], gamma: 0.5 }, mu: 0.1, T: 10 },
        { name: 'P', probe: 'VTP', coupling: { sites: [N >> 1], gamma: 0.1 } },
      ],
    }),
  );
});

function csv(text: string): { header: string[]; rows: number[][] } {
  const [h, ...lines] = text.trim().split('\n');
  return { header: h.split(','), rows: lines.map((l) => l.split(',').map(Number)) };
}

describe('configs held in sparse form only', () => {
  it('the config is sparse-only and time-reversal symmetric, read without touching the dense placeholders', () => {
    const p = parseConfig(JSON.parse(readFileSync(path, 'utf8')));
    expect(N).toBeGreaterThan(DENSE_SITE_LIMIT);
    expect(isSparseOnly(p.system)).toBe(true);
    expect(isTimeReversalSymmetric(p.system)).toBe(true);
  });

  it('report with its own μ0 grid: exit 0; its transmission and reference point match `transmission` and `solve`', async () => {
    const out = join(dir, 'rep');
    const r = await runCli(['report', path, '--mu0', '0.09:0.11:3', '--quiet', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`${N} sites`);
    expect(html).toContain('sparse transmission engine');
    // T(E) of the report against the `transmission` command on the report's own first energies
    const rt = csv(readFileSync(join(out, 'transmission.csv'), 'utf8'));
    expect(rt.header).toEqual(['E_eV', 'T_L_R', 'T_L_P', 'T_R_P']); // T_αβ = T_βα: one of each pair
    const energies = rt.rows.slice(0, 3).map((row) => row[0]);
    const t = await runCli(['transmission', path, '--emin', String(energies[0]), '--emax', String(energies[2]), '--n', '3']);
    expect(t.code, t.stderr).toBe(0);
    const tt = csv(t.stdout);
    const col = (name: string) => tt.header.indexOf(name);
    for (let i = 0; i < 3; i++) {
      expect(tt.rows[i][0]).toBe(energies[i]);
      // both print the same engine's doubles at 10 significant digits (the report's csvNumber)
      for (const [k, name] of [
        [1, 'T_L_R'],
        [2, 'T_L_P'],
        [3, 'T_R_P'],
      ] as const)
        expect(Math.abs(rt.rows[i][k] - tt.rows[i][col(name)])).toBeLessThanOrEqual(1e-9 * Math.abs(tt.rows[i][col(name)]));
    }
    // the VTP probe temperature of the report's scan at μ0 = 0.1 (the reference) against `solve`
    const sc = csv(readFileSync(join(out, 'scan.csv'), 'utf8'));
    const s = await runCli(['solve', path]);
    expect(s.code, s.stderr).toBe(0);
    const solved = JSON.parse(s.stdout);
    const row = sc.rows.find((x) => x[0] === 0.1)!;
    const tVtp = row[sc.header.indexOf('T_P_VTP_K')];
    // the sparse quadrature meets rtol 1e-12 per coefficient; T_P is a ratio of them, printed to 10 digits
    expect(Math.abs(tVtp - solved.probeModels.VTP.probes.P.T)).toBeLessThanOrEqual(1e-9 * 10);
  }, 300_000);

  it('explore refuses it with one line naming the field', async () => {
    const r = await runCli(['explore', path, '--quiet', '--out', join(dir, 'explore')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^probecheck: hamiltonian: the explorer .* 3200 sites .*sparse form only/);
    expect(existsSync(join(dir, 'explore', 'index.html'))).toBe(false);
  });

  it('μ0 outside the spectrum (probe decoupled: every transmission underflows): exit 2, one line naming μ0, on one thread and on workers', async () => {
    const lines: string[] = [];
    for (const threads of ['1', '2']) {
      const out = join(dir, `scan${threads}.csv`);
      const r = await runCli(['scan', path, '--mu0', '2.5:2.6:2', '--threads', threads, '--quiet', '--out', out]);
      expect(r.code, r.stderr).toBe(2);
      const l = r.stderr.trim().split('\n');
      expect(l).toHaveLength(1);
      expect(l[0]).toMatch(/^probecheck: at μ0 = 2\.5 eV: .*M_UU is singular.*decoupled/);
      expect(existsSync(out)).toBe(false);
      lines.push(l[0]);
    }
    expect(lines[1]).toBe(lines[0]);
  }, 300_000);
});

describe('the reference point outside the spectrum (the circuit as given is singular, the μ0 grid is not)', () => {
  it('solve and report on one thread and on workers: exit 2, the same one line naming the reference point, no report', async () => {
    const far = join(dir, 'far.json');
    const config = JSON.parse(readFileSync(path, 'utf8'));
    // band of the t = −1 eV chain: [−2, 2] eV; the leads' bias kept as it was about the reference
    config.reference.mu = 2.5;
    config.terminals[0].mu = 2.5001;
    config.terminals[1].mu = 2.5;
    writeFileSync(far, JSON.stringify(config));
    const lines: string[] = [];
    // the workers of a failed threaded report still run after this thread's error; their failure
    // must not surface later as an unhandled rejection in a process that runs main() in-process
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    // the grid inside the spectrum, and outside too (the workers then fail as well, after this thread)
    const runs = [
      ['solve', far],
      ...['0.09:0.11:2', '2.5:2.6:2'].flatMap((grid) =>
        ['1', '2'].map((t) => ['report', far, '--mu0', grid, '--threads', t, '--quiet', '--out', join(dir, `far${t}`)]),
      ),
    ];
    for (const args of runs) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      const l = r.stderr.trim().split('\n');
      expect(l).toHaveLength(1);
      expect(l[0]).toMatch(/^probecheck: at the reference point μ0 = 2\.5 eV, T0 = 10 K: .*M_UU is singular.*decoupled.*reference\.mu/);
      lines.push(l[0]);
    }
    expect(new Set(lines).size).toBe(1);
    for (const t of ['1', '2']) expect(existsSync(join(dir, `far${t}`))).toBe(false);
    await new Promise((r) => setTimeout(r, 4000)); // the last run's workers: start-up and their error
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  }, 120_000);
});

describe('errors reported by a worker keep their class', () => {
  const cases: Array<[Error, (e: Error) => void]> = [
    [new CircuitSpecError('bias: bad', 'terminals.L.mu'), (e) => expect((e as CircuitSpecError).field).toBe('terminals.L.mu')],
    [
      new ConfigError('terminals.P.coupling', 'no such site'),
      (e) => expect([(e as ConfigError).path, (e as ConfigError).detail]).toEqual(['terminals.P.coupling', 'no such site']),
    ],
    [new SingularCircuitError('M_UU is singular', [2, 5]), (e) => expect((e as SingularCircuitError).unknown).toEqual([2, 5])],
    [new SparseLimitError('too wide'), () => {}],
    [new DenseUnavailableError('H is not allocated'), () => {}],
    [new SparseAccuracyError('lost accuracy', 3e-9), (e) => expect((e as SparseAccuracyError).backwardError).toBe(3e-9)],
  ];
  for (const [err, extra] of cases)
    it(err.name, () => {
      // the message as worker.ts posts it (structured-clone-able fields only)
      const x = err as Error & { field?: string; path?: string; detail?: string; unknown?: readonly number[]; backwardError?: number };
      const back = reviveWorkerError({
        type: 'error',
        name: x.name,
        message: x.message,
        field: x.field,
        path: x.path,
        detail: x.detail,
        unknown: x.unknown ? [...x.unknown] : undefined,
        backwardError: x.backwardError,
      });
      expect(back.constructor).toBe(err.constructor);
      expect(back.message).toBe(err.message);
      extra(back);
    });
  it('an unknown class stays a plain Error (the CLI then reports an internal error, exit 3)', () => {
    const back = reviveWorkerError({ type: 'error', name: 'RangeError', message: 'x' });
    expect(back.constructor).toBe(Error);
  });
});
