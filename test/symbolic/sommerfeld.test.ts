import { describe, expect, it } from 'vitest';
import * as Q from '../../src/symbolic/rational.js';
import { Poly } from '../../src/symbolic/polynomial.js';
import { bernoulli, fermiMoment, fermiMomentNumber, sommerfeldOnsager, sommerfeldOnsagerNumber, zetaEvenOverPiPower } from '../../src/symbolic/sommerfeld.js';
import { onsagerQuadrature, type TransmissionEngine } from '../../src/index.js';
import { BERNOULLI_EVEN } from '../../src/numeric/polygamma.js';
import { fermiWindow } from '../../src/numeric/onsager.js';

/** Composite Gauss–Legendre (5 points) on [−60, 60]: an independent quadrature for the moments. */
function integrate(f: (x: number) => number, a = -60, b = 60, panels = 2400): number {
  const xs = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const ws = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];
  const h = (b - a) / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const m = a + (p + 0.5) * h;
    for (let k = 0; k < 5; k++) s += ws[k] * f(m + 0.5 * h * xs[k]);
  }
  return 0.5 * h * s;
}

describe('exact Bernoulli numbers', () => {
  it('B0…B4 and odd ones vanish beyond B1', () => {
    expect(bernoulli(0)).toEqual(Q.ONE);
    expect(bernoulli(1)).toEqual(Q.rat(-1, 2));
    expect(bernoulli(2)).toEqual(Q.rat(1, 6));
    expect(bernoulli(4)).toEqual(Q.rat(-1, 30));
    for (const k of [3, 5, 7, 21, 39]) expect(Q.isZero(bernoulli(k))).toBe(true);
  });
  it('equal the hard-coded table BERNOULLI_EVEN of src/numeric/polygamma.ts (B2…B40)', () => {
    BERNOULLI_EVEN.forEach(([p, q], k) => {
      const b = bernoulli(2 * (k + 1));
      // The table holds JS number literals; Number(BigInt) rounds the same way the literal parse does.
      expect(Number(b.num)).toBe(p);
      expect(Number(b.den)).toBe(q);
    });
  });
  it('give ζ(2) = π²/6, ζ(4) = π⁴/90, ζ(6) = π⁶/945', () => {
    expect(zetaEvenOverPiPower(1)).toEqual(Q.rat(1, 6));
    expect(zetaEvenOverPiPower(2)).toEqual(Q.rat(1, 90));
    expect(zetaEvenOverPiPower(3)).toEqual(Q.rat(1, 945));
    // ζ(20) numerically: Σ_{k≤20} 1/k^20 (the tail is below 1e-26)
    let z20 = 0;
    for (let k = 20; k >= 1; k--) z20 += k ** -20;
    // π^20 in doubles carries ~20 times the rounding of π (≈ 2e-15 relative)
    expect(Math.abs(Q.toNumber(zetaEvenOverPiPower(10)) * Math.PI ** 20 - z20)).toBeLessThan(1e-14);
  });
});

describe('Fermi-window moments ∫ xⁿ (−f′) dx', () => {
  it('are 1, π²/3, 7π⁴/15, 31π⁶/21 exactly (docs/physics.md §6) and vanish for odd n', () => {
    expect(fermiMoment(0)).toEqual({ coefficient: Q.ONE, piPower: 0 });
    expect(fermiMoment(2)).toEqual({ coefficient: Q.rat(1, 3), piPower: 2 });
    expect(fermiMoment(4)).toEqual({ coefficient: Q.rat(7, 15), piPower: 4 });
    expect(fermiMoment(6)).toEqual({ coefficient: Q.rat(31, 21), piPower: 6 });
    expect(Q.isZero(fermiMoment(5).coefficient)).toBe(true);
  });
  it('match numerical quadrature up to n = 12 (relative 1e-12)', () => {
    for (let n = 0; n <= 12; n++) {
      const num = integrate((x) => x ** n * fermiWindow(x));
      const exact = fermiMomentNumber(n);
      // odd moments: compare to the size of the even neighbour (absolute cancellation)
      const scale = n % 2 === 0 ? exact : fermiMomentNumber(n + 1);
      expect(Math.abs(num - exact) / scale).toBeLessThan(1e-12);
    }
  });
});

describe('Sommerfeld expansion of L^(ν)', () => {
  it("is exact for a polynomial transmission: equals the numeric layer's adaptive quadrature", () => {
    const t = [0.3, -0.2, 1.5, 0.4, -0.8]; // T(E) = Σ t_k (E − μ0)^k, eV^{-k}
    const mu0 = 0.1,
      kT = 0.0258;
    const engine: TransmissionEngine = {
      terminals: 2,
      channels: 2,
      levels: new Float64Array(0),
      resonances: [],
      evaluate(E, out) {
        let s = 0;
        for (let k = t.length - 1; k >= 0; k--) s = s * (E - mu0) + t[k];
        out[0] = 0;
        out[3] = 0;
        out[1] = s;
        out[2] = s;
      },
    };
    const q = onsagerQuadrature(engine, mu0, kT, { rtol: 1e-13 });
    for (const [nu, L] of [
      [0, q.L0],
      [1, q.L1],
      [2, q.L2],
    ] as const) {
      const s = sommerfeldOnsagerNumber(t, nu, kT);
      expect(Math.abs(s - L[1]) / (Math.abs(L[1]) + kT ** nu * 1e-3)).toBeLessThan(1e-11);
    }
  });
  it('symbolically: L0 = t0 + t2 (π²/3) kT² + …, truncated by order', () => {
    const t = ['t0', 't1', 't2', 't3'].map((s) => Poly.variable(s));
    const L0 = sommerfeldOnsager(t, 0);
    const pi = Poly.variable('pi'),
      kT = Poly.variable('kT');
    expect(L0.equals(t[0].add(t[2].mul(kT.pow(2)).mul(pi.pow(2)).scale(Q.rat(1, 3))))).toBe(true);
    const L1 = sommerfeldOnsager(t, 1, { order: 2 });
    expect(L1.equals(t[1].mul(kT.pow(2)).mul(pi.pow(2)).scale(Q.rat(1, 3)))).toBe(true);
    const L1full = sommerfeldOnsager(t, 1);
    expect(L1full.sub(L1).equals(t[3].mul(kT.pow(4)).mul(pi.pow(4)).scale(Q.rat(7, 15)))).toBe(true);
  });
});
