/**
 * `probecheck compare` on the committed outputs of an independent NumPy implementation
 * (test/fixtures/compare/generate.py): the correct one passes; each buggy copy fails with a
 * diagnostic that names the bug's symptom; unit mismatches are bad input (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { compareTexts, config, fixture, FIXTURES, numbersByFamily } from './helpers.js';
import { K_B_EV } from '../../src/index.js';

const f = fixture;

async function compareJson(args: string[]) {
  const r = await runCli(['compare', ...args, '--format', 'json']);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : null };
}

describe('the correct independent implementation passes', () => {
  it('benzene VTP: transmissions (compact names), a μ0 sweep with e/h currents and Onsager columns, a solve-shaped point', async () => {
    const { code, report, stderr } = await compareJson([
      f('benzene-vtp/config.json'),
      f('benzene-vtp/transmission.csv'),
      f('benzene-vtp/sweep.csv'),
      f('benzene-vtp/point.json'),
    ]);
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ pass: true, failed: 0 });
    expect(report.summary.total).toBeGreaterThan(60);
    expect(stderr).toMatch(/quantities, \d+ passed, 0 failed — PASS/);
    // Agreement of two independent double-precision implementations: far inside the default tolerance.
    for (const q of report.quantities) expect(q.maxScaled).toBeLessThan(1e-11);
    expect(report.tables.map((t: { swept: string[] }) => t.swept)).toContainEqual(['mu0', 'mu_L', 'mu_R']);
    expect(report.diagnostics.filter((d: { level: string }) => d.level === 'error')).toEqual([]);
  });

  it('benzene VP with tunnel and thermal asymmetry: a γ_P sweep', async () => {
    const { code, report } = await compareJson([f('benzene-vp/config.json'), f('benzene-vp/gamma-sweep.csv')]);
    expect(code).toBe(0);
    expect(report.tables[0].swept).toEqual(['gamma_P']);
    // The VP's heat current is physical here: reported as information with its entropy cost.
    const heat = report.diagnostics.find((d: { code: string }) => d.code === 'vp-heat');
    expect(heat.level).toBe('info');
    expect(heat.message).toMatch(/P is a VP in CONFIG and exchanges heat/);
  });

  it('a complex (T_ab ≠ T_ba) thermal circuit with two probes: JSON columns and a T_L sweep in JSON rows with heat in eV/s', async () => {
    const { code, report } = await compareJson([f('complex-thermal/config.json'), f('complex-thermal/transmission.json'), f('complex-thermal/tl-sweep.json')]);
    expect(code).toBe(0);
    expect(report.tables[1].swept).toEqual(['T_L']);
    expect(report.quantities.map((q: { key: string }) => q.key)).toEqual(expect.arrayContaining(['seebeck', 'mu_R', 'T_P1', 'heat_P2', 'T_L_R', 'T_R_L']));
    const units = report.tables[1].units;
    expect(units.heat_R).toBe('eV/s');
  });
});

describe('each buggy copy fails with a diagnostic naming its symptom', () => {
  it('wrong sign of the L^(1) term in the heat current', async () => {
    const { code, report, stdout } = await compareJson([
      f('benzene-vtp/config.json'),
      f('benzene-vtp/transmission.csv'),
      f('benzene-vtp/bug-onsager-sign.sweep.csv'),
    ]);
    expect(code).toBe(1);
    expect(report.summary.failedKeys).toEqual(expect.arrayContaining(['heat_L', 'heat_R', 'T_P', 'mu_P']));
    // transmissions and Onsager coefficients pass: the error is downstream of the Green's function
    expect(
      report.quantities.filter(
        (q: { key: string; pass: boolean }) => /^(T_|L\d_)/.test(q.key) && q.key !== 'T_P' && q.key !== 'T_L' && q.key !== 'T_R' && !q.pass,
      ),
    ).toEqual([]);
    const byCode = Object.fromEntries(report.diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]));
    expect(byCode.localisation).toMatch(
      /your transmissions and Onsager coefficients match probecheck's but .* do not: the error is in your probe solve \/ current assembly, not in your Green's function/,
    );
    expect(byCode['onsager-sign']).toMatch(/one sign flipped — the L\^\(1\) term of the heat current/);
    expect(stdout).not.toMatch(/probe-model/);
  });

  it('a VTP solved as a VP: "your probe behaves like a VP", its heat current and the excess entropy production', async () => {
    const { code, report } = await compareJson([f('benzene-vtp/config.json'), f('benzene-vtp/transmission.csv'), f('benzene-vtp/bug-vp-for-vtp.sweep.csv')]);
    expect(code).toBe(1);
    expect(report.summary.failedKeys).toContain('heat_P');
    const byCode = Object.fromEntries(report.diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]));
    expect(byCode['probe-model']).toMatch(/your probe P behaves like a VP held at T0 = 300 K; CONFIG makes P a VTP/);
    expect(byCode['vp-heat']).toMatch(
      /your heat current into the probe is J\^Q_P = 5\.18\de-11 W .* Ṡ_VP − Ṡ_VTP = J\^Q_P \(T_P\^VTP − T_P\^VP\)\/T0² = [\d.]+e-15 W\/K/,
    );
    expect(byCode['probe-solve']).toMatch(/probe conditions J\^Q_P = 0 are not met/);
  });

  it('a VP held at T_R instead of its configured 300 K', async () => {
    const { code, report } = await compareJson([f('benzene-vp/config.json'), f('benzene-vp/bug-tp-at-TR.gamma-sweep.csv')]);
    expect(code).toBe(1);
    const tp = report.quantities.find((q: { key: string }) => q.key === 'T_P');
    expect(tp).toMatchObject({ role: 'input', pass: false });
    const byCode = Object.fromEntries(report.diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]));
    expect(byCode['vp-temperature']).toMatch(/T_P fixed at the wrong temperature: your VP P is held at 275 K \(= T_R\) .*CONFIG holds it at 300 K \(= T0\)/);
    expect(byCode['probe-model']).toMatch(/behaves like a VP held at T_R = 275 K/);
  });

  it('the same under an exact comparison (library, rtol = atol = 0): their 275 K is T_R exactly, and named so', () => {
    const cfg = config(JSON.parse(readFileSync(f('benzene-vp/config.json'), 'utf8')));
    const text = readFileSync(f('benzene-vp/bug-tp-at-TR.gamma-sweep.csv'), 'utf8');
    const r = compareTexts(cfg, { 'bug-tp-at-TR.gamma-sweep.csv': text }, { tolerance: { rtol: 0, atol: 0 } });
    expect(r.summary.pass).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'vp-temperature')?.message).toMatch(/your VP P is held at 275 K \(= T_R\)/);
  });

  it('transposed transmissions (visible with a complex H)', async () => {
    const { code, report } = await compareJson([f('complex-thermal/config.json'), f('complex-thermal/bug-transposed.transmission.json')]);
    expect(code).toBe(1);
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['greens-function', 'transposed-transmission']);
  });

  it('energies in joules under an eV header: bad input, exit 2, one line; --units energy=J makes it pass', async () => {
    const r = await runCli(['compare', f('benzene-vtp/config.json'), f('benzene-vtp/bug-energy-joule.transmission.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/column E: every \|value\| is below 1e-12 eV .* these look like joules; declare E\[J\] in the header or --units energy=J/);
    const ok = await runCli(['compare', f('benzene-vtp/config.json'), f('benzene-vtp/bug-energy-joule.transmission.csv'), '--units', 'energy=J']);
    expect(ok.code).toBe(0);
  });

  it('heat in eV/s under a [W] header: bad input naming the unit it is really in', async () => {
    const r = await runCli(['compare', f('benzene-vtp/config.json'), f('benzene-vtp/bug-heat-ev.sweep.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^probecheck: .*bug-heat-ev\.sweep\.csv: column heat_L\[W\]: the values are in eV\/s, not W \(annotated \[W\]\): read as eV\/s they match probecheck at every row; declare heat_L\[eV\/s\]/,
    );
  });
});

describe('the fixtures are reproducible from their generator', () => {
  const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('re-running generate.py gives the committed numbers (to 1e-12 relative)', () => {
    const out = mkdtempSync(join(tmpdir(), 'pc-fixtures-'));
    try {
      execFileSync('python3', [join(FIXTURES, 'generate.py'), '--out', out], { stdio: 'pipe' });
      const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
      const generated = files(out)
        .map((p) => relative(out, p))
        .sort();
      // peers/ has its own generator (test/compare/peers.test.ts)
      const committed = files(FIXTURES)
        .map((p) => relative(FIXTURES, p))
        .filter((p) => p !== 'generate.py' && p !== 'README.md' && !p.startsWith('peers/'))
        .sort();
      expect(generated).toEqual(committed);
      for (const rel of generated) {
        const a = numbersByFamily(join(out, rel)),
          b = numbersByFamily(join(FIXTURES, rel));
        expect([...a.keys()].sort(), rel).toEqual([...b.keys()].sort());
        const magnitude = (fam: string) => Math.max(0, ...(a.get(fam) ?? []).map(Math.abs), ...(b.get(fam) ?? []).map(Math.abs));
        for (const [fam, xs] of a) {
          const ys = b.get(fam)!;
          expect(xs.length, `${rel} ${fam}`).toBe(ys.length);
          // Rounding noise (a VTP's particle current, L^(1) at particle-hole symmetry) may differ
          // between BLAS builds: compare against the family's magnitude, and L^(1) against its
          // natural scale √(L^(0) L^(2)) (docs/physics.md §3: at particle–hole symmetry the whole
          // L^(1) family is rounding noise, ~1e-21 of a natural scale of ~1e-4), and particle
          // currents against heat/(k_B T) (in a thermal circuit every particle current is rounding
          // noise, ~1e-16 of J^Q/k_BT; with heat in W the floor is only smaller, i.e. stricter).
          const kT = K_B_EV * Math.max(magnitude('T'), magnitude('T_L'), 1);
          const floor = fam === 'L1' ? Math.sqrt(magnitude('L0') * magnitude('L2')) : fam === 'particle' ? magnitude('heat') / kT : 0;
          const scale = Math.max(magnitude(fam), floor);
          xs.forEach((x, i) => {
            if (Math.abs(x - ys[i]) > 1e-10 * scale) throw new Error(`${rel}: ${fam}[${i}] differs: ${x} vs ${ys[i]}`);
          });
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
