/**
 * The one conversion from the numeric layer's h·J (eV-based) to SI currents, with the spin
 * degeneracy factor s (docs/physics.md §1, §11). Every current in probecheck is
 *
 *   J^N = s · (hJ^N)/h  [1/s],   I = −e J^N  [A],   J^Q = s · (hJ^Q)/h · e  [W],
 *
 * where hJ^N (eV) and hJ^Q (eV²) are what the Onsager coefficients L^(ν) of one spin channel
 * give (paper Eq. 1) and s = 1 (spinless, the paper's convention) or 2 (spin-degenerate).
 */
import { E_CHARGE, H_EV_S } from '../numeric/constants.js';

/** Spin degeneracy factor: 1 (the paper's convention, per spin channel) or 2. */
export type SpinFactor = 1 | 2;

/** Particle current (1/s) from h·J^N in eV. */
export function particleCurrentSI(hJN: number, spin: SpinFactor = 1): number {
  return (spin * hJN) / H_EV_S;
}

/** Charge current (A) from h·J^N in eV: I = −e J^N (electrons). */
export function chargeCurrentSI(hJN: number, spin: SpinFactor = 1): number {
  return -E_CHARGE * particleCurrentSI(hJN, spin);
}

/** Heat (or energy) current (W) from h·J^Q in eV². */
export function heatCurrentSI(hJQ: number, spin: SpinFactor = 1): number {
  return ((spin * hJQ) / H_EV_S) * E_CHARGE;
}

/** Entropy production (W/K) from h·T0·Ṡ = −xᵀMx in eV² and T0 in K. */
export function entropyProductionSI(hT0Sdot: number, T0: number, spin: SpinFactor = 1): number {
  return ((spin * hT0Sdot) / (H_EV_S * T0)) * E_CHARGE;
}

/** Validate a spin factor (config boundary); returns null when fine, else the reason. */
export function spinProblem(s: unknown): string | null {
  return s === 1 || s === 2 ? null : `spin must be 1 or 2 (got ${JSON.stringify(s)})`;
}
