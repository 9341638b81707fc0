/**
 * The zero modes of a pristine graphene flake in the thermometer map (docs/physics.md §15, "zero
 * modes"): the 25 × 40 flake of the benchmark has eight window levels within 2.5 × 10⁻⁷ eV of E = 0
 * (four chiral pairs ±2.48 × 10⁻⁷, ±7.59 × 10⁻¹¹, ±2.64 × 10⁻¹⁶, ±3.43 × 10⁻²⁸ eV) with widths
 * 10⁻¹⁵ … 10⁻⁵⁵ eV. Checked against an independent high-precision route (mpmath, 90 digits; the
 * fixture's `about` says how it was made):
 *  - the two pairs whose splitting is far above rounding (ε‖K‖ ≈ 2 × 10⁻¹⁵ eV) are refined and
 *    subtracted: their widths are rounding-free although far below ε‖K‖ (the componentwise rounding
 *    of the eigenvector), and the sites they alone flagged before are now converged and agree with
 *    the reference;
 *  - the two lower pairs (splitting at or below rounding: their split between L and R is not fixed
 *    by H in double precision) stay flagged wherever their weight exceeds the tolerance, and the flag
 *    is honest: the reported error bounds the true one.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.js';
import { mapFlagSummary, probeMap } from '../../src/analysis/map.js';
import { thermometerRows } from '../../src/analysis/thermometer.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { conjugateColumns, refineWindowPoles, sparseNormInf } from '../../src/numeric/poleSubtraction.js';
import { sparseSolver } from '../../src/numeric/sparse.js';
import { effectiveHamiltonian, sparseLevels, SPARSE_WINDOW } from '../../src/numeric/sparseTransmission.js';
import { selfEnergyFlags, systemChannels, systemSparseHamiltonian } from '../../src/numeric/system.js';

interface Fixture {
  modes: Array<{ energy: number; width: number; pL: number }>;
  sites: Array<{ site: number; full: number[][]; resolved: number[][]; unresolved: number[][] }>;
  mustFlag: number[];
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/flakeZeroModes.json', import.meta.url), 'utf8'));

function flake(rows: number, cols: number) {
  const n = rows * cols;
  return parseConfig({
    hamiltonian: { model: 'graphene', rows, cols, hopping: -2.7 },
    reference: { mu: 0.3, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.301, T: 310 },
      { name: 'R', coupling: { sites: [n - 1], gamma: 0.5 }, mu: 0.3, T: 290 },
      { name: 'P', probe: 'VTP', coupling: { sites: [Math.floor(n / 2)], gamma: 0 } },
    ],
  });
}

const cfg = flake(25, 40);
const kT = K_B_EV * cfg.reference.temperature;

describe('thermometer map of a graphene flake: zero modes (docs/physics.md §15)', () => {
  it('refines the resolvable zero-mode pairs with rounding-free widths (against mpmath)', () => {
    const sys = cfg.system;
    const h = systemSparseHamiltonian(sys);
    const channels = systemChannels(sys);
    const K = effectiveHamiltonian(h, channels, selfEnergyFlags(sys));
    const solver = sparseSolver(K);
    const chans = [channels[0][0], channels[1][0]];
    const X = SPARSE_WINDOW + 1;
    const window: [number, number] = [0.3 - X * kT, 0.3 + X * kT];
    const set = refineWindowPoles(K, solver, sparseLevels(h, window[0], window[1], 1e-4), chans, { window });
    const cols = conjugateColumns(solver, set.poles, chans, h.n, sparseNormInf(K));
    // the reference pairs far above rounding: ±2.479e-7 and ±7.590e-11 eV
    const wanted = fixture.modes.filter((m) => Math.abs(m.energy) > 1e-12 && Math.abs(m.energy) < 1e-6);
    expect(wanted).toHaveLength(4);
    for (const m of wanted) {
      const k = set.poles.findIndex((q) => Math.abs(q.re - m.energy) < 1e-3 * Math.abs(m.energy));
      expect(k, `pole at ${m.energy} eV refined`).toBeGreaterThanOrEqual(0);
      const q = set.poles[k];
      // accepted for subtraction: width error (own estimate, rounding included) below 1e-2
      expect(cols.selfError[k]).toBeLessThan(1e-2);
      // Re λ: the reference's digits vs double; the estimated error (≥ 4ε‖K‖ ≈ 7e-15 eV) must cover it
      expect(Math.abs(q.re - m.energy)).toBeLessThanOrEqual(q.reError);
      // width 2|Im λ| = Σ_c |w_cᵀr|²: the componentwise argument (near partners equally small at the
      // lead sites) predicts δΓ/Γ ~ 1e-7 at most here (measured 5e-8 and 2e-10); the mpmath value has
      // 10 digits. Tolerance 1e-6 relative, and the code's own bound (selfError = δb/b) must cover it.
      const rel = Math.abs(-2 * q.im - m.width) / m.width;
      expect(rel).toBeLessThan(1e-6);
      expect(rel).toBeLessThanOrEqual(cols.selfError[k] + 1e-9);
    }
  });

  it('levels the Sturm counts cannot separate are refined as one block (16 × 120 flake: 18 at one point)', () => {
    // the zigzag edge of 120 columns carries more near-zero levels than MAX_CLUSTER = 16; the Sturm
    // bisection (to 1e-4 eV) reports 18 of them at one energy. Split into halves at that one point,
    // two blocks at the same shift chased the same subspace and neither converged (1 of 21 levels near 0
    // accepted, the map flagged 1194 of 1920 sites with 16 305 energies); as one block all converge.
    const rows = 16,
      cols = 120,
      n = rows * cols;
    const big = parseConfig({
      hamiltonian: { model: 'graphene', rows, cols, hopping: -2.7 },
      reference: { mu: 0.3, T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.301, T: 310 },
        { name: 'R', coupling: { sites: [n - 1], gamma: 0.5 }, mu: 0.3, T: 290 },
      ],
    });
    const h = systemSparseHamiltonian(big.system);
    const channels = systemChannels(big.system);
    const K = effectiveHamiltonian(h, channels, selfEnergyFlags(big.system));
    const X = SPARSE_WINDOW + 1;
    const window: [number, number] = [0.3 - X * kT, 0.3 + X * kT];
    const levels = sparseLevels(h, window[0], window[1], 1e-4);
    const near = (e: number) => Math.abs(e) < 1e-4;
    const atOnePoint = new Map<number, number>();
    for (const e of levels) if (near(e)) atOnePoint.set(e, (atOnePoint.get(e) ?? 0) + 1);
    expect(Math.max(...atOnePoint.values())).toBeGreaterThan(16);
    const set = refineWindowPoles(K, sparseSolver(K), levels, [channels[0][0], channels[1][0]], { window });
    const nearLevels = Array.from(levels).filter(near).length;
    // every near-zero level has a converged Ritz pair (accepted; a width-less one is refused later)
    expect(set.poles.filter((q) => near(q.re)).length).toBeGreaterThanOrEqual(nearLevels - 2);
  }, 60_000);

  it('map: resolvable-mode sites converge and agree with the reference; the rest stay flagged, honestly', () => {
    const index = cfg.system.terminals.findIndex((t) => t.name === 'P');
    const rows = thermometerRows(cfg.system, index, cfg.reference);
    const map = probeMap(cfg.system, cfg.reference, cfg.circuit, 'P');
    const q = map.quadrature!;
    expect(q.method).toBe('pole-subtraction');
    // every site where the omitted weight of the unresolvable pairs exceeds rtol (by the reference) is flagged
    const missed = fixture.mustFlag.filter((s) => !(q.siteError[s] > q.rtol));
    expect(missed).toEqual([]);
    // ...and the reason is reported: the unresolved poles are the two lower pairs (|E| < 1e-12 eV)
    expect(q.unresolved?.length).toBeGreaterThan(0);
    for (const u of q.unresolved!) expect(Math.abs(u.energy)).toBeLessThan(1e-12);
    expect(mapFlagSummary({ ...map, quadrature: { ...q, siteError: new Float64Array(q.siteError.length) } })).toBeUndefined();
    expect(mapFlagSummary(map)).toMatch(/^\d+ of 1000 sites .* 4 window poles at \|E\| = .* zero modes/);
    for (const ref of fixture.sites) {
      const o = rows.onsager(ref.site);
      const n = o.terminals;
      const L = [o.L0, o.L1, o.L2];
      const scale = Math.max(Math.abs(L[0][index * n]), Math.abs(L[0][index * n + 1]));
      let actualFull = 0,
        actualResolved = 0;
      for (let b = 0; b < 2; b++)
        for (let nu = 0; nu < 3; nu++) {
          const v = L[nu][index * n + b];
          const s0 = scale * kT ** nu;
          actualFull = Math.max(actualFull, Math.abs(v - ref.full[b][nu]) / s0);
          // the map without the unresolvable pairs vs the reference without them: the reference's own
          // error is the base quadrature's (~5e-10 of the row scale at these sites, ×4 margin) and the
          // interference of a narrow mode with the rest its per-mode formula omits (2b|R|/|u_s c| ≲ 1e-7
          // of the mode's part; measured 3e-9)
          const tol = 2e-9 * s0 + 1e-7 * Math.abs(ref.resolved[b][nu]);
          actualResolved = Math.max(actualResolved, Math.abs(v - (ref.full[b][nu] - ref.unresolved[b][nu])) / tol);
        }
      expect(actualResolved, `site ${ref.site}: map vs reference without the unresolvable pairs`).toBeLessThanOrEqual(1);
      // honest error: the reported site error bounds the true error against the full γ → 0 limit
      expect(actualFull, `site ${ref.site}: true error within the reported one`).toBeLessThanOrEqual(q.siteError[ref.site]);
      // a flagged site's number is really off by more than the tolerance (not a pessimistic flag)
      if (q.siteError[ref.site] > q.rtol) expect(actualFull).toBeGreaterThan(q.rtol);
    }
    // the flags: only where the unresolvable pairs reach (194 sites by the reference, 204 by the bound)
    const flagged = Array.from(q.siteError).filter((e) => !(e <= q.rtol)).length;
    expect(flagged).toBeLessThan(250);
  }, 60_000);
});
