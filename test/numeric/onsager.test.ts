/**
 * Onsager functions L^(ν)_αβ by the two independent routes — adaptive quadrature of the channel-
 * space transmission vs the closed form (poles + complex trigamma) — and both against mpmath
 * references (Breit–Wigner level, benzene junction).
 *
 * Scale of a coefficient (docs/physics.md §3, Cauchy–Schwarz L0 L2 ≥ L1²): s_0 = L0_αβ,
 * s_1 = √(L0_αβ L2_αβ), s_2 = L2_αβ, each floored at 1e-12 of the largest of its kind (pairs that
 * barely couple only need absolute accuracy). Agreement required: 1e-10 · s_ν (the issue's
 * target), multiplied by the eigenvalue condition κ of H_eff for the closed form (pole sums lose
 * κ·ε near exceptional points) and by the transmission's own forward-error bound.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm, onsagerQuadrature, worstRelativeError, type Onsager } from '../../src/numeric/onsager.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { cmatrix } from '../../src/numeric/linalg.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { prepareSystem, CLOSED_FORM_TARGET } from '../../src/numeric/system.js';
import { systemArb, describeSystem, temperatureArb, muArb, propertyRuns } from '../arbitraries.js';
import { reference } from '../fixtures/reference/load.js';

/** Natural scales s_ν of every coefficient (see the module comment). */
export function onsagerScales(o: Onsager): [Float64Array, Float64Array, Float64Array] {
  const nn = o.L0.length;
  const s0 = new Float64Array(nn),
    s1 = new Float64Array(nn),
    s2 = new Float64Array(nn);
  let m0 = 0,
    m2 = 0;
  for (let i = 0; i < nn; i++) {
    m0 = Math.max(m0, Math.abs(o.L0[i]));
    m2 = Math.max(m2, Math.abs(o.L2[i]));
  }
  for (let i = 0; i < nn; i++) {
    s0[i] = Math.max(Math.abs(o.L0[i]), 1e-12 * m0);
    s2[i] = Math.max(Math.abs(o.L2[i]), 1e-12 * m2);
    s1[i] = Math.sqrt(s0[i] * s2[i]);
  }
  return [s0, s1, s2];
}

function expectOnsagerClose(a: Onsager, b: Onsager, rtol: number, label: string): void {
  const scales = onsagerScales(b);
  (['L0', 'L1', 'L2'] as const).forEach((k, nu) => {
    for (let i = 0; i < a.L0.length; i++) {
      const d = Math.abs(a[k][i] - b[k][i]);
      if (!(d <= rtol * scales[nu][i]))
        throw new Error(`${label}: ${k}[${i}] = ${a[k][i]} vs ${b[k][i]} (|Δ|/scale = ${(d / scales[nu][i]).toExponential(2)} > ${rtol})`);
    }
  });
}

describe('closed form = quadrature', () => {
  it('for random systems (complex H, PSD couplings, T0 and μ0 random) to 1e-10 of the natural scale', () => {
    fc.assert(
      fc.property(systemArb({ maxN: 8 }), muArb, temperatureArb, (s, mu, T) => {
        const kT = K_B_EV * T;
        const p = poleExpansion(s.h, s.couplings);
        const eng = transmissionEngine(s.h, s.couplings);
        const resonances: Array<[number, number]> = [];
        for (let k = 0; k < p.poles; k++) resonances.push([p.lambdaRe[k], -2 * p.lambdaIm[k]]);
        const q = onsagerQuadrature(eng, mu, kT, { resonances, rtol: 1e-12 });
        expect(q.converged).toBe(true);
        const c = onsagerClosedForm(p, mu, kT);
        expectOnsagerClose(c, q, 1e-10 * Math.max(1, p.maxCondition ** 2), `${describeSystem(s)} μ=${mu} T=${T} κ=${p.maxCondition.toExponential(2)}`);
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('for the benzene junction across μ0 (resonances, node, band edges)', () => {
    const sys = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead' as const, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead' as const, coupling: localCoupling(6, [2], 0.25) },
        { name: 'P', role: 'VTP' as const, coupling: localCoupling(6, [3], 0.05) },
      ],
    };
    const prep = prepareSystem(sys);
    for (const mu of [-6, -5.28, -3, -2.64, -1, 0, 1e-3, 0.5, 2.64, 4, 5.28]) {
      for (const T of [30, 300, 1000]) {
        const ref = { mu, temperature: T };
        expectOnsagerClose(prep.onsager(ref, 'closed-form'), prep.onsager(ref, 'quadrature'), 1e-10, `benzene μ=${mu} T=${T}`);
      }
    }
  });
});

describe('against mpmath', () => {
  it('Breit–Wigner level: L^(ν) both routes vs mpmath quadrature (30 digits)', () => {
    for (const r of reference.breitWigner) {
      const h = cmatrix(1, 1);
      h.re[0] = r.eps;
      const cs = [localCoupling(1, [0], r.gammaL), localCoupling(1, [0], r.gammaR)];
      const kT = K_B_EV * r.T;
      const c = onsagerClosedForm(poleExpansion(h, cs), r.mu, kT);
      const q = onsagerQuadrature(transmissionEngine(h, cs), r.mu, kT, { resonances: [[r.eps, r.gammaL + r.gammaR]] });
      const ref: Onsager = {
        terminals: 2,
        L0: Float64Array.from([0, r.L[0], r.L[0], 0]),
        L1: Float64Array.from([0, r.L[1], r.L[1], 0]),
        L2: Float64Array.from([0, r.L[2], r.L[2], 0]),
      };
      expectOnsagerClose(c, ref, 1e-12, `BW closed form ${JSON.stringify(r)}`);
      expectOnsagerClose(q, ref, 1e-11, `BW quadrature ${JSON.stringify(r)}`);
    }
  });

  it('benzene junction (t = −2.64 eV, L/R/P on sites 0/2/3): both routes vs mpmath', () => {
    for (const r of reference.benzene) {
      const cs = [localCoupling(6, [0], r.gammas[0]), localCoupling(6, [2], r.gammas[1]), localCoupling(6, [3], r.gammas[2])];
      const h = benzene(-2.64);
      const kT = K_B_EV * r.T;
      const c = onsagerClosedForm(poleExpansion(h, cs), r.mu, kT);
      const ref: Onsager = { terminals: 3, L0: new Float64Array(9), L1: new Float64Array(9), L2: new Float64Array(9) };
      for (const [key, L] of Object.entries(r.pairs)) {
        const a = Number(key[0]),
          b = Number(key[1]);
        for (const [ab, ba] of [[a * 3 + b, b * 3 + a]]) {
          ref.L0[ab] = ref.L0[ba] = L[0];
          ref.L1[ab] = ref.L1[ba] = L[1];
          ref.L2[ab] = ref.L2[ba] = L[2];
        }
      }
      expectOnsagerClose(c, ref, 1e-11, `benzene closed form γ=${r.gammas} μ=${r.mu}`);
    }
  });
});

describe('near an exceptional point of H_eff', () => {
  it('the closed form hands over to quadrature when κ > 300 (residue error ~κ²ε), and both stay accurate', () => {
    // Dimer H = [[0, t], [t, 0]] with both leads on site 1 (Γ_L = Γ_R = γ/2): H_eff = [[0, t], [t, −iγ/2]]
    // is defective at γ = 4t. Close to it, κ ~ |γ − 4t|^(−1/2).
    const t = 0.3;
    for (const rel of [1e-2, 1e-6, 1e-12, 1e-15]) {
      const gamma = 4 * t * (1 + rel);
      const h = cmatrix(2, 2);
      h.re[1] = h.re[2] = t;
      const sys = {
        hamiltonian: h,
        terminals: [
          { name: 'L', role: 'lead' as const, coupling: localCoupling(2, [1], gamma / 2) },
          { name: 'R', role: 'lead' as const, coupling: localCoupling(2, [1], gamma / 2) },
        ],
      };
      const prep = prepareSystem(sys);
      const ref = { mu: 0.05, temperature: 300 };
      const auto = prep.onsager(ref, 'closed-form');
      const quad = prep.onsager(ref, 'quadrature');
      // closed form only when κ ≤ 300 and its own error estimate (which grows as κ²ε) meets the target
      const p = prep.poles();
      const t0 = new Float64Array(4);
      prep.engine().evaluate(ref.mu, t0);
      const cf = onsagerClosedForm(p, ref.mu, K_B_EV * ref.temperature, t0);
      expect(auto.method).toBe(p.maxCondition > 300 || worstRelativeError(cf) > CLOSED_FORM_TARGET ? 'quadrature' : 'closed-form');
      // κ²ε ≤ 2e-11 for the closed form when it is used
      expectOnsagerClose(auto, quad, 1e-9, `EP dimer rel=${rel} κ=${prep.poles().maxCondition.toExponential(2)}`);
    }
  });
});
