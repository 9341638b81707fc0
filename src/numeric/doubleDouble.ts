/**
 * Double-double arithmetic (docs/physics.md §13): a number is an unevaluated sum hi + lo of two
 * doubles with |lo| ≤ ulp(hi)/2, about 106 bits (relative rounding u_dd ≈ 2⁻¹⁰⁴ ≈ 5e-32).
 * Error-free transformations: Knuth's two-sum and Dekker's two-product with Veltkamp splitting
 * (JavaScript has no fused multiply–add). Valid for |x| < 2⁹⁹⁶ (the split overflows beyond);
 * the config layer bounds every energy far below that.
 *
 * Used only where double precision cannot resolve a quantity that the double inputs define
 * exactly: T(μ0) and T′(μ0) at a transmission node (pointTransmission.ts). Not a general
 * extended-precision library: complex numbers are carried as four doubles by the caller.
 *
 * The results of every operation are returned in the module registers {@link R}: R.hi, R.lo.
 */

/** Result registers of the last operation (read them immediately). */
export const R = { hi: 0, lo: 0 };

const SPLITTER = 134217729; // 2^27 + 1

/** R = a + b exactly as a double-double (two-sum of doubles a, b). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R.hi = s;
  R.lo = a - (s - bb) + (b - bb);
}

/** R = a · b exactly as a double-double (Dekker's two-product of doubles a, b). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b),
    bl = b - bh;
  R.hi = p;
  R.lo = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** R = (ah + al) + (bh + bl), double-double addition (Bailey's accurate variant). */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let bb = s - ah;
  let e = ah - (s - bb) + (bh - bb);
  const t = al + bl;
  bb = t - al;
  const f = al - (t - bb) + (bl - bb);
  e += t;
  let h = s + e;
  e = e - (h - s);
  s = h;
  e += f;
  h = s + e;
  R.hi = h;
  R.lo = e - (h - s);
}

/** R = (ah + al) · (bh + bl), double-double multiplication. */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = R.hi;
  const e = R.lo + (ah * bl + al * bh);
  const h = p + e;
  R.hi = h;
  R.lo = e - (h - p);
}

/** R = (ah + al) / (bh + bl), double-double division (two correction steps). */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -R.hi, -R.lo);
  const q2 = R.hi / bh;
  const rh = R.hi,
    rl = R.lo;
  ddMul(q2, 0, bh, bl);
  ddAdd(rh, rl, -R.hi, -R.lo);
  const q3 = R.hi / bh;
  twoSum(q1, q2);
  ddAdd(R.hi, R.lo, q3, 0);
}

/**
 * Complex double-double registers: C = (rh + rl) + i (ih + il), the result of {@link cddMul}
 * and {@link cddDiv}.
 */
export const C = { rh: 0, rl: 0, ih: 0, il: 0 };

/** C = x · y for complex double-doubles x = (xrh, xrl, xih, xil), y likewise. */
export function cddMul(xrh: number, xrl: number, xih: number, xil: number, yrh: number, yrl: number, yih: number, yil: number): void {
  ddMul(xrh, xrl, yrh, yrl);
  const ah = R.hi,
    al = R.lo;
  ddMul(xih, xil, yih, yil);
  ddAdd(ah, al, -R.hi, -R.lo);
  const rh = R.hi,
    rl = R.lo;
  ddMul(xrh, xrl, yih, yil);
  const bh = R.hi,
    bl = R.lo;
  ddMul(xih, xil, yrh, yrl);
  ddAdd(bh, bl, R.hi, R.lo);
  C.rh = rh;
  C.rl = rl;
  C.ih = R.hi;
  C.il = R.lo;
}

/** C = x / y for complex double-doubles (y ≠ 0): x·ȳ/|y|². */
export function cddDiv(xrh: number, xrl: number, xih: number, xil: number, yrh: number, yrl: number, yih: number, yil: number): void {
  ddMul(yrh, yrl, yrh, yrl);
  const ah = R.hi,
    al = R.lo;
  ddMul(yih, yil, yih, yil);
  ddAdd(ah, al, R.hi, R.lo);
  const dh = R.hi,
    dl = R.lo;
  cddMul(xrh, xrl, xih, xil, yrh, yrl, -yih, -yil);
  const nih = C.ih,
    nil = C.il;
  ddDiv(C.rh, C.rl, dh, dl);
  const qrh = R.hi,
    qrl = R.lo;
  ddDiv(nih, nil, dh, dl);
  C.rh = qrh;
  C.rl = qrl;
  C.ih = R.hi;
  C.il = R.lo;
}
