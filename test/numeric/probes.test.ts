/**
 * Probes as Schur complements and the circuits built on them (docs/physics.md §3–§5), as properties of
 * random systems: sum rules, Onsager symmetry / reciprocity, −M ⪰ 0, Ṡ ≥ 0, Ṡ_VP ≥ Ṡ_VTP, vanishing
 * probe currents, the quotient property of Schur complements, the exact VP–VTP relations, the
 * coherent limit γ → 0, and the flat-probe symmetry VP ≡ VTP.
 *
 * Tolerances are relative to the natural size of each quantity: for matrix identities, 1e-12 ·
 * max|M| (a handful of flops on O(1)-conditioned data; the Schur solves see cond(M_UU) ≤ 1e4 here),
 * for currents 1e-10 · the largest current magnitude of that kind in the circuit.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm, onsagerMatrix, type Onsager } from '../../src/numeric/onsager.js';
import { schurEliminate } from '../../src/numeric/probes.js';
import { solveCircuit, type TerminalState, type CircuitResult } from '../../src/numeric/circuit.js';
import { hermitianEigen, type CMatrix } from '../../src/numeric/linalg.js';
import { localCoupling, type Coupling } from '../../src/numeric/coupling.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { solveSystem, type TransportSystem } from '../../src/numeric/system.js';
import { K_B_EV, E_CHARGE, H_EV_S } from '../../src/numeric/constants.js';
import { systemArb, uniform, describeSystem, type RandomSystem } from '../arbitraries.js';

const T0 = 300;
const kT0 = K_B_EV * T0;

function onsagerOf(s: RandomSystem, mu = 0.1): Onsager {
  return onsagerClosedForm(poleExpansion(s.h, s.couplings), mu, kT0);
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Rows and columns of each ν-block of a matrix over variables (μ_1..μ_k, T_1..T_k) sum to zero. */
function expectSumRules(M: Float64Array, vars: readonly number[], n: number, tol: number, label: string): void {
  const m = vars.length;
  const kinds = vars.map((v) => (v < n ? 0 : 1));
  for (let i = 0; i < m; i++) {
    for (const kind of [0, 1]) {
      let row = 0,
        col = 0;
      for (let j = 0; j < m; j++)
        if (kinds[j] === kind) {
          row += M[i * m + j];
          col += M[j * m + i];
        }
      if (!(Math.abs(row) <= tol && Math.abs(col) <= tol)) throw new Error(`${label}: sum rule broken at var ${vars[i]} (row ${row}, col ${col}, tol ${tol})`);
    }
  }
}

function isTimeReversalSymmetric(s: RandomSystem): boolean {
  return s.real && s.couplings.every((c) => c.gamma.im.every((v) => v === 0));
}

describe('Onsager matrix', () => {
  it('obeys the sum rules, −M ⪰ 0 and L0 L2 ≥ L1² (random systems)', () => {
    fc.assert(
      fc.property(systemArb(), uniform(-2, 2), (s, mu) => {
        const o = onsagerOf(s, mu);
        const n = o.terminals;
        const M = onsagerMatrix(o);
        const tol = 1e-12 * maxAbs(M);
        expectSumRules(
          M,
          Array.from({ length: 2 * n }, (_, i) => i),
          n,
          tol,
          describeSystem(s),
        );
        // −(M + Mᵀ)/2 ⪰ 0
        const m = 2 * n;
        const sym = { rows: m, cols: m, re: new Float64Array(m * m), im: new Float64Array(m * m) } as CMatrix;
        for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sym.re[i * m + j] = -(M[i * m + j] + M[j * m + i]) / 2;
        const ev = hermitianEigen(sym).values;
        expect(ev[0]).toBeGreaterThanOrEqual(-1e-12 * maxAbs(M));
        for (let ab = 0; ab < n * n; ab++) expect(o.L0[ab] * o.L2[ab] - o.L1[ab] ** 2).toBeGreaterThanOrEqual(-1e-12 * Math.abs(o.L0[ab] * o.L2[ab]));
      }),
    );
  });

  it('is symmetric with time-reversal symmetry, and M(H, Γ) = M(H*, Γ*)ᵀ always (Onsager–Casimir)', () => {
    fc.assert(
      fc.property(systemArb(), (s) => {
        const M = onsagerMatrix(onsagerOf(s));
        const conj: RandomSystem = {
          h: { ...s.h, im: s.h.im.map((v) => -v) },
          couplings: s.couplings.map(
            (c): Coupling => ({ gamma: { ...c.gamma, im: c.gamma.im.map((v) => -v) }, channels: { ...c.channels, im: c.channels.im.map((v) => -v) } }),
          ),
          real: s.real,
        };
        const Mc = onsagerMatrix(onsagerOf(conj));
        const m = Math.sqrt(M.length);
        const tol = 1e-11 * maxAbs(M);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < m; j++) {
            expect(Math.abs(M[i * m + j] - Mc[j * m + i])).toBeLessThanOrEqual(tol);
            if (isTimeReversalSymmetric(s)) expect(Math.abs(M[i * m + j] - M[j * m + i])).toBeLessThanOrEqual(tol);
          }
      }),
    );
  });
});

/** Unknown variable indices for probes: VP → μ_P; VTP → μ_P and T_P. */
function probeUnknowns(n: number, probes: ReadonlyArray<[number, 'VP' | 'VTP']>): number[] {
  const u: number[] = [];
  for (const [p, kind] of probes) {
    u.push(p);
    if (kind === 'VTP') u.push(n + p);
  }
  return u.sort((a, b) => a - b);
}

describe('Schur complement (probe elimination)', () => {
  const probeKinds = fc.array(fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), { minLength: 1, maxLength: 3 });
  it('keeps sum rules and symmetry (Eq. 12) for any mix of VP/VTP probes', () => {
    fc.assert(
      fc.property(systemArb({ minTerminals: 3, maxTerminals: 5 }), probeKinds, (s, kinds) => {
        const o = onsagerOf(s);
        const n = o.terminals;
        const probes = kinds.slice(0, n - 2).map((k, i) => [2 + i, k] as [number, 'VP' | 'VTP']);
        const M = onsagerMatrix(o);
        const r = schurEliminate(M, 2 * n, probeUnknowns(n, probes));
        expectSumRules(r.effective, r.free, n, 1e-10 * maxAbs(M), describeSystem(s));
        if (isTimeReversalSymmetric(s)) {
          const f = r.free.length;
          for (let i = 0; i < f; i++)
            for (let j = 0; j < f; j++) expect(Math.abs(r.effective[i * f + j] - r.effective[j * f + i])).toBeLessThanOrEqual(1e-10 * maxAbs(M));
        }
      }),
    );
  });

  it('eliminating probes one at a time equals all at once (quotient property)', () => {
    fc.assert(
      fc.property(systemArb({ minTerminals: 4, maxTerminals: 5 }), probeKinds, (s, kinds) => {
        const o = onsagerOf(s);
        const n = o.terminals;
        const probes = kinds.slice(0, n - 2).map((k, i) => [2 + i, k] as [number, 'VP' | 'VTP']);
        const M = onsagerMatrix(o);
        const all = schurEliminate(M, 2 * n, probeUnknowns(n, probes));
        // one at a time: eliminate the first probe, then the rest inside the reduced matrix
        let cur = M,
          vars = Array.from({ length: 2 * n }, (_, i) => i);
        for (const pr of probes) {
          const local = probeUnknowns(n, [pr]).map((v) => vars.indexOf(v));
          const step = schurEliminate(cur, vars.length, local);
          vars = step.free.map((i) => vars[i]);
          cur = step.effective;
        }
        expect(vars).toEqual(all.free);
        const tol = 1e-10 * maxAbs(M);
        for (let i = 0; i < cur.length; i++) expect(Math.abs(cur[i] - all.effective[i])).toBeLessThanOrEqual(tol);
      }),
    );
  });
});

/** A circuit on a random system: leads 0, 1 (random biases), probes 2.. of the given kinds. */
function randomCircuit(s: RandomSystem, kinds: ReadonlyArray<'VP' | 'VTP'>, bias: readonly number[]): TerminalState[] {
  const n = s.couplings.length;
  return Array.from({ length: n }, (_, a): TerminalState => {
    if (a < 2) return { name: `lead${a}`, role: 'lead', mu: 0.1 + bias[a] * 0.01, temperature: T0 * (1 + 0.1 * bias[2 + a]) };
    const kind = kinds[(a - 2) % kinds.length];
    return kind === 'VP' ? { name: `p${a}`, role: 'VP', temperature: T0 * (1 + 0.05 * bias[4 + (a % 2)]) } : { name: `p${a}`, role: 'VTP' };
  });
}

const biasArb = fc.array(uniform(-1, 1), { minLength: 6, maxLength: 6 });
const kindsArb = fc.array(fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), { minLength: 1, maxLength: 3 });

describe('circuits', () => {
  it('probe currents vanish (J^N for every probe, J^Q for VTPs) and Ṡ ≥ 0', () => {
    fc.assert(
      fc.property(systemArb(), kindsArb, biasArb, fc.constantFrom<'electronic' | 'thermal'>('electronic', 'thermal'), (s, kinds, bias, kind) => {
        const o = onsagerOf(s);
        const terms = randomCircuit(s, kinds, bias);
        const r = solveCircuit(o, terms, { mu: 0.1, temperature: T0 }, kind);
        // Natural scales: the largest single term |M_ij x_j| of the particle and heat rows (a current
        // that vanishes by construction is only zero relative to the terms that cancel in it).
        const n = o.terminals,
          m = 2 * n;
        const x = Array.from({ length: m }, (_, i) => (i < n ? r.mu[i] - 0.1 : r.temperature[i - n] / T0 - 1));
        let termN = 0,
          termQ = 0;
        for (let i = 0; i < m; i++)
          for (let j = 0; j < m; j++) {
            const v = Math.abs(r.matrix[i * m + j] * x[j]);
            if (i < n) termN = Math.max(termN, v);
            else termQ = Math.max(termQ, v);
          }
        const jn = termN / H_EV_S,
          jq = (termQ / H_EV_S) * E_CHARGE;
        terms.forEach((t, a) => {
          if (t.role !== 'lead' || kind === 'thermal') expect(Math.abs(r.particleCurrent[a])).toBeLessThanOrEqual(1e-10 * jn + 1e-300);
          if (t.role === 'VTP') expect(Math.abs(r.heatCurrent[a])).toBeLessThanOrEqual(1e-10 * jq + 1e-300);
        });
        // Σ J^N = 0 (particle conservation); Ṡ ≥ 0 (second law; −M ⪰ 0)
        let sum = 0;
        for (const v of r.particleCurrent) sum += v;
        expect(Math.abs(sum)).toBeLessThanOrEqual(1e-10 * jn + 1e-300);
        const scale = (jq * 0.1) / T0 + (jn * E_CHARGE * 0.01) / T0; // |J^Q ΔT/T0²| + |Δμ J^N/T0|
        expect(r.entropyProduction).toBeGreaterThanOrEqual(-1e-10 * scale);
      }),
    );
  });

  it('exact VP–VTP relations (docs/physics.md §5): T_P shift, current shifts, μ_P shift, Ṡ_VP − Ṡ_VTP', () => {
    fc.assert(
      fc.property(
        systemArb({ minTerminals: 3, maxTerminals: 3, realOnly: true }).filter((s) => isTimeReversalSymmetric(s)),
        biasArb,
        fc.constantFrom<'electronic' | 'thermal'>('electronic', 'thermal'),
        (s, bias, kind) => {
          const o = onsagerOf(s);
          const n = 3,
            P = 2;
          const leads = randomCircuit(s, ['VP'], bias).slice(0, 2);
          const TP = T0 * (1 + 0.05 * bias[4]);
          const vp = solveCircuit(o, [...leads, { name: 'P', role: 'VP', temperature: TP }], { mu: 0.1, temperature: T0 }, kind);
          const vtp = solveCircuit(o, [...leads, { name: 'P', role: 'VTP' }], { mu: 0.1, temperature: T0 }, kind);
          // VP-effective matrix: index of (Q,P)/(T,P) among the free variables
          const f = vp.schur.free.length;
          const tP = vp.schur.free.indexOf(n + P);
          const Mtt = vp.schur.effective[tP * f + tP];
          const JQP = vp.heatCurrent[P]; // W
          // T_P^VTP − T_P^VP = −T0 h J^Q_P,VP / M̃_{(Q,P),(T,P)}  (h J in eV²: J[W]/e · h)
          const hJQ = (JQP / E_CHARGE) * H_EV_S;
          const dT = (-T0 * hJQ) / Mtt;
          expect(Math.abs(vtp.temperature[P] - vp.temperature[P] - dT)).toBeLessThanOrEqual(1e-10 * Math.max(Math.abs(dT), 1e-6 * T0 * 0.1));
          // J^ν_α,VTP − J^ν_α,VP = −[M̃_{(ν,α),(T,P)} / M̃_{(Q,P),(T,P)}] J^Q_P,VP for every free row
          vp.schur.free.forEach((v, i) => {
            const ratio = vp.schur.effective[i * f + tP] / Mtt;
            const isHeat = v >= n;
            const a = v % n;
            const jVp = isHeat ? vp.heatCurrent[a] : vp.particleCurrent[a] * E_CHARGE; // both in W-like units (eV/s·e)
            const jVtp = isHeat ? vtp.heatCurrent[a] : vtp.particleCurrent[a] * E_CHARGE;
            const scale = maxAbs(vp.heatCurrent) + maxAbs(vp.particleCurrent) * E_CHARGE;
            expect(Math.abs(jVtp - jVp + ratio * JQP)).toBeLessThanOrEqual(1e-10 * scale);
          });
          // μ_P^VP − μ_P^VTP = −(Σ_β L1_Pβ / Σ_β L0_Pβ)(T_P^VP − T_P^VTP)/T0  (electronic circuit; in the
          // thermal circuit the leads' μ move too, so only the electronic form is exact as stated)
          if (kind === 'electronic') {
            let s0 = 0,
              s1 = 0;
            for (let b = 0; b < n; b++)
              if (b !== P) {
                s0 += o.L0[P * n + b];
                s1 += o.L1[P * n + b];
              }
            const dMu = (-(s1 / s0) * (vp.temperature[P] - vtp.temperature[P])) / T0;
            // tolerance: 1e-10 of the shift, plus the rounding of the operands — μ_P is absolute
            // (μ0 + x_P), so each carries ε|μ_P|, and their difference cannot be better than that
            const rounding = 4 * Number.EPSILON * (Math.abs(vp.mu[P]) + Math.abs(vtp.mu[P]));
            expect(Math.abs(vp.mu[P] - vtp.mu[P] - dMu)).toBeLessThanOrEqual(1e-10 * Math.abs(dMu) + rounding);
          }
          // Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP)/T0² ≥ 0
          const excess = (JQP * (vtp.temperature[P] - vp.temperature[P])) / (T0 * T0);
          expect(excess).toBeGreaterThanOrEqual(0);
          expect(Math.abs(vp.entropyProduction - vtp.entropyProduction - excess)).toBeLessThanOrEqual(1e-10 * Math.max(vp.entropyProduction, 1e-300));
        },
      ),
    );
  });
});

/** The paper's junction (docs/physics.md §7) with a probe of width γ on `probeSites`. */
function junction(
  gammaL: number,
  gammaR: number,
  gammaP: number,
  probeSites: number[],
  role: 'VP' | 'VTP',
  TL: number,
  TR: number,
  dV = 0.01,
  test = false,
): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', mu: dV / 2, temperature: TL, coupling: localCoupling(6, [0], gammaL) },
      { name: 'R', role: 'lead', mu: -dV / 2, temperature: TR, coupling: localCoupling(6, [2], gammaR) },
      { name: 'P', role, temperature: role === 'VP' ? T0 : undefined, coupling: localCoupling(6, probeSites, gammaP), test },
    ],
  };
}

/** Lead currents agree to rtol of their magnitude; in a thermal circuit (no charge currents) the μ's instead. */
function currentsClose(a: CircuitResult, b: CircuitResult, rtol: number): void {
  const sq = maxAbs(a.heatCurrent),
    sn = maxAbs(a.chargeCurrent);
  for (let i = 0; i < 2; i++) {
    expect(Math.abs(a.heatCurrent[i] - b.heatCurrent[i])).toBeLessThanOrEqual(rtol * sq);
    if (a.kind === 'electronic') expect(Math.abs(a.chargeCurrent[i] - b.chargeCurrent[i])).toBeLessThanOrEqual(rtol * sn);
    else
      expect(Math.abs(a.mu[i] - b.mu[i])).toBeLessThanOrEqual(
        rtol * Math.max(maxAbs(a.mu.map((v) => v - a.reference.mu)), 1e-300) + 1e-15 * Math.abs(a.reference.mu),
      );
  }
}

describe('limits and symmetries of the benzene junction', () => {
  it('γ → 0 recovers the coherent two-terminal result, and the γ = 0 probe gives its limiting μ_P, T_P', () => {
    for (const mu0 of [-1, 0.02, 0.7]) {
      const ref = { mu: mu0, temperature: T0 };
      const two: TransportSystem = { hamiltonian: benzene(-2.64), terminals: junction(0.5, 0.25, 1, [3], 'VTP', 350, 275).terminals.slice(0, 2) };
      const coherent = solveSystem(two, ref, 'electronic').circuit;
      for (const kind of ['VP', 'VTP'] as const) {
        const zero = solveSystem(junction(0.5, 0.25, 1, [3], kind, 350, 275, 0.01, true), ref, 'electronic').circuit;
        const tiny = solveSystem(junction(0.5, 0.25, 1e-9, [3], kind, 350, 275), ref, 'electronic').circuit;
        const tiny10 = solveSystem(junction(0.5, 0.25, 1e-8, [3], kind, 350, 275), ref, 'electronic').circuit;
        currentsClose(zero, coherent, 1e-11); // two separate pole expansions: rounding only
        // The approach is linear in γ (first order in the probe's self-energy and its path), with
        // a coefficient that the node amplifies (~3e3/eV at μ0 ≈ 0): deviation(10γ) = 10 deviation(γ).
        const dev = (c: CircuitResult) => (c.heatCurrent[1] - coherent.heatCurrent[1]) / coherent.heatCurrent[1];
        expect(Math.abs(dev(tiny))).toBeLessThan(1e-5);
        expect(dev(tiny10) / dev(tiny)).toBeCloseTo(10, 2);
        expect(Math.abs(tiny.mu[2] - zero.mu[2])).toBeLessThanOrEqual(1e-6 * 0.01);
        expect(Math.abs(tiny.temperature[2] - zero.temperature[2])).toBeLessThanOrEqual(1e-6 * 75);
        expect(zero.heatCurrent[2]).toBe(0);
      }
    }
  });

  it('flat probe (Γ_P = γ·I), Γ_L = Γ_R and symmetric bias: J^Q_P,VP = 0 and VP ≡ VTP (Appendix C)', () => {
    for (const mu0 of [-2.5, -0.3, 0, 0.11, 1.7]) {
      for (const g of [0.01, 0.2, 1]) {
        const ref = { mu: mu0, temperature: T0 };
        const all = [0, 1, 2, 3, 4, 5];
        const vp = solveSystem(junction(0.5, 0.5, g, all, 'VP', 325, 275), ref, 'electronic').circuit;
        const vtp = solveSystem(junction(0.5, 0.5, g, all, 'VTP', 325, 275), ref, 'electronic').circuit;
        expect(Math.abs(vp.heatCurrent[2])).toBeLessThanOrEqual(1e-12 * maxAbs(vp.heatCurrent));
        currentsClose(vp, vtp, 1e-12);
        // and the thermal circuit too
        const vpT = solveSystem(junction(0.5, 0.5, g, all, 'VP', 325, 275), ref, 'thermal').circuit;
        const vtpT = solveSystem(junction(0.5, 0.5, g, all, 'VTP', 325, 275), ref, 'thermal').circuit;
        currentsClose(vpT, vtpT, 1e-12);
      }
    }
  });

  it("the paper's local probe (para to L) breaks it: J^Q_P,VP ≠ 0 under thermal asymmetry", () => {
    const ref = { mu: 0.05, temperature: T0 };
    const vp = solveSystem(junction(0.5, 0.5, 0.05, [3], 'VP', 350, 275), ref, 'electronic').circuit;
    expect(Math.abs(vp.heatCurrent[2])).toBeGreaterThan(1e-3 * maxAbs(vp.heatCurrent));
  });

  it('two-terminal thermal circuit: Seebeck S = L1/(T0 L0) (in V/K with μ in eV)', () => {
    const two: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: junction(0.5, 0.25, 1, [3], 'VTP', 310, 290)
        .terminals.slice(0, 2)
        .map((t) => ({ ...t, mu: undefined })),
    };
    for (const mu0 of [-1, 0.3, 1.2]) {
      const sol = solveSystem(two, { mu: mu0, temperature: T0 }, 'thermal');
      const S = sol.onsager.L1[1] / (T0 * sol.onsager.L0[1]);
      expect(Math.abs((sol.circuit.seebeck ?? NaN) - S)).toBeLessThanOrEqual(1e-12 * Math.abs(S));
    }
  });
});
