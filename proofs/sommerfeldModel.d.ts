/**
 * Sommerfeld models of the three-terminal junction near the benzene node (paper Appendices A, B;
 * docs/physics.md §6): transmissions as Taylor polynomials about μ0, Onsager functions from the exact
 * Sommerfeld sums (src/symbolic/sommerfeld.ts), substituted into the exact Schur algebra.
 *
 * Parameters (polynomials: symbols for the symbolic route, constants for the rational route):
 *   T_LR(ε) = c2 ε² + γ (d0 + d1 ε + d2 ε²)          (quadratic node; first order in the probe coupling γ)
 *   T_LP(ε) = γ (p0 + p1 ε + p2 ε²),  T_RP(ε) = γ (r0 + r1 ε + r2 ε²)
 * with ε = E − μ0, k_BT0 = "kT", π = "pi", γ = "gam".
 */
import { Poly } from '../src/symbolic/polynomial.js';
export type Param = (name: string) => Poly;
/** L^(ν)_αβ of the model, keyed as the Onsager symbols ("L0LR", …). */
export declare function sommerfeldLs(param: Param): Map<string, Poly>;
/**
 * Value at γ = 0 and first derivative in γ at 0 of N(γ)/D(γ), after removing the common power of γ.
 * @returns [f(0), f′(0)] as (numerator, denominator) pairs over the other symbols
 */
export declare function valueAndSlopeAtZero(num: Poly, den: Poly, g?: string): {
    f0: [Poly, Poly];
    f1: [Poly, Poly];
};
//# sourceMappingURL=sommerfeldModel.d.ts.map