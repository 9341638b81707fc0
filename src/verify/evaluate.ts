/**
 * One evaluator of claim expressions over any {@link Field} (docs/physics.md §16): exact rational
 * functions (symbolic route), exact rationals (Schwartz–Zippel route), doubles with a running error
 * bound (numeric route). `VP(…)`/`VTP(…)` switch the probe reading of everything inside.
 */
import type { Field } from '../symbolic/field.js';
import type { Rational } from '../symbolic/rational.js';
import * as Q from '../symbolic/rational.js';
import type { Expr } from './parse.js';
import type { Mode } from './claims.js';

/** Raised when an expression needs an operation the field cannot do exactly (exp, a fractional power). */
export class NotExactError extends Error {
  constructor(readonly what: string) {
    super(`${what} has no exact rational value`);
    this.name = 'NotExactError';
  }
}

/** What an evaluation needs besides the field. */
export interface Interpretation<T> {
  readonly F: Field<T>;
  /** Value of a symbol (the user's spelling or an internal "#key") in a probe reading. */
  symbol(name: string, mode: Mode): T;
  /** An elementary function; exact fields throw {@link NotExactError}. */
  fn(name: string, args: T[]): T;
  /** a^b for a non-integer exponent; exact fields throw {@link NotExactError}. */
  powReal(a: T, b: T): T;
}

/** The exact value of a constant subexpression (no symbols, no calls), else null. */
function constantValue(e: Expr): Rational | null {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'neg': {
      const v = constantValue(e.arg);
      return v && Q.neg(v);
    }
    case 'bin': {
      const a = constantValue(e.left),
        b = constantValue(e.right);
      if (!a || !b) return null;
      switch (e.op) {
        case '+':
          return Q.add(a, b);
        case '-':
          return Q.sub(a, b);
        case '*':
          return Q.mul(a, b);
        case '/':
          return Q.isZero(b) ? null : Q.div(a, b);
        case '^':
          return b.den === 1n && b.num < 64n && b.num > -64n && !(Q.isZero(a) && b.num < 0n) ? Q.pow(a, Number(b.num)) : null;
      }
      return null;
    }
    default:
      return null;
  }
}

/** Largest |k| of an exact integer power x^k (docs/verify.md "Formulas"). */
export const MAX_EXPONENT = 999;

/** An integer exponent (a constant expression such as 2, -1, 3^2), else null. */
function integerLiteral(e: Expr): number | null {
  const v = constantValue(e);
  return v && v.den === 1n && v.num <= BigInt(MAX_EXPONENT) && v.num >= -BigInt(MAX_EXPONENT) ? Number(v.num) : null;
}

/** The first power whose exponent is an integer beyond ±{@link MAX_EXPONENT} (visits each shared node once). */
export function oversizedExponent(e: Expr, seen: Set<Expr> = new Set()): { k: string; pos: number } | null {
  if (seen.has(e)) return null;
  seen.add(e);
  switch (e.kind) {
    case 'neg':
      return oversizedExponent(e.arg, seen);
    case 'bin': {
      if (e.op === '^') {
        const v = constantValue(e.right);
        if (v && v.den === 1n && (v.num > BigInt(MAX_EXPONENT) || v.num < -BigInt(MAX_EXPONENT))) return { k: v.num.toString(), pos: e.pos };
      }
      return oversizedExponent(e.left, seen) ?? oversizedExponent(e.right, seen);
    }
    case 'call':
      for (const a of e.args) {
        const r = oversizedExponent(a, seen);
        if (r) return r;
      }
      return null;
    default:
      return null;
  }
}

/**
 * Number of nodes of an expression as evaluated (shared sub-expressions, e.g. expanded
 * definitions, count once per use; a double, exact up to 2^53). Linear in the distinct nodes.
 */
export function expandedSize(e: Expr, memo: Map<Expr, number> = new Map()): number {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  let n = 1;
  switch (e.kind) {
    case 'neg':
      n += expandedSize(e.arg, memo);
      break;
    case 'bin':
      n += expandedSize(e.left, memo) + expandedSize(e.right, memo);
      break;
    case 'call':
      for (const a of e.args) n += expandedSize(a, memo);
      break;
    default:
      break;
  }
  memo.set(e, n);
  return n;
}

/** a^k for an integer k over a field (k < 0 inverts). */
export function powInt<T>(F: Field<T>, a: T, k: number): T {
  if (k < 0) return F.div(F.one, powInt(F, a, -k));
  let r = F.one,
    b = a;
  while (k > 0) {
    if (k & 1) r = F.mul(r, b);
    k >>= 1;
    if (k > 0) b = F.mul(b, b);
  }
  return r;
}

/** Evaluate an expression in a probe reading. */
export function evaluate<T>(e: Expr, mode: Mode, I: Interpretation<T>): T {
  const F = I.F;
  switch (e.kind) {
    case 'num':
      return F.fromRational(e.value as Rational);
    case 'sym':
      return I.symbol(e.name, mode);
    case 'neg':
      return F.neg(evaluate(e.arg, mode, I));
    case 'call': {
      if (e.fn === 'VP' || e.fn === 'VTP') return evaluate(e.args[0], e.fn, I);
      return I.fn(
        e.fn,
        e.args.map((a) => evaluate(a, mode, I)),
      );
    }
    case 'bin': {
      if (e.op === '^') {
        const k = integerLiteral(e.right);
        const a = evaluate(e.left, mode, I);
        return k !== null ? powInt(F, a, k) : I.powReal(a, evaluate(e.right, mode, I));
      }
      const a = evaluate(e.left, mode, I),
        b = evaluate(e.right, mode, I);
      switch (e.op) {
        case '+':
          return F.add(a, b);
        case '-':
          return F.sub(a, b);
        case '*':
          return F.mul(a, b);
        case '/':
          return F.div(a, b);
      }
    }
  }
  throw new Error('unreachable');
}

/** The probe readings an expression uses (a bare symbol outside any wrapper is 'declared'). */
export function modesOf(e: Expr, mode: Mode = 'declared', out: Set<Mode> = new Set()): Set<Mode> {
  switch (e.kind) {
    case 'sym':
      out.add(mode);
      break;
    case 'neg':
      modesOf(e.arg, mode, out);
      break;
    case 'bin':
      modesOf(e.left, mode, out);
      modesOf(e.right, mode, out);
      break;
    case 'call':
      e.args.forEach((a) => modesOf(a, e.fn === 'VP' || e.fn === 'VTP' ? e.fn : mode, out));
      break;
    default:
      break;
  }
  return out;
}

/** Does the expression use a function or power that only the numeric route can evaluate? */
export function needsNumeric(e: Expr): string | null {
  switch (e.kind) {
    case 'neg':
      return needsNumeric(e.arg);
    case 'bin':
      if (e.op === '^' && integerLiteral(e.right) === null) return 'a non-integer power';
      return needsNumeric(e.left) ?? needsNumeric(e.right);
    case 'call':
      if (e.fn !== 'VP' && e.fn !== 'VTP') return `the function ${e.fn}`;
      return needsNumeric(e.args[0]);
    default:
      return null;
  }
}

import { SingularExactError } from '../symbolic/schur.js';

/** A division by zero or a singular circuit at this point (redraw the point, or the claim is degenerate). */
export function isDegenerate(e: unknown): boolean {
  return e instanceof RangeError || e instanceof SingularExactError;
}
