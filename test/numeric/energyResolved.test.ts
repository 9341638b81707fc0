/**
 * The energy-resolved probe (docs/physics.md §8): Büttiker's energy-by-energy elimination (sum
 * rules, reciprocity, the one-probe formula, the quotient property, zero current at every energy),
 * and the linear-response circuit: ER = VTP when T_LP/T_RP is constant, the ordering
 * Ṡ_ER ≤ Ṡ_VTP ≤ Ṡ_VP with the exact minimum-dissipation gap computed by an independent quadrature,
 * the moment sum rules, and the coherent limit. Tolerances: per-energy identities 1e-11 of max T
 * (a k × k solve with k ≤ 2 on O(1)-conditioned data); Onsager-level ones 1e-9 (quadrature at rtol
 * 1e-12 per coefficient, then a Schur solve).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { energyResolvedElimination } from '../../src/numeric/energyResolved.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { localCoupling, type Coupling } from '../../src/numeric/coupling.js';
import { benzene, ring } from '../../src/numeric/hamiltonian.js';
import { prepareSystem, solveSystem, withProbeModel, type TransportSystem } from '../../src/numeric/system.js';
import { integrateAdaptive } from '../../src/numeric/quadrature.js';
import { fermiWindow } from '../../src/numeric/onsager.js';
import { K_B_EV, H_EV_S, E_CHARGE } from '../../src/numeric/constants.js';
import type { CMatrix } from '../../src/numeric/linalg.js';
import { systemArb, uniform } from '../arbitraries.js';
import { readFileSync } from 'node:fs';

const erRef = JSON.parse(readFileSync(new URL('../fixtures/reference/er_probe.json', import.meta.url), 'utf8'));

const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

function conjugate(h: CMatrix): CMatrix {
  return { ...h, re: h.re.slice(), im: h.im.map((v) => -v) };
}
function conjCoupling(c: Coupling): Coupling {
  return { gamma: { ...c.gamma, im: c.gamma.im.map((v) => -v) }, channels: { ...c.channels, im: c.channels.im.map((v) => -v) } };
}

describe('energy-by-energy elimination (Büttiker multi-probe formula)', () => {
  const arb = fc.tuple(systemArb({ minN: 3, maxN: 8, minTerminals: 4, maxTerminals: 5 }), uniform(-4, 4), fc.integer({ min: 1, max: 2 }));

  it('T_eff keeps the sum rules (rows = columns) and reciprocity T_eff(B) = T_eff(−B)ᵀ; w rows sum to 1', () => {
    fc.assert(
      fc.property(arb, ([s, E, k]) => {
        const n = s.couplings.length,
          er = Array.from({ length: k }, (_, i) => n - 1 - i);
        const elim = energyResolvedElimination(n, er, new Array(n).fill(false));
        const t = new Float64Array(n * n),
          tb = new Float64Array(n * n);
        transmissionEngine(s.h, s.couplings).evaluate(E, t);
        transmissionEngine(conjugate(s.h), s.couplings.map(conjCoupling)).evaluate(E, tb);
        const te = new Float64Array(n * n),
          w = new Float64Array(n * n),
          teb = new Float64Array(n * n),
          wb = new Float64Array(n * n);
        elim.apply(t, te, w);
        elim.apply(tb, teb, wb);
        const tol = 1e-11 * maxAbs(t);
        for (let a = 0; a < n - k; a++) {
          let row = 0,
            col = 0;
          for (let b = 0; b < n - k; b++) {
            row += te[a * n + b];
            col += te[b * n + a];
            expect(Math.abs(te[a * n + b] - teb[b * n + a])).toBeLessThan(tol);
          }
          expect(Math.abs(row - col)).toBeLessThan(tol);
        }
        for (const p of er) {
          let sw = 0;
          for (let b = 0; b < n; b++) sw += w[p * n + b];
          expect(Math.abs(sw - 1)).toBeLessThan(1e-11);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('no particle current into an ER probe at any energy (raw T, f_P = Σ w f), and the one-probe formula', () => {
    fc.assert(
      fc.property(arb, fc.array(uniform(0, 1), { minLength: 5, maxLength: 5 }), ([s, E, k], fs) => {
        const n = s.couplings.length,
          er = Array.from({ length: k }, (_, i) => n - 1 - i);
        const t = new Float64Array(n * n),
          te = new Float64Array(n * n),
          w = new Float64Array(n * n);
        transmissionEngine(s.h, s.couplings).evaluate(E, t);
        energyResolvedElimination(n, er, new Array(n).fill(false)).apply(t, te, w);
        const f = fs.slice(0, n);
        for (const p of er) {
          let v = 0;
          for (let b = 0; b < n; b++) if (!er.includes(b)) v += w[p * n + b] * f[b];
          f[p] = v;
        }
        const tol = 1e-11 * maxAbs(t);
        for (const p of er) {
          let i = 0;
          for (let b = 0; b < n; b++) if (b !== p) i += t[p * n + b] * (f[b] - f[p]);
          expect(Math.abs(i)).toBeLessThan(tol);
        }
        // currents into the remaining terminals: through T_eff = through the raw T with the probes' f
        for (let a = 0; a < n - k; a++) {
          let raw = 0,
            eff = 0;
          for (let b = 0; b < n; b++) if (b !== a) raw += t[a * n + b] * (f[b] - f[a]);
          for (let b = 0; b < n - k; b++) if (b !== a) eff += te[a * n + b] * (f[b] - f[a]);
          expect(Math.abs(raw - eff)).toBeLessThan(tol);
        }
        if (k === 1) {
          const p = n - 1;
          let sp = 0;
          for (let b = 0; b < n; b++) if (b !== p) sp += t[p * n + b];
          for (let a = 0; a < p; a++)
            for (let b = 0; b < p; b++) if (a !== b) expect(Math.abs(te[a * n + b] - (t[a * n + b] + (t[a * n + p] * t[p * n + b]) / sp))).toBeLessThan(tol);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('quotient property: eliminating two ER probes one at a time = both at once', () => {
    fc.assert(
      fc.property(arb, ([s, E]) => {
        const n = s.couplings.length;
        const t = new Float64Array(n * n);
        transmissionEngine(s.h, s.couplings).evaluate(E, t);
        const no = new Array(n).fill(false);
        const both = new Float64Array(n * n),
          one = new Float64Array(n * n),
          two = new Float64Array(n * n),
          w = new Float64Array(n * n);
        energyResolvedElimination(n, [n - 1, n - 2], no).apply(t, both, w);
        energyResolvedElimination(n, [n - 1], no).apply(t, one, w);
        energyResolvedElimination(n, [n - 2], no).apply(one, two, w);
        for (let i = 0; i < n * n; i++) expect(Math.abs(both[i] - two[i])).toBeLessThan(1e-11 * maxAbs(t));
      }),
      { numRuns: 30 },
    );
  });
});

/** Benzene with leads L (site 0), R (site `r`), and a probe on `p` (model `role`). */
function benzeneSystem(
  role: 'VP' | 'VTP' | 'ER',
  p: number,
  r = 2,
  gL = 0.5,
  gR = 0.5,
  gP = 0.1,
  TL = 325,
  TR = 275,
  dV = 0.01,
  mu0 = 0.3,
): { system: TransportSystem; reference: { mu: number; temperature: number } } {
  return {
    system: {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: mu0 + dV / 2, temperature: TL, coupling: localCoupling(6, [0], gL) },
        { name: 'R', role: 'lead', mu: mu0 - dV / 2, temperature: TR, coupling: localCoupling(6, [r], gR) },
        { name: 'P', role, coupling: localCoupling(6, [p], gP) },
      ],
    },
    reference: { mu: mu0, temperature: 300 },
  };
}

describe('linear response with an ER probe', () => {
  it('ER = VTP when T_LP(E)/T_RP(E) is constant (mirror-symmetric probe), and not otherwise', () => {
    for (const mu0 of [0, 0.3, 1.7]) {
      // T_L + T_R ≠ 2 T0, so the moment temperature (T_L + T_R)/2 = 310 K is not the reference
      const a = benzeneSystem('ER', 1, 2, 0.5, 0.5, 0.1, 340, 280, 0.01, mu0),
        b = benzeneSystem('VTP', 1, 2, 0.5, 0.5, 0.1, 340, 280, 0.01, mu0);
      const er = solveSystem(a.system, a.reference, 'electronic').circuit,
        vtp = solveSystem(b.system, b.reference, 'electronic').circuit;
      for (const k of ['chargeCurrent', 'heatCurrent'] as const) {
        const s = maxAbs(vtp[k]);
        for (let i = 0; i < 2; i++) expect(Math.abs(er[k][i] - vtp[k][i])).toBeLessThan(1e-9 * s);
      }
      expect(Math.abs(er.entropyProduction - vtp.entropyProduction)).toBeLessThan(1e-9 * vtp.entropyProduction);
      // the ER moment μ_P, T_P are the VTP's (the ER distribution is thermal here)
      expect(Math.abs(er.mu[2] - vtp.mu[2])).toBeLessThan(1e-9 * 0.01);
      expect(Math.abs(er.temperature[2] - vtp.temperature[2])).toBeLessThan(1e-9 * 50);
      expect(Math.abs(er.temperature[2] - 310)).toBeLessThan(1e-6); // mirror: w = ½, T* = (T_L + T_R)/2
    }
    // para probe (site 3): T_LP/T_RP varies with E → ER ≠ VTP
    const a = benzeneSystem('ER', 3),
      b = benzeneSystem('VTP', 3);
    const er = solveSystem(a.system, a.reference, 'electronic').circuit,
      vtp = solveSystem(b.system, b.reference, 'electronic').circuit;
    expect(Math.abs(er.heatCurrent[1] - vtp.heatCurrent[1])).toBeGreaterThan(1e-5 * Math.abs(vtp.heatCurrent[1]));
  });

  it('Ṡ_ER ≤ Ṡ_VTP ≤ Ṡ_VP, and h T0 (Ṡ_VTP − Ṡ_ER) = ∫ (−f0′) Σ_β T_Pβ (φ_P^VTP − φ_P^ER)² dE (independent quadrature)', () => {
    fc.assert(
      fc.property(uniform(-2, 2), uniform(0.02, 0.5), fc.integer({ min: 2, max: 3 }), uniform(-30, 30), uniform(-0.01, 0.01), (mu0, gP, r, dT, dV) => {
        const T0 = 300,
          kT = K_B_EV * T0;
        const mk = (role: 'VP' | 'VTP' | 'ER') => benzeneSystem(role, r === 2 ? 3 : 4, r, 0.5, 0.3, gP, T0 + dT, T0 - dT / 2, dV, mu0);
        const [vp, vtp, er] = (['VP', 'VTP', 'ER'] as const).map((m) => {
          const c = mk(m);
          return solveSystem(c.system, c.reference, 'electronic').circuit;
        });
        const s = vp.entropyProduction;
        expect(er.entropyProduction).toBeLessThanOrEqual(vtp.entropyProduction + 1e-9 * s);
        expect(vtp.entropyProduction).toBeLessThanOrEqual(vp.entropyProduction + 1e-9 * s);
        // independent route: φ_α(E) = δμ_α + (E − μ0) θ_α; the ER probe's φ_P = Σ_β T_Pβ φ_β / Σ_β T_Pβ
        const c = mk('ER');
        const eng = transmissionEngine(
          c.system.hamiltonian,
          c.system.terminals.map((t) => t.coupling),
        );
        const t = new Float64Array(9);
        const phi = (i: number, e: number) => vtp.mu[i] - mu0 + (e * (vtp.temperature[i] - T0)) / T0; // leads: same as ER's; probe: VTP's
        const res = integrateAdaptive(
          (x, out) => {
            const e = x * kT;
            eng.evaluate(mu0 + e, t);
            const sp = t[2 * 3 + 0] + t[2 * 3 + 1];
            const phiER = (t[6] * phi(0, e) + t[7] * phi(1, e)) / sp;
            out[0] = fermiWindow(x) * sp * (phi(2, e) - phiER) ** 2;
          },
          1,
          -40,
          40,
          {
            rtol: 1e-12,
            scale: (est, o) => {
              o[0] = Math.abs(est[0]) + 1e-300;
            },
            breakpoints: [-10, -2, 0, 2, 10],
          },
        );
        const gap = (res.value[0] / (H_EV_S * T0)) * E_CHARGE; // eV²/(eV s K) → W/K
        const got = vtp.entropyProduction - er.entropyProduction;
        expect(Math.abs(got - gap)).toBeLessThan(1e-7 * Math.max(gap, 1e-6 * s));
      }),
      { numRuns: 12 },
    );
  });

  it('the ER Onsager set keeps the sum rules; the moments satisfy Σ_β A0 = 1, Σ_β A1 = 0, Σ_β A2 = π²(k_BT0)²/3', () => {
    const c = benzeneSystem('ER', 3);
    const o = prepareSystem(c.system).onsager(c.reference);
    expect(o.method).toBe('quadrature');
    const m = o.energyResolved!;
    const kT = K_B_EV * 300;
    expect(Math.abs(m.A0[6] + m.A0[7] - 1)).toBeLessThan(1e-11);
    expect(Math.abs(m.A1[6] + m.A1[7])).toBeLessThan(1e-11 * kT);
    expect(Math.abs(m.A2[6] + m.A2[7] - (Math.PI ** 2 * kT ** 2) / 3)).toBeLessThan(1e-11 * kT ** 2);
    for (const L of [o.L0, o.L1, o.L2]) {
      expect(Math.abs(L[1] - L[3])).toBeLessThan(1e-11 * Math.abs(L[1]) + 1e-300); // two leads: T_eff,LR = T_eff,RL
      for (const i of [2, 5, 6, 7]) expect(L[i]).toBe(0); // the ER probe exchanges nothing
    }
  });

  it('several ER probes mixed with a VP and a VTP in one circuit: currents conserved, probes carry none, Ṡ ≥ 0', () => {
    const sys: TransportSystem = {
      hamiltonian: ring(8, -2.7, 0, 0.13),
      terminals: [
        { name: 'L', role: 'lead', mu: 0.205, temperature: 320, coupling: localCoupling(8, [0], 0.4) },
        { name: 'R', role: 'lead', mu: 0.195, temperature: 290, coupling: localCoupling(8, [4], 0.3) },
        { name: 'E1', role: 'ER', coupling: localCoupling(8, [2], 0.1) },
        { name: 'E2', role: 'ER', coupling: localCoupling(8, [6], 0.2) },
        { name: 'V', role: 'VP', coupling: localCoupling(8, [1], 0.05) },
        { name: 'W', role: 'VTP', coupling: localCoupling(8, [5], 0.07) },
      ],
    };
    const c = solveSystem(sys, { mu: 0.2, temperature: 300 }, 'electronic').circuit;
    const sN = maxAbs(c.particleCurrent);
    expect(Math.abs(c.particleCurrent.reduce((a, b) => a + b))).toBeLessThan(1e-10 * sN);
    for (const i of [2, 3, 4, 5]) expect(Math.abs(c.particleCurrent[i])).toBeLessThan(1e-10 * sN);
    for (const i of [2, 3, 5]) expect(Math.abs(c.heatCurrent[i])).toBeLessThan(1e-10 * maxAbs(c.heatCurrent));
    expect(c.entropyProduction).toBeGreaterThan(0);
    // the ER moments lie between the leads'
    for (const i of [2, 3]) {
      expect(c.mu[i]).toBeGreaterThan(0.195);
      expect(c.mu[i]).toBeLessThan(0.205);
    }
  });

  it('coherent limit: an ER probe with γ = 0 changes no current and reads the γ → 0 limit of the ER moments', () => {
    const withP = (g: number, test: boolean): TransportSystem => {
      const c = benzeneSystem('ER', 3, 2, 0.5, 0.5, 1).system;
      return { ...c, terminals: c.terminals.map((t, a) => (a === 2 ? { ...t, coupling: localCoupling(6, [3], test ? 1 : g), test } : t)) };
    };
    const ref0 = { mu: 0.3, temperature: 300 };
    const c0 = solveSystem(withP(0, true), ref0, 'electronic').circuit;
    const noProbe = solveSystem(withProbeModel(withP(0, true), 'VP'), ref0, 'electronic').circuit; // a test VP carries no current either
    for (let i = 0; i < 2; i++) expect(Math.abs(c0.heatCurrent[i] - noProbe.heatCurrent[i])).toBeLessThan(1e-10 * maxAbs(noProbe.heatCurrent));
    const small = solveSystem(withP(1e-6, false), ref0, 'electronic').circuit;
    expect(Math.abs(small.temperature[2] - c0.temperature[2])).toBeLessThan(1e-4);
    expect(Math.abs(small.mu[2] - c0.mu[2])).toBeLessThan(1e-8);
  });
});

describe('ER Onsager set against a 30-digit mpmath reference (test/fixtures/reference/er_probe.py)', () => {
  it('L^(ν) of T_eff and the moments A^ν agree to 1e-10 of their natural scale (one and two ER probes)', () => {
    for (const c of erRef.cases as Array<{
      name: string;
      terms: Array<{ site: number; gamma: number }>;
      er: number;
      mu: number;
      T: number;
      L0: number[][];
      L1: number[][];
      L2: number[][];
      A0: number[][];
      A1: number[][];
      A2: number[][];
    }>) {
      const n = c.terms.length,
        nr = n - c.er;
      const sys: TransportSystem = {
        hamiltonian: benzene(-2.64),
        terminals: c.terms.map((t, a) => ({
          name: `T${a}`,
          role: a < nr ? 'lead' : 'ER',
          mu: a < nr ? c.mu : undefined,
          temperature: a < nr ? c.T : undefined,
          coupling: localCoupling(6, [t.site], t.gamma),
        })),
      };
      const o = prepareSystem(sys).onsager({ mu: c.mu, temperature: c.T });
      const kT = K_B_EV * c.T;
      const max0 = Math.max(...c.L0.flat().map(Math.abs));
      [o.L0, o.L1, o.L2].forEach((L, nu) => {
        const R = [c.L0, c.L1, c.L2][nu];
        for (let a = 0; a < nr; a++)
          for (let b = 0; b < nr; b++)
            if (a !== b) {
              expect(Math.abs(L[a * n + b] - R[a][b]), `${c.name} μ0=${c.mu} L${nu}${a}${b}`).toBeLessThan(
                1e-10 * kT ** nu * Math.max(Math.abs(c.L0[a][b]), 1e-12 * max0),
              );
            }
      });
      const m = o.energyResolved!;
      [m.A0, m.A1, m.A2].forEach((A, nu) => {
        const R = [c.A0, c.A1, c.A2][nu];
        for (let i = 0; i < c.er; i++)
          for (let r = 0; r < nr; r++) {
            expect(Math.abs(A[(nr + i) * n + r] - R[i][r]), `${c.name} μ0=${c.mu} A${nu}${i}${r}`).toBeLessThan(1e-10 * kT ** nu);
          }
      });
    }
  });
});
