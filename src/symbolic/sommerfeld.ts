/**
 * Sommerfeld engine (docs/physics.md §6; paper Eqs. 38–40, 43–45, 49–51).
 *
 * Moments of the Fermi window, exactly:
 *   m_n = ∫ x^n (−f′(x)) dx = 0 (n odd),  m_0 = 1,  m_n = (2 − 2^{2−n}) n! ζ(n) (n even ≥ 2),
 * with ζ(2k) = (−1)^{k+1} B_{2k} (2π)^{2k} / (2 (2k)!), so m_{2k} = c_{2k} π^{2k} with c_{2k}
 * rational. The Bernoulli numbers come from the recurrence Σ_{j=0}^{m} C(m+1, j) B_j = 0 in
 * BigInt rationals — no table.
 *
 * Onsager functions of a transmission given as a Taylor polynomial about μ0,
 * T(E) = Σ_k t_k (E − μ0)^k (t_k = T^(k)(μ0)/k!):
 *   L^(ν) = ∫ (E − μ0)^ν T(E) (−∂f0/∂E) dE = Σ_k t_k (k_BT)^{k+ν} m_{k+ν}.
 * For a polynomial T this is exact (not only asymptotic); truncating at total power `order` of
 * k_BT gives the Sommerfeld expansion to that order.
 */
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { Poly } from './polynomial.js';

const bernoulliCache: Rational[] = [Q.ONE];

/**
 * Bernoulli number B_m (convention B_1 = −1/2) exactly, from Σ_{j=0}^{m} C(m+1, j) B_j = 0.
 * @param m index ≥ 0
 */
export function bernoulli(m: number): Rational {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`Bernoulli index must be a non-negative integer, got ${m}`);
  for (let k = bernoulliCache.length; k <= m; k++) {
    let s = Q.ZERO;
    for (let j = 0; j < k; j++) s = Q.add(s, Q.mul(Q.rat(Q.binomial(k + 1, j)), bernoulliCache[j]));
    bernoulliCache.push(Q.div(Q.neg(s), Q.rat(BigInt(k + 1))));
  }
  return bernoulliCache[m];
}

/** ζ(2k)/π^{2k} = (−1)^{k+1} B_{2k} 2^{2k} / (2 (2k)!), exactly. @param k ≥ 1 */
export function zetaEvenOverPiPower(k: number): Rational {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`zeta(2k) needs an integer k >= 1, got ${k}`);
  const b = bernoulli(2 * k);
  const sign = k % 2 === 1 ? 1n : -1n;
  return Q.div(Q.mul(Q.rat(sign * (1n << BigInt(2 * k))), b), Q.rat(2n * Q.factorial(2 * k)));
}

/**
 * The Fermi-window moment m_n = ∫ x^n (−f′) dx as {coefficient, piPower}: m_n = coefficient · π^piPower.
 * m_0 = 1, odd n → 0, even n ≥ 2 → (2 − 2^{2−n}) n! ζ(n).
 */
export function fermiMoment(n: number): { coefficient: Rational; piPower: number } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`moment order must be a non-negative integer, got ${n}`);
  if (n === 0) return { coefficient: Q.ONE, piPower: 0 };
  if (n % 2 === 1) return { coefficient: Q.ZERO, piPower: 0 };
  // docs/physics.md §6: (2 − 2^{2−n}) n! ζ(n)
  const pref = Q.sub(Q.rat(2), Q.pow(Q.rat(2), 2 - n));
  const c = Q.mul(Q.mul(pref, Q.rat(Q.factorial(n))), zetaEvenOverPiPower(n / 2));
  return { coefficient: c, piPower: n };
}

/** m_n as a double. */
export function fermiMomentNumber(n: number): number {
  const { coefficient, piPower } = fermiMoment(n);
  return Q.toNumber(coefficient) * Math.PI ** piPower;
}

/** m_n as a polynomial in the symbol `pi` (π is transcendental, so identities in it are polynomial identities). */
export function fermiMomentPoly(n: number, pi = 'pi'): Poly {
  const { coefficient, piPower } = fermiMoment(n);
  return Poly.variable(pi).pow(piPower).scale(coefficient);
}

/** Options of {@link sommerfeldOnsager}. */
export interface SommerfeldOptions {
  /** Keep terms up to (k_BT)^order (default: all, exact for a polynomial transmission). */
  readonly order?: number;
  /** Symbol for k_BT (default "kT"). */
  readonly kT?: string;
  /** Symbol for π (default "pi"). */
  readonly pi?: string;
}

/**
 * L^(ν) = Σ_k t_k (k_BT)^{k+ν} m_{k+ν} for T(E) = Σ_k t_k (E − μ0)^k (docs/physics.md §6).
 * @param taylor coefficients t_0, t_1, … (polynomials in any symbols; units eV^{−k})
 * @param nu 0, 1 or 2 (units of L^(ν): eV^ν)
 * @returns a polynomial in the t-symbols, `kT` and `pi`
 */
export function sommerfeldOnsager(taylor: readonly Poly[], nu: number, options: SommerfeldOptions = {}): Poly {
  const kT = Poly.variable(options.kT ?? 'kT');
  const order = options.order ?? Infinity;
  let s = Poly.zero;
  taylor.forEach((t, k) => {
    if (k + nu > order || (k + nu) % 2 === 1) return;
    s = s.add(t.mul(kT.pow(k + nu)).mul(fermiMomentPoly(k + nu, options.pi ?? 'pi')));
  });
  return s;
}

/**
 * Numerical value of the exact Sommerfeld sum for numeric Taylor coefficients (eV^{−k}) at k_BT (eV).
 */
export function sommerfeldOnsagerNumber(taylor: readonly number[], nu: number, kT: number, order = Infinity): number {
  let s = 0;
  taylor.forEach((t, k) => {
    if (k + nu > order || (k + nu) % 2 === 1) return;
    s += t * kT ** (k + nu) * fermiMomentNumber(k + nu);
  });
  return s;
}
