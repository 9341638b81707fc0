/**
 * Model claims (docs/physics.md §6, §16): transmissions T_ab(E) given near μ0 as polynomials or
 * rational functions of E; the Onsager functions are their Sommerfeld sums
 *   L^(ν)_ab = Σ_k t_k (k_BT)^{k+ν} m_{k+ν},   T_ab(μ0 + ε) = Σ_k t_k ε^k,
 * exact for a polynomial (src/symbolic/sommerfeld.ts). A rational T is Taylor-expanded to degree D
 * and the rest written as (k_BT)^{D+1+ν} ρ^(ν)_ab with fresh symbols ρ (the remainder's moments, bounded
 * functions of k_BT): a residual coefficient free of every ρ is exact.
 *
 * A claim lhs == rhs is decided order by order in k_BT: with s the lower of the two sides' leading
 * powers and r = lhs − rhs ≠ 0 of leading power J, the claim holds to order n iff J > s + n, and is
 * refuted at order k = J − s ≤ n with the leading residual term c_J (k_BT)^J.
 */
import type { Field } from '../symbolic/field.js';
import { Poly, RatFunc } from '../symbolic/polynomial.js';
import { fermiMomentPoly } from '../symbolic/sommerfeld.js';
import * as Q from '../symbolic/rational.js';
import { randomSignedRational, randomRational, rng } from '../symbolic/random.js';
import type { Claim, Context } from './claims.js';
import { lKey } from './claims.js';
import { evaluate, isDegenerate, NotExactError, type Interpretation } from './evaluate.js';
import { Instance } from './instance.js';
import { BudgetExceeded, guardedRatFunc, residualOf, type Budget } from './exact.js';

const KT = '#kT',
  PI = '#pi',
  EPSV = '#eps';

/** Taylor coefficients t_0 … t_D of T(μ0 + ε) and whether the series is exact (a polynomial). */
function taylor(
  expr: Claim['statement']['lhs'],
  ctx: Context,
  D: number,
  F: Field<RatFunc>,
  value: (key: string) => RatFunc,
): { t: RatFunc[]; exact: boolean } {
  const I: Interpretation<RatFunc> = {
    F,
    symbol: (name) => {
      if (name === 'E') return value('#mu0').add(RatFunc.variable(EPSV));
      const info = ctx.resolve(name);
      if (!info) throw new Error(`unresolved ${name}`);
      return value(info.key);
    },
    fn: (name) => {
      throw new NotExactError(`the function ${name}`);
    },
    powReal: () => {
      throw new NotExactError('a non-integer power');
    },
  };
  const T = evaluate(expr, 'declared', I);
  const N = T.num,
    Dn = T.den;
  if (Dn.degreeIn(EPSV) <= 0) {
    const deg = Math.max(0, N.degreeIn(EPSV));
    return { t: Array.from({ length: deg + 1 }, (_, k) => new RatFunc(N.coefficient(EPSV, k), Dn)), exact: true };
  }
  const d0 = Dn.coefficient(EPSV, 0);
  if (d0.isZero()) throw new RangeError('the transmission has a pole at E = μ0');
  const t: RatFunc[] = [];
  for (let k = 0; k <= D; k++) {
    let s = new RatFunc(N.coefficient(EPSV, k));
    for (let j = 1; j <= k; j++) {
      const dj = Dn.coefficient(EPSV, j);
      if (!dj.isZero()) s = s.sub(new RatFunc(dj).mul(t[k - j]));
    }
    t.push(s.div(new RatFunc(d0)));
  }
  return { t, exact: false };
}

/** The Sommerfeld L^(ν)_ab of the model (keys "#L{ν}.{a}.{b}"), with remainder symbols when truncated. */
function modelOnsager(ctx: Context, D: number, F: Field<RatFunc>, value: (key: string) => RatFunc): Map<string, RatFunc> {
  const out = new Map<string, RatFunc>();
  const kT = RatFunc.variable(KT);
  for (const tr of ctx.model!.transmissions) {
    const { t, exact } = taylor(tr.expr, ctx, D, F, value);
    for (let nu = 0; nu < 3; nu++) {
      let L = RatFunc.constant(0);
      t.forEach((tk, k) => {
        if ((k + nu) % 2 === 1 || tk.isZero()) return;
        const m = new RatFunc(fermiMomentPoly(k + nu, PI));
        L = F.add(L, F.mul(tk, F.mul(m, powRF(kT, k + nu))));
      });
      if (!exact) L = F.add(L, F.mul(powRF(kT, D + 1 + nu), RatFunc.variable(`#rho${nu}.${tr.a}.${tr.b}`)));
      out.set(lKey(nu, tr.a, tr.b, true), L);
    }
  }
  return out;
}

function powRF(x: RatFunc, k: number): RatFunc {
  let r = RatFunc.constant(1);
  for (let j = 0; j < k; j++) r = r.mul(x);
  return r;
}

/** Leading power of k_BT of a rational function (∞ for zero) and its coefficient num/den. */
function leading(r: RatFunc): { order: number; num: Poly; den: Poly } {
  if (r.isZero()) return { order: Infinity, num: Poly.zero, den: Poly.one };
  const N = r.num,
    D = r.den;
  const a = N.minDegreeIn(KT),
    b = D.minDegreeIn(KT);
  return { order: a - b, num: N.coefficient(KT, a), den: D.coefficient(KT, b) };
}

/** Divide num and den by their common monomial factor and make den's first coefficient 1. */
export function reduceMonomials(num: Poly, den: Poly): [Poly, Poly] {
  let n = num,
    d = den;
  for (const v of new Set([...n.variables(), ...d.variables()])) {
    const k = Math.min(n.minDegreeIn(v), d.minDegreeIn(v));
    if (Number.isFinite(k) && k > 0) {
      n = n.divideByPower(v, k);
      d = d.divideByPower(v, k);
    }
  }
  // common binomial factors v − w and v + w (e.g. T_L − T0 from a bias), by exact synthetic division
  for (let pass = 0; pass < 8; pass++) {
    const vars = [...new Set(d.variables())].filter((v) => n.variables().includes(v));
    let hit = false;
    outer: for (const v of vars)
      for (const w of vars) {
        if (v >= w) continue;
        for (const sgn of [1, -1]) {
          const qn = divideBinomial(n, v, w, sgn),
            qd = qn && divideBinomial(d, v, w, sgn);
          if (qn && qd) {
            n = qn;
            d = qd;
            hit = true;
            break outer;
          }
        }
      }
    if (!hit) break;
  }
  const c = d.leadingCoefficient();
  if (!Q.isZero(c) && !Q.equals(c, Q.ONE)) {
    const inv = Q.div(Q.ONE, c);
    n = n.scale(inv);
    d = d.scale(inv);
  }
  return [n, d];
}

/** p / (v − sgn·w) when it divides exactly (Horner in v), else null. */
function divideBinomial(p: Poly, v: string, w: string, sgn: number): Poly | null {
  const deg = p.degreeIn(v);
  if (!(deg >= 1)) return null;
  const root = sgn > 0 ? Poly.variable(w) : Poly.variable(w).neg();
  // p = Σ c_k v^k; quotient q = Σ q_k v^k with q_{deg-1} = c_deg, q_{k-1} = c_k + root·q_k
  const q: Poly[] = new Array(deg).fill(Poly.zero);
  let carry = Poly.zero;
  for (let k = deg; k >= 1; k--) {
    carry = p.coefficient(v, k).add(root.mul(carry));
    q[k - 1] = carry;
  }
  if (!p.coefficient(v, 0).add(root.mul(carry)).isZero()) return null;
  let out = Poly.zero;
  const V = Poly.variable(v);
  q.forEach((qk, k) => {
    out = out.add(qk.mul(V.pow(k)));
  });
  return out;
}

const hasRho = (p: Poly) => p.variables().some((v) => v.startsWith('#rho'));

/** Outcome of a model route. */
export interface ModelOutcome {
  readonly status: 'proved' | 'refuted' | 'undecided';
  readonly detail: string;
  /** Order k at which the claim fails (refuted). */
  readonly order?: number;
  /** Leading residual term as text and LaTeX. */
  readonly term?: string;
  readonly termLatex?: string;
  /** true when the residual vanishes identically (all orders). */
  readonly exact?: boolean;
}

/** Render a polynomial with user names. */
export function polyText(p: Poly, ctx: Context): string {
  if (p.isZero()) return '0';
  const name = (k: string) => (k === KT ? 'kT' : k === PI ? 'pi' : k.startsWith('#rho') ? k.slice(1) : ctx.display(k));
  const parts = p.entries().map(({ mono, coef }) => {
    const m = mono.map(([v, e]) => (e === 1 ? name(v) : `${name(v)}^${e}`)).join('*');
    const c = Q.toString(coef);
    return m === '' ? c : c === '1' ? m : c === '-1' ? `-${m}` : `${c}*${m}`;
  });
  return parts.join(' + ').replace(/\+ -/g, '- ');
}

function decide(claim: Claim, F: Field<RatFunc>, value: (key: string) => RatFunc, D: number, label: string): ModelOutcome | 'more' {
  const ctx = claim.context;
  // the model's L^(ν) see the assumptions too (a parameter may be substituted, e.g. GL = 1/2)
  let Ls: Map<string, RatFunc> | undefined;
  const I: Instance<RatFunc> = new Instance(ctx, F, (k) => {
    if (/^#L/.test(k)) {
      Ls ??= modelOnsager(ctx, D, F, (kk) => I.baseValue(kk));
      const v = Ls.get(k);
      if (v) return v;
    }
    return value(k);
  });
  const { lhs, rhs } = residualOf(claim, I);
  const resid = F.sub(lhs, rhs);
  const n = ctx.model!.order;
  if (resid.isZero()) return { status: 'proved', exact: true, detail: `${label}: the residual vanishes identically (all orders in k_BT)` };
  const l = leading(lhs),
    r = leading(rhs),
    d = leading(resid);
  for (const x of [l, r]) if (Number.isFinite(x.order) && (hasRho(x.num) || hasRho(x.den))) return 'more';
  const s = Math.min(l.order, r.order);
  if (!Number.isFinite(s)) return { status: 'refuted', order: 0, detail: `${label}: both sides vanish but not identically` };
  if (d.order > s + n) return { status: 'proved', detail: `${label}: residual starts at (k_BT)^${d.order}, beyond order ${n} (sides start at (k_BT)^${s})` };
  if (hasRho(d.num) || hasRho(d.den)) return 'more';
  const [cn, cd] = reduceMonomials(d.num, d.den);
  const coef = new RatFunc(cn, cd);
  const term = `(${polyText(cn, ctx)})${cd.toString() === '1' ? '' : `/(${polyText(cd, ctx)})`} * kT^${d.order}`;
  return {
    status: 'refuted',
    order: d.order - s,
    term,
    detail: `${label}: the residual's leading term is at relative order ${d.order - s} (k_BT)^${d.order}`,
    termLatex: coef.toString(),
  };
}

/**
 * Symbolic route of a model claim (parameters, biases, π symbolic; Taylor degree raised until the
 * orders asked for are free of the remainder).
 */
export function modelSymbolicRoute(claim: Claim, budget: Budget): ModelOutcome {
  if (claim.statement.relation !== '==')
    return { status: 'undecided', detail: 'model claims decide equalities order by order; an inequality between Sommerfeld series is not decided' };
  const F = guardedRatFunc(budget);
  try {
    for (let D = claim.context.model!.order + 4; D <= claim.context.model!.order + 16; D += 4) {
      const out = decide(claim, F, (k) => RatFunc.variable(k), D, 'symbolic');
      if (out !== 'more') return out;
    }
    return { status: 'undecided', detail: 'the Taylor remainder of a rational transmission still enters at the orders asked for' };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { status: 'undecided', detail: `not decided: ${e.reason}` };
    if (e instanceof NotExactError) return { status: 'undecided', detail: `not applicable: ${e.message}` };
    if (isDegenerate(e)) return { status: 'undecided', detail: `not decided: ${(e as Error).message}` };
    throw e;
  }
}

/**
 * Rational route of a model claim: parameters and biases at random rationals, k_BT, π and the
 * remainders symbolic; the leading orders must agree with the symbolic route at every point.
 */
export function modelRationalRoute(claim: Claim, points: number, seed: number, budget: Budget): ModelOutcome & { points: number } {
  if (claim.statement.relation !== '==') return { status: 'undecided', points: 0, detail: 'inequalities are not decided for model claims' };
  const F = guardedRatFunc(budget);
  let proved = 0;
  try {
    for (let p = 0; p < points; p++) {
      const r = rng(seed + 7919 * p);
      try {
        const vals = new Map<string, RatFunc>();
        const value = (k: string) => {
          // k_BT, π (the moments carry it as a symbol) and the remainders stay symbolic
          if (k === KT || k === PI || k.startsWith('#rho')) return RatFunc.variable(k);
          let v = vals.get(k);
          if (!v) {
            v = RatFunc.constant(/^#T/.test(k) ? randomRational(r) : randomSignedRational(r));
            vals.set(k, v);
          }
          return v;
        };
        let out: ModelOutcome | 'more' = 'more';
        for (let D = claim.context.model!.order + 4; D <= claim.context.model!.order + 16 && out === 'more'; D += 4)
          out = decide(claim, F, value, D, 'rational');
        if (out === 'more') return { status: 'undecided', points: p, detail: 'the Taylor remainder still enters at the orders asked for' };
        if (out.status === 'refuted') return { ...out, points: p + 1, detail: `${out.detail} at a random rational point` };
        proved++;
      } catch (e) {
        if (isDegenerate(e)) continue; // a denominator vanished at this point: not counted
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof BudgetExceeded) return { status: 'undecided', points: proved, detail: `not decided: ${e.reason}` };
    throw e;
  }
  return {
    status: proved === points ? 'proved' : 'undecided',
    points: proved,
    detail: `orders 0…${claim.context.model!.order} agree at ${proved} random rational points (k_BT symbolic)`,
  };
}
