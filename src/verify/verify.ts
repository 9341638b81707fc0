/**
 * `probecheck verify`: decide every claim of a claim file by three routes and combine them into a
 * verdict (docs/physics.md §16, docs/verify.md):
 *  - proved: the symbolic route proves it (zero residual numerator, an exact quadratic-form
 *    certificate for an inequality, or for a model claim every order up to n), and no other route
 *    contradicts it;
 *  - supported: not proved, but no counterexample: the identity holds exactly at k random rational
 *    points (failure probability stated), or the inequality holds on K physical systems (K stated)
 *    and at exact admissible points;
 *  - refuted: a counterexample (exact rational point with both sides; a physical system as a
 *    CONFIG.json where the numeric route found one), or a model claim's leading residual term;
 *  - undecided: with the reason (a budget exhausted, no route applicable, routes that disagree).
 * Pure apart from the clock.
 */
import type { RatFunc } from '../symbolic/polynomial.js';
import type { Claim, ClaimFile, Context } from './claims.js';
import { ClaimError } from './claims.js';
import { needsNumeric } from './evaluate.js';
import type { Instance } from './instance.js';
import {
  admissibleRoute,
  assertedQuantity,
  DEFAULT_BUDGET_MS,
  exactBudget,
  MAX_TERMS,
  guardedRatFunc,
  rationalIdentityRoute,
  symbolicInstance,
  symbolicRoute,
  type Budget,
  type ExactCounterexample,
  type RationalOutcome,
  type SymbolicOutcome,
} from './exact.js';
import { numericRoute, numericSystem, systemsFor, NumericInstance, type NumericOutcome, type PhysicalCounterexample } from './numeric.js';
import { modelRationalRoute, modelSymbolicRoute, polyText, type ModelOutcome } from './model.js';
import { hintsFor } from './hints.js';
import { statementLatex } from './parse.js';
import { SingularCircuitError } from '../numeric/probes.js';

/** Verdict of one claim. */
export type Verdict = 'proved' | 'supported' | 'refuted' | 'undecided';

/** One route's outcome as reported. */
export interface RouteReport {
  readonly status: string;
  readonly detail: string;
  readonly [k: string]: unknown;
}

/** The counterexample of a refuted claim. */
export interface Counterexample {
  /** Exact rational point (generic, or admissible Onsager coefficients). */
  readonly exact?: ExactCounterexample;
  /** Physical system found by the numeric route (CONFIG.json for `probecheck solve`). */
  readonly physical?: PhysicalCounterexample;
  /** Model claims: the order k and the leading residual term. */
  readonly order?: number;
  readonly term?: string;
}

/** Result of one claim. */
export interface ClaimResult {
  readonly name: string;
  readonly formula: string;
  readonly latex: string;
  readonly verdict: Verdict;
  /** One line: why this verdict. */
  readonly reason: string;
  readonly routes: { readonly symbolic: RouteReport; readonly rational: RouteReport; readonly numeric: RouteReport };
  readonly counterexample: Counterexample | null;
  readonly hint?: string;
  /**
   * The quantity whose sign the claim asserts (lhs − rhs for == and >=, rhs − lhs for <=), the
   * asserted sign, and its values at the counterexamples (refuted claims).
   */
  readonly asserted?: { readonly quantity: 'lhs − rhs' | 'rhs − lhs'; readonly sign: '= 0' | '≥ 0'; readonly exact?: string; readonly physical?: number };
  /** The asserted quantity (plain text) when the symbolic route computed it and it is small. */
  readonly residual?: string;
  readonly seconds: number;
}

/** Result of a claim file. */
export interface VerifyReport {
  readonly claims: readonly ClaimResult[];
  readonly seed: number;
  readonly summary: Record<Verdict, number>;
  readonly seconds: number;
  /** Exit code: 0 all proved/supported, 1 otherwise. */
  readonly exitCode: 0 | 1;
}

/** Options of {@link verifyClaims}. */
export interface VerifyOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number;
  /** Random rational points per identity (default 12). */
  readonly points?: number;
  /** Random physical systems per context (default 16). */
  readonly systems?: number;
  /** Exact admissible points per inequality (default: points). */
  readonly admissiblePoints?: number;
  /** Time budget of the symbolic route per claim, ms (default 4000). */
  readonly budgetMs?: number;
  /** Time budget of the exact-point route (and its counterexample search) per claim, ms (default: budgetMs). */
  readonly exactBudgetMs?: number;
  /** A user's system (CONFIG.json object) to evaluate every claim on as well. */
  readonly system?: Record<string, unknown>;
  /** Look for hints on refuted identities (default true). */
  readonly hints?: boolean;
}

interface ContextState {
  readonly budget: Budget;
  readonly symbolic: Instance<RatFunc>;
  numeric?: { systems: NumericInstance[]; note: string };
}

function seconds(t0: number): number {
  return Math.round(performance.now() - t0) / 1000;
}

function shortResidual(r: RatFunc | undefined, ctx: Context): string | undefined {
  if (!r || r.isZero()) return undefined;
  if (r.num.size > 12 || r.den.size > 12) return `(${r.num.size} terms)/(${r.den.size} terms)`;
  const d = r.den.toString() === '1' ? '' : `/(${polyText(r.den, ctx)})`;
  return `(${polyText(r.num, ctx)})${d}`;
}

/**
 * Decide every claim of a file.
 * @example
 * const file = parseClaimFileText(readFileSync('examples/claims/paper.json', 'utf8'));
 * const report = verifyClaims(file, { seed: 1 });
 * report.claims.map((c) => `${c.name}: ${c.verdict}`);
 */
export function verifyClaims(file: ClaimFile, opts: VerifyOptions = {}): VerifyReport {
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  const points = opts.points ?? 12,
    K = opts.systems ?? 16,
    admissiblePoints = opts.admissiblePoints ?? points;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const states = new Map<Context, ContextState>();
  const state = (ctx: Context): ContextState => {
    let s = states.get(ctx);
    if (!s) {
      const budget: Budget = { deadline: 0, maxTerms: MAX_TERMS, route: 'symbolic route' };
      s = { budget, symbolic: symbolicInstance(ctx, guardedRatFunc(budget)) };
      states.set(ctx, s);
    }
    return s;
  };
  const numericFor = (claim: Claim, s: ContextState) => {
    if (!s.numeric) {
      const ctx = claim.context;
      const r = systemsFor(ctx, K, seed * 7 + 3);
      if (opts.system) {
        const names = ((opts.system.terminals as Array<{ name?: string }> | undefined) ?? []).map((t) => t?.name);
        const same = names.length === ctx.terminals.length && ctx.terminals.every((t) => names.includes(t));
        if (!same) throw new ClaimError('--system', `its terminals (${names.join(', ')}) do not match the claim file's (${ctx.terminals.join(', ')})`);
        const I = new NumericInstance(ctx, numericSystem(opts.system, ctx, '--system'));
        const bad = I.assumptionsHold();
        if (bad) r.note += `; --system skipped: ${bad}`;
        else {
          r.systems.unshift(I);
          r.note += '; plus the --system config';
        }
      }
      s.numeric = r;
    }
    return s.numeric;
  };
  const results = file.claims.map((claim, idx) => {
    const tc = performance.now();
    const s = state(claim.context);
    s.budget.deadline = performance.now() + budgetMs;
    s.budget.seconds = budgetMs / 1000;
    const eb = exactBudget(claim.context);
    eb.deadline = s.budget.deadline;
    eb.seconds = (opts.exactBudgetMs ?? budgetMs) / 1000;
    const cseed = seed * 1000003 + 7919 * idx;
    const r = claim.tooLarge
      ? tooLarge(claim.tooLarge)
      : claim.context.model
        ? decideModel(claim, s, points, cseed)
        : decideClaim(claim, s, { points, admissiblePoints, seed: cseed, hints: opts.hints ?? true, numeric: () => numericFor(claim, s) });
    return { ...r, name: claim.name, formula: claim.formula, latex: statementLatex(claim.statement), seconds: seconds(tc) } as ClaimResult;
  });
  const summary: Record<Verdict, number> = { proved: 0, supported: 0, refuted: 0, undecided: 0 };
  for (const r of results) summary[r.verdict]++;
  return { claims: results, seed, summary, seconds: seconds(t0), exitCode: summary.refuted + summary.undecided > 0 ? 1 : 0 };
}

type Partial_ = Omit<ClaimResult, 'name' | 'formula' | 'latex' | 'seconds'>;

function symReport(o: SymbolicOutcome): RouteReport {
  return { status: o.status, detail: o.detail };
}
function ratReport(o: RationalOutcome): RouteReport {
  return { status: o.status, detail: o.detail, points: o.points, ...(o.failureProbability ? { failureProbability: o.failureProbability } : {}) };
}
function numReport(o: NumericOutcome | null, note: string): RouteReport {
  if (!o) return { status: 'not applicable', detail: note, systems: 0 };
  return { status: o.status, detail: `${o.detail}; ${note}`, systems: o.systems };
}

function decideClaim(
  claim: Claim,
  s: ContextState,
  o: { points: number; admissiblePoints: number; seed: number; hints: boolean; numeric: () => { systems: NumericInstance[]; note: string } },
): Partial_ {
  const numericOnly = needsNumeric(claim.statement.lhs) ?? needsNumeric(claim.statement.rhs);
  const sym: SymbolicOutcome = numericOnly
    ? { status: 'undecided', detail: `not applicable: the claim uses ${numericOnly}` }
    : symbolicRoute(claim, s.symbolic, o.seed);
  const eq = claim.statement.relation === '==';
  // the exact-point route has a budget of its own (the symbolic one may be spent)
  const eb = exactBudget(claim.context);
  eb.deadline = performance.now() + (eb.seconds ?? DEFAULT_BUDGET_MS / 1000) * 1000;
  const rat: RationalOutcome = numericOnly
    ? { status: 'undecided', points: 0, detail: `not applicable: the claim uses ${numericOnly}` }
    : eq
      ? rationalIdentityRoute(claim, o.points, o.seed + 1)
      : admissibleRoute(claim, o.admissiblePoints, o.seed + 2);
  const { systems, note } = o.numeric();
  let num: NumericOutcome | null = null;
  if (systems.length > 0) {
    try {
      num = numericRoute(claim, systems);
    } catch (e) {
      if (!(e instanceof SingularCircuitError)) throw e;
      num = { status: 'undecided', systems: 0, detail: `a circuit is singular: ${e.message}`, worstRatio: 0 };
    }
  }
  const routes = { symbolic: symReport(sym), rational: ratReport(rat), numeric: numReport(num, note) };
  const residual = shortResidual(sym.residual, claim.context);
  const ce = (exact?: ExactCounterexample, physical?: PhysicalCounterexample): Counterexample | null =>
    exact || physical ? { ...(exact ? { exact } : {}), ...(physical ? { physical } : {}) } : null;
  const physical = num?.status === 'violated' ? num.counterexample : undefined;
  const exact = rat.status === 'counterexample' ? rat.counterexample : undefined;
  const base = { routes, ...(residual ? { residual } : {}) };
  const asserted = (exact?: ExactCounterexample, physical?: PhysicalCounterexample) => ({
    asserted: {
      quantity: assertedQuantity(claim.statement.relation),
      sign: eq ? ('= 0' as const) : ('≥ 0' as const),
      ...(exact?.residual !== undefined ? { exact: exact.residual } : {}),
      ...(physical ? { physical: physical.residual } : {}),
    },
  });
  const hint = (): { hint?: string } => {
    if (!o.hints || !eq || numericOnly) return {}; // hints are proved symbolically: not for a numeric-only claim
    const h = hintsFor(claim, sym.lhs && sym.rhs ? { lhs: sym.lhs, rhs: sym.rhs } : null, o.seed + 3, s.budget);
    return h.length ? { hint: h.join('; ') } : {};
  };
  if (sym.status === 'proved') {
    if (exact || physical) {
      return {
        ...base,
        verdict: 'undecided',
        reason: `routes disagree: the symbolic route proves it but ${exact ? 'an exact point' : 'the NEGF solver'} violates it (please report)`,
        counterexample: ce(exact, physical),
      };
    }
    return { ...base, verdict: 'proved', reason: sym.detail, counterexample: null };
  }
  if (sym.status === 'refuted') {
    return { ...base, verdict: 'refuted', reason: sym.detail, counterexample: ce(exact, physical), ...asserted(exact, physical), ...hint() };
  }
  if (exact || physical) {
    return {
      ...base,
      verdict: 'refuted',
      reason: exact ? rat.detail : num!.detail,
      counterexample: ce(exact, physical),
      ...asserted(exact, physical),
      ...hint(),
    };
  }
  if (eq && rat.status === 'zero') {
    return { ...base, verdict: 'supported', reason: `${rat.detail}; symbolic route ${sym.detail}`, counterexample: null };
  }
  if (num?.status === 'consistent') {
    const extra = rat.status === 'consistent' ? ` and ${rat.detail}` : '';
    return { ...base, verdict: 'supported', reason: `no counterexample: ${num.detail}${extra}`, counterexample: null };
  }
  if (!eq && rat.status === 'consistent') {
    return {
      ...base,
      verdict: 'supported',
      reason: `no counterexample: ${rat.detail} (no physical system satisfies the assumptions: ${note})`,
      counterexample: null,
    };
  }
  const why = [sym.detail, rat.detail, num ? num.detail : note].join('; ');
  return { ...base, verdict: 'undecided', reason: why, counterexample: null };
}

/** A claim refused before any route ran (its expanded formula exceeds the size limit). */
function tooLarge(reason: string): Partial_ {
  const route = { status: 'undecided', detail: `not evaluated: ${reason}` };
  return {
    routes: { symbolic: route, rational: { ...route, points: 0 }, numeric: { ...route, systems: 0 } },
    verdict: 'undecided',
    reason,
    counterexample: null,
  };
}

function decideModel(claim: Claim, s: ContextState, points: number, seed: number): Partial_ {
  const sym: ModelOutcome = modelSymbolicRoute(claim, s.budget);
  const rat = modelRationalRoute(claim, Math.min(points, 4), seed + 1, s.budget);
  const n = claim.context.model!.order;
  const routes = {
    symbolic: { status: sym.status, detail: sym.detail, ...(sym.order !== undefined ? { order: sym.order } : {}) },
    rational: { status: rat.status, detail: rat.detail, points: rat.points },
    numeric: { status: 'not applicable', detail: 'a model claim is about Sommerfeld series of given transmissions, not a NEGF system' },
  };
  if (sym.status === 'proved' && rat.status !== 'refuted') {
    return { routes, verdict: 'proved', reason: sym.exact ? 'proved exactly (all orders in k_BT)' : `proved to order ${n} in k_BT`, counterexample: null };
  }
  if (sym.status === 'refuted') {
    return {
      routes,
      verdict: 'refuted',
      reason: `refuted at order ${sym.order} in k_BT: leading residual term ${sym.term}`,
      counterexample: { order: sym.order, term: sym.term },
    };
  }
  if (sym.status === 'proved' && rat.status === 'refuted') {
    return { routes, verdict: 'undecided', reason: 'routes disagree (please report)', counterexample: null };
  }
  return { routes, verdict: 'undecided', reason: sym.detail, counterexample: null };
}
