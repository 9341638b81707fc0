/**
 * probecheck — the typed library API.
 *
 * ```ts
 * import { parseConfig, solveSystem } from 'probecheck';
 * const { system, reference, circuit } = parseConfig(json);
 * const { onsager, circuit: result } = solveSystem(system, reference, circuit);
 * ```
 */
export * from './numeric/constants.js';
export * from './numeric/linalg.js';
export * from './numeric/hamiltonian.js';
export * from './numeric/coupling.js';
export * from './numeric/transmission.js';
export * from './numeric/polygamma.js';
export * from './numeric/quadrature.js';
export * from './numeric/poles.js';
export * from './numeric/onsager.js';
export * from './numeric/probes.js';
export * from './numeric/circuit.js';
export * from './numeric/system.js';
export * from './scan.js';
export * from './config.js';
export { VERSION } from './version.js';
