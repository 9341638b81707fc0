/**
 * Claim 3 (paper Eqs. 17–19; docs/physics.md §5): the exact VP–VTP shifts in linear response,
 *   T_P^VTP − T_P^VP = −T0 h J^Q_P,VP / M̃_(Q,P),(θ,P),
 *   J^ν_α,VTP − J^ν_α,VP = −[M̃_(ν,α),(θ,P) / M̃_(Q,P),(θ,P)] J^Q_P,VP   (Eq. 18),
 *   h J^Q_P,VP = Σ_β [L1_Pβ (μ_β − μ_P^VP) + L2_Pβ (θ_β − θ_P)]           (Eq. 19),
 *   μ_P^VP − μ_P^VTP = −(S1/S0)(T_P^VP − T_P^VTP)/T0                      (Eq. 17),
 * with S_ν = Σ_β L^(ν)_Pβ and M̃ the VP-effective matrix (μ_P eliminated).
 */
import type { ProofResult } from './types.js';
import { ExpressionField, NumberField, type Field } from '../src/symbolic/field.js';
import { expressionLatex } from '../src/symbolic/latex.js';
import {
  caseStates,
  caseValues,
  circuitXY,
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
} from './lib.js';
import { ML, MR, MP, TL, TR, TP, TERMS, electronic, electronicGiven, threeTerminal, type ThreeTerminal } from './threeTerminal.js';

/** Eq. 19: h J^Q_P,VP from the individual potentials. */
function eq19<T>(j: ThreeTerminal<T>, x: readonly T[]): T {
  const { F, L } = j;
  let s = F.zero;
  for (const [b, mb, tb] of [
    ['L', ML, TL],
    ['R', MR, TR],
  ] as const) {
    s = F.add(s, F.add(F.mul(L(1, 'P', b), F.sub(x[mb], x[MP])), F.mul(L(2, 'P', b), F.sub(x[tb], x[TP]))));
  }
  return s;
}

const shifts: Residuals = <T>(F: Field<T>, v: (s: string) => T): T[] => {
  const j = threeTerminal(F, v);
  const { vp, vtp } = electronic(F, j.M, electronicGiven(F, v));
  const JQP = vp.y[3 + 2];
  const den = j.mt(TP, TP);
  const out: T[] = [
    F.sub(JQP, eq19(j, vp.x)), // Eq. 19
    F.sub(F.sub(vtp.x[TP], vp.x[TP]), F.neg(F.div(JQP, den))), // temperature shift (θ units: T0 factored)
    F.sub(F.sub(vp.x[MP], vtp.x[MP]), F.neg(F.mul(F.div(j.S1, j.S0), F.sub(vp.x[TP], vtp.x[TP])))), // Eq. 17
    vtp.y[5],
    vtp.y[2],
    vp.y[2], // VTP: J^Q_P = 0; both: J^N_P = 0
  ];
  // Eq. 18 for J^N_L, J^N_R, J^Q_L, J^Q_R
  for (const row of [ML, MR, TL, TR]) {
    out.push(F.sub(F.sub(vtp.y[row], vp.y[row]), F.neg(F.mul(F.div(j.mt(row, TP), den), JQP))));
  }
  return out;
};

/**
 * Numeric route of Eqs. 17–19: two independent solver runs (VP, VTP) vs the shift formulas with the
 * VP run's own M̃. `solve` is injectable so that a test can check that a wrong solver is caught
 * (test/proofs/tolerances.mutation.test.ts).
 * Tolerance: the shifts are differences of two solves; error ≲ 1e-15 × (currents/shift) —
 * judged relative to max(|shift|, 1e-6 |current|): where a shift is below 1e-6 of the current
 * (e.g. J^N at μ0 = ε0, where particle–hole symmetry makes L1 = 0 and the shift vanishes), the
 * test is an absolute one, |error| ≤ 1e-14 |current|, a few ulps of two LU solves.
 */
export function eq17to19Numeric(
  solver: NumericSolver = SOLVER,
  cases = numericCases(),
): { tolerance: number; maxError: number; worst: string; ratios: string[] } {
  const tolerance = 1e-8;
  const w = new WorstError();
  const solve = solver.solve;
  const ratios: string[] = [];
  for (const c of cases) {
    const o = solver.onsager(c.system, c.reference);
    const rvp = solve(o, caseStates(c, 'VP'), 'electronic', c.reference);
    const rvtp = solve(o, caseStates(c, 'VTP'), 'electronic', c.reference);
    const vp = circuitXY(rvp),
      vtp = circuitXY(rvtp);
    const E = rvp.schur.effective,
      free = rvp.schur.free,
      nf = free.length;
    const mt = (i: number, k: number) => E[free.indexOf(i) * nf + free.indexOf(k)];
    const JQP = vp.y[5],
      den = mt(TP, TP);
    const j = threeTerminal(NumberField, caseValues(c, o));
    const checks: Array<[number, number, number]> = [
      [vtp.x[TP] - vp.x[TP], -JQP / den, Math.abs(vp.x[TL] - vp.x[TR])],
      [vp.x[MP] - vtp.x[MP], -(j.S1 / j.S0) * (vp.x[TP] - vtp.x[TP]), Math.abs(vp.x[ML] - vp.x[MR])],
      [JQP, eq19(j, vp.x), Math.max(Math.abs(vp.y[3]), Math.abs(vp.y[4]))],
    ];
    for (const row of [ML, MR, TL, TR]) checks.push([vtp.y[row] - vp.y[row], -(mt(row, TP) / den) * JQP, Math.abs(vp.y[row])]);
    for (const [got, want, mag] of checks) w.note(Math.abs(got - want) / Math.max(Math.abs(want), 1e-6 * mag, 1e-300), c.label);
    if (c.label.includes('μ0=0 ')) ratios.push(`${c.label}: (J^Q_R,VTP − J^Q_R,VP)/J^Q_R,VP = ${fmt((vtp.y[TR] - vp.y[TR]) / vp.y[TR], 4)}`);
  }
  return { tolerance, maxError: w.maxError, worst: w.worst, ratios };
}

export async function proveEq17To19(): Promise<ProofResult> {
  const elapsed = timer();
  const parts = [{ name: 'Eqs. 17–19', res: shifts }];
  const symbolic = symbolicRoute(parts, 41);
  const rational = rationalRoute(parts, 12, 3301);
  const { tolerance, maxError, worst, ratios } = eq17to19Numeric();
  const numeric = {
    ok: maxError <= tolerance,
    detail: `VP and VTP solver runs, shifts vs Eqs. 17–19 (relative to the shift); worst ${fmt(maxError, 2)} at ${worst}`,
    maxError,
    tolerance,
  };
  const jx = threeTerminal(ExpressionField, (s) => s);
  return {
    id: 'eq17-19-vp-vtp-shifts',
    claim: 'Exact VP–VTP shifts of probe temperature, probe potential (Eq. 17) and terminal currents (Eqs. 18–19)',
    source: 'paper Eqs. 17–19; docs/physics.md §5',
    statementLatex: String.raw`J^{\nu}_{\alpha,\mathrm{VTP}} - J^{\nu}_{\alpha,\mathrm{VP}} = -\frac{\tilde M_{(\nu,\alpha),(\theta,P)}}{\tilde M_{(Q,P),(\theta,P)}}\,J^Q_{P,\mathrm{VP}},\quad T_P^{\mathrm{VTP}}-T_P^{\mathrm{VP}} = -\frac{T_0\,h J^Q_{P,\mathrm{VP}}}{\tilde M_{(Q,P),(\theta,P)}},\quad \mu_P^{\mathrm{VP}}-\mu_P^{\mathrm{VTP}} = -\frac{\sum_\beta L^{(1)}_{P\beta}}{\sum_\beta L^{(0)}_{P\beta}}\,\frac{T_P^{\mathrm{VP}}-T_P^{\mathrm{VTP}}}{T_0}`,
    derivationLatex: [
      String.raw`\text{VP: } y_F = \tilde M x_F \text{ with } x_F = (\mu_L,\mu_R,\theta_L,\theta_R,\theta_P),\quad \text{VTP: additionally } (\tilde M x_F)_{(Q,P)} = 0`,
      String.raw`\theta_P^{\mathrm{VTP}} = \theta_P - \frac{(\tilde M x_F)_{(Q,P)}}{\tilde M_{(Q,P),(\theta,P)}} = \theta_P - \frac{h J^Q_{P,\mathrm{VP}}}{\tilde M_{(Q,P),(\theta,P)}}\quad\text{(quotient property: VTP = VP followed by eliminating }\theta_P)`,
      String.raw`y^{\mathrm{VTP}}_{(\nu,\alpha)} - y^{\mathrm{VP}}_{(\nu,\alpha)} = \tilde M_{(\nu,\alpha),(\theta,P)}\,(\theta_P^{\mathrm{VTP}}-\theta_P)`,
      String.raw`h J^Q_{P,\mathrm{VP}} = \sum_\beta\Big[L^{(1)}_{P\beta}(\mu_\beta-\mu_P^{\mathrm{VP}}) + L^{(2)}_{P\beta}(\theta_\beta-\theta_P)\Big]\quad\text{(Eq. 19)}`,
      String.raw`\mu_P \text{ of Eq. 8 is affine in } \theta_P \text{ with slope } -\frac{S_1}{S_0} = ${expressionLatex(jx.F.neg(jx.F.div(jx.S1, jx.S0)), [...TERMS])}\quad\text{(Eq. 17)}`,
      String.raw`\tilde M_{(Q,R),(\theta,P)} = ${expressionLatex(jx.mt(TR, TP), [...TERMS])},\qquad \tilde M_{(Q,P),(\theta,P)} = ${expressionLatex(jx.mt(TP, TP), [...TERMS])}`,
    ],
    symbolic,
    rational,
    numeric,
    verdict: verdictOf(symbolic, rational, numeric),
    notes: [
      'All relations are exact in linear response (no Sommerfeld approximation): they follow from the quotient property of Schur complements.',
      'Eq. 17 in exact form: μ_P^VP − μ_P^VTP = −(Σ_β L1_Pβ / Σ_β L0_Pβ)(T_P^VP − T_P^VTP)/T0 in the electronic circuit (lead potentials fixed). In the pure thermal circuit μ_R moves too, and this form does not apply.',
      ...ratios,
    ],
    seconds: elapsed(),
  };
}
