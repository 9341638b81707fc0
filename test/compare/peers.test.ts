/**
 * `probecheck compare` on outputs imitating real probe codes (test/fixtures/compare/peers,
 * generate_peers.py: independent implementations written from the physics, with each code's own
 * names and conventions): the correct variants pass with the documented options, the buggy ones
 * are diagnosed by name.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fixture, FIXTURES, numbersByFamily } from './helpers.js';

const f = (rel: string) => fixture(`peers/${rel}`);
const BISECT_MAP = ['--map', 'V_bias=V,current=I,mu_probe=mu_P'];

async function compareJson(args: string[]) {
  const r = await runCli(['compare', ...args, '--format', 'json']);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : null };
}
const byCode = (report: { diagnostics: Array<{ code: string; message: string }> }) => Object.fromEntries(report.diagnostics.map((d) => [d.code, d.message]));

describe('a bisection voltage-probe code (Landauer current L→R in e/h, symmetric bias V)', () => {
  it('correct: passes with --map (their names) — the current, the probe potential and the bias input', async () => {
    const { code, report } = await compareJson([f('bisect-vp/config.json'), f('bisect-vp/iv.csv'), ...BISECT_MAP]);
    expect(code).toBe(0);
    expect(report.quantities.map((q: { key: string }) => q.key)).toEqual(['V', 'I', 'mu_P']);
    // Two independent implementations (bisection + trapezoid vs Schur + trigamma): far inside the defaults.
    for (const q of report.quantities) expect(q.maxScaled).toBeLessThan(1e-6);
  });
  it('without --map: bad input naming their column and the way out', async () => {
    const r = await runCli(['compare', f('bisect-vp/config.json'), f('bisect-vp/iv.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown column "V_bias" .*rename yours with --map OLD=NEW/);
  });
  it('coherent-only current: "your current leaves out the path through the probe", ranked first at 100 %', async () => {
    const { code, report } = await compareJson([f('bisect-vp/config.json'), f('bisect-vp/coherent-only.csv'), ...BISECT_MAP]);
    expect(code).toBe(1);
    expect(report.summary.failedKeys).toEqual(['I']);
    const ranked = report.diagnostics.filter((d: { explained?: number }) => d.explained !== undefined);
    expect(ranked[0].code).toBe('coherent-only');
    expect(ranked[0].message).toMatch(/your current leaves out the path through the probe \(P\)/);
    expect(ranked[0].message).toMatch(/explains 100 % of the discrepancy/);
    expect(report.diagnostics.map((d: { code: string }) => d.code)).not.toContain('constant-factor');
  });
  it('finite bias (1–16 mV) against a linear-response CONFIG: "the deviation scales as bias²"', async () => {
    const { code, report } = await compareJson([f('bisect-vp/config.json'), f('bisect-vp/finite-bias.csv'), ...BISECT_MAP]);
    expect(code).toBe(1);
    expect(report.tables[0].swept).toEqual(['V']);
    expect(byCode(report)['finite-bias']).toMatch(
      /your code is at finite bias: the deviation scales as bias² \(fitted exponent (1\.9\d|2\.0\d|2\.1\d) .*use "response": "nonlinear" in CONFIG or a smaller bias/,
    );
  });
});

describe('a teaching code with Σ = −iγ contacts (Γ = 2γ) and spin 2 in G', () => {
  const files = [f('sigma-gamma/transmission.csv'), f('sigma-gamma/sweep.csv'), '--spin-degeneracy', '2'];
  it('CONFIG with their γ numbers: "your couplings are in the Σ = −iγ convention (Γ = 2γ)"', async () => {
    const { code, report } = await compareJson([f('sigma-gamma/config.json'), ...files]);
    expect(code).toBe(1);
    const conv = report.diagnostics.filter((d: { code: string }) => d.code === 'coupling-convention');
    // one per table: the transmissions, and the L0 and G computed from them
    expect(conv.map((d: { message: string }) => d.message)).toEqual([
      expect.stringMatching(
        /^your couplings are in the Σ = −iγ convention \(Γ = 2γ\): with every Γ\^α of CONFIG doubled, every transmission matches.* explains 100 %/,
      ),
      expect.stringMatching(
        /^your couplings are in the Σ = −iγ convention \(Γ = 2γ\): with every Γ\^α of CONFIG doubled, every quantity matches.* explains 100 %/,
      ),
    ]);
    expect(byCode(report)['greens-function']).toBeDefined();
  });
  it('CONFIG with gamma = 2γ: every transmission, L0 and the spin-2 conductance pass', async () => {
    const { code, report } = await compareJson([f('sigma-gamma/config-gamma2.json'), ...files]);
    expect(code).toBe(0);
    expect(report.quantities.map((q: { key: string }) => q.key)).toEqual(['T_L_R', 'T_L_P', 'T_R_P', 'G_L_R', 'L0_L_R']);
  });
  it('CONFIG with 4γ (doubled once too often): "your couplings are half of CONFIG\'s (Γ = γ/2)"', async () => {
    const { fixtureText, config, compareTexts } = await import('./helpers.js');
    const raw = JSON.parse(fixtureText('peers/sigma-gamma/config-gamma2.json'));
    for (const t of raw.terminals) t.coupling.gamma *= 2;
    const r = compareTexts(config(raw), { 't.csv': fixtureText('peers/sigma-gamma/transmission.csv') });
    expect(r.diagnostics.find((d) => d.code === 'coupling-convention')!.message).toMatch(
      /^your couplings are half of CONFIG's \(Γ = γ\/2\): with every Γ\^α halved, every transmission matches.* explains 100 %/,
    );
  });
  it('the same without --spin-degeneracy 2: G is off by the named spin factor, nothing else', async () => {
    const { report } = await compareJson([f('sigma-gamma/config-gamma2.json'), f('sigma-gamma/transmission.csv'), f('sigma-gamma/sweep.csv')]);
    expect(report.summary.failedKeys).toEqual([expect.stringMatching(/G_L_R$/)]);
    expect(byCode(report)['constant-factor']).toMatch(/G_L_R: a factor 2 at every row: a spin degeneracy .*pass --spin-degeneracy 2/);
  });
});

describe('a bisection VP code at finite bias against a nonlinear CONFIG', () => {
  it('"response": "nonlinear": the 1–16 mV sweep passes (the Newton solution vs bisection on full Fermi functions)', async () => {
    const { code, report } = await compareJson([f('bisect-vp/config-nonlinear.json'), f('bisect-vp/finite-bias.csv'), ...BISECT_MAP]);
    expect(code).toBe(0);
    for (const q of report.quantities) expect(q.maxScaled).toBeLessThan(1e-7); // Newton stops at 1e-9 of the lead current
  });
  it('the same code in linear response (a 0.1 µV bias) against the nonlinear CONFIG: bias input differs, and the linear values are named', async () => {
    const { report } = await compareJson([f('bisect-vp/config-nonlinear.json'), f('bisect-vp/iv.csv'), ...BISECT_MAP]);
    expect(report.summary.failedKeys).toContain('V');
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['input-mismatch', 'hypotheses-skipped']));
  });
});

describe('an NEGF package with an energy-resolved probe, semi-infinite chain leads and spin 2', () => {
  const files = [f('er-chain/transmission.csv'), f('er-chain/conductance.csv')];
  it('correct: T̃(E), G (spin 2) and L̃^(ν) pass with CONFIG spin 2, and with spin 1 plus --spin-degeneracy 2', async () => {
    const a = await compareJson([f('er-chain/config.json'), ...files]);
    expect(a.code).toBe(0);
    expect(a.report.quantities.map((q: { key: string }) => q.key)).toEqual(['Teff_R_L', 'G_L_R', 'Leff0_L_R', 'Leff1_L_R', 'Leff2_L_R']);
    // Independent implementations (dense inversion + Simpson vs channel-space engine + adaptive quadrature).
    for (const q of a.report.quantities) expect(q.maxScaled).toBeLessThan(1e-9);
    // the agreement rests on Re Σ(E): said as information
    expect(byCode(a.report)['re-self-energy']).toMatch(/matches only if Re Σ\(E\) of the energy-dependent leads L, R is kept/);
    const b = await compareJson([f('er-chain/config-spin1.json'), ...files, '--spin-degeneracy', '2']);
    expect(b.code).toBe(0);
  });
  it('Re Σ(E) dropped in their chain leads: "your T(E) matches only if Re Σ(E) … is DROPPED"', async () => {
    const { code, report } = await compareJson([f('er-chain/config.json'), f('er-chain/bug-no-resigma.transmission.csv')]);
    expect(code).toBe(1);
    expect(byCode(report)['re-self-energy']).toMatch(/is DROPPED: your code keeps Γ\(E\) = −2 Im Σ\(E\) but not the level shift/);
  });
  it('the probe declared a VP in CONFIG: "your probe behaves like an energy-resolved probe"', async () => {
    const { code, report } = await compareJson([f('er-chain/config-vp.json'), f('er-chain/conductance.csv')]);
    expect(code).toBe(1);
    expect(byCode(report)['probe-model']).toMatch(
      /your probe P behaves like an energy-resolved probe \(ER.* CONFIG makes P a VP held at 300 K.* explains 100 %/,
    );
  });
  it('T̃(E) with a VP in CONFIG is bad input saying where it is not defined', async () => {
    const r = await runCli(['compare', f('er-chain/config-vp.json'), f('er-chain/transmission.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/column Teff_R_L: probe P is a VP: .*no energy-resolved effective transmission exists/);
  });
});

describe('generate_peers.py reproduces the committed files', () => {
  const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('to 1e-10 of each quantity family', () => {
    const out = mkdtempSync(join(tmpdir(), 'pc-peers-'));
    try {
      execFileSync('python3', [join(FIXTURES, 'peers', 'generate_peers.py'), '--out', out], { stdio: 'pipe' });
      const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
      const generated = files(out)
        .map((p) => relative(out, p))
        .sort();
      const committed = files(join(FIXTURES, 'peers'))
        .map((p) => relative(join(FIXTURES, 'peers'), p))
        .filter((p) => p !== 'generate_peers.py')
        .sort();
      expect(generated).toEqual(committed);
      for (const rel of generated) {
        const a = numbersByFamily(join(out, rel)),
          b = numbersByFamily(join(FIXTURES, 'peers', rel));
        for (const [fam, xs] of a) {
          const ys = b.get(fam)!;
          const scale = Math.max(...xs.map(Math.abs), ...ys.map(Math.abs));
          xs.forEach((x, i) => {
            if (Math.abs(x - ys[i]) > 1e-10 * scale) throw new Error(`${rel}: ${fam}[${i}]: ${x} vs ${ys[i]}`);
          });
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
