/**
 * Hints for a refuted identity (docs/verify.md): cheap extra conditions under which the claim
 * becomes true, each screened at exact random points and then proved symbolically:
 *  - a sign flip (lhs = −rhs) or a missing factor (lhs = c·T0^k·rhs);
 *  - a node between two terminals (L0_ab = 0, or L_ab = 0 for ν = 0, 1, 2);
 *  - a mirror symmetry exchanging two terminals (L_ac = L_bc for every other c, every ν);
 *  - particle–hole symmetry (every L1 = 0); reciprocity (L_ab = L_ba) when reciprocal is false.
 */
import * as Q from '../symbolic/rational.js';
import type { Rational } from '../symbolic/rational.js';
import type { RatFunc } from '../symbolic/polynomial.js';
import { RatFunc as RF } from '../symbolic/polynomial.js';
import { withExtraAssumptions, ClaimError, type Claim } from './claims.js';
import { evaluate, isDegenerate, NotExactError } from './evaluate.js';
import { exactBudget, exactPoint, factorText, residualOf, symbolicInstance, guardedRatFunc, BudgetExceeded, type Budget } from './exact.js';

/** One extra condition to try. */
interface Candidate {
  readonly label: string;
  readonly assume: string[];
}

function candidates(claim: Claim): Candidate[] {
  const t = claim.context.terminals,
    n = t.length,
    rec = claim.context.reciprocal;
  const out: Candidate[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const ab = `${t[a]}${t[b]}`,
        ba = `${t[b]}${t[a]}`;
      out.push({ label: `a node between ${t[a]} and ${t[b]} (L0_${ab} = 0)`, assume: [`L0_${ab} = 0`, ...(rec ? [] : [`L0_${ba} = 0`])] });
      out.push({
        label: `no direct transport between ${t[a]} and ${t[b]} (L0_${ab} = L1_${ab} = L2_${ab} = 0)`,
        assume: [0, 1, 2].flatMap((nu) => [`L${nu}_${ab} = 0`, ...(rec ? [] : [`L${nu}_${ba} = 0`])]),
      });
    }
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const others = [...Array(n).keys()].filter((c) => c !== a && c !== b);
      if (others.length === 0) continue;
      const eqs: string[] = [];
      for (const c of others)
        for (let nu = 0; nu < 3; nu++) {
          eqs.push(`L${nu}_${t[b]}${t[c]} = L${nu}_${t[a]}${t[c]}`);
          if (!rec) eqs.push(`L${nu}_${t[c]}${t[b]} = L${nu}_${t[c]}${t[a]}`);
        }
      out.push({ label: `mirror symmetry ${t[a]} ↔ ${t[b]} (${eqs.slice(0, 2).join(', ')}, …)`, assume: eqs });
    }
  const ph: string[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      ph.push(`L1_${t[a]}${t[b]} = 0`);
      if (!rec) ph.push(`L1_${t[b]}${t[a]} = 0`);
    }
  out.push({ label: 'particle–hole symmetry (every L1 = 0)', assume: ph });
  if (!rec) {
    const r: string[] = [];
    for (let nu = 0; nu < 3; nu++) for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) r.push(`L${nu}_${t[b]}${t[a]} = L${nu}_${t[a]}${t[b]}`);
    out.push({ label: 'reciprocity (L_ab = L_ba)', assume: r });
  }
  return out;
}

/** Does the identity hold at two exact random points of a claim variant? */
function screen(claim: Claim, seed: number): boolean {
  let ok = 0;
  for (let k = 0; k < 6 && ok < 2; k++) {
    const p = exactPoint(claim.context, seed + 611 * k);
    try {
      const v = residualOf(claim, p.I);
      if (!Q.isZero(v.r)) return false;
      ok++;
    } catch (e) {
      if (!isDegenerate(e)) throw e;
    }
  }
  return ok === 2;
}

function provedSymbolically(claim: Claim, budget: Budget): boolean {
  try {
    const I = symbolicInstance(claim.context, guardedRatFunc(budget));
    return residualOf(claim, I).r.isZero();
  } catch (e) {
    if (e instanceof BudgetExceeded || isDegenerate(e)) return false;
    throw e;
  }
}

/** The constant c with lhs = c · f · rhs at a point, where f is a power of T0. */
function factorHint(claim: Claim, symbolic: { lhs: RatFunc; rhs: RatFunc }, seed: number, budget: Budget): string | null {
  const { lhs, rhs } = symbolic;
  if (rhs.isZero() || lhs.isZero()) return null;
  if (lhs.add(rhs).isZero()) return 'the two sides differ only in sign (lhs = −rhs): a sign flip?';
  const p = exactPoint(claim.context, seed);
  let l: Rational, r: Rational, T0: Rational;
  try {
    l = evaluate(claim.statement.lhs, 'declared', p.I);
    r = evaluate(claim.statement.rhs, 'declared', p.I);
    T0 = p.I.baseValue('#T0');
  } catch {
    return null;
  }
  if (Q.isZero(r)) return null;
  const T0s = RF.variable('#T0');
  for (const k of [0, 1, -1, 2, -2]) {
    if (performance.now() > budget.deadline) return null;
    const c = Q.div(l, Q.mul(r, Q.pow(T0, k)));
    let f = RF.constant(c);
    for (let j = 0; j < Math.abs(k); j++) f = k > 0 ? f.mul(T0s) : f.div(T0s);
    // T0 may be substituted: compare through the instance's own T0 only when it is the raw symbol
    if (claim.context.assumptionExpr('#T0') && k !== 0) continue;
    if (lhs.sub(f.mul(rhs)).isZero()) {
      const fs = factorText(c, k);
      return `lhs = ${fs} · rhs exactly: a missing factor ${fs}?`;
    }
  }
  return null;
}

/**
 * Hints for a refuted identity, at most `max` (default 3): first the physical conditions (a node, a
 * mirror symmetry, particle–hole symmetry, reciprocity) under which the claim is proved, then an
 * algebraic slip (a sign flip, a missing factor c·T0^k), which keeps its place when found.
 * @param symbolic both sides over Q(x), when the symbolic route computed them
 */
export function hintsFor(claim: Claim, symbolic: { lhs: RatFunc; rhs: RatFunc } | null, seed: number, budget: Budget, max = 3): string[] {
  if (claim.statement.relation !== '==') return [];
  let slip: string | null = null;
  try {
    slip = symbolic ? factorHint(claim, symbolic, seed, budget) : null;
  } catch (e) {
    if (!(e instanceof BudgetExceeded || e instanceof NotExactError || isDegenerate(e))) throw e;
  }
  const room = max - (slip ? 1 : 0);
  const physical: string[] = [];
  for (const c of candidates(claim)) {
    if (physical.length >= room || performance.now() > budget.deadline) break;
    let variant: Claim;
    try {
      variant = withExtraAssumptions(claim, c.assume);
    } catch (e) {
      if (e instanceof ClaimError) continue; // conflicts with the claim's own substitutions
      throw e;
    }
    exactBudget(variant.context).deadline = budget.deadline;
    try {
      if (!screen(variant, seed + 17)) continue;
      if (provedSymbolically(variant, budget)) physical.push(`true under ${c.label} (proved symbolically with this extra condition)`);
    } catch (e) {
      // a claim only the numeric route can evaluate, or a screen that ran out of budget: no hint
      if (e instanceof NotExactError || e instanceof BudgetExceeded) break;
      throw e;
    }
  }
  return slip ? [...physical, slip] : physical;
}
