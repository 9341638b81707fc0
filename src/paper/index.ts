/**
 * The paper's reproduction as one pure computation: the headline-numbers search (a wide parameter
 * space, by linear-response superposition: search.ts), the global fit, and figures 1–6 drawn at the
 * baseline (the paper's stated parameters plus our defaults) and beside each at the parameter set
 * that reproduces most of its numbers. Work is known in advance so that a caller can show progress.
 */
import { DEFAULT_PARAMETERS, type PaperParameters } from './params.js';
import { SweepCache } from './junction.js';
import { FIGURE_IDS, paperFigure, relabelled, type Figure } from './figures.js';
import { headlineTable, requestSearchGeometries, type FigureSet, type GlobalFit, type HeadlineRow } from './headline.js';
import { LinearSweeps, SEARCH_SPACE, gammasOf, type ParameterSet, type SearchSpace } from './search.js';
import { paperStatements, type Statement } from './statements.js';
import { crossChecks, type CrossCheck, type CrosscheckFixture } from './crosscheck.js';

export * from './params.js';
export * from './junction.js';
export * from './metrics.js';
export * from './figures.js';
export * from './headline.js';
export * from './search.js';
export * from './crosscheck.js';
export * from './statements.js';

/** Progress hooks (all optional). */
export interface ReproductionHooks {
  /** Called at the start of each phase with its amount of work (μ0 points of the search, then circuit solves of the figures). */
  readonly onPlan?: (work: number, phase: string) => void;
  /** Called as work completes (k at a time). */
  readonly onSolves?: (k: number) => void;
}

/** A figure at the baseline and, beside it, at its best reproducing set. */
export interface FigurePair {
  readonly baseline: Figure;
  readonly best: Figure;
  /** The set `best` is drawn at, and which of the figure's rows it reproduces. */
  readonly set: FigureSet;
}

/** The reproduction's result. */
export interface Reproduction {
  readonly params: PaperParameters;
  /** The figures at the baseline (the paper's stated parameters and our defaults). */
  readonly figures: readonly Figure[];
  /** Each figure at the baseline and at its best reproducing set. */
  readonly pairs: readonly FigurePair[];
  readonly headline: readonly HeadlineRow[];
  /** The paper's qualitative statements, each with a verdict (at the baseline). */
  readonly statements: readonly Statement[];
  readonly global: GlobalFit;
  readonly space: SearchSpace;
  /**
   * Cases of the independent NumPy implementation (test/fixtures/crosscheck) recomputed at the same
   * parameters; null when no fixture was given or its μ0 grid is not the search's.
   */
  readonly crossChecks: readonly CrossCheck[] | null;
  /** Where the cross-check cases come from (generator, method, NumPy version), when given. */
  readonly crosscheckSource: Pick<CrosscheckFixture, 'generator' | 'method' | 'numpy'> | null;
  /** Work done: circuit solves of the figures, geometries (eigenproblems) of the search and of the figures. */
  readonly stats: { readonly solves: number; readonly geometries: number; readonly searchGeometries: number; readonly seconds: number };
}

/** The figure parameters of a parameter set (its γ curves plus the coherent limit, its μ0 range and step). */
export function parametersOf(set: ParameterSet, base: PaperParameters = DEFAULT_PARAMETERS, space: SearchSpace = SEARCH_SPACE): PaperParameters {
  return {
    ...base,
    hopping: set.hopping,
    deltaV: set.deltaV,
    vpTemperature: set.vpTemperature,
    flatNormalisation: set.flatNormalisation,
    mu0: { min: -set.mu0Half, max: set.mu0Half, points: Math.round((2 * set.mu0Half) / set.mu0Step) + 1 },
    gammas: [0, ...gammasOf(set, space)],
    errorReference: 'VP',
  };
}

/**
 * The two points where the reproduction has planned all its solves and needs them done: the search's
 * geometries, then the figures' sweeps. A driver does them in this thread ({@link reproducePaper}) or
 * elsewhere (worker threads: `reproducePaperThreaded` in src/parallel/threads.ts), then resumes.
 */
export type ReproductionStep =
  | { readonly phase: 'search'; readonly sweeps: LinearSweeps }
  | { readonly phase: 'figures'; readonly caches: readonly SweepCache[] };

/** Recompute the headline search and Figs. 1–6 with probecheck's solver. */
export function reproducePaper(
  params: PaperParameters = DEFAULT_PARAMETERS,
  hooks: ReproductionHooks = {},
  space: SearchSpace = SEARCH_SPACE,
  crosscheck?: CrosscheckFixture,
): Reproduction {
  const steps = reproductionSteps(params, hooks, space, crosscheck);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    if (r.value.phase === 'search') r.value.sweeps.flush(hooks.onSolves);
    else for (const c of r.value.caches) c.flush(hooks.onSolves);
  }
}

/**
 * {@link reproducePaper} as steps: yields when the solves of a phase are planned (the driver does
 * them), returns the reproduction. Every solve is the same code on the same inputs wherever it runs.
 */
export function* reproductionSteps(
  params: PaperParameters = DEFAULT_PARAMETERS,
  hooks: ReproductionHooks = {},
  space: SearchSpace = SEARCH_SPACE,
  crosscheck?: CrosscheckFixture,
): Generator<ReproductionStep, Reproduction, void> {
  const t0 = performance.now();
  // 1. The search: every geometry's linear-response maps, then every claim over the space.
  const sweeps = new LinearSweeps(space, params.T0);
  requestSearchGeometries(sweeps);
  hooks.onPlan?.(sweeps.pendingGeometries * sweeps.x.length, 'search');
  yield { phase: 'search', sweeps };
  const table = headlineTable(params, sweeps);

  // 2. The figures at the baseline and at each figure's best set (one sweep cache per μ0 grid).
  const caches = new Map<string, SweepCache>();
  let recording = true;
  const cacheFor = (p: PaperParameters) => {
    const k = `${p.mu0.min}|${p.mu0.max}|${p.mu0.points}`;
    let c = caches.get(k);
    if (!c) caches.set(k, (c = new SweepCache(p.mu0, p.T0)));
    c.recording = recording;
    return c;
  };
  const setFor = (id: string): FigureSet =>
    table.figureSets.find((f) => f.figureId === id) ?? { figureId: id, set: table.global.set, rows: [], rowsReproduced: [], changes: table.global.changes };
  const build = () =>
    FIGURE_IDS.map((id) => {
      const set = setFor(id);
      const p = parametersOf(set.set, params, space);
      const baseline: Figure = { ...paperFigure(id, params, cacheFor(params)), subtitle: 'baseline' };
      const best = relabelled(paperFigure(id, p, cacheFor(p)), 'best', `${baseline.title} — at the best reproducing set`);
      return { baseline, best, set };
    });
  build();
  paperStatements(params, cacheFor(params));
  recording = false;
  for (const c of caches.values()) c.recording = false;
  const pending = [...caches.values()].reduce((n, c) => n + c.pendingSolves, 0);
  hooks.onPlan?.(pending, 'figures');
  yield { phase: 'figures', caches: [...caches.values()] };
  const planned = [...caches.values()].reduce((n, c) => n + c.solves, 0);
  const pairs = build();
  const statements = paperStatements(params, cacheFor(params));
  // The NumPy fixture is on the full search grid (±3 eV, 5 meV); a smaller test space skips it.
  const fixtureGrid = sweeps.x.length === 1201 && Math.abs(sweeps.step - 0.005) < 1e-12;
  const checks = crosscheck && fixtureGrid ? crossChecks(crosscheck, sweeps, params.T0, params.zeroCrossingWindow) : null;
  const solves = [...caches.values()].reduce((n, c) => n + c.solves, 0);
  if (solves !== planned) throw new Error('reproducePaper: a sweep was not planned in the first pass (a figure depends on placeholder values)');
  return {
    params,
    figures: pairs.map((p) => p.baseline),
    pairs,
    headline: table.rows,
    statements,
    global: table.global,
    space: table.space,
    crossChecks: checks,
    crosscheckSource: crosscheck ? { generator: crosscheck.generator, method: crosscheck.method, numpy: crosscheck.numpy } : null,
    stats: {
      solves,
      geometries: [...caches.values()].reduce((n, c) => n + c.geometries, 0),
      searchGeometries: sweeps.solvedGeometries,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}
