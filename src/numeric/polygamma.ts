/**
 * Complex trigamma ψ′(z) and the Fermi-window kernels of the closed-form Onsager functions
 * (docs/physics.md §3). No npm package evaluates ψ′ at complex arguments (the nerdamer traps pinned in test/symbolic/nerdamerTraps.test.ts).
 *
 * ψ′: recurrence ψ′(z) = ψ′(z + 1) + 1/z² up to Re z ≥ 15, then the asymptotic series
 * ψ′(z) ~ 1/z + 1/(2z²) + Σ_{k≥1} B_{2k}/z^{2k+1}; reflection ψ′(1 − z) + ψ′(z) = π²/sin²(πz) for
 * Re z < 1/2. Accuracy ~1e-15 relative (checked against mpmath in the tests).
 */

/** Bernoulli numbers B_2 … B_40 as exact fractions [numerator, denominator]. */
export const BERNOULLI_EVEN: ReadonlyArray<readonly [number, number]> = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
  [854513, 138],
  [-236364091, 2730],
  [8553103, 6],
  [-23749461029, 870],
  [8615841276005, 14322],
  [-7709321041217, 510],
  [2577687858367, 6],
  [-26315271553053477373, 1919190],
  [2929993913841559, 6],
  [-261082718496449122051, 13530],
];
const B2K = BERNOULLI_EVEN.map(([p, q]) => p / q);
/** B_2k(1/2) = −(1 − 2^{1−2k}) B_2k, the Bernoulli polynomials at 1/2. */
const B2K_HALF = B2K.map((b, k) => -(1 - 2 ** (1 - 2 * (k + 1))) * b);

/** A complex value as an [re, im] pair written into a caller-provided buffer. */
export type ComplexOut = Float64Array;

function asymptoticTrigamma(zr: number, zi: number, out: ComplexOut): void {
  // 1/z
  const d = zr * zr + zi * zi;
  const ir = zr / d,
    ii = -zi / d;
  // w = 1/z², powers
  const wr = ir * ir - ii * ii,
    wi = 2 * ir * ii;
  // sum_{k} B_2k w^k, Horner from the top (12 terms are plenty for |z| >= 15)
  let sr = 0,
    si = 0;
  for (let k = 11; k >= 0; k--) {
    const tr = sr * wr - si * wi + B2K[k];
    const ti = sr * wi + si * wr;
    sr = tr;
    si = ti;
  }
  // times w: B2 w + B4 w² + ...
  let tr = sr * wr - si * wi,
    ti = sr * wi + si * wr;
  // + 1/(2z) + 1  → then multiply by 1/z
  tr += 0.5 * ir + 1;
  ti += 0.5 * ii;
  out[0] = tr * ir - ti * ii;
  out[1] = tr * ii + ti * ir;
}

/**
 * ψ′(z) for complex z (not at the poles z = 0, −1, −2, …). Writes [re, im] into `out`.
 */
export function trigamma(zr: number, zi: number, out: ComplexOut = new Float64Array(2)): ComplexOut {
  out[0] = zr;
  out[1] = zi;
  trigammaInPlace(out);
  return out;
}

/**
 * {@link trigamma} of z = buf[0] + i buf[1], written over buf (the hot callers pass z in a typed
 * array: a double argument of a call V8 does not inline is boxed into a fresh heap number).
 */
function trigammaInPlace(buf: Float64Array): void {
  const zr = buf[0],
    zi = buf[1];
  if (!Number.isFinite(zr) || !Number.isFinite(zi)) throw new RangeError('trigamma: non-finite argument');
  if (zr < 0.5) {
    // reflection: ψ′(z) = π² / sin²(πz) − ψ′(1 − z)
    if (zi === 0 && Number.isInteger(zr)) throw new RangeError(`trigamma: pole at z = ${zr}`);
    buf[0] = 1 - zr;
    buf[1] = -zi;
    trigammaInPlace(buf);
    // sin(πz) = sin(πx)cosh(πy) + i cos(πx)sinh(πy)
    const x = Math.PI * zr,
      y = Math.PI * zi;
    const sr = Math.sin(x) * Math.cosh(y),
      si = Math.cos(x) * Math.sinh(y);
    const s2r = sr * sr - si * si,
      s2i = 2 * sr * si;
    const den = s2r * s2r + s2i * s2i;
    const pr = (Math.PI * Math.PI * s2r) / den,
      pi = (-Math.PI * Math.PI * s2i) / den;
    buf[0] = pr - buf[0];
    buf[1] = pi - buf[1];
    return;
  }
  let accR = 0,
    accI = 0;
  let xr = zr;
  while (xr < 15 && xr * xr + zi * zi < 225) {
    // + 1/(x + i y)²
    const d = xr * xr + zi * zi;
    const ir = xr / d,
      ii = -zi / d;
    accR += ir * ir - ii * ii;
    accI += 2 * ir * ii;
    xr += 1;
  }
  asymptoticTrigamma(xr, zi, buf);
  buf[0] += accR;
  buf[1] += accI;
}

/**
 * The Fermi-window kernels for a pole λ (Im λ < 0) of the transmission (docs/physics.md §3):
 *
 *   Φ_ν(λ) = ∫ dE (E − μ)^ν (−∂f/∂E) / (E − λ),  ν = 0, 1, 2,
 *
 * with w = λ − μ and ζ = i w / (2π k_BT) (Re ζ > 0):
 *   Φ_0 = ψ′(½ + ζ) / (2πi k_BT),
 *   Φ_1 = 1 + w Φ_0 = 1 − ζ ψ′(½ + ζ),
 *   Φ_2 = w Φ_1
 * (polynomial division of (E − μ)^ν by (E − λ); ∫(−f′) = 1, ∫(E − μ)(−f′) = 0).
 * For |ζ| ≥ 8 the cancellation in 1 − ζψ′ is avoided by summing its own asymptotic series
 * 1 − ζψ′(½ + ζ) ~ −Σ_k B_2k(½) ζ^{−2k}, accurate to < 1e-16 there.
 *
 * @param wr Re(λ − μ) in eV
 * @param wi Im(λ − μ) in eV, must be < 0
 * @param kT k_B T in eV, > 0
 * With a length-8 buffer, also the remainder of Φ_1 beyond its Sommerfeld term,
 * R_1 = Φ_1 + (π²/3)(k_BT)²/w² = Φ_1 − B_2(½)… = −Σ_{k≥2} B_2k(½) ζ^{−2k} (summed without
 * cancellation for |ζ| ≥ 8), used by the zero-subtracted closed form (docs/physics.md §13).
 *
 * @param out length-6 (or 8) buffer: [Φ0re, Φ0im, Φ1re, Φ1im, Φ2re, Φ2im(, R1re, R1im)] (Φ_ν in eV^{ν−1})
 */
export function fermiWindowKernels(wr: number, wi: number, kT: number, out: Float64Array, tmp: Float64Array = new Float64Array(2)): Float64Array {
  ONE_RE[0] = wr;
  ONE_IM[0] = wi;
  fermiWindowTable(ONE_RE, ONE_IM, 1, 0, kT, out, out.length >= 8, tmp); // λ − 0 = w exactly
  return out;
}

const ONE_RE = new Float64Array(1),
  ONE_IM = new Float64Array(1);

/**
 * {@link fermiWindowKernels} of `count` poles λ_k = lambdaRe[k] + i lambdaIm[k] at one μ (w_k = λ_k − μ),
 * written into `out` at 8k (6 values per pole, 8 with `withR1`): the closed form's per-point table
 * (onsager.ts), in one call (no per-pole call boundary, whose double arguments V8 would box).
 * `tmp`: a length-2 scratch buffer.
 */
export function fermiWindowTable(
  lambdaRe: Float64Array,
  lambdaIm: Float64Array,
  count: number,
  mu: number,
  kT: number,
  out: Float64Array,
  withR1: boolean,
  tmp: Float64Array,
): void {
  const s = 1 / (2 * Math.PI * kT);
  for (let pole = 0; pole < count; pole++) {
    const wr = lambdaRe[pole] - mu,
      wi = lambdaIm[pole],
      off = 8 * pole;
    // ζ = i w s = (−wi s) + i (wr s)
    const zr = -wi * s,
      zi = wr * s;
    const mod = Math.sqrt(zr * zr + zi * zi); // (Math.hypot is slow in V8; |ζ| ≤ 1e12 within the config ranges)
    let g1r: number, g1i: number;
    let psiR: number, psiI: number;
    let r1r: number, r1i: number;
    if (mod >= 8) {
      const d = zr * zr + zi * zi;
      const ir = zr / d,
        ii = -zi / d;
      const qr = ir * ir - ii * ii,
        qi = 2 * ir * ii; // ζ^{-2}
      // S1 = Σ_{k≥1} B_2k(½) ζ^{−2k} (Horner), S = B_2(½) + S1
      let tr0 = 0,
        ti0 = 0;
      for (let k = B2K_HALF.length - 1; k >= 1; k--) {
        const tr = tr0 * qr - ti0 * qi + B2K_HALF[k];
        const ti = tr0 * qi + ti0 * qr;
        tr0 = tr;
        ti0 = ti;
      }
      const s1r = tr0 * qr - ti0 * qi,
        s1i = tr0 * qi + ti0 * qr;
      const sr = B2K_HALF[0] + s1r,
        si = s1i;
      // G = −q · S; its remainder beyond the Sommerfeld term, R1 = −q · S1, without cancellation
      g1r = -(sr * qr - si * qi);
      g1i = -(sr * qi + si * qr);
      r1r = -(s1r * qr - s1i * qi);
      r1i = -(s1r * qi + s1i * qr);
      // ψ′ = (1 − G)/ζ
      const nr = 1 - g1r,
        ni = -g1i;
      psiR = nr * ir - ni * ii;
      psiI = nr * ii + ni * ir;
    } else {
      tmp[0] = 0.5 + zr;
      tmp[1] = zi;
      trigammaInPlace(tmp);
      psiR = tmp[0];
      psiI = tmp[1];
      g1r = 1 - (zr * psiR - zi * psiI);
      g1i = -(zr * psiI + zi * psiR);
      const d = zr * zr + zi * zi;
      const ir = zr / d,
        ii = -zi / d;
      const qr = ir * ir - ii * ii,
        qi = 2 * ir * ii;
      r1r = g1r + B2K_HALF[0] * qr;
      r1i = g1i + B2K_HALF[0] * qi;
    }
    if (withR1) {
      out[off + 6] = r1r;
      out[off + 7] = r1i;
    }
    // Φ0 = ψ′ / (2πi kT) = −i ψ′ s
    out[off] = psiI * s;
    out[off + 1] = -psiR * s;
    out[off + 2] = g1r;
    out[off + 3] = g1i;
    out[off + 4] = wr * g1r - wi * g1i;
    out[off + 5] = wr * g1i + wi * g1r;
  }
}
