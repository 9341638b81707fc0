/**
 * The paper's reproduction as one pure computation: figures 1–6 and the headline-numbers table,
 * from one {@link SweepCache} (every sweep solved once, geometry by geometry, with the work known
 * in advance so that a caller can show progress).
 */
import { DEFAULT_PARAMETERS, type PaperParameters } from './params.js';
import { SweepCache } from './junction.js';
import { paperFigures, type Figure } from './figures.js';
import { headlineTable, type HeadlineRow } from './headline.js';
import { crossChecks, type CrossCheck } from './crosscheck.js';

export * from './params.js';
export * from './junction.js';
export * from './metrics.js';
export * from './figures.js';
export * from './headline.js';
export * from './crosscheck.js';

/** Progress hooks (all optional). */
export interface ReproductionHooks {
  /** Called once with the number of circuit solves the reproduction needs. */
  readonly onPlan?: (solves: number) => void;
  /** Called as solves complete (k at a time). */
  readonly onSolves?: (k: number) => void;
}

/** The reproduction's result. */
export interface Reproduction {
  readonly params: PaperParameters;
  readonly figures: readonly Figure[];
  readonly headline: readonly HeadlineRow[];
  /** Numbers of an independent implementation (docs/physics.md §7) recomputed at the same parameters. */
  readonly crossChecks: readonly CrossCheck[];
  /** Work done: circuit solves, geometries (eigenproblems), seconds. */
  readonly stats: { readonly solves: number; readonly geometries: number; readonly seconds: number };
}

/** Recompute Figs. 1–6 and the headline table with probecheck's solver. */
export function reproducePaper(params: PaperParameters = DEFAULT_PARAMETERS, hooks: ReproductionHooks = {}): Reproduction {
  const t0 = performance.now();
  const cache = new SweepCache(params.mu0, params.T0);
  // The cross-check is also evaluated on a grid with half the points (its reference's grid is not stated).
  const coarse = new SweepCache({ ...params.mu0, points: Math.floor((params.mu0.points - 1) / 2) + 1 }, params.T0);
  // Pass 1: record which sweeps the figures and the claims need.
  cache.recording = true;
  paperFigures(params, cache);
  headlineTable(params, cache);
  crossChecks(params, cache);
  cache.recording = false;
  hooks.onPlan?.(cache.pendingSolves);
  cache.flush(hooks.onSolves);
  const planned = cache.solves;
  // Pass 2: the same functions on the filled cache.
  const figures = paperFigures(params, cache);
  const headline = headlineTable(params, cache);
  const checks = crossChecks(params, cache, coarse);
  if (cache.solves !== planned) throw new Error('reproducePaper: a sweep was not planned in the first pass (a claim depends on placeholder values)');
  return { params, figures, headline, crossChecks: checks, stats: { solves: cache.solves, geometries: cache.geometries, seconds: (performance.now() - t0) / 1000 } };
}
