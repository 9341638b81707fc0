/**
 * Route 3 of `probecheck verify` (docs/physics.md §16): the NEGF solver (prepareSystem →
 * closed-form Onsager coefficients → solveCircuit, src/numeric) on random physical systems and on a
 * user's CONFIG.json. Every random system is written as a CONFIG.json first and built through
 * parseConfig, so a counterexample's config is exactly what `probecheck solve` reads.
 *
 * Floating-point values carry a running error bound (ErrNum): inputs get their own accuracy
 * (biases: rounding; Onsager functions: 1e-11 of their largest entry, the agreement of the two
 * Onsager routes; circuit outputs: 1e-10 of the natural scale L·ΔX of the currents), and every
 * operation propagates it (first order, plus one rounding per operation). An equality holds at a
 * system when |lhs − rhs| ≤ the bound; it is violated when it exceeds 10³ × the bound and 10⁻⁷ of
 * the operands; an inequality is violated when lhs − rhs < −10³ × the bound.
 */
import type { Field } from '../symbolic/field.js';
import * as Q from '../symbolic/rational.js';
import { rng, type Rng } from '../symbolic/random.js';
import { parseConfig, type ParsedConfig } from '../config.js';
import { prepareSystem } from '../numeric/system.js';
import { solveCircuit, type CircuitResult, type TerminalState } from '../numeric/circuit.js';
import type { Onsager } from '../numeric/onsager.js';
import { E_CHARGE, H_EV_S } from '../numeric/constants.js';
import { SingularCircuitError } from '../numeric/probes.js';
import type { Claim, Context, Mode, SymbolInfo } from './claims.js';
import { lKey } from './claims.js';
import { evaluate, type Interpretation } from './evaluate.js';
import { rolesFor } from './instance.js';
import { assertedQuantity, claimModes } from './exact.js';

const EPS = 2.220446049250313e-16;

/** A double with an absolute error bound. */
export interface ErrNum {
  readonly v: number;
  readonly e: number;
}

const en = (v: number, e: number): ErrNum => ({ v, e: Number.isFinite(v) ? e : Infinity });

/** Doubles with running error bounds. */
export const ErrField: Field<ErrNum> = {
  name: 'float64±',
  zero: { v: 0, e: 0 },
  one: { v: 1, e: 0 },
  add: (a, b) => {
    const v = a.v + b.v;
    return en(v, a.e + b.e + EPS * Math.abs(v));
  },
  sub: (a, b) => {
    const v = a.v - b.v;
    return en(v, a.e + b.e + EPS * Math.abs(v));
  },
  mul: (a, b) => {
    const v = a.v * b.v;
    return en(v, Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e + EPS * Math.abs(v));
  },
  div: (a, b) => {
    const v = a.v / b.v;
    const m = Math.abs(b.v) - b.e;
    return en(v, m <= 0 ? Infinity : (a.e + Math.abs(v) * b.e) / m + EPS * Math.abs(v));
  },
  neg: (a) => ({ v: -a.v, e: a.e }),
  isZero: (a) => a.v === 0 && a.e === 0,
  fromRational: (q) => {
    const v = Q.toNumber(q);
    return { v, e: EPS * Math.abs(v) };
  },
};

function errFunction(name: string, args: ErrNum[]): ErrNum {
  const [a, b] = args;
  switch (name) {
    case 'sqrt': {
      const v = Math.sqrt(a.v);
      return en(v, a.v - a.e <= 0 ? Math.sqrt(a.e + Math.abs(a.v)) : a.e / (2 * v) + EPS * v);
    }
    case 'exp': {
      const v = Math.exp(a.v);
      return en(v, v * Math.expm1(a.e) + EPS * v);
    }
    case 'log': {
      const v = Math.log(a.v);
      return en(v, Math.abs(a.v) <= a.e ? Infinity : a.e / (Math.abs(a.v) - a.e) + EPS * Math.abs(v));
    }
    case 'abs':
      return { v: Math.abs(a.v), e: a.e };
    case 'sin': {
      const v = Math.sin(a.v);
      return en(v, a.e + EPS);
    }
    case 'cos': {
      const v = Math.cos(a.v);
      return en(v, a.e + EPS);
    }
    case 'tanh': {
      const v = Math.tanh(a.v);
      return en(v, a.e + EPS);
    }
    case 'min':
      return a.v <= b.v ? { v: a.v, e: Math.max(a.e, b.e) } : { v: b.v, e: Math.max(a.e, b.e) };
    case 'max':
      return a.v >= b.v ? { v: a.v, e: Math.max(a.e, b.e) } : { v: b.v, e: Math.max(a.e, b.e) };
  }
  throw new Error(`unknown function ${name}`);
}

function errPow(a: ErrNum, b: ErrNum): ErrNum {
  const v = a.v ** b.v;
  if (!(a.v > 0)) return en(v, Infinity);
  return en(v, Math.abs(v) * (Math.abs(b.v / a.v) * a.e + Math.abs(Math.log(a.v)) * b.e) + EPS * Math.abs(v));
}

// ---------------------------------------------------------------------------------------------
// Random physical systems

/** Families of random systems (each satisfies a class of assumptions exactly). */
export type Family = { kind: 'generic' } | { kind: 'mirror'; a: number; b: number } | { kind: 'node'; a: number; b: number };

type CM = { re: number[][]; im: number[][] };

function zeros(N: number): CM {
  return { re: Array.from({ length: N }, () => new Array(N).fill(0)), im: Array.from({ length: N }, () => new Array(N).fill(0)) };
}

/** Round to 6 significant digits so configs stay readable (values are then exact as written). */
const r6 = (x: number) => Number(x.toPrecision(6));

function psd(N: number, r: Rng, complex: boolean, support: (i: number) => boolean, scale: number): CM {
  const k = 1 + (r.nextU32() % 2);
  const W = Array.from({ length: N }, (_, i) =>
    Array.from({ length: k }, () => (support(i) ? { re: scale * (2 * r.next() - 1), im: complex ? scale * (2 * r.next() - 1) : 0 } : { re: 0, im: 0 })),
  );
  const G = zeros(N);
  for (let i = 0; i < N; i++)
    for (let j = i; j < N; j++) {
      let re = 0,
        im = 0;
      for (let c = 0; c < k; c++) {
        re += W[i][c].re * W[j][c].re + W[i][c].im * W[j][c].im;
        im += W[i][c].im * W[j][c].re - W[i][c].re * W[j][c].im;
      }
      G.re[i][j] = G.re[j][i] = r6(re);
      G.im[i][j] = r6(im);
      G.im[j][i] = -G.im[i][j];
    }
  // a diagonal nudge keeps Γ PSD after the 6-digit rounding
  for (let i = 0; i < N; i++) if (support(i)) G.re[i][i] = r6(G.re[i][i] + 1e-4 * scale);
  return G;
}

/** The site permutation of the mirror family: swaps (0,1), (2,3), … on the first 2⌊N/2⌋ sites. */
const mirrorSite = (i: number, N: number) => (i < 2 * Math.floor(N / 2) ? i ^ 1 : i);

function permute(G: CM, N: number): CM {
  const out = zeros(N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      out.re[mirrorSite(i, N)][mirrorSite(j, N)] = G.re[i][j];
      out.im[mirrorSite(i, N)][mirrorSite(j, N)] = G.im[i][j];
    }
  return out;
}

function symmetrise(G: CM, N: number): CM {
  const P = permute(G, N),
    out = zeros(N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      out.re[i][j] = r6(0.5 * (G.re[i][j] + P.re[i][j]));
      out.im[i][j] = r6(0.5 * (G.im[i][j] + P.im[i][j]));
    }
  // keep exact Hermiticity after rounding
  for (let i = 0; i < N; i++) {
    out.im[i][i] = 0;
    for (let j = i + 1; j < N; j++) {
      out.re[j][i] = out.re[i][j];
      out.im[j][i] = -out.im[i][j];
    }
  }
  return out;
}

const matJson = (G: CM, complex: boolean) => (complex ? { re: G.re, im: G.im } : G.re);

/** The random bias of a system (absolute μ in eV, T in K). */
export interface Bias {
  readonly mu0: number;
  readonly T0: number;
  readonly mu: number[];
  readonly T: number[];
}

/**
 * A random physical system for a context: Hermitian H (complex when non-reciprocal), PSD couplings
 * Γ = W W† (1–2 channels), as a CONFIG.json object with its bias (absolute μ, T; the VP temperature
 * of every probe), and the family's symmetry built in.
 */
export function randomSystemConfig(ctx: Context, seed: number, family: Family): { config: Record<string, unknown>; bias: Bias } {
  const r = rng(seed);
  const n = ctx.terminals.length;
  const complex = !ctx.reciprocal;
  const N = Math.max(4, n) + (r.nextU32() % 3) + (family.kind === 'mirror' && Math.max(4, n) % 2 === 1 ? 1 : 0);
  const half = Math.ceil(N / 2);
  const block = (i: number) => (i < half ? 0 : 1);
  let H = zeros(N);
  for (let i = 0; i < N; i++)
    for (let j = i; j < N; j++) {
      if (family.kind === 'node' && block(i) !== block(j)) continue;
      const v = i === j ? r6(2 * r.next() - 1) : r6(2 * (2 * r.next() - 1));
      H.re[i][j] = H.re[j][i] = v;
      if (complex && i !== j) {
        H.im[i][j] = r6(1.5 * (2 * r.next() - 1));
        H.im[j][i] = -H.im[i][j];
      }
    }
  if (family.kind === 'mirror') H = symmetrise(H, N);
  const gammas: CM[] = [];
  for (let t = 0; t < n; t++) {
    const scale = 0.35 + 0.4 * r.next();
    if (family.kind === 'node') {
      // Γ's block-diagonal: a in block 0 only, b in block 1 only, the others in both (no inter-block channel)
      const where = t === family.a ? (i: number) => block(i) === 0 : t === family.b ? (i: number) => block(i) === 1 : () => true;
      const G0 = psd(N, r, complex, (i) => where(i) && block(i) === 0, scale);
      const G1 = psd(N, r, complex, (i) => where(i) && block(i) === 1, scale);
      const G = zeros(N);
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          G.re[i][j] = G0.re[i][j] + G1.re[i][j];
          G.im[i][j] = G0.im[i][j] + G1.im[i][j];
        }
      gammas.push(G);
    } else if (family.kind === 'mirror' && t === family.b) {
      gammas.push(permute(gammas[family.a] ?? psd(N, r, complex, () => true, scale), N));
    } else if (family.kind === 'mirror' && t !== family.a) {
      gammas.push(
        symmetrise(
          psd(N, r, complex, () => true, scale),
          N,
        ),
      );
    } else {
      gammas.push(psd(N, r, complex, () => true, scale));
    }
  }
  if (family.kind === 'mirror' && family.b < family.a) gammas[family.b] = permute(gammas[family.a], N);
  const mu0 = r6(3 * r.next() - 1.5);
  const T0 = r6(30 + 370 * r.next());
  const mu = ctx.terminals.map(() => r6(mu0 + 0.04 * (r.next() - 0.5)));
  const T = ctx.terminals.map(() => r6(T0 * (1 + 0.4 * (r.next() - 0.5))));
  const raw = {
    hamiltonian: { matrix: matJson(H, complex) },
    terminals: ctx.terminals.map((name, t) => ({ name, coupling: { matrix: matJson(gammas[t], complex) } })),
  };
  const config = configForReading(raw, ctx, 'declared', { mu0, T0, mu: (t) => mu[t], T: (t) => T[t] });
  return { config, bias: { mu0, T0, mu, T } };
}

/** The config of a system with the biases and probe models of one reading written in. */
export function configForReading(
  base: Record<string, unknown>,
  ctx: Context,
  mode: Mode,
  x: { mu0: number; T0: number; mu: (t: number) => number; T: (t: number) => number },
): Record<string, unknown> {
  const roles = rolesFor(ctx, mode);
  const gauge = roles.indexOf('lead');
  const terms = (base.terminals as Array<Record<string, unknown>>).map((t, a) => {
    const out: Record<string, unknown> = { name: t.name, coupling: t.coupling };
    if (roles[a] !== 'lead') out.probe = roles[a];
    if (roles[a] === 'lead' && (ctx.circuit === 'electronic' || a === gauge)) out.mu = x.mu(a);
    if (roles[a] !== 'VTP') out.T = x.T(a);
    return out;
  });
  return { hamiltonian: base.hamiltonian, reference: { mu: x.mu0, T: x.T0 }, circuit: ctx.circuit, terminals: terms };
}

// ---------------------------------------------------------------------------------------------
// Evaluation on one system

/** One system of the numeric route, prepared once and shared by the claims of a context. */
export interface NumericSystem {
  readonly label: string;
  readonly config: Record<string, unknown>;
  readonly parsed: ParsedConfig;
  readonly onsager: Onsager;
  readonly bias: Bias;
  /** Order of the config's terminals for each claim terminal. */
  readonly order: readonly number[];
}

/** A context evaluated on one system (base values with substitutions, solver readings). */
export class NumericInstance implements Interpretation<ErrNum> {
  readonly F = ErrField;
  private readonly base = new Map<string, ErrNum>();
  private readonly readings = new Map<Mode, CircuitResult>();
  private readonly scales: number[];

  constructor(
    readonly ctx: Context,
    readonly sys: NumericSystem,
  ) {
    const n = ctx.terminals.length;
    const o = sys.onsager;
    this.scales = [o.L0, o.L1, o.L2].map((L) => {
      let m = 0;
      for (let k = 0; k < n * n; k++) m = Math.max(m, Math.abs(L[k]));
      return m;
    });
  }

  private rawL(nu: number, a: number, b: number): ErrNum {
    const o = this.sys.onsager,
      n = this.ctx.terminals.length;
    const L = [o.L0, o.L1, o.L2][nu];
    const [p, q] = [this.sys.order[a], this.sys.order[b]];
    const v = this.ctx.reciprocal ? 0.5 * (L[p * n + q] + L[q * n + p]) : L[p * n + q];
    return { v, e: 1e-11 * this.scales[nu] + EPS * Math.abs(v) };
  }

  private raw(key: string): ErrNum {
    let m = /^#L([012])\.(\d+)\.(\d+)$/.exec(key);
    if (m) return this.rawL(Number(m[1]), Number(m[2]), Number(m[3]));
    const b = this.sys.bias;
    if (key === '#mu0') return { v: b.mu0, e: 0 };
    if (key === '#T0') return { v: b.T0, e: 0 };
    if (key === '#pi') return { v: Math.PI, e: EPS * Math.PI };
    m = /^#(mu|T)\.(\d+)$/.exec(key);
    if (m) {
      const v = (m[1] === 'mu' ? b.mu : b.T)[Number(m[2])];
      return { v, e: 0 };
    }
    throw new Error(`no numeric value for ${key}`);
  }

  baseValue(key: string): ErrNum {
    const hit = this.base.get(key);
    if (hit) return hit;
    // An L is a property of the system: assumed ones are checked (assumptionsHold), the sum rules
    // hold by unitarity. Biases are substituted.
    const def = /^#L/.test(key) ? undefined : this.ctx.assumptionExpr(key);
    const v = def ? evaluate(def, 'declared', this) : this.raw(key);
    this.base.set(key, v);
    return v;
  }

  /** The terminal states of a reading (biases after substitution). */
  states(mode: Mode): TerminalState[] {
    const roles = rolesFor(this.ctx, mode);
    const gauge = roles.indexOf('lead');
    const terms = this.sys.parsed.system.terminals;
    return this.ctx.terminals.map((name, a) => {
      const t = terms[this.sys.order[a]];
      const s: TerminalState = {
        name,
        role: roles[a],
        ...(roles[a] === 'lead' && (this.ctx.circuit === 'electronic' || a === gauge) ? { mu: this.baseValue(`#mu.${a}`).v } : {}),
        ...(roles[a] !== 'VTP' ? { temperature: this.baseValue(`#T.${a}`).v } : {}),
        ...(t.test ? { test: true } : {}),
      };
      return s;
    });
  }

  reading(mode: Mode): CircuitResult {
    let c = this.readings.get(mode);
    if (!c) {
      // reorder the Onsager coefficients to the claim's terminal order
      const n = this.ctx.terminals.length,
        o = this.sys.onsager,
        ord = this.sys.order;
      const re = (L: Float64Array) => {
        const out = new Float64Array(n * n);
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[a * n + b] = L[ord[a] * n + ord[b]];
        return out;
      };
      const oo: Onsager = { terminals: n, L0: re(o.L0), L1: re(o.L1), L2: re(o.L2) };
      c = solveCircuit(oo, this.states(mode), { mu: this.baseValue('#mu0').v, temperature: this.baseValue('#T0').v }, this.ctx.circuit);
      this.readings.set(mode, c);
    }
    return c;
  }

  private scale(mode: Mode): { dmu: number; dth: number } {
    const c = this.reading(mode);
    const mu0 = this.baseValue('#mu0').v,
      T0 = this.baseValue('#T0').v;
    let dmu = 0,
      dth = 0;
    for (let a = 0; a < c.mu.length; a++) {
      dmu = Math.max(dmu, Math.abs(c.mu[a] - mu0));
      dth = Math.max(dth, Math.abs(c.temperature[a] / T0 - 1));
    }
    return { dmu, dth };
  }

  value(info: SymbolInfo, mode: Mode): ErrNum {
    switch (info.kind) {
      case 'L':
        return this.baseValue(lKey(info.nu, info.a, info.b, this.ctx.reciprocal));
      case 'mu0':
      case 'T0':
      case 'pi':
        return this.baseValue(info.key);
      case 'kT':
      case 'param':
        throw new Error('model symbols have no numeric value');
      default:
        break;
    }
    const roles = rolesFor(this.ctx, mode);
    if (info.kind === 'mu' && roles[info.t] === 'lead' && (this.ctx.circuit === 'electronic' || roles.indexOf('lead') === info.t))
      return this.baseValue(info.key);
    if (info.kind === 'T' && roles[info.t] !== 'VTP') return this.baseValue(info.key);
    const c = this.reading(mode);
    const { dmu, dth } = this.scale(mode);
    const [s0, s1, s2] = this.scales;
    const T0 = this.baseValue('#T0').v;
    switch (info.kind) {
      case 'mu':
        return { v: c.mu[info.t], e: EPS * Math.abs(c.mu[info.t]) + 1e-10 * dmu };
      case 'T':
        return { v: c.temperature[info.t], e: EPS * c.temperature[info.t] + 1e-10 * dth * T0 };
      case 'JN':
        return { v: c.particleCurrent[info.t] * H_EV_S, e: 1e-10 * (s0 * dmu + s1 * dth) };
      case 'JQ':
        return { v: (c.heatCurrent[info.t] / E_CHARGE) * H_EV_S, e: 1e-10 * (s1 * dmu + s2 * dth) };
      case 'Sdot':
        return { v: (c.entropyProduction / E_CHARGE) * H_EV_S, e: (1e-10 * (s0 * dmu * dmu + 2 * s1 * dmu * dth + s2 * dth * dth)) / T0 };
    }
  }

  symbol(name: string, mode: Mode): ErrNum {
    const info = this.ctx.resolve(name);
    if (!info) throw new Error(`unresolved symbol ${name}`);
    return this.value(info, mode);
  }

  fn(name: string, args: ErrNum[]): ErrNum {
    return errFunction(name, args);
  }
  powReal(a: ErrNum, b: ErrNum): ErrNum {
    return errPow(a, b);
  }

  /** Do the L-assumptions hold on this system (to 1e-8 of the coefficients' scale)? First failure, or null. */
  assumptionsHold(): string | null {
    for (const a of this.ctx.assumptions) {
      if (!/^#L/.test(a.key)) continue;
      const lhs = this.raw(a.key);
      const rhs = evaluate(a.expr, 'declared', this);
      const nu = Number(a.key[2]);
      const tol = 1e-8 * this.scales[nu] + 10 * (lhs.e + rhs.e);
      if (!(Math.abs(lhs.v - rhs.v) <= tol)) return `${a.text} fails: ${a.name} = ${lhs.v.toPrecision(6)} vs ${rhs.v.toPrecision(6)}`;
    }
    return null;
  }

  /** Are the substituted biases physical (T > 0)? */
  biasPhysical(): boolean {
    if (!(this.baseValue('#T0').v > 0)) return false;
    return this.ctx.terminals.every((_, a) => this.baseValue(`#T.${a}`).v > 0);
  }
}

/** Build a NumericSystem from a config object (the exact path `probecheck solve` takes). */
export function numericSystem(config: Record<string, unknown>, ctx: Context, label: string, bias?: Bias): NumericSystem {
  const parsed = parseConfig(config);
  const names = parsed.system.terminals.map((t) => t.name);
  const order = ctx.terminals.map((t) => names.indexOf(t));
  const onsager = prepareSystem(parsed.system).onsager(parsed.reference);
  const b: Bias = bias ?? {
    mu0: parsed.reference.mu,
    T0: parsed.reference.temperature,
    mu: order.map((k) => parsed.system.terminals[k].mu ?? parsed.reference.mu),
    T: order.map((k) => parsed.system.terminals[k].temperature ?? parsed.reference.temperature),
  };
  return { label, config, parsed, onsager, bias: b, order };
}

/** Families worth trying for a context's assumptions (generic first). */
export function familiesFor(ctx: Context): Family[] {
  const n = ctx.terminals.length;
  const out: Family[] = [{ kind: 'generic' }];
  if (!ctx.assumptions.some((a) => /^#L/.test(a.key))) return out;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      out.push({ kind: 'mirror', a, b });
      out.push({ kind: 'node', a, b });
    }
  return out;
}

/** The random systems of a context: K systems from the families that satisfy its assumptions. */
export function systemsFor(ctx: Context, K: number, seed: number): { systems: NumericInstance[]; note: string } {
  const fams = familiesFor(ctx);
  const good: Family[] = [];
  for (const f of fams) {
    // a family qualifies when two of its systems satisfy every L-assumption
    let ok = 0;
    for (let t = 0; t < 2; t++) {
      const { config, bias } = randomSystemConfig(ctx, seed + 977 * t + 13, f);
      try {
        const I = new NumericInstance(ctx, numericSystem(config, ctx, 'probe', bias));
        if (I.assumptionsHold() === null) ok++;
      } catch (e) {
        if (!(e instanceof SingularCircuitError)) throw e;
      }
    }
    if (ok === 2) good.push(f);
    if (good.length >= 2) break;
  }
  if (good.length === 0)
    return {
      systems: [],
      note: 'no family of random systems (generic, mirror-symmetric, disconnected pair) satisfies the assumptions on the Onsager functions',
    };
  const systems: NumericInstance[] = [];
  let attempts = 0;
  while (systems.length < K && attempts < 4 * K) {
    const f = good[attempts % good.length];
    attempts++;
    const { config, bias } = randomSystemConfig(ctx, seed + 7919 * attempts, f);
    const label = `random ${f.kind}${f.kind === 'generic' ? '' : ` ${ctx.terminals[f.a]}↔${ctx.terminals[f.b]}`} #${attempts}`;
    const I = new NumericInstance(ctx, numericSystem(config, ctx, label, bias));
    if (I.assumptionsHold() !== null || !I.biasPhysical()) continue;
    systems.push(I);
  }
  const fl = good.map((f) => (f.kind === 'generic' ? 'generic' : `${f.kind} ${ctx.terminals[f.a]}${ctx.terminals[f.b]}`)).join(', ');
  return {
    systems,
    note: `${systems.length} random systems (${fl}; ${ctx.reciprocal ? 'real' : 'complex'} Hermitian H, 4–${Math.max(4, ctx.terminals.length) + 3} sites, PSD couplings of rank 1–2)`,
  };
}

/** A physical counterexample. */
export interface PhysicalCounterexample {
  readonly system: string;
  /** CONFIG.json of the declared reading (and of VP/VTP readings the claim uses). */
  readonly config: Record<string, unknown>;
  readonly configs: Partial<Record<Mode, Record<string, unknown>>>;
  readonly lhs: number;
  readonly rhs: number;
  /** The asserted quantity at the system: lhs − rhs (== and >=) or rhs − lhs (<=). */
  readonly residual: number;
  /** Values of the claim's symbols per reading. */
  readonly values: Record<string, number>;
}

/** Outcome of the numeric route. */
export interface NumericOutcome {
  readonly status: 'consistent' | 'violated' | 'undecided';
  readonly systems: number;
  readonly detail: string;
  readonly counterexample?: PhysicalCounterexample;
  /** Largest |lhs − rhs| / error bound over consistent systems. */
  readonly worstRatio: number;
}

/** The claim at one system: r = signed residual (with its bound) and both sides. */
function evaluateAt(claim: Claim, I: NumericInstance): { lhs: ErrNum; rhs: ErrNum; r: ErrNum } {
  const F = ErrField;
  const lhs = evaluate(claim.statement.lhs, 'declared', I),
    rhs = evaluate(claim.statement.rhs, 'declared', I);
  return { lhs, rhs, r: claim.statement.relation === '<=' ? F.sub(rhs, lhs) : F.sub(lhs, rhs) };
}

function symbolValues(claim: Claim, I: NumericInstance): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (e: Claim['statement']['lhs'], mode: Mode) => {
    switch (e.kind) {
      case 'sym':
        out[mode === 'declared' ? e.name : `${mode}(${e.name})`] = I.symbol(e.name, mode).v;
        break;
      case 'neg':
        walk(e.arg, mode);
        break;
      case 'bin':
        walk(e.left, mode);
        walk(e.right, mode);
        break;
      case 'call':
        e.args.forEach((a) => walk(a, e.fn === 'VP' || e.fn === 'VTP' ? e.fn : mode));
        break;
      default:
        break;
    }
  };
  walk(claim.statement.lhs, 'declared');
  walk(claim.statement.rhs, 'declared');
  return out;
}

/** The numeric route of a claim on prepared systems. */
/**
 * The same system with freshly drawn biases (μ0, T0 and the Onsager coefficients kept): an
 * inequality may fail only in a small region of bias space (e.g. VP temperatures between the VTP
 * temperature and the entropy minimum), which a few restarts per system explore.
 */
export function rebias(I: NumericInstance, seed: number, edge = false): NumericInstance {
  const r = rng(seed);
  const b = I.sys.bias;
  const mu = b.mu.map(() => r6(b.mu0 + 0.04 * (r.next() - 0.5)));
  const T = b.T.map(() => r6(b.T0 * (1 + 0.4 * (r.next() - 0.5))));
  if (edge) {
    // one terminal's bias at the edge of the range (±20 meV, ±20 % of T0), the others as drawn
    const t = r.nextU32() % T.length;
    const s = r.next() < 0.5 ? -1 : 1;
    if (r.next() < 0.5) T[t] = r6(b.T0 * (1 + 0.2 * s));
    else mu[t] = r6(b.mu0 + 0.02 * s);
  }
  return new NumericInstance(I.ctx, { ...I.sys, label: `${I.sys.label}, bias ${seed % 1000}`, bias: { ...b, mu, T } });
}

/**
 * The numeric route of a claim on prepared systems; an inequality is also tried at `restarts`
 * re-drawn biases per system, every fourth with one terminal's bias at the edge of the range.
 */
export function numericRoute(claim: Claim, systems: readonly NumericInstance[], restarts = claim.statement.relation === '==' ? 0 : 8): NumericOutcome {
  let consistent = 0,
    inconclusive = 0,
    singular = 0,
    worst = 0;
  const all: NumericInstance[] = [];
  systems.forEach((I, k) => {
    all.push(I);
    for (let j = 0; j < restarts; j++) {
      const J = rebias(I, 1000 * k + j + 1, j % 4 === 3);
      if (J.biasPhysical()) all.push(J);
    }
  });
  for (const I of all) {
    let v: { lhs: ErrNum; rhs: ErrNum; r: ErrNum };
    try {
      v = evaluateAt(claim, I);
    } catch (e) {
      if (e instanceof SingularCircuitError) {
        singular++;
        continue;
      }
      throw e;
    }
    const { r, lhs, rhs } = v;
    if (!Number.isFinite(r.v) || !Number.isFinite(r.e)) {
      inconclusive++;
      continue;
    }
    const mag = Math.abs(lhs.v) + Math.abs(rhs.v);
    const eq = claim.statement.relation === '==';
    const violated = eq ? Math.abs(r.v) > 1e3 * r.e && Math.abs(r.v) > 1e-7 * mag : r.v < -1e3 * r.e && -r.v > 1e-7 * mag;
    const holds = eq ? Math.abs(r.v) <= r.e : r.v >= -r.e;
    if (violated) {
      const modes = claimModes(claim);
      const x = (m: Mode) => {
        const c = I.reading(m);
        return {
          mu0: I.baseValue('#mu0').v,
          T0: I.baseValue('#T0').v,
          mu: (t: number) => I.baseValue(`#mu.${t}`).v,
          T: (t: number) => (rolesFor(claim.context, m)[t] === 'VTP' ? c.temperature[t] : I.baseValue(`#T.${t}`).v),
        };
      };
      const base = I.sys.config;
      const configs: Partial<Record<Mode, Record<string, unknown>>> = {};
      for (const m of modes) configs[m] = configForReading(base, claim.context, m, x(m));
      const config = configs.declared ?? configForReading(base, claim.context, 'declared', x('declared'));
      return {
        status: 'violated',
        systems: consistent + inconclusive + singular + 1,
        detail: `violated on ${I.sys.label}: ${assertedQuantity(claim.statement.relation)} = ${r.v.toPrecision(6)}, ${eq ? '= 0' : '≥ 0'} asserted (error bound ${r.e.toPrecision(2)})`,
        counterexample: { system: I.sys.label, config, configs, lhs: lhs.v, rhs: rhs.v, residual: r.v, values: symbolValues(claim, I) },
        worstRatio: worst,
      };
    }
    if (holds) {
      consistent++;
      if (r.e > 0) worst = Math.max(worst, Math.abs(r.v) / r.e);
    } else inconclusive++;
  }
  const total = all.length;
  if (total === 0) return { status: 'undecided', systems: 0, detail: 'no system to evaluate on', worstRatio: 0 };
  if (consistent === 0)
    return {
      status: 'undecided',
      systems: total,
      detail: `inconclusive on all ${total} systems (the error bound swamps the residual or a circuit is singular)`,
      worstRatio: worst,
    };
  const extra = [inconclusive ? `${inconclusive} inconclusive` : '', singular ? `${singular} singular` : ''].filter(Boolean).join(', ');
  const sys =
    restarts > 0 ? `${consistent} physical (system, bias) pairs (${systems.length} systems × ${restarts + 1} biases)` : `${consistent} physical systems`;
  return {
    status: 'consistent',
    systems: consistent,
    detail: `holds on ${sys} within the propagated error bound${extra ? ` (${extra})` : ''}`,
    worstRatio: worst,
  };
}
