/**
 * Sparse multivariate polynomials over the exact rationals, and rational functions (quotients of
 * them): the small algebra core that decides identities where nerdamer cannot (the nerdamer traps pinned in test/symbolic/nerdamerTraps.test.ts).
 *
 * A polynomial is a map from monomials to non-zero rational coefficients; a monomial is a sorted
 * list of (variable, exponent) pairs keyed by a canonical string, so two polynomials are equal iff
 * their term maps are equal. This is a canonical form: P ≡ 0 iff it has no terms. Rational
 * functions are kept as num/den without gcd cancellation (none is needed to decide identities: a
 * rational function is zero iff its numerator polynomial is the zero polynomial).
 */
import * as Q from './rational.js';
import type { Rational } from './rational.js';

/** A monomial: variable names in ascending order with positive exponents. */
export type Monomial = ReadonlyArray<readonly [string, number]>;

interface Term {
  readonly mono: Monomial;
  readonly coef: Rational;
}

function monoKey(m: Monomial): string {
  let s = '';
  for (const [v, e] of m) s += e === 1 ? `${v}*` : `${v}^${e}*`;
  return s;
}

function monoMul(a: Monomial, b: Monomial): Monomial {
  const out: Array<readonly [string, number]> = [];
  let i = 0,
    j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][0] === b[j][0]) {
      out.push([a[i][0], a[i][1] + b[j][1]]);
      i++;
      j++;
    } else if (a[i][0] < b[j][0]) out.push(a[i++]);
    else out.push(b[j++]);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** An immutable sparse polynomial with rational coefficients. */
export class Poly {
  /** Terms keyed by canonical monomial string; no zero coefficients. */
  private constructor(private readonly terms: ReadonlyMap<string, Term>) {}

  static readonly zero = new Poly(new Map());
  static readonly one = Poly.constant(Q.ONE);

  /** The constant c. */
  static constant(c: Rational | number | bigint): Poly {
    const q = typeof c === 'object' ? c : Q.rat(c);
    return Q.isZero(q) ? Poly.zero : new Poly(new Map([['', { mono: [], coef: q }]]));
  }

  /** The variable `name` (any identifier; order of variables is lexicographic by name). */
  static variable(name: string): Poly {
    const mono: Monomial = [[name, 1]];
    return new Poly(new Map([[monoKey(mono), { mono, coef: Q.ONE }]]));
  }

  /** Number of terms. */
  get size(): number {
    return this.terms.size;
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The terms (monomial, coefficient), in insertion order. */
  entries(): Array<{ mono: Monomial; coef: Rational }> {
    return [...this.terms.values()].map((t) => ({ mono: t.mono, coef: t.coef }));
  }

  /** Total degree (−∞ for the zero polynomial). */
  degree(): number {
    let d = -Infinity;
    for (const t of this.terms.values())
      d = Math.max(
        d,
        t.mono.reduce((s, [, e]) => s + e, 0),
      );
    return d;
  }

  /** Degree in one variable. */
  degreeIn(name: string): number {
    let d = this.isZero() ? -Infinity : 0;
    for (const t of this.terms.values()) for (const [v, e] of t.mono) if (v === name) d = Math.max(d, e);
    return d;
  }

  /** Variables that occur. */
  variables(): string[] {
    const s = new Set<string>();
    for (const t of this.terms.values()) for (const [v] of t.mono) s.add(v);
    return [...s].sort();
  }

  add(o: Poly): Poly {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    const m = new Map(this.terms);
    for (const [k, t] of o.terms) {
      const cur = m.get(k);
      if (!cur) m.set(k, t);
      else {
        const c = Q.add(cur.coef, t.coef);
        if (Q.isZero(c)) m.delete(k);
        else m.set(k, { mono: t.mono, coef: c });
      }
    }
    return new Poly(m);
  }

  neg(): Poly {
    const m = new Map<string, Term>();
    for (const [k, t] of this.terms) m.set(k, { mono: t.mono, coef: Q.neg(t.coef) });
    return new Poly(m);
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  /** Multiply by a rational constant. */
  scale(c: Rational): Poly {
    if (Q.isZero(c)) return Poly.zero;
    const m = new Map<string, Term>();
    for (const [k, t] of this.terms) m.set(k, { mono: t.mono, coef: Q.mul(t.coef, c) });
    return new Poly(m);
  }

  mul(o: Poly): Poly {
    if (this.isZero() || o.isZero()) return Poly.zero;
    // Iterate the smaller operand outside.
    const [a, b] = this.size <= o.size ? [this, o] : [o, this];
    const m = new Map<string, Term>();
    for (const ta of a.terms.values()) {
      for (const tb of b.terms.values()) {
        const mono = monoMul(ta.mono, tb.mono);
        const k = monoKey(mono);
        const c = Q.mul(ta.coef, tb.coef);
        const cur = m.get(k);
        if (!cur) m.set(k, { mono, coef: c });
        else {
          const s = Q.add(cur.coef, c);
          if (Q.isZero(s)) m.delete(k);
          else m.set(k, { mono, coef: s });
        }
      }
    }
    return new Poly(m);
  }

  pow(k: number): Poly {
    let r = Poly.one;
    for (let j = 0; j < k; j++) r = r.mul(this);
    return r;
  }

  private keyCache: string | undefined;

  /** Canonical string of the polynomial (equal polynomials have equal keys). */
  key(): string {
    if (this.keyCache === undefined) {
      const parts = [...this.terms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.keyCache = parts.map(([k, t]) => `${Q.toString(t.coef)}:${k}`).join('|');
    }
    return this.keyCache;
  }

  /** Coefficient of the first term in canonical (key) order; 1 for the zero polynomial is not defined. */
  leadingCoefficient(): Rational {
    let best: string | undefined,
      c: Rational = Q.ZERO;
    for (const [k, t] of this.terms)
      if (best === undefined || k < best) {
        best = k;
        c = t.coef;
      }
    return c;
  }

  /** Structural equality (canonical form). */
  equals(o: Poly): boolean {
    if (this.size !== o.size) return false;
    for (const [k, t] of this.terms) {
      const u = o.terms.get(k);
      if (!u || !Q.equals(t.coef, u.coef)) return false;
    }
    return true;
  }

  /** Exact value at a point (every variable must be given). @throws Error for a missing variable */
  evaluate(at: ReadonlyMap<string, Rational> | Record<string, Rational>): Rational {
    const get = (v: string): Rational => {
      const q = at instanceof Map ? at.get(v) : (at as Record<string, Rational>)[v];
      if (!q) throw new Error(`no value for variable ${v}`);
      return q;
    };
    let s = Q.ZERO;
    for (const t of this.terms.values()) {
      let p = t.coef;
      for (const [v, e] of t.mono) p = Q.mul(p, Q.pow(get(v), e));
      s = Q.add(s, p);
    }
    return s;
  }

  /** Substitute polynomials for some variables (others kept). */
  substitute(subs: ReadonlyMap<string, Poly>): Poly {
    let out = Poly.zero;
    for (const t of this.terms.values()) {
      let p = Poly.constant(t.coef);
      const keep: Array<readonly [string, number]> = [];
      for (const [v, e] of t.mono) {
        const s = subs.get(v);
        if (s) p = p.mul(s.pow(e));
        else keep.push([v, e]);
      }
      out = out.add(p.mul(new Poly(new Map([[monoKey(keep), { mono: keep, coef: Q.ONE }]]))));
    }
    return out;
  }

  /** Coefficient of var^k as a polynomial in the remaining variables. */
  coefficient(name: string, k: number): Poly {
    const m = new Map<string, Term>();
    for (const t of this.terms.values()) {
      const e = t.mono.find(([v]) => v === name)?.[1] ?? 0;
      if (e !== k) continue;
      const mono = t.mono.filter(([v]) => v !== name);
      m.set(monoKey(mono), { mono, coef: t.coef });
    }
    return new Poly(m);
  }

  /** Lowest exponent of a variable over all terms (0 if some term lacks it; ∞ for the zero polynomial). */
  minDegreeIn(name: string): number {
    let d = Infinity;
    for (const t of this.terms.values()) d = Math.min(d, t.mono.find(([v]) => v === name)?.[1] ?? 0);
    return d;
  }

  /** Exact division by var^k. @throws RangeError if some term has a lower power of var */
  divideByPower(name: string, k: number): Poly {
    if (k === 0) return this;
    const m = new Map<string, Term>();
    for (const t of this.terms.values()) {
      const e = t.mono.find(([v]) => v === name)?.[1] ?? 0;
      if (e < k) throw new RangeError(`${name}^${k} does not divide the polynomial`);
      const mono = t.mono.map(([v, x]) => [v, v === name ? x - k : x] as const).filter(([, x]) => x > 0);
      m.set(monoKey(mono), { mono, coef: t.coef });
    }
    return new Poly(m);
  }

  /** ∂/∂var. */
  derivative(name: string): Poly {
    const m = new Map<string, Term>();
    for (const t of this.terms.values()) {
      const e = t.mono.find(([v]) => v === name)?.[1] ?? 0;
      if (e === 0) continue;
      const mono = t.mono.map(([v, x]) => [v, v === name ? x - 1 : x] as const).filter(([, x]) => x > 0);
      m.set(monoKey(mono), { mono, coef: Q.mul(t.coef, Q.rat(e)) });
    }
    return new Poly(m);
  }

  /** Plain-text form parseable by nerdamer and mathjs, e.g. "3*a^2*b-1/2*c". */
  toString(): string {
    if (this.isZero()) return '0';
    const parts: string[] = [];
    for (const t of [...this.terms.values()].sort(cmpTerm)) {
      const mono = t.mono.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
      const c = t.coef;
      const absC = Q.rat(c.num < 0n ? -c.num : c.num, c.den);
      let body: string;
      if (mono === '') body = Q.toString(absC);
      else if (Q.equals(absC, Q.ONE)) body = mono;
      else body = `${Q.toString(absC)}*${mono}`;
      parts.push((c.num < 0n ? '-' : '+') + body);
    }
    const s = parts.join('');
    return s.startsWith('+') ? s.slice(1) : s;
  }
}

function cmpTerm(a: Term, b: Term): number {
  const da = a.mono.reduce((s, [, e]) => s + e, 0),
    db = b.mono.reduce((s, [, e]) => s + e, 0);
  if (da !== db) return db - da;
  const ka = monoKey(a.mono),
    kb = monoKey(b.mono);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A denominator factor: a non-constant polynomial normalised to leading coefficient 1, with its key. */
interface Factor {
  readonly poly: Poly;
  readonly key: string;
}

/** Split p = c · p̂ with p̂'s leading coefficient (canonical order) equal to 1. */
function normaliseFactor(p: Poly): { c: Rational; f: Factor | null } {
  if (p.isZero()) throw new RangeError('zero polynomial as a denominator factor');
  const lead = p.leadingCoefficient();
  if (p.degree() === 0) return { c: lead, f: null };
  const q = p.scale(Q.div(Q.ONE, lead));
  return { c: lead, f: { poly: q, key: q.key() } };
}

/**
 * A rational function num / Π_k f_k^{e_k} over Q. The denominator is kept as a product of
 * normalised factors (each a polynomial that entered as a divisor), so sums take the least common
 * multiple of the factor lists instead of multiplying whole denominators; no polynomial gcd is
 * needed to decide identities (a rational function is zero iff its numerator polynomial is the zero
 * polynomial). A numerator equal to a denominator factor is cancelled.
 */
export class RatFunc {
  readonly num: Poly;
  /** Factor key → (factor, exponent > 0). */
  private readonly factors: ReadonlyMap<string, { f: Factor; e: number }>;
  private denCache: Poly | undefined;

  constructor(num: Poly, den: Poly = Poly.one) {
    const { c, f } = normaliseFactor(den);
    this.num = num.scale(Q.div(Q.ONE, c));
    this.factors = f ? new Map([[f.key, { f, e: 1 }]]) : new Map();
  }

  private static of(num: Poly, factors: ReadonlyMap<string, { f: Factor; e: number }>): RatFunc {
    const r = Object.create(RatFunc.prototype) as RatFunc;
    // Cancel a numerator that is c · (one of the factors).
    let n = num,
      fs = factors;
    if (!n.isZero() && n.degree() > 0 && fs.size > 0) {
      const { c, f } = normaliseFactor(n);
      const hit = f && fs.get(f.key);
      if (hit && f) {
        const m = new Map(fs);
        if (hit.e === 1) m.delete(f.key);
        else m.set(f.key, { f: hit.f, e: hit.e - 1 });
        n = Poly.constant(c);
        fs = m;
      }
    }
    if (n.isZero()) fs = new Map();
    Object.assign(r, { num: n, factors: fs, denCache: undefined });
    return r;
  }

  static constant(c: Rational | number | bigint): RatFunc {
    return new RatFunc(Poly.constant(c));
  }
  static variable(name: string): RatFunc {
    return new RatFunc(Poly.variable(name));
  }

  /** The denominator as one polynomial (product of its factors). */
  get den(): Poly {
    if (!this.denCache) {
      let d = Poly.one;
      for (const { f, e } of this.factors.values()) d = d.mul(f.poly.pow(e));
      this.denCache = d;
    }
    return this.denCache;
  }

  isZero(): boolean {
    return this.num.isZero();
  }

  add(o: RatFunc): RatFunc {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    // lcm of the factor lists
    const l = new Map(this.factors);
    for (const [k, v] of o.factors) {
      const cur = l.get(k);
      if (!cur || cur.e < v.e) l.set(k, v);
    }
    const lift = (r: RatFunc): Poly => {
      let n = r.num;
      for (const [k, { f, e }] of l) {
        const have = r.factors.get(k)?.e ?? 0;
        if (e > have) n = n.mul(f.poly.pow(e - have));
      }
      return n;
    };
    return RatFunc.of(lift(this).add(lift(o)), l);
  }
  neg(): RatFunc {
    return RatFunc.of(this.num.neg(), this.factors);
  }
  sub(o: RatFunc): RatFunc {
    return this.add(o.neg());
  }
  mul(o: RatFunc): RatFunc {
    if (this.isZero() || o.isZero()) return RatFunc.constant(0);
    const l = new Map(this.factors);
    for (const [k, v] of o.factors) {
      const cur = l.get(k);
      l.set(k, { f: v.f, e: (cur?.e ?? 0) + v.e });
    }
    // cancel whole numerators against factors before multiplying them out
    let a = this.num,
      b = o.num;
    for (const which of [0, 1]) {
      const n = which === 0 ? a : b;
      if (n.degree() <= 0) continue;
      const { c, f } = normaliseFactor(n);
      const hit = f && l.get(f.key);
      if (hit && f) {
        if (hit.e === 1) l.delete(f.key);
        else l.set(f.key, { f: hit.f, e: hit.e - 1 });
        if (which === 0) a = Poly.constant(c);
        else b = Poly.constant(c);
      }
    }
    return RatFunc.of(a.mul(b), l);
  }
  /** @throws RangeError when dividing by the zero function */
  div(o: RatFunc): RatFunc {
    if (o.isZero()) throw new RangeError('division by the zero rational function');
    // o⁻¹ = (Π o.factors) / o.num
    let n = Poly.one;
    for (const { f, e } of o.factors.values()) n = n.mul(f.poly.pow(e));
    const { c, f } = normaliseFactor(o.num);
    const inv = f ? RatFunc.of(n.scale(Q.div(Q.ONE, c)), new Map([[f.key, { f, e: 1 }]])) : RatFunc.of(n.scale(Q.div(Q.ONE, c)), new Map());
    return this.mul(inv);
  }

  /** Exact value at a point. @throws RangeError if the denominator vanishes there */
  evaluate(at: ReadonlyMap<string, Rational> | Record<string, Rational>): Rational {
    let d = Q.ONE;
    for (const { f, e } of this.factors.values()) d = Q.mul(d, Q.pow(f.poly.evaluate(at), e));
    return Q.div(this.num.evaluate(at), d);
  }

  /** Total degree bound max(deg num, deg den), the d of a Schwartz–Zippel bound for num = 0. */
  degree(): number {
    let dd = 0;
    for (const { f, e } of this.factors.values()) dd += e * f.poly.degree();
    return Math.max(this.num.degree(), dd);
  }

  toString(): string {
    return this.factors.size === 0 ? this.num.toString() : `(${this.num.toString()})/(${this.den.toString()})`;
  }
}
