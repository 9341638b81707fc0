/**
 * The three-terminal junction (L, R, probe P) written once over any field: the exact VP and VTP
 * electronic and pure-thermal circuits (src/symbolic/circuitExact.ts) and the paper's closed-form
 * expressions (Eqs. 8, 13–14, 17–19, 24–33), so that each claim becomes residuals
 * "solved circuit − paper formula" that must vanish identically.
 *
 * Variables (index): μ_L 0, μ_R 1, μ_P 2, θ_L 3, θ_R 4, θ_P 5 (μ in eV relative to μ0,
 * θ = (T − T0)/T0); rows h J^N_L, h J^N_R, h J^N_P, h J^Q_L, h J^Q_R, h J^Q_P.
 */
import type { Field } from '../src/symbolic/field.js';
import { symbolicOnsagerMatrix } from '../src/symbolic/onsagerSymbolic.js';
import { schurComplement, type ExactSchur } from '../src/symbolic/schur.js';
import { solveExactCircuit, type ExactCircuit } from '../src/symbolic/circuitExact.js';

export const TERMS = ['L', 'R', 'P'] as const;
export const [ML, MR, MP, TL, TR, TP] = [0, 1, 2, 3, 4, 5];

/** Everything a proof needs about the 3-terminal junction, over one field. */
export interface ThreeTerminal<T> {
  readonly F: Field<T>;
  readonly M: T[][];
  /** L^(ν)_αβ (α ≠ β) by terminal letter. */
  L(nu: number, a: 'L' | 'R' | 'P', b: 'L' | 'R' | 'P'): T;
  /** S_ν = Σ_{β≠P} L^(ν)_Pβ (docs/physics.md §4). */
  readonly S0: T;
  readonly S1: T;
  readonly S2: T;
  /** VP-effective matrix (μ_P eliminated); free = [μ_L, μ_R, θ_L, θ_R, θ_P]. */
  readonly vpEff: ExactSchur<T>;
  /** M̃ entry by original indices (both must be free in vpEff). */
  mt(i: number, j: number): T;
  /** κ_P = −M̃_{(Q,P),(θ,P)} (paper Eq. 14). */
  readonly kappaP: T;
}

/** Build the junction from symbol values `v` (L symbols "L0LR" etc.). */
export function threeTerminal<T>(F: Field<T>, v: (s: string) => T): ThreeTerminal<T> {
  const M = symbolicOnsagerMatrix(F, TERMS, v);
  const idx = { L: 0, R: 1, P: 2 } as const;
  const L = (nu: number, a: 'L' | 'R' | 'P', b: 'L' | 'R' | 'P'): T => M[(nu === 2 ? 3 : 0) + idx[a]][(nu === 0 ? 0 : 3) + idx[b]];
  const S0 = F.add(L(0, 'P', 'L'), L(0, 'P', 'R'));
  const S1 = F.add(L(1, 'P', 'L'), L(1, 'P', 'R'));
  const S2 = F.add(L(2, 'P', 'L'), L(2, 'P', 'R'));
  const vpEff = schurComplement(F, M, [MP]);
  const mt = (i: number, j: number): T => vpEff.effective[vpEff.free.indexOf(i)][vpEff.free.indexOf(j)];
  return { F, M, L, S0, S1, S2, vpEff, mt, kappaP: F.neg(mt(TP, TP)) };
}

/** Bias of the electronic circuit: μ_L, μ_R, θ_L, θ_R and the VP temperature θ_P. */
export function electronicGiven<T>(F: Field<T>, v: (s: string) => T): T[] {
  return [v('muL'), v('muR'), F.zero, v('thL'), v('thR'), v('thP')];
}

/** VP and VTP electronic circuits. */
export function electronic<T>(F: Field<T>, M: T[][], given: T[]): { vp: ExactCircuit<T>; vtp: ExactCircuit<T> } {
  return {
    vp: solveExactCircuit(F, M, ['lead', 'lead', 'VP'], 'electronic', given),
    vtp: solveExactCircuit(F, M, ['lead', 'lead', 'VTP'], 'electronic', given),
  };
}

/** Bias of the thermal circuit: gauge μ_L, θ_L, θ_R and the VP temperature θ_P. */
export function thermalGiven<T>(F: Field<T>, v: (s: string) => T): T[] {
  return [v('muL'), F.zero, F.zero, v('thL'), v('thR'), v('thP')];
}

/** VP and VTP pure thermal circuits (all J^N = 0, μ_L the gauge). */
export function thermal<T>(F: Field<T>, M: T[][], given: T[]): { vp: ExactCircuit<T>; vtp: ExactCircuit<T> } {
  return {
    vp: solveExactCircuit(F, M, ['lead', 'lead', 'VP'], 'thermal', given),
    vtp: solveExactCircuit(F, M, ['lead', 'lead', 'VTP'], 'thermal', given),
  };
}

/** Paper Eq. 8 (docs/physics.md §5): μ_P = [Σ_β L0_Pβ μ_β + Σ_β L1_Pβ (θ_β − θ_P)] / Σ_β L0_Pβ. */
export function eq8ProbePotential<T>(j: ThreeTerminal<T>, x: readonly T[], thetaP: T): T {
  const { F, L } = j;
  const num = F.add(
    F.add(F.mul(L(0, 'P', 'L'), x[ML]), F.mul(L(0, 'P', 'R'), x[MR])),
    F.add(F.mul(L(1, 'P', 'L'), F.sub(x[TL], thetaP)), F.mul(L(1, 'P', 'R'), F.sub(x[TR], thetaP))),
  );
  return F.div(num, j.S0);
}

/**
 * Effective VP coefficients of the probe rows, explicitly (paper Eq. 11 with μ_P eliminated):
 * L̃2_Pβ = L2_Pβ − S1 L1_Pβ / S0 (θ_β column of the J^Q_P row), L̃1_Pβ = L1_Pβ − S1 L0_Pβ / S0 (μ_β column).
 */
export function probeRowEffective<T>(j: ThreeTerminal<T>, b: 'L' | 'R'): { th: T; mu: T } {
  const { F, L, S0, S1 } = j;
  return {
    th: F.sub(L(2, 'P', b), F.div(F.mul(S1, L(1, 'P', b)), S0)),
    mu: F.sub(L(1, 'P', b), F.div(F.mul(S1, L(0, 'P', b)), S0)),
  };
}

/** Paper Eq. 14: κ_P = S2 − S1²/S0 (probe thermal conductance at zero probe particle current). */
export function eq14Kappa<T>(j: ThreeTerminal<T>): T {
  const { F, S0, S1, S2 } = j;
  return F.sub(S2, F.div(F.mul(S1, S1), S0));
}

/** Paper Eq. 13: θ_P^VTP = Σ_β [L̃2_Pβ θ_β + L̃1_Pβ μ_β] / κ_P. */
export function eq13ProbeTemperature<T>(j: ThreeTerminal<T>, x: readonly T[]): T {
  const { F } = j;
  const eL = probeRowEffective(j, 'L'),
    eR = probeRowEffective(j, 'R');
  const num = F.add(F.add(F.mul(eL.th, x[TL]), F.mul(eR.th, x[TR])), F.add(F.mul(eL.mu, x[ML]), F.mul(eR.mu, x[MR])));
  return F.div(num, eq14Kappa(j));
}

/** −xᵀ M x = h T0 Ṡ (paper Eq. 7 in linear response, docs/physics.md §5). */
export function entropyForm<T>(F: Field<T>, M: T[][], x: readonly T[]): T {
  let s = F.zero;
  for (let i = 0; i < x.length; i++) for (let k = 0; k < x.length; k++) s = F.add(s, F.mul(x[i], F.mul(M[i][k], x[k])));
  return F.neg(s);
}
