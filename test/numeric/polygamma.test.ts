/**
 * Complex trigamma and the Fermi-window kernels Φ_ν against mpmath (reference.json, 30 digits),
 * plus identities that hold for any argument. Tolerance: 1e-14 relative to |ψ′| (the asymptotic
 * series and ≤ 15 recurrence steps lose a few ulps), 1e-13 for Φ_ν whose |ζ| < 8 branch forms
 * 1 − ζψ′ with a cancellation of at most |ζ|² ≤ 64.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { trigamma, fermiWindowKernels, BERNOULLI_EVEN } from '../../src/numeric/polygamma.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { reference } from '../fixtures/reference/load.js';

describe('trigamma', () => {
  it('matches mpmath at reference points', () => {
    for (const { z, value } of reference.trigamma) {
      const v = trigamma(z[0], z[1]);
      const scale = Math.hypot(value[0], value[1]);
      expect(Math.hypot(v[0] - value[0], v[1] - value[1]), `z = ${z}`).toBeLessThanOrEqual(1e-14 * scale);
    }
  });

  const zArb = fc.tuple(fc.double({ min: 0.05, max: 60, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }));
  it('satisfies the recurrence ψ′(z) − ψ′(z+1) = 1/z² and conjugate symmetry', () => {
    fc.assert(
      fc.property(zArb, ([x, y]) => {
        const a = trigamma(x, y),
          b = trigamma(x + 1, y),
          c = trigamma(x, -y);
        const d = x * x + y * y;
        const ir = x / d,
          ii = -y / d;
        const z2r = ir * ir - ii * ii,
          z2i = 2 * ir * ii;
        const scale = Math.hypot(a[0], a[1]) + Math.hypot(z2r, z2i);
        expect(Math.hypot(a[0] - b[0] - z2r, a[1] - b[1] - z2i)).toBeLessThanOrEqual(1e-14 * scale);
        expect(Math.hypot(a[0] - c[0], a[1] + c[1])).toBeLessThanOrEqual(1e-15 * Math.hypot(a[0], a[1]));
      }),
    );
  });

  it('refuses poles and non-finite arguments with a clear error', () => {
    expect(() => trigamma(0, 0)).toThrow(/pole/);
    expect(() => trigamma(-3, 0)).toThrow(/pole/);
    expect(() => trigamma(NaN, 0)).toThrow(/non-finite/);
  });

  it('has the exact Bernoulli numbers (B_2k = (−1)^{k+1} 2 (2k)! ζ(2k)/(2π)^{2k})', () => {
    // an independent route to B_2k: the zeta series, to double precision
    BERNOULLI_EVEN.forEach(([p, q], idx) => {
      const k = idx + 1;
      // ζ(s), s = 2k: partial sum to M − 1 plus the Euler–Maclaurin tail (error ~ M^{−s−5}, M = 200)
      const sExp = 2 * k,
        M = 200;
      let zeta = 0;
      for (let m = 1; m < M; m++) zeta += m ** -sExp;
      zeta += M ** (1 - sExp) / (sExp - 1) + M ** -sExp / 2 + (sExp * M ** (-sExp - 1)) / 12 - (sExp * (sExp + 1) * (sExp + 2) * M ** (-sExp - 3)) / 720;
      let fact = 1;
      for (let j = 2; j <= 2 * k; j++) fact *= j;
      const b = ((k % 2 === 1 ? 1 : -1) * 2 * fact * zeta) / (2 * Math.PI) ** (2 * k);
      expect(Math.abs(p / q - b)).toBeLessThanOrEqual(1e-13 * Math.abs(b));
    });
  });
});

describe('Fermi-window kernels Φ_ν', () => {
  it('match mpmath quadrature of ∫ (E−μ)^ν (−f′)/(E − λ) dE', () => {
    const out = new Float64Array(6);
    for (const { w, T, phi } of reference.kernels) {
      fermiWindowKernels(w[0], w[1], K_B_EV * T, out);
      phi.forEach(([re, im], nu) => {
        const scale = Math.hypot(re, im);
        expect(Math.hypot(out[2 * nu] - re, out[2 * nu + 1] - im), `w=${w} T=${T} ν=${nu}`).toBeLessThanOrEqual(1e-13 * scale);
      });
    }
  });

  it('are continuous across the |ζ| = 8 switch between the trigamma and the asymptotic branch', () => {
    const kT = K_B_EV * 300;
    const out1 = new Float64Array(6),
      out2 = new Float64Array(6);
    // |ζ| = |w|/(2π kT) = 8 at |w| = 16π kT
    const w0 = 16 * Math.PI * kT;
    for (const phase of [0.1, 0.5, 1.0, 1.4]) {
      const r1 = w0 * (1 - 1e-9),
        r2 = w0 * (1 + 1e-9);
      fermiWindowKernels(r1 * Math.cos(phase), -r1 * Math.sin(phase), kT, out1);
      fermiWindowKernels(r2 * Math.cos(phase), -r2 * Math.sin(phase), kT, out2);
      for (let nu = 0; nu < 3; nu++) {
        const a = Math.hypot(out1[2 * nu], out1[2 * nu + 1]);
        expect(Math.hypot(out1[2 * nu] - out2[2 * nu], out1[2 * nu + 1] - out2[2 * nu + 1])).toBeLessThanOrEqual(1e-8 * a);
      }
    }
  });
});
