/**
 * Claim 5 (paper Eqs. 7, 33; docs/physics.md §5): the excess entropy production of the VP,
 *   Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP) / T0²  = (h J^Q_P,VP)² / (h T0 κ_P) ≥ 0,
 * and the VTP minimises Ṡ over the probe temperature:
 *   h T0 [Ṡ(θ_P) − Ṡ_VTP] = κ_P (θ_P − θ_P^VTP)²,  κ_P = S2 − S1²/S0 ≥ 0 (Cauchy–Schwarz).
 * Linear response: h T0 Ṡ = −xᵀ M x (μ_P solved from J^N_P = 0 at every θ_P).
 */
import type { ProofResult } from './types.js';
import type { Field } from '../src/symbolic/field.js';
import * as Q from '../src/symbolic/rational.js';
import type { Rational } from '../src/symbolic/rational.js';
import { randomRational, rng } from '../src/symbolic/random.js';
import { RationalField } from '../src/symbolic/field.js';
import {
  caseStates,
  fmt,
  numericCases,
  rationalRoute,
  symbolicRoute,
  timer,
  verdictOf,
  SOLVER,
  WorstError,
  type NumericSolver,
  type Residuals,
  T0,
} from './lib.js';
import { TP, electronic, electronicGiven, entropyForm, eq14Kappa, threeTerminal } from './threeTerminal.js';

const entropy: Residuals = <T>(F: Field<T>, v: (s: string) => T): T[] => {
  const j = threeTerminal(F, v);
  const { vp, vtp } = electronic(F, j.M, electronicGiven(F, v));
  const JQP = vp.y[5];
  const sVP = entropyForm(F, j.M, vp.x),
    sVTP = entropyForm(F, j.M, vtp.x);
  const k = eq14Kappa(j);
  const dth = F.sub(vp.x[TP], vtp.x[TP]);
  return [
    // Eq. 33: h T0 (Ṡ_VP − Ṡ_VTP) = h J^Q_P,VP (θ_P^VTP − θ_P^VP)
    F.sub(F.sub(sVP, sVTP), F.mul(JQP, F.neg(dth))),
    // its sign: = (h J^Q_P,VP)² / κ_P
    F.sub(F.sub(sVP, sVTP), F.div(F.mul(JQP, JQP), k)),
    // minimum: for the VP at any θ_P, Ṡ(θ_P) − Ṡ_VTP = κ_P (θ_P − θ*)²
    F.sub(F.sub(sVP, sVTP), F.mul(k, F.mul(dth, dth))),
  ];
};

/**
 * Random Onsager coefficients that come from a transmission (so −M ⪰ 0): L^(ν)_αβ = Σ_k w_k ε_k^ν
 * with random w_k > 0 and ε_k of both signs on 4 energies per pair.
 */
function physicalSample(seed: number): (name: string) => Rational {
  const r = rng(seed);
  const pairs = new Map<string, { w: Rational[]; eps: Rational[] }>();
  return (name) => {
    const m = /^L([012])(.+)$/.exec(name);
    if (!m) return randomRational(r);
    let p = pairs.get(m[2]);
    if (!p) {
      p = { w: [], eps: [] };
      for (let k = 0; k < 4; k++) {
        p.w.push(randomRational(r));
        const e = randomRational(r);
        p.eps.push(r.nextU32() & 1 ? Q.neg(e) : e);
      }
      pairs.set(m[2], p);
    }
    let s = Q.ZERO;
    for (let k = 0; k < 4; k++) s = Q.add(s, Q.mul(p.w[k], Q.pow(p.eps[k], Number(m[1]))));
    return s;
  };
}

/** Tolerance of the numeric Eq. 33 check (Ṡ_VP − Ṡ_VTP is a difference of two O(Ṡ) numbers: judged against max(|ΔṠ|, 1e-9 Ṡ)). */
export const EQ33_TOLERANCE = 1e-7;

/**
 * The numeric route of Eq. 33 and of "the VTP minimises Ṡ", on the solver (or an injected
 * `solve`, so that tests can check that a wrong solver fails it).
 */
export function eq33Numeric(
  solver: NumericSolver = SOLVER,
  cases = numericCases(),
): { tolerance: number; maxError: number; worst: string; minimumOk: boolean; excess: string[] } {
  const tolerance = EQ33_TOLERANCE;
  const w = new WorstError();
  const solve = solver.solve;
  let minimumOk = true;
  const excess: string[] = [];
  for (const c of cases) {
    const o = solver.onsager(c.system, c.reference);
    const rvp = solve(o, caseStates(c, 'VP'), 'electronic', c.reference);
    const rvtp = solve(o, caseStates(c, 'VTP'), 'electronic', c.reference);
    const want = (rvp.heatCurrent[2] * (rvtp.temperature[2] - rvp.temperature[2])) / c.reference.temperature ** 2;
    const got = rvp.entropyProduction - rvtp.entropyProduction;
    w.note(Math.abs(got - want) / Math.max(Math.abs(want), 1e-9 * rvp.entropyProduction), c.label);
    if (want < 0 || rvtp.entropyProduction < 0) minimumOk = false;
    // VP temperature scan: Ṡ(T_P) ≥ Ṡ_VTP, with equality only at T_P^VTP
    for (const TPk of [250, 280, 300, 320, 360]) {
      const states = caseStates(c, 'VP').map((st, a) => (a === 2 ? { ...st, temperature: TPk } : st));
      const r = solve(o, states, 'electronic', c.reference);
      if (!(r.entropyProduction >= rvtp.entropyProduction * (1 - 1e-12))) minimumOk = false;
    }
    if (c.label.includes('μ0=0 γ=0.5')) excess.push(`${c.label}: Ṡ_VP/Ṡ_VTP − 1 = ${fmt(got / rvtp.entropyProduction, 4)}`);
  }
  return { tolerance, maxError: w.maxError, worst: w.worst, minimumOk, excess };
}

export async function proveEq33(): Promise<ProofResult> {
  const elapsed = timer();
  const parts = [{ name: 'Eq. 33 and the minimum', res: entropy }];
  const symbolic = symbolicRoute(parts, 61);
  const rational = rationalRoute(parts, 12, 5501);
  // Sign at physical rational points (Cauchy–Schwarz makes κ_P ≥ 0 exactly; checked, not assumed).
  let signOk = true;
  for (let s = 0; s < 20; s++) {
    const sample = physicalSample(9000 + s);
    const cache = new Map<string, Rational>();
    const v = (n: string) => {
      let q = cache.get(n);
      if (!q) {
        q = sample(n);
        cache.set(n, q);
      }
      return q;
    };
    const j = threeTerminal(RationalField, v);
    const k = eq14Kappa(j);
    const { vp, vtp } = electronic(RationalField, j.M, electronicGiven(RationalField, v));
    const d = Q.sub(entropyForm(RationalField, j.M, vp.x), entropyForm(RationalField, j.M, vtp.x));
    if (Q.compare(k, Q.ZERO) < 0 || Q.compare(d, Q.ZERO) < 0 || Q.compare(entropyForm(RationalField, j.M, vtp.x), Q.ZERO) < 0) signOk = false;
  }
  const rationalOut = {
    ...rational,
    ok: rational.ok && signOk,
    detail: `${rational.detail} | sign: at 20 random physical points (L^(ν) = Σ w ε^ν, w > 0) κ_P > 0, Ṡ_VTP ≥ 0 and Ṡ_VP − Ṡ_VTP ≥ 0 exactly: ${signOk ? '✓' : '✗'}`,
  };
  // Numeric: the solver's entropy production (VP, VTP) vs Eq. 33; a scan of the VP temperature.
  const { tolerance, maxError, worst, minimumOk, excess } = eq33Numeric();
  const numeric = {
    ok: maxError <= tolerance && minimumOk,
    detail: `solver Ṡ (VP, VTP) vs Eq. 33 (J^Q_P,VP and T_P from the solver), worst ${fmt(maxError, 2)} at ${worst}; VP temperature scan T_P ∈ {250, 280, 300, 320, 360} K never below Ṡ_VTP: ${minimumOk ? '✓' : '✗'}`,
    maxError,
    tolerance,
  };
  return {
    id: 'eq33-entropy',
    claim: 'Excess entropy production of the VP (Eq. 33) is non-negative and the VTP minimises Ṡ over the probe temperature',
    source: 'paper Eqs. 7, 33; docs/physics.md §5',
    statementLatex: String.raw`\dot S_{\mathrm{VP}} - \dot S_{\mathrm{VTP}} = \frac{J^Q_{P,\mathrm{VP}}\,\big(T_P^{\mathrm{VTP}}-T_P^{\mathrm{VP}}\big)}{T_0^2} = \frac{h\,\big(J^Q_{P,\mathrm{VP}}\big)^2}{T_0\,\kappa_P} \ \ge 0,\qquad \dot S(T_P) - \dot S_{\mathrm{VTP}} = \frac{\kappa_P}{h T_0}\Big(\frac{T_P - T_P^{\mathrm{VTP}}}{T_0}\Big)^2`,
    derivationLatex: [
      String.raw`\dot S = \sum_\alpha \frac{J^Q_\alpha}{T_\alpha} \;\to\; h T_0\,\dot S = -x^{\mathsf T} M x \quad\text{(linear response, }\textstyle\sum_\alpha J^Q_\alpha = -\sum_\alpha \mu_\alpha J^N_\alpha\text{)}`,
      String.raw`\mu_P \text{ eliminated: } h T_0 \dot S(\theta_P) = -x_F^{\mathsf T}\tilde M x_F,\quad \frac{\partial (hT_0\dot S)}{\partial \theta_P} = -2\,(\tilde M x_F)_{(Q,P)} = -2\,h J^Q_P`,
      String.raw`-\tilde M_{(Q,P),(\theta,P)} = \kappa_P = \sum_\beta L^{(2)}_{P\beta} - \frac{(\sum_\beta L^{(1)}_{P\beta})^2}{\sum_\beta L^{(0)}_{P\beta}} \;\Rightarrow\; h T_0\big[\dot S(\theta_P) - \dot S(\theta_P^{\mathrm{VTP}})\big] = \kappa_P\,(\theta_P-\theta_P^{\mathrm{VTP}})^2`,
      String.raw`\Big(\sum_\beta L^{(1)}_{P\beta}\Big)^2 = \Big(\int \varepsilon\, \textstyle\sum_\beta T_{P\beta}\,(-f_0')\Big)^2 \le \int \textstyle\sum_\beta T_{P\beta}(-f_0') \int \varepsilon^2 \sum_\beta T_{P\beta}(-f_0') \;\Rightarrow\; \kappa_P \ge 0\quad\text{(Cauchy–Schwarz)}`,
      String.raw`h J^Q_{P,\mathrm{VP}} = -\kappa_P(\theta_P^{\mathrm{VP}} - \theta_P^{\mathrm{VTP}}) \;\Rightarrow\; \dot S_{\mathrm{VP}}-\dot S_{\mathrm{VTP}} = \frac{J^Q_{P,\mathrm{VP}}\,(T_P^{\mathrm{VTP}}-T_P^{\mathrm{VP}})}{T_0^2}`,
    ],
    symbolic,
    rational: rationalOut,
    numeric,
    verdict: verdictOf(symbolic, rationalOut, numeric),
    notes: [
      'Exact in linear response. Non-negativity needs κ_P ≥ 0, which holds for Onsager coefficients that come from a transmission (Cauchy–Schwarz on the weight Σ_β T_Pβ(−f0′)); the algebraic identity alone does not fix the sign.',
      'κ_P > 0 for any coupled probe: equality in Cauchy–Schwarz would need the weight Σ_β T_Pβ(E)(−f0′) concentrated at a single energy. For a decoupled probe κ_P = 0 and the VTP temperature is undetermined (SingularCircuitError in the solver).',
      `T0 = ${T0} K.`,
      ...excess,
    ],
    seconds: elapsed(),
  };
}
