/**
 * Transmission: the channel-space Dyson engine against direct N × N inversion (random Hermitian H,
 * complex too, random PSD couplings), exact cases (Breit–Wigner, the benzene meta node, an energy
 * exactly on an eigenvalue of H) and the physics identities Σ_β T_αβ = Σ_β T_βα (current
 * conservation) and T_αβ(H) = T_βα(H*) (reciprocity, B → −B).
 * Tolerance: relative to max_αβ T_αβ, the larger of 1e-10 and the forward-error bound of a
 * linear solve, 1e3 · N ε ‖H‖_F ‖G(E)‖_F (a weakly coupled mode near E makes ‖G‖ large and T
 * genuinely ill-conditioned; two correct methods may then differ by that much).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { transmissionEngine, transmissionDirect } from '../../src/numeric/transmission.js';
import { poleExpansion, transmissionFromPoles } from '../../src/numeric/poles.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene, chain, grapheneFlake, conjugateHamiltonian, ring } from '../../src/numeric/hamiltonian.js';
import { cmatrix, cinverse, cfrobenius, EPS, type CMatrix } from '../../src/numeric/linalg.js';
import type { Coupling } from '../../src/numeric/coupling.js';

/** Relative tolerance for T(E): max(1e-10, 1e3 N ε ‖H‖_F ‖G(E)‖_F), see the module comment. */
function relTol(h: CMatrix, cs: readonly Coupling[], e: number): number {
  const N = h.rows;
  const a = cmatrix(N, N);
  for (let i = 0; i < N * N; i++) {
    a.re[i] = -h.re[i];
    a.im[i] = -h.im[i];
  }
  for (let i = 0; i < N; i++) a.re[i * N + i] += e;
  for (const c of cs)
    for (let i = 0; i < N * N; i++) {
      a.re[i] -= 0.5 * c.gamma.im[i];
      a.im[i] += 0.5 * c.gamma.re[i];
    }
  return Math.max(1e-10, 1e3 * N * EPS * cfrobenius(h) * cfrobenius(cinverse(a)));
}
import { systemArb, describeSystem, uniform } from '../arbitraries.js';

const energyArb = uniform(-8, 8);

function maxOf(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

describe('transmission engine', () => {
  it('equals direct inversion for random systems (complex H, PSD couplings)', () => {
    fc.assert(
      fc.property(systemArb(), fc.array(energyArb, { minLength: 1, maxLength: 5 }), (s, energies) => {
        const eng = transmissionEngine(s.h, s.couplings);
        const n = s.couplings.length;
        const out = new Float64Array(n * n);
        for (const e of energies) {
          eng.evaluate(e, out);
          const ref = transmissionDirect(s.h, s.couplings, e);
          const tol = relTol(s.h, s.couplings, e) * Math.max(maxOf(ref), 1e-12);
          for (let i = 0; i < n * n; i++) {
            if (!(Math.abs(out[i] - ref[i]) <= tol)) throw new Error(`${describeSystem(s)} E=${e} entry ${i}: ${out[i]} vs ${ref[i]}`);
          }
        }
      }),
    );
  });

  it('the pole expansion reproduces the same T(E) (closed-form route)', () => {
    fc.assert(
      fc.property(systemArb(), fc.array(energyArb, { minLength: 1, maxLength: 5 }), (s, energies) => {
        const p = poleExpansion(s.h, s.couplings);
        const n = s.couplings.length;
        const out = new Float64Array(n * n);
        for (const e of energies) {
          transmissionFromPoles(p, e, out);
          const ref = transmissionDirect(s.h, s.couplings, e);
          // pole sums lose κ·ε (eigenvalue condition κ of H_eff)
          const tol = relTol(s.h, s.couplings, e) * Math.max(1, p.maxCondition ** 2) * Math.max(maxOf(ref), 1e-12); // residues: ~κ²ε
          for (let i = 0; i < n * n; i++) {
            if (!(Math.abs(out[i] - ref[i]) <= tol)) throw new Error(`${describeSystem(s)} κ=${p.maxCondition} E=${e} entry ${i}: ${out[i]} vs ${ref[i]}`);
          }
        }
      }),
    );
  });

  it('conserves current: Σ_β T_αβ = Σ_β T_βα, and T_αβ(H) = T_βα(H*) (reciprocity)', () => {
    fc.assert(
      fc.property(systemArb(), energyArb, (s, e) => {
        const n = s.couplings.length;
        const t = new Float64Array(n * n),
          tc = new Float64Array(n * n);
        transmissionEngine(s.h, s.couplings).evaluate(e, t);
        // couplings are Hermitian; for H* the couplings must be conjugated too (full time reversal)
        const conjC = s.couplings.map((c) => ({
          gamma: { ...c.gamma, im: c.gamma.im.map((v) => -v) },
          channels: { ...c.channels, im: c.channels.im.map((v) => -v) },
        }));
        transmissionEngine(conjugateHamiltonian(s.h), conjC).evaluate(e, tc);
        const tol = relTol(s.h, s.couplings, e) * Math.max(maxOf(t), 1e-12);
        for (let a = 0; a < n; a++) {
          let row = 0,
            col = 0;
          for (let b = 0; b < n; b++) {
            row += t[a * n + b];
            col += t[b * n + a];
          }
          expect(Math.abs(row - col)).toBeLessThanOrEqual(tol * n);
          for (let b = 0; b < n; b++) expect(Math.abs(t[a * n + b] - tc[b * n + a])).toBeLessThanOrEqual(tol);
        }
        // time-reversal symmetric only when H and every Γ are real
        const realCouplings = s.couplings.every((c) => c.gamma.im.every((v) => v === 0));
        if (s.real && realCouplings)
          for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) expect(Math.abs(t[a * n + b] - t[b * n + a])).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it('a ring threaded by flux breaks T_αβ = T_βα for three terminals but keeps reciprocity', () => {
    const h = ring(5, -1, 0, 0.17);
    const cs = [localCoupling(5, [0], 0.3), localCoupling(5, [2], 0.3), localCoupling(5, [3], 0.3)];
    const t = new Float64Array(9);
    transmissionEngine(h, cs).evaluate(0.4, t);
    expect(Math.abs(t[1] - t[3])).toBeGreaterThan(1e-3 * t[1]); // T_LR ≠ T_RL with B ≠ 0
    const tc = new Float64Array(9);
    transmissionEngine(conjugateHamiltonian(h), cs).evaluate(0.4, tc);
    expect(Math.abs(t[1] - tc[3])).toBeLessThanOrEqual(1e-12 * t[1]);
  });
});

describe('exact cases', () => {
  it('single level: Breit–Wigner T(E) = Γ_L Γ_R / ((E − ε)² + (Γ_L + Γ_R)²/4)', () => {
    fc.assert(
      fc.property(uniform(-2, 2), uniform(1e-3, 2), uniform(1e-3, 2), energyArb, (eps, gl, gr, e) => {
        const h = cmatrix(1, 1);
        h.re[0] = eps;
        const t = new Float64Array(4);
        transmissionEngine(h, [localCoupling(1, [0], gl), localCoupling(1, [0], gr)]).evaluate(e, t);
        const exact = (gl * gr) / ((e - eps) ** 2 + (gl + gr) ** 2 / 4);
        expect(Math.abs(t[1] - exact)).toBeLessThanOrEqual(1e-13 * exact);
        expect(Math.abs(t[2] - exact)).toBeLessThanOrEqual(1e-13 * exact);
      }),
    );
  });

  it('meta-benzene has a transmission node at E = ε0 when coherent, lifted by a probe', () => {
    for (const eps0 of [0, 0.37, -1.2]) {
      const h = benzene(-2.64, eps0);
      const t = new Float64Array(4);
      transmissionEngine(h, [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5)]).evaluate(eps0, t);
      // exact zero up to rounding of O(ε²) in |G_13|²: the scale of T near the node is 1e-4
      expect(t[1]).toBeLessThanOrEqual(1e-28);
      const t3 = new Float64Array(9);
      transmissionEngine(h, [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5), localCoupling(6, [3], 0.1)]).evaluate(eps0, t3);
      // The probe's self-energy (para to L, ortho to R) makes G_LR(ε0) ≠ 0 by Dyson
      // (G_02 = G⁰_02 − G⁰_03 Σ_P G_32 with G⁰_02(ε0) = 0), and opens the path L → P → R.
      expect(t3[1]).toBeGreaterThan(1e-8);
      expect(t3[2]).toBeGreaterThan(1e-4);
      expect(t3[5]).toBeGreaterThan(1e-4);
      // quadratic node: T_LR(ε0 + δ) ∝ δ²
      const a = new Float64Array(4),
        b = new Float64Array(4);
      const eng = transmissionEngine(h, [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5)]);
      eng.evaluate(eps0 + 1e-3, a);
      eng.evaluate(eps0 + 2e-3, b);
      expect(b[1] / a[1]).toBeCloseTo(4, 3);
    }
  });

  it('stays finite and exact when E hits an eigenvalue of H exactly (odd chain zero mode, graphene E = 0)', () => {
    for (const h of [chain(7, -1), grapheneFlake(4, 5), benzene(-2.64)]) {
      const N = h.rows;
      const cs = [localCoupling(N, [0], 0.2), localCoupling(N, [N - 1], 0.2), localCoupling(N, [Math.floor(N / 2)], 0.05)];
      const eng = transmissionEngine(h, cs);
      const t = new Float64Array(9);
      for (const e of [0, ...Array.from(eng.levels)]) {
        eng.evaluate(e, t);
        const ref = transmissionDirect(h, cs, e);
        for (let i = 0; i < 9; i++) {
          expect(Number.isFinite(t[i])).toBe(true);
          expect(Math.abs(t[i] - ref[i])).toBeLessThanOrEqual(1e-10 * Math.max(maxOf(ref), 1e-12));
        }
      }
    }
  });

  it('test terminals (γ → 0) give the first-order coefficient ∂T_Pβ/∂γ', () => {
    const h = benzene(-2.64);
    const unit = localCoupling(6, [3], 1);
    const lead = [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.25)];
    const eng = transmissionEngine(h, [...lead, unit], { inSelfEnergy: [true, true, false] });
    const t = new Float64Array(9),
      ts = new Float64Array(9);
    const g = 1e-7;
    const engSmall = transmissionEngine(h, [...lead, localCoupling(6, [3], g)]);
    for (const e of [-1, 0, 0.3, 2]) {
      eng.evaluate(e, t);
      engSmall.evaluate(e, ts);
      // T_Pβ(γ) = γ ∂T/∂γ + O(γ²): relative difference O(γ ‖G‖) ~ 1e-6
      for (const ab of [2, 5, 6, 7]) expect(Math.abs(ts[ab] / g - t[ab])).toBeLessThanOrEqual(1e-5 * t[ab]);
    }
  });
});
