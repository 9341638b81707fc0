/**
 * Shared machinery of the proofs: the three routes of an identity, the benzene junction and a
 * random system for the numeric route, and ProofResult assembly. Pure (no I/O).
 *
 * An identity is written once as `residuals(F, v)`: expressions over a field F, built from the
 * symbols v(name), that must all vanish. It is then interpreted
 *  - over Q(x) (rational functions): symbolic route, zero iff the numerator polynomial has no terms;
 *  - over DegreeField: an a-priori degree bound d for Schwartz–Zippel;
 *  - over Q at k random points: rational route, failure probability ≤ (2d/2^31)^k (the 2 covers
 *    redrawing points where a pivot vanishes, see src/symbolic/random.ts);
 *  - over nerdamer's own exact arithmetic at one random point (the expression built as a string).
 */
import { NerdamerValueField } from '../src/symbolic/cas.js';
import type { ProofResult, RouteOutcome } from './types.js';
import { DEGREE_VARIABLE, DegreeField, RationalField, RatFuncField, type Field } from '../src/symbolic/field.js';
import { RatFunc } from '../src/symbolic/polynomial.js';
import * as Q from '../src/symbolic/rational.js';
import type { Rational } from '../src/symbolic/rational.js';
import { randomRational, rng, schwartzZippelBound, type Rng } from '../src/symbolic/random.js';
import {
  benzene,
  localCoupling,
  hamiltonianFromMatrix,
  prepareSystem,
  type TransportSystem,
  type Terminal,
  type Reference,
  type CMatrix,
} from '../src/index.js';

/** A family of residuals that must vanish identically. */
export type Residuals = <T>(F: Field<T>, v: (name: string) => T) => T[];

/** Outcome of the symbolic route of one identity. */
export interface SymbolicCheck {
  readonly ok: boolean;
  /** Terms of each residual numerator (0 = identically zero). */
  readonly numeratorTerms: number[];
  /** Largest numerator degree seen before cancellation is not available; degree of the largest denominator. */
  readonly maxDenominatorTerms: number;
}

/** Symbolic route: every residual's numerator polynomial is the zero polynomial. */
export function symbolicZero(res: Residuals): SymbolicCheck {
  const r = res(RatFuncField, (s) => RatFunc.variable(s));
  return {
    ok: r.every((x) => x.isZero()),
    numeratorTerms: r.map((x) => x.num.size),
    maxDenominatorTerms: Math.max(0, ...r.map((x) => x.den.size)),
  };
}

/** A-priori degree bound of the residual numerators (max over residuals). */
export function degreeBound(res: Residuals): number {
  const r = res(DegreeField, () => DEGREE_VARIABLE);
  return Math.max(1, ...r.map((x) => x.num));
}

/** Result of the rational route. */
export interface RationalCheck {
  readonly ok: boolean;
  readonly points: number;
  readonly degree: number;
  readonly bound: string;
  /** First failing point (symbol → value), when any. */
  readonly counterexample?: Record<string, string>;
}

/**
 * Rational route: evaluate the residuals exactly at `points` random rational points.
 * `sample` may impose structure (e.g. symmetric coupling) by mapping names to values.
 */
export function rationalZero(
  res: Residuals,
  points: number,
  seed: number,
  sample?: (name: string, r: Rng, cache: Map<string, Rational>) => Rational,
): RationalCheck {
  const degree = degreeBound(res);
  const r = rng(seed);
  let ok = true;
  let counterexample: Record<string, string> | undefined;
  let done = 0,
    attempts = 0;
  while (done < points && attempts < 10 * points) {
    attempts++;
    const cache = new Map<string, Rational>();
    const v = (s: string): Rational => {
      let q = cache.get(s);
      if (!q) {
        q = sample ? sample(s, r, cache) : randomRational(r);
        cache.set(s, q);
      }
      return q;
    };
    let vals: Rational[];
    try {
      vals = res(RationalField, v);
    } catch (e) {
      if (e instanceof RangeError) continue; // a pivot vanished at this point: redraw
      throw e;
    }
    done++;
    if (!vals.every(Q.isZero)) {
      ok = false;
      counterexample ??= Object.fromEntries([...cache].map(([k, q]) => [k, Q.toString(q)]));
    }
  }
  return { ok: ok && done === points, points: done, degree, bound: schwartzZippelBound(2 * degree, done), counterexample };
}

/**
 * nerdamer route: evaluate the residuals with nerdamer's own exact fractions (NerdamerValueField)
 * at one random rational point. Returns ok: null when nerdamer throws.
 */
export function nerdamerZeroAtPoint(res: Residuals, seed: number): { ok: boolean | null; detail: string } {
  const r = rng(seed);
  const cache = new Map<string, ReturnType<typeof NerdamerValueField.fromRational>>();
  const v = (s: string) => {
    let x = cache.get(s);
    if (!x) {
      x = NerdamerValueField.fromRational(randomRational(r));
      cache.set(s, x);
    }
    return x;
  };
  try {
    const vals = res(NerdamerValueField, v).map((e) => e.toString());
    const ok = vals.every((x) => x === '0');
    return {
      ok,
      detail: ok
        ? "nerdamer's exact fractions give 0 for every residual at a random rational point"
        : `nerdamer gives ${vals
            .filter((x) => x !== '0')
            .slice(0, 2)
            .join(', ')} (not 0)`,
    };
  } catch (e) {
    return { ok: null, detail: `nerdamer could not evaluate the residuals: ${(e as Error).message}` };
  }
}

/** Combine the symbolic, degree and nerdamer checks into the symbolic route outcome. */
export function symbolicRoute(parts: Array<{ name: string; res: Residuals }>, seed: number): RouteOutcome {
  const details: string[] = [];
  let ok = true;
  for (const { name, res } of parts) {
    const s = symbolicZero(res);
    const nd = nerdamerZeroAtPoint(res, seed);
    ok &&= s.ok;
    details.push(
      `${name}: Q[x] core ${s.ok ? 'reduces every residual numerator to the zero polynomial' : `leaves non-zero numerators (${s.numeratorTerms.join(', ')} terms)`}; ${nd.detail}`,
    );
    if (nd.ok === false) ok = false;
  }
  details.push(
    "nerdamer's own simplify is not asked to decide: it does not terminate on rational expressions of this kind (trap pinned in test/symbolic/nerdamerTraps.test.ts), so the zero test is the Q[x] core's canonical form",
  );
  return { ok, detail: details.join(' | ') };
}

/** Combine rational checks. */
export function rationalRoute(
  parts: Array<{ name: string; res: Residuals; sample?: Parameters<typeof rationalZero>[3] }>,
  points: number,
  seed: number,
): ProofResult['rational'] {
  let ok = true,
    total = 0,
    maxDeg = 0;
  const details: string[] = [];
  parts.forEach(({ name, res, sample }, k) => {
    const c = rationalZero(res, points, seed + 7919 * k, sample);
    ok &&= c.ok;
    total += c.points;
    maxDeg = Math.max(maxDeg, c.degree);
    details.push(
      `${name}: ${c.points} points, numerator degree ≤ ${c.degree}, ${c.ok ? 'all residuals exactly 0' : `FAILS at ${JSON.stringify(c.counterexample)}`}`,
    );
  });
  return { ok, detail: details.join(' | '), points: total, failureProbabilityBound: `per identity ${schwartzZippelBound(2 * maxDeg, points)}` };
}

// ---------------------------------------------------------------------------------------------
// Systems for the numeric route

/** The paper's reference point: μ0 = 0 (mid-gap, ε0 = 0) and T0 = 300 K. */
export const T0 = 300;

/** Hopping used throughout (docs/physics.md §2: a parameter; −2.64 eV is the project default). */
export const HOPPING = -2.64;

/**
 * Benzene junction of paper §IV: L on site 0, R on site 2 (meta), local probe on site 3 (para to
 * L, ortho to R), or a flat probe Γ_P = γ·I (every site its own channel of width γ, Appendix C).
 */
export function benzeneSystem(opts: {
  gammaL?: number;
  gammaR?: number;
  gamma: number;
  probe?: 'local' | 'flat';
  roles?: ['VP' | 'VTP'];
  extraProbe?: { site: number; gamma: number };
}): TransportSystem {
  const H = benzene(HOPPING, 0);
  const gL = opts.gammaL ?? 0.5,
    gR = opts.gammaR ?? 0.5;
  const probeSites = opts.probe === 'flat' ? [0, 1, 2, 3, 4, 5] : [3];
  const terminals: Terminal[] = [
    { name: 'L', role: 'lead', coupling: localCoupling(6, [0], gL), mu: 0, temperature: T0 },
    { name: 'R', role: 'lead', coupling: localCoupling(6, [2], gR), mu: 0, temperature: T0 },
    { name: 'P', role: 'VP', coupling: localCoupling(6, probeSites, opts.gamma) },
  ];
  if (opts.extraProbe) terminals.push({ name: 'P2', role: 'VP', coupling: localCoupling(6, [opts.extraProbe.site], opts.extraProbe.gamma) });
  return { hamiltonian: H, terminals };
}

/** A reproducible random real-symmetric tight-binding system (N sites, n terminals on random sites). */
export function randomSystem(seed: number, sites = 5, terminals = 3): TransportSystem {
  const r = rng(seed);
  const u = () => r.next();
  const H: number[][] = Array.from({ length: sites }, () => new Array(sites).fill(0));
  for (let i = 0; i < sites; i++) {
    H[i][i] = 2 * u() - 1;
    for (let j = i + 1; j < sites; j++) {
      const v = 2 * (2 * u() - 1);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  const hm: CMatrix = hamiltonianFromMatrix(H);
  const names = ['L', 'R', 'P', 'P2', 'P3'];
  const ts: Terminal[] = [];
  for (let a = 0; a < terminals; a++) {
    const site = a % sites;
    const other = (a + 2) % sites;
    ts.push({
      name: names[a],
      role: a < 2 ? 'lead' : 'VP',
      coupling: localCoupling(sites, [site, other], [0.2 + 0.6 * u(), 0.1 * u()]),
      mu: 0,
      temperature: T0,
    });
  }
  return { hamiltonian: hm, terminals: ts };
}

/** Onsager coefficients (closed form) of a system at (μ0, T0). */
export function onsagerOf(system: TransportSystem, reference: Reference = { mu: 0, temperature: T0 }) {
  return prepareSystem(system).onsager(reference);
}

/** Largest |v| of a list. */
export function maxAbs(xs: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < xs.length; k++) m = Math.max(m, Math.abs(xs[k]));
  return m;
}

/** Format a number for notes. */
export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toPrecision(digits) : String(x);
}

/** Verdict from the three routes (refuted/conditional decided by the proof itself). */
export function verdictOf(
  symbolic: RouteOutcome,
  rational: RouteOutcome,
  numeric: RouteOutcome,
  otherwise: ProofResult['verdict'] = 'proved',
): ProofResult['verdict'] {
  if (symbolic.ok === false || rational.ok === false || numeric.ok === false) return 'failed';
  return otherwise;
}

/** Wall-clock timer in seconds. */
export function timer(): () => number {
  const t = performance.now();
  return () => (performance.now() - t) / 1000;
}

/** Values of the Onsager symbols of a 3-terminal (or n-terminal) solver result, as a name → number map. */
export function onsagerValues(o: { terminals: number; L0: Float64Array; L1: Float64Array; L2: Float64Array }, names: readonly string[]): Map<string, number> {
  const n = o.terminals;
  const m = new Map<string, number>();
  const Ls = [o.L0, o.L1, o.L2];
  for (let nu = 0; nu < 3; nu++)
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        // symmetric: average the two (they agree to rounding without a magnetic field)
        m.set(`L${nu}${names[a]}${names[b]}`, 0.5 * (Ls[nu][a * n + b] + Ls[nu][b * n + a]));
      }
  return m;
}

import { solveCircuit, type TerminalState, type Onsager, type CircuitResult } from '../src/index.js';

/** Solve a circuit with the solver for given terminal states (names/roles/bias) on precomputed Onsager coefficients. */
export function solveStates(
  o: Onsager,
  states: readonly TerminalState[],
  kind: 'electronic' | 'thermal',
  reference: Reference = { mu: 0, temperature: T0 },
): CircuitResult {
  return solveCircuit(o, states, reference, kind);
}

/**
 * What a proof's numeric route computes with: the Onsager coefficients of a system and the circuit
 * solve. Every numeric route takes one (default {@link SOLVER}), so that a test can feed it a wrong
 * solver and see the proof fail (test/proofs/negative.test.ts, tolerances.mutation.test.ts,
 * numericRoutes.mutation.test.ts): a numeric check that cannot fail proves nothing.
 */
export interface NumericSolver {
  readonly onsager: (system: TransportSystem, reference: Reference) => Onsager;
  readonly solve: typeof solveStates;
}

/** The real solver (closed form with its hand-over, then the Schur circuit solve). */
export const SOLVER: NumericSolver = { onsager: onsagerOf, solve: solveStates };

/** {@link SOLVER} with its circuit solve replaced (the common case of a negative test). */
export function withSolve(solve: typeof solveStates): NumericSolver {
  return { ...SOLVER, solve };
}

/**
 * The worst error of a numeric route and where it occurred. NaN-safe: an error that is not ≤ the
 * worst so far (NaN included) replaces it, and NaN counts as Infinity — a NaN from a broken solver
 * must fail the proof, never be skipped by a `>` comparison.
 */
export class WorstError {
  maxError = 0;
  worst = '';
  /** Record the error e (≥ 0) of one check. */
  note(e: number, where: string): void {
    if (!(e <= this.maxError)) {
      this.maxError = Number.isNaN(e) ? Infinity : e;
      this.worst = where;
    }
  }
}

import { E_CHARGE, H_EV_S } from '../src/index.js';

/** x = (μ − μ0 [eV], T/T0 − 1) and y = h (J^N [eV], J^Q [eV²]) of a solved circuit, in the model's units. */
export function circuitXY(r: CircuitResult): { x: number[]; y: number[] } {
  const n = r.mu.length;
  const x: number[] = [],
    y: number[] = [];
  for (let a = 0; a < n; a++) x.push(r.mu[a] - r.reference.mu);
  for (let a = 0; a < n; a++) x.push(r.temperature[a] / r.reference.temperature - 1);
  for (let a = 0; a < n; a++) y.push(r.particleCurrent[a] * H_EV_S);
  for (let a = 0; a < n; a++) y.push((r.heatCurrent[a] / E_CHARGE) * H_EV_S);
  return { x, y };
}

/** A benzene (or random) configuration of paper §IV for the numeric route of claims 2–5. */
export interface NumericCase {
  readonly label: string;
  readonly system: TransportSystem;
  readonly reference: Reference;
  /** μ_L, μ_R (eV absolute), T_L, T_R (K) and the VP temperature (K). */
  readonly bias: { muL: number; muR: number; TL: number; TR: number; TP: number };
}

/** Electrical bias ΔV of the electronic circuit (eV, symmetric ±ΔV/2): docs/physics.md §7 leaves it open; we choose 10 meV. */
export const DELTA_V = 0.01;

/** The three configurations of paper §IV (symmetric, thermal asymmetry, tunnel asymmetry) at several μ0, γ, plus random systems. */
export function numericCases(opts: { mus?: number[]; gammas?: number[]; random?: boolean } = {}): NumericCase[] {
  const out: NumericCase[] = [];
  const configs = [
    { name: 'symmetric', gL: 0.5, gR: 0.5, TL: 325, TR: 275 },
    { name: 'thermal asym.', gL: 0.5, gR: 0.5, TL: 350, TR: 275 },
    { name: 'tunnel asym.', gL: 0.5, gR: 0.25, TL: 325, TR: 275 },
  ];
  for (const c of configs)
    for (const mu of opts.mus ?? [0, 0.6, 1.8])
      for (const gamma of opts.gammas ?? [0.05, 0.5]) {
        out.push({
          label: `benzene ${c.name} μ0=${mu} γ=${gamma}`,
          system: benzeneSystem({ gammaL: c.gL, gammaR: c.gR, gamma }),
          reference: { mu, temperature: T0 },
          bias: { muL: mu + DELTA_V / 2, muR: mu - DELTA_V / 2, TL: c.TL, TR: c.TR, TP: T0 },
        });
      }
  if (opts.random ?? true) {
    for (const seed of [21, 22]) {
      out.push({
        label: `random N=5 seed ${seed}`,
        system: randomSystem(seed, 5, 3),
        reference: { mu: 0.1, temperature: T0 },
        bias: { muL: 0.1 + 0.004, muR: 0.1 - 0.007, TL: 340, TR: 290, TP: 310 },
      });
    }
  }
  return out;
}

/** Terminal states of a 3-terminal case with the probe in the given role. */
export function caseStates(c: NumericCase, role: 'VP' | 'VTP'): TerminalState[] {
  const [l, rr, p] = c.system.terminals;
  return [
    { name: l.name, role: 'lead', mu: c.bias.muL, temperature: c.bias.TL },
    { name: rr.name, role: 'lead', mu: c.bias.muR, temperature: c.bias.TR },
    { name: p.name, role, temperature: c.bias.TP },
  ];
}

/** Symbol values (L's and biases in model units) of a case, for float evaluation of the paper's formulas. */
export function caseValues(c: NumericCase, o: Onsager): (s: string) => number {
  const vals = onsagerValues(o, ['L', 'R', 'P']);
  const T0r = c.reference.temperature,
    mu0 = c.reference.mu;
  vals.set('muL', c.bias.muL - mu0);
  vals.set('muR', c.bias.muR - mu0);
  vals.set('thL', c.bias.TL / T0r - 1);
  vals.set('thR', c.bias.TR / T0r - 1);
  vals.set('thP', c.bias.TP / T0r - 1);
  return (s) => {
    const v = vals.get(s);
    if (v === undefined) throw new Error(`no value for ${s}`);
    return v;
  };
}
