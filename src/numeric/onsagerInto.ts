/**
 * The closed-form Onsager coefficients written into caller-owned columns (a scan's hot loop):
 * the same arithmetic, in the same order, as `onsagerClosedForm` (onsager.ts), so the values are
 * bit-identical to it (test/numeric/circuitKernels.test.ts), without allocating per point.
 *
 *   L^(ν)_αβ = 2 Re Σ_k a^{αβ}_k Φ_ν(λ_k − μ0)   (docs/physics.md §3, paper Eq. 2)
 */
import { fermiWindowKernels } from './polygamma.js';
import type { PoleExpansion } from './poles.js';

/** Reusable scratch for {@link onsagerClosedFormInto} (one per scan, not per point). */
export interface OnsagerIntoWorkspace {
  readonly phi: Float64Array;
  readonly tmp: Float64Array;
  /** Index pairs ab with a non-zero residue at some pole (the rest stay 0). */
  readonly pairs: Int32Array;
}

/** Scratch for a pole expansion: which ab pairs carry residues. */
export function onsagerIntoWorkspace(p: PoleExpansion): OnsagerIntoWorkspace {
  const nn = p.terminals * p.terminals, M = p.poles;
  const pairs: number[] = [];
  for (let ab = 0; ab < nn; ab++) {
    for (let k = 0; k < M; k++) if (p.residueRe[ab * M + k] !== 0 || p.residueIm[ab * M + k] !== 0) { pairs.push(ab); break; }
  }
  return { phi: new Float64Array(6), tmp: new Float64Array(2), pairs: Int32Array.from(pairs) };
}

/**
 * L^(0,1,2) at (μ0 = `mu`, k_BT0 = `kT`, eV) into L0/L1/L2 at offset `off` (n² entries each,
 * zeroed here first). Units: L0 dimensionless, L1 eV, L2 eV².
 */
export function onsagerClosedFormInto(p: PoleExpansion, mu: number, kT: number, L0: Float64Array, L1: Float64Array, L2: Float64Array, off: number, ws: OnsagerIntoWorkspace): void {
  const n = p.terminals, M = p.poles, nn = n * n;
  const { phi, tmp, pairs } = ws;
  L0.fill(0, off, off + nn); L1.fill(0, off, off + nn); L2.fill(0, off, off + nn);
  const np = pairs.length;
  for (let k = 0; k < M; k++) {
    fermiWindowKernels(p.lambdaRe[k] - mu, p.lambdaIm[k], kT, phi, tmp);
    const p0 = phi[0], p1 = phi[1], p2 = phi[2], p3 = phi[3], p4 = phi[4], p5 = phi[5];
    for (let q = 0; q < np; q++) {
      const ab = pairs[q];
      const ar = p.residueRe[ab * M + k], ai = p.residueIm[ab * M + k];
      if (ar === 0 && ai === 0) continue;
      L0[off + ab] += 2 * (ar * p0 - ai * p1);
      L1[off + ab] += 2 * (ar * p2 - ai * p3);
      L2[off + ab] += 2 * (ar * p4 - ai * p5);
    }
  }
}
