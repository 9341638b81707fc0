/**
 * Ranges and limits of the input (documented in docs/config.md, "Ranges and limits"). Each is
 * physical (energies of molecular and solid-state tight-binding models are eV, not keV) or set
 * by what a method can do in double precision and in memory; a value outside is refused with
 * one line naming the field and the limit.
 */
import { K_B_EV } from './numeric/constants.js';

/** Largest |energy| accepted anywhere (hopping, on-site, μ, γ, Γ and H entries, CLI energies), eV. */
export const ENERGY_LIMIT = 1e3;
/**
 * Smallest non-zero coupling γ (eV): a probe's effect on the circuit is O(γ), so below 1e-30 eV
 * it equals the coherent limit γ = 0 to machine precision, while its Onsager row (∝ γ·(k_BT)²)
 * would underflow into subnormal numbers. Smaller positive γ are refused (use 0).
 */
export const GAMMA_MIN = 1e-30;
/** Temperature range (K): 0.1 mK … 1e5 K. The documented accuracy is verified from 1 mK to 3000 K. */
export const TEMPERATURE_MIN = 1e-4;
export const TEMPERATURE_MAX = 1e5;
/** Largest |flux| (flux quanta) of a ring: beyond, 2π·flux loses its fractional part. */
export const FLUX_LIMIT = 1e6;
/**
 * Largest number of sites of the dense solver (eigen-decompositions of N × N complex matrices:
 * O(N³) time, ~5 N² × 16 B memory; N = 3000 is ~0.7 GB and a minute). Larger devices need a
 * sparse method.
 */
export const DENSE_SITE_LIMIT = 3000;
/**
 * Largest number of sites of a config on the sparse path (above {@link DENSE_SITE_LIMIT}: a
 * `chain`, `ring`, `graphene` or `edges` Hamiltonian with local `sites`/`gamma` couplings; H and Γ
 * are held in sparse form only, docs/physics.md §14). Set by memory: the config's JSON, H's
 * triplets and the sparse factorisation of E − H_eff grow as N·(fill per site); measured peak
 * resident sets are in docs/config.md "Ranges and limits".
 */
export const SPARSE_SITE_LIMIT = 1_000_000;
/** Most terminals (the Onsager matrix is 2n × 2n; the channel space grows with n). */
export const TERMINAL_LIMIT = 64;
/** Most grid points of a CLI energy or μ0 grid (×γ values for a scan). */
export const GRID_POINT_LIMIT = 100_000;
/** Most cells (rows × columns) of one output table: ~25 bytes each, i.e. ≲ 250 MB of CSV. */
export const TABLE_CELL_LIMIT = 10_000_000;
/**
 * Largest input file (bytes): a config (a 3000 × 3000 complex matrix in JSON is ~400 MB), a claim
 * file, a compare output or a shard. 512 MiB, and never more than V8's longest string
 * (src/io/read.ts readTextFile).
 */
export const INPUT_BYTES_LIMIT = 512 * 1024 * 1024;

/** Bias beyond which linear response is doubtful: |μ_α − μ0| > LINEAR_MU_KT · k_BT0. */
export const LINEAR_MU_KT = 2;
/** … or |T_α − T0| > LINEAR_T_FRACTION · T0. */
export const LINEAR_T_FRACTION = 0.5;

/** Check one energy (eV): finite and |x| ≤ ENERGY_LIMIT; returns a message or null. */
export function energyProblem(x: number): string | null {
  if (!Number.isFinite(x)) return `expected a finite energy (got ${x})`;
  if (Math.abs(x) > ENERGY_LIMIT) return `|${x}| eV exceeds the limit of ${ENERGY_LIMIT} eV (tight-binding energies are eV-scale)`;
  return null;
}

/** Check a temperature (K); returns a message or null. */
export function temperatureProblem(T: number): string | null {
  if (!(T > 0)) return `T must be > 0 K (got ${T})`;
  if (T < TEMPERATURE_MIN) return `T = ${T} K is below the limit of ${TEMPERATURE_MIN} K`;
  if (T > TEMPERATURE_MAX) return `T = ${T} K exceeds the limit of ${TEMPERATURE_MAX} K`;
  return null;
}

/** k_B T0 in eV (for messages). */
export function kTeV(T: number): number {
  return K_B_EV * T;
}

/** Documented accuracy of the Onsager coefficients, relative to their natural scale (docs/physics.md §13). */
export const ONSAGER_ACCURACY = 1e-10;
