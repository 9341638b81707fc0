/** Terminal roles, probe models and unit conversion: one home per concept (src/model). */
export * from './probeModels.js';
export * from './units.js';
