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
import { type ExactSchur } from '../src/symbolic/schur.js';
import { type ExactCircuit } from '../src/symbolic/circuitExact.js';
export declare const TERMS: readonly ['L', 'R', 'P'];
export declare const ML: number, MR: number, MP: number, TL: number, TR: number, TP: number;
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
export declare function threeTerminal<T>(F: Field<T>, v: (s: string) => T): ThreeTerminal<T>;
/** Bias of the electronic circuit: μ_L, μ_R, θ_L, θ_R and the VP temperature θ_P. */
export declare function electronicGiven<T>(F: Field<T>, v: (s: string) => T): T[];
/** VP and VTP electronic circuits. */
export declare function electronic<T>(F: Field<T>, M: T[][], given: T[]): {
    vp: ExactCircuit<T>;
    vtp: ExactCircuit<T>;
};
/** Bias of the thermal circuit: gauge μ_L, θ_L, θ_R and the VP temperature θ_P. */
export declare function thermalGiven<T>(F: Field<T>, v: (s: string) => T): T[];
/** VP and VTP pure thermal circuits (all J^N = 0, μ_L the gauge). */
export declare function thermal<T>(F: Field<T>, M: T[][], given: T[]): {
    vp: ExactCircuit<T>;
    vtp: ExactCircuit<T>;
};
/** Paper Eq. 8 (docs/physics.md §5): μ_P = [Σ_β L0_Pβ μ_β + Σ_β L1_Pβ (θ_β − θ_P)] / Σ_β L0_Pβ. */
export declare function eq8ProbePotential<T>(j: ThreeTerminal<T>, x: readonly T[], thetaP: T): T;
/**
 * Effective VP coefficients of the probe rows, explicitly (paper Eq. 11 with μ_P eliminated):
 * L̃2_Pβ = L2_Pβ − S1 L1_Pβ / S0 (θ_β column of the J^Q_P row), L̃1_Pβ = L1_Pβ − S1 L0_Pβ / S0 (μ_β column).
 */
export declare function probeRowEffective<T>(j: ThreeTerminal<T>, b: 'L' | 'R'): {
    th: T;
    mu: T;
};
/** Paper Eq. 14: κ_P = S2 − S1²/S0 (probe thermal conductance at zero probe particle current). */
export declare function eq14Kappa<T>(j: ThreeTerminal<T>): T;
/** Paper Eq. 13: θ_P^VTP = Σ_β [L̃2_Pβ θ_β + L̃1_Pβ μ_β] / κ_P. */
export declare function eq13ProbeTemperature<T>(j: ThreeTerminal<T>, x: readonly T[]): T;
/** −xᵀ M x = h T0 Ṡ (paper Eq. 7 in linear response, docs/physics.md §5). */
export declare function entropyForm<T>(F: Field<T>, M: T[][], x: readonly T[]): T;
//# sourceMappingURL=threeTerminal.d.ts.map