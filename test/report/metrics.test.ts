/**
 * Relative errors and peaks (src/paper/metrics.ts): a peak leaves out points near a sign change
 * of the reference current (where the ratio is meaningless) but keeps a suppressed current that
 * does not change sign (the VP's node, the effect the paper reports).
 */
import { describe, it, expect } from 'vitest';
import { maxAbs, nearestIndex, peakRelativeError, relativeError, thermopowerDeviation, zeroCrossingMask } from '../../src/paper/metrics.js';
import { linspace } from '../../src/scan.js';

const x = Float64Array.from(linspace(-1, 1, 201)); // step 0.01

describe('relative errors', () => {
  it('divides by the chosen reference', () => {
    expect([...relativeError([2], [1], 'VP')]).toEqual([0.5]);
    expect([...relativeError([2], [1], 'VTP')]).toEqual([1]);
  });

  it('masks the points within the window of a sign change (interpolated zero)', () => {
    const ref = x.map((v) => v - 0.105); // zero at 0.105, between grid points 0.10 and 0.11
    const mask = zeroCrossingMask(ref, x, 0.025);
    const masked = [...x].filter((_, i) => mask[i]).map((v) => Number(v.toFixed(2)));
    expect(masked).toEqual([0.08, 0.09, 0.1, 0.11, 0.12, 0.13]);
  });

  it('keeps a positive minimum (a node without sign change) and finds the peak there', () => {
    const vtp = x.map((v) => 1 + v * v);
    const vp = x.map((v) => 1e-3 + v * v); // suppressed at 0, never zero
    const p = peakRelativeError(vp, vtp, x, 'VP', 0.025);
    expect(p.excluded).toBe(0);
    expect(p.x).toBeCloseTo(0, 12);
    expect(p.value).toBeCloseTo((1e-3 - 1) / 1e-3, 9);
  });

  it('does not report the divergence at a zero crossing of J_VP as a peak', () => {
    const vp = x.map((v) => v - 0.303);
    const vtp = x.map((v) => 1.01 * (v - 0.303) + 1e-3);
    const p = peakRelativeError(vp, vtp, x, 'VP', 0.045);
    expect(p.excluded).toBe(9); // 0.26 … 0.34
    // |δ| = |0.01 + 1e-3/(v − 0.303)| is largest just outside the window, on the side where the terms add
    expect(p.x).toBeCloseTo(0.35, 9);
    expect(Math.abs(p.value)).toBeCloseTo(0.01 + 1e-3 / (0.35 - 0.303), 9);
  });

  it('returns NaN when every point is excluded, and the nearest grid index', () => {
    const p = peakRelativeError([1, -1], [1, -1], [0, 0.001], 'VP', 1);
    expect(p.value).toBeNaN();
    expect(nearestIndex(x, 0)).toBe(100);
    expect(maxAbs([1, -3, Number.NaN])).toBe(3);
  });

  it('thermopower deviation is max|ΔS| over max|S_ref| (no pointwise ratio through S = 0)', () => {
    const s1 = x.map((v) => Math.sin(3 * v));
    const s0 = x.map((v, i) => s1[i] + 0.1 * Math.cos(v));
    const d = thermopowerDeviation(s0, s1, x, 'VTP');
    expect(d.maxDeviation).toBeCloseTo(0.1, 12);
    expect(d.x).toBeCloseTo(0, 12);
    expect(d.value).toBeCloseTo(0.1 / maxAbs(s1), 12);
  });
});
