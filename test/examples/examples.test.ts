/**
 * examples/: every command of examples/README.md runs through the CLI as written (in-process, its
 * `out/…` paths and `> out/…` redirections sent to a temp dir), every Python snippet runs on the
 * outputs, and the outputs obey the physics each example is there to show (docs/physics.md §3–§5).
 *
 * Tolerances: conservation and zero-current conditions hold exactly in linear response; they are
 * checked at 1e-9 of the natural scale of the quantity (the largest current of its kind in the
 * circuit), far above the ~1e-15 rounding of a Schur solve of a few unknowns.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examplesDir = join(root, 'examples');
const readme = readFileSync(join(examplesDir, 'README.md'), 'utf8');
const EXPECTED = ['paper-junction', 'ring-flux', 'chain-vp-vtp', 'thermal-circuit', 'graphene-thermometer'];

interface Section {
  readonly title: string;
  readonly dir: string;
  readonly bash: string[];
  readonly python: string[];
}

function sections(md: string): Section[] {
  return md
    .split(/^## /m)
    .slice(1)
    .map((s) => {
      const title = s.split('\n')[0] ?? '';
      const dir = /`([\w-]+)\/config\.json`/.exec(title)?.[1] ?? '';
      const blocks = (lang: string) => [...s.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
      return { title, dir, bash: blocks('bash').flatMap((b) => b.split('\n').filter((l) => l.trim() !== '')), python: blocks('python') };
    });
}

// biome-ignore lint/suspicious/noExplicitAny: the parsed CLI JSON, checked field by field below
type Json = Record<string, any>;
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('examples/', () => {
  const all = sections(readme);
  let work = '';
  const stdoutOf = new Map<string, string>();
  const read = (f: string) => readFileSync(join(work, 'out', f), 'utf8');
  const json = (f: string) => JSON.parse(read(f)) as Json;
  const csv = (f: string) => {
    const [head, ...rows] = read(f).trim().split('\n');
    const keys = (head ?? '').split(',');
    return rows.map((r) => Object.fromEntries(r.split(',').map((v, k) => [keys[k] ?? '', Number(v)])) as Record<string, number>);
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'probecheck-examples-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has the five examples, each a directory with config.json and a section in examples/README.md', () => {
    const dirs = readdirSync(examplesDir).filter((d) => statSync(join(examplesDir, d)).isDirectory() && d !== 'claims');
    expect(dirs.sort()).toEqual([...EXPECTED].sort());
    expect(all.filter((s) => s.dir).map((s) => s.dir)).toEqual(EXPECTED);
    for (const s of all.filter((x) => x.dir)) {
      expect(s.bash.length, s.dir).toBeGreaterThan(0);
      expect(s.python.length, s.dir).toBe(1);
      expect(
        s.bash.every((l) => l.includes(`examples/${s.dir}/config.json`)),
        s.dir,
      ).toBe(true);
    }
  });

  it('every command runs as written (exit 0)', async () => {
    // every ```bash block of the page, in order (the preamble's `mkdir -p out` included)
    const lines = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').split('\n')).filter((l) => l.trim() !== '');
    expect(lines[0]).toBe('mkdir -p out');
    for (const line of lines) {
      if (line.trim() === 'mkdir -p out') {
        mkdirSync(join(work, 'out'), { recursive: true });
        continue;
      }
      const m = /^npx probecheck (.+?)(?:\s+>\s+(out\/\S+))?$/.exec(line.trim());
      expect(m, `not a probecheck command: ${line}`).not.toBeNull();
      const args = (m![1] ?? '').split(/\s+/).map((a) => (a.startsWith('out/') ? join(work, a) : a.startsWith('examples/') ? join(root, a) : a));
      const r = await runCli(args);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      if (m![2]) {
        writeFileSync(join(work, m![2]), r.stdout);
        stdoutOf.set(m![2], r.stdout);
      }
    }
  }, 60_000);

  it.skipIf(!hasPython)('every Python snippet reads the outputs (python3, standard library)', () => {
    for (const s of all.filter((x) => x.dir)) {
      const r = spawnSync('python3', ['-c', s.python[0] ?? ''], { cwd: work, encoding: 'utf8', timeout: 30_000 });
      expect(r.stderr, s.dir).toBe('');
      expect(r.status, s.dir).toBe(0);
      expect(r.stdout.trim().split('\n').length, s.dir).toBeGreaterThanOrEqual(2);
    }
  });

  it('paper junction: the VP draws no charge but exchanges heat; charge and energy balance; Ṡ > 0', () => {
    const r = json('paper-junction.json');
    const c = r.currents as Record<string, { charge: number; heat: number }>;
    const iScale = Math.abs(c.L!.charge);
    expect(Math.abs(c.P!.charge)).toBeLessThanOrEqual(1e-9 * iScale);
    expect(Math.abs(c.L!.charge + c.R!.charge + c.P!.charge)).toBeLessThanOrEqual(1e-9 * iScale);
    expect(Math.abs(c.P!.heat)).toBeGreaterThan(1e-3 * Math.abs(c.L!.heat));
    expect(r.entropyProduction).toBeGreaterThan(0);
    const scan = csv('paper-junction-scan.csv');
    expect(new Set(scan.map((row) => row.gamma_P))).toEqual(new Set([0.01, 0.05, 0.1]));
    expect(scan.length).toBe(3 * 61);
  });

  it('ring with flux: T_LR ≠ T_RL, yet Σ_β T_αβ = Σ_β T_βα at every energy', () => {
    const rows = csv('ring-flux-T.csv');
    expect(rows.length).toBe(501);
    expect(Math.max(...rows.map((row) => Math.abs(row.T_L_R! - row.T_R_L!)))).toBeGreaterThan(0.05);
    for (const row of rows) {
      const out = { L: row.T_L_R! + row.T_L_P!, R: row.T_R_L! + row.T_R_P!, P: row.T_P_L! + row.T_P_R! };
      const inn = { L: row.T_R_L! + row.T_P_L!, R: row.T_L_R! + row.T_P_R!, P: row.T_L_P! + row.T_R_P! };
      for (const k of ['L', 'R', 'P'] as const) expect(Math.abs(out[k] - inn[k])).toBeLessThanOrEqual(1e-9 * Math.max(out[k], 1e-300));
    }
    const L0 = json('ring-flux.json').onsager.L0 as number[][];
    expect(Math.abs(L0[0]![1]! - L0[1]![0]!)).toBeGreaterThan(1e-3 * L0[0]![1]!);
  });

  it('chain: the VTP carries neither charge nor heat, the VP no charge but heat; T_VTP between the leads', () => {
    const r = json('chain-vp-vtp.json');
    const c = r.currents as Record<string, { charge: number; heat: number }>;
    const iScale = Math.abs(c.L!.charge),
      qScale = Math.max(Math.abs(c.L!.heat), Math.abs(c.R!.heat));
    for (const p of ['VP', 'VTP']) expect(Math.abs(c[p]!.charge), p).toBeLessThanOrEqual(1e-9 * iScale);
    expect(Math.abs(c.VTP!.heat)).toBeLessThanOrEqual(1e-9 * qScale);
    expect(Math.abs(c.VP!.heat)).toBeGreaterThan(1e-4 * qScale);
    expect(r.probes.VP.T).toBe(300);
    for (const row of csv('chain-vp-vtp-scan.csv')) {
      expect(row.T_VTP).toBeGreaterThan(280);
      expect(row.T_VTP).toBeLessThan(320);
    }
  });

  it('thermal circuit: no particle current anywhere, heat balance, S = −(μ_R − μ_L)/(e ΔT)', () => {
    const r = json('thermal-circuit.json');
    const c = r.currents as Record<string, { particle: number; heat: number }>;
    const qScale = Math.abs(c.L!.heat);
    expect(Math.abs(c.L!.heat + c.R!.heat + c.P!.heat)).toBeLessThanOrEqual(1e-9 * qScale);
    // the particle-current scale: what L would carry at the same ΔT with μ_R pinned, ~ qScale/(k_B T0 in J)
    const nScale = qScale / (8.617333262e-5 * 300 * 1.602176634e-19);
    for (const t of ['L', 'R', 'P']) expect(Math.abs(c[t]!.particle), t).toBeLessThanOrEqual(1e-9 * nScale);
    const mu = r.mu as Record<string, number>;
    expect(r.seebeck).toBeCloseTo(-(mu.R! - mu.L!) / (290 - 310), 15);
    expect(Math.abs(r.seebeck)).toBeGreaterThan(0);
    const scan = csv('thermal-circuit-scan.csv');
    expect(scan.every((row) => Number.isFinite(row.seebeck))).toBe(true);
  });

  it('graphene thermometer: the γ = 0 tip carries exactly nothing and reads a temperature between the leads', () => {
    const r = json('graphene-thermometer.json');
    const tip = r.probes.tip as { T: number; coherentLimit?: boolean };
    expect(tip.coherentLimit).toBe(true);
    expect(r.currents.tip).toEqual({ particle: 0, charge: 0, heat: 0 });
    expect(tip.T).toBeGreaterThan(270);
    expect(tip.T).toBeLessThan(330);
    expect(r.entropyProduction).toBeGreaterThan(0);
    for (const row of csv('graphene-thermometer-scan.csv')) {
      expect(row.heat_tip).toBe(0);
      expect(row.T_tip).toBeGreaterThan(270);
      expect(row.T_tip).toBeLessThan(330);
    }
  });
});
