/**
 * Physical constants (exact SI 2019 values), docs/physics.md §1.
 * Energies in the numeric layer are in eV and temperatures in K.
 */

/** Boltzmann constant k_B in eV/K. */
export const K_B_EV = 8.617333262e-5;
/** Planck constant h in eV·s. */
export const H_EV_S = 4.135667696e-15;
/** Elementary charge e in C (also J per eV). */
export const E_CHARGE = 1.602176634e-19;
