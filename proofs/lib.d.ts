import type { ProofResult, RouteOutcome } from './types.js';
import { type Field } from '../src/symbolic/field.js';
import type { Rational } from '../src/symbolic/rational.js';
import { type Rng } from '../src/symbolic/random.js';
import { type TransportSystem, type Reference } from '../src/index.js';
/** A family of residuals that must vanish identically. */
export type Residuals = <T>(F: Field<T>, v: (name: string) => T) => T[];
/** Outcome of the symbolic route of one identity. */
export interface SymbolicCheck {
    readonly ok: boolean;
    /** Terms of each residual numerator (0 = identically zero). */
    readonly numeratorTerms: number[];
    /** Largest numerator degree seen before cancellation is not available; degree of the largest denominator. */
    readonly maxDenominatorTerms: number;
}
/** Symbolic route: every residual's numerator polynomial is the zero polynomial. */
export declare function symbolicZero(res: Residuals): SymbolicCheck;
/** A-priori degree bound of the residual numerators (max over residuals). */
export declare function degreeBound(res: Residuals): number;
/** Result of the rational route. */
export interface RationalCheck {
    readonly ok: boolean;
    readonly points: number;
    readonly degree: number;
    readonly bound: string;
    /** First failing point (symbol → value), when any. */
    readonly counterexample?: Record<string, string>;
}
/**
 * Rational route: evaluate the residuals exactly at `points` random rational points.
 * `sample` may impose structure (e.g. symmetric coupling) by mapping names to values.
 */
export declare function rationalZero(res: Residuals, points: number, seed: number, sample?: (name: string, r: Rng, cache: Map<string, Rational>) => Rational): RationalCheck;
/**
 * nerdamer route: evaluate the residuals with nerdamer's own exact fractions (NerdamerValueField)
 * at one random rational point. Returns ok: null when nerdamer throws.
 */
export declare function nerdamerZeroAtPoint(res: Residuals, seed: number): {
    ok: boolean | null;
    detail: string;
};
/** Combine the symbolic, degree and nerdamer checks into the symbolic route outcome. */
export declare function symbolicRoute(parts: Array<{
    name: string;
    res: Residuals;
}>, seed: number): RouteOutcome;
/** Combine rational checks. */
export declare function rationalRoute(parts: Array<{
    name: string;
    res: Residuals;
    sample?: Parameters<typeof rationalZero>[3];
}>, points: number, seed: number): ProofResult['rational'];
/** The paper's reference point: μ0 = 0 (mid-gap, ε0 = 0) and T0 = 300 K. */
export declare const T0 = 300;
/** Hopping used throughout (docs/physics.md §2: a parameter; −2.64 eV is the project default). */
export declare const HOPPING = -2.64;
/**
 * Benzene junction of paper §IV: L on site 0, R on site 2 (meta), local probe on site 3 (para to
 * L, ortho to R), or a flat probe Γ_P = γ·I (every site its own channel of width γ, Appendix C).
 */
export declare function benzeneSystem(opts: {
    gammaL?: number;
    gammaR?: number;
    gamma: number;
    probe?: 'local' | 'flat';
    roles?: ['VP' | 'VTP'];
    extraProbe?: {
        site: number;
        gamma: number;
    };
}): TransportSystem;
/** A reproducible random real-symmetric tight-binding system (N sites, n terminals on random sites). */
export declare function randomSystem(seed: number, sites?: number, terminals?: number): TransportSystem;
/** Onsager coefficients (closed form) of a system at (μ0, T0). */
export declare function onsagerOf(system: TransportSystem, reference?: Reference): Onsager;
/** Largest |v| of a list. */
export declare function maxAbs(xs: ArrayLike<number>): number;
/** Format a number for notes. */
export declare function fmt(x: number, digits?: number): string;
/** Verdict from the three routes (refuted/conditional decided by the proof itself). */
export declare function verdictOf(symbolic: RouteOutcome, rational: RouteOutcome, numeric: RouteOutcome, otherwise?: ProofResult['verdict']): ProofResult['verdict'];
/** Wall-clock timer in seconds. */
export declare function timer(): () => number;
/** Values of the Onsager symbols of a 3-terminal (or n-terminal) solver result, as a name → number map. */
export declare function onsagerValues(o: {
    terminals: number;
    L0: Float64Array;
    L1: Float64Array;
    L2: Float64Array;
}, names: readonly string[]): Map<string, number>;
import { type TerminalState, type Onsager, type CircuitResult } from '../src/index.js';
/** Solve a circuit with the solver for given terminal states (names/roles/bias) on precomputed Onsager coefficients. */
export declare function solveStates(o: Onsager, states: readonly TerminalState[], kind: 'electronic' | 'thermal', reference?: Reference): CircuitResult;
/** x = (μ − μ0 [eV], T/T0 − 1) and y = h (J^N [eV], J^Q [eV²]) of a solved circuit, in the model's units. */
export declare function circuitXY(r: CircuitResult): {
    x: number[];
    y: number[];
};
/** A benzene (or random) configuration of paper §IV for the numeric route of claims 2–5. */
export interface NumericCase {
    readonly label: string;
    readonly system: TransportSystem;
    readonly reference: Reference;
    /** μ_L, μ_R (eV absolute), T_L, T_R (K) and the VP temperature (K). */
    readonly bias: {
        muL: number;
        muR: number;
        TL: number;
        TR: number;
        TP: number;
    };
}
/** Electrical bias ΔV of the electronic circuit (eV, symmetric ±ΔV/2): docs/physics.md §7 leaves it open; we choose 10 meV. */
export declare const DELTA_V = 0.01;
/** The three configurations of paper §IV (symmetric, thermal asymmetry, tunnel asymmetry) at several μ0, γ, plus random systems. */
export declare function numericCases(opts?: {
    mus?: number[];
    gammas?: number[];
    random?: boolean;
}): NumericCase[];
/** Terminal states of a 3-terminal case with the probe in the given role. */
export declare function caseStates(c: NumericCase, role: 'VP' | 'VTP'): TerminalState[];
/** Symbol values (L's and biases in model units) of a case, for float evaluation of the paper's formulas. */
export declare function caseValues(c: NumericCase, o: Onsager): (s: string) => number;
//# sourceMappingURL=lib.d.ts.map