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
import { sommerfeldOnsager } from '../src/symbolic/sommerfeld.js';

export type Param = (name: string) => Poly;

/** L^(ν)_αβ of the model, keyed as the Onsager symbols ("L0LR", …). */
export function sommerfeldLs(param: Param): Map<string, Poly> {
  const g = Poly.variable('gam');
  const lr = [param('d0').mul(g), param('d1').mul(g), param('c2').add(param('d2').mul(g))];
  const lp = ['p0', 'p1', 'p2'].map((n) => param(n).mul(g));
  const rp = ['r0', 'r1', 'r2'].map((n) => param(n).mul(g));
  const out = new Map<string, Poly>();
  const subsKT = new Map<string, Poly>([
    ['kT', param('kT')],
    ['pi', param('pi')],
  ]);
  for (let nu = 0; nu < 3; nu++) {
    out.set(`L${nu}LR`, sommerfeldOnsager(lr, nu).substitute(subsKT));
    out.set(`L${nu}LP`, sommerfeldOnsager(lp, nu).substitute(subsKT));
    out.set(`L${nu}RP`, sommerfeldOnsager(rp, nu).substitute(subsKT));
  }
  return out;
}

/**
 * Value at γ = 0 and first derivative in γ at 0 of N(γ)/D(γ), after removing the common power of γ.
 * @returns [f(0), f′(0)] as (numerator, denominator) pairs over the other symbols
 */
export function valueAndSlopeAtZero(num: Poly, den: Poly, g = 'gam'): { f0: [Poly, Poly]; f1: [Poly, Poly] } {
  const k = Math.min(num.minDegreeIn(g), den.minDegreeIn(g));
  const N = num.divideByPower(g, k),
    D = den.divideByPower(g, k);
  const at0 = new Map([[g, Poly.zero]]);
  const N0 = N.substitute(at0),
    D0 = D.substitute(at0);
  const N1 = N.derivative(g).substitute(at0),
    D1 = D.derivative(g).substitute(at0);
  if (D0.isZero()) throw new RangeError('the denominator vanishes at γ = 0 beyond a common power of γ');
  return { f0: [N0, D0], f1: [N1.mul(D0).sub(N0.mul(D1)), D0.mul(D0)] };
}
