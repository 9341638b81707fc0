/** A small search space for fast tests (not a test file). */
import type { SearchSpace } from '../../src/paper/index.js';

/** A small space for fast tests: 121-point base grid (50 meV), three γ. */
export const SMALL_SPACE: SearchSpace = {
  values: {
    hopping: [-2.64, -2.7],
    deltaV: [0.01, 0.005],
    gammaMax: [0.5, 0.01, 0.05],
    vpTemperature: ['ambient', 'T_R'],
    flatNormalisation: ['gammaI', 'gammaOver6I'],
    mu0Half: [3, 2],
    mu0Step: [0.05, 0.1],
  },
  gammaGrid: [0.01, 0.05, 0.5],
};
