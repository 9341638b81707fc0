/**
 * The claim file of `probecheck verify` (docs/verify.md, docs/physics.md §16): validation at the
 * boundary and the resolved model every route decides on. Every problem is a {@link ClaimError}
 * (exit code 2) whose one-line message names the claim and what is wrong.
 *
 * Symbols (docs/physics.md §16): L0_ab, L1_ab, L2_ab (a ≠ b); mu0, T0; mu_a, T_a; JN_a, JQ_a;
 * Sdot; pi; in model claims also kT (= k_B T0) and the transmissions' parameters.
 */
import { ConfigError } from '../config.js';
import { JsonInputError, parseJsonStrict } from '../io/json.js';
import type { ExactRole } from '../symbolic/circuitExact.js';
import * as Q from '../symbolic/rational.js';
import { type Poly, RatFunc } from '../symbolic/polynomial.js';
import { RatFuncField } from '../symbolic/field.js';
import { Instance } from './instance.js';
import { nonPositiveByForm } from './exact.js';
import { MAX_FORMULA, ParseError, parseExpression, parseStatement, symbolsOf, callsOf, type Expr, type Statement } from './parse.js';
import { evaluate, expandedSize, MAX_EXPONENT, NotExactError, oversizedExponent } from './evaluate.js';
import { DEGREE_VARIABLE, DegreeField } from '../symbolic/field.js';

/** A malformed claim file: one line naming the claim (or field) and what is wrong. Exit code 2. */
export class ClaimError extends ConfigError {
  constructor(path: string, detail: string) {
    super(path, detail);
    this.name = 'ClaimError';
  }
}

/** Probe models a claim file may name. */
export type ProbeModel = 'VP' | 'VTP';
/** How every probe is modelled while evaluating: as declared, or all as VP / all as VTP. */
export type Mode = 'declared' | 'VP' | 'VTP';

/** A resolved symbol. Keys (`key`) are internal, unambiguous names; `name` is the user's spelling. */
export type SymbolInfo =
  | { readonly kind: 'L'; readonly nu: 0 | 1 | 2; readonly a: number; readonly b: number; readonly key: string }
  | { readonly kind: 'mu0' | 'T0' | 'Sdot' | 'pi' | 'kT'; readonly key: string }
  | { readonly kind: 'mu' | 'T' | 'JN' | 'JQ'; readonly t: number; readonly key: string }
  | { readonly kind: 'param'; readonly name: string; readonly key: string };

/** A model claim: transmissions near μ0 and a Sommerfeld order. */
export interface ModelSpec {
  /** T_ab(E) for each unordered pair a < b (indices), as expressions in E and parameters. */
  readonly transmissions: ReadonlyArray<{ readonly a: number; readonly b: number; readonly expr: Expr; readonly text: string }>;
  /** Orders of k_BT checked beyond the leading one. */
  readonly order: number;
  /** Parameter names (sorted). */
  readonly params: readonly string[];
}

/** One assumption SYMBOL = expr. */
export interface Assumption {
  readonly key: string;
  readonly name: string;
  readonly expr: Expr;
  readonly text: string;
}

/** Everything a claim is decided against (shared by claims with equal settings). */
export interface Context {
  readonly terminals: readonly string[];
  /** Declared role of each terminal. */
  readonly roles: readonly ExactRole[];
  readonly circuit: 'electronic' | 'thermal';
  readonly reciprocal: boolean;
  readonly assumptions: readonly Assumption[];
  /** Definitions of the L symbols fixed by the unitarity sum rules (reciprocal: false). */
  readonly sumRules: ReadonlyMap<string, Expr>;
  /** The settings the context was built from (to derive variants, e.g. for hints). */
  readonly settings: Settings;
  /** The file's definitions (its assumptions may use them; so may a variant's). */
  readonly defines: ReadonlyMap<string, Expr>;
  /** The substitution of a base-symbol key, if assumed. */
  assumptionExpr(key: string): Expr | undefined;
  readonly model: ModelSpec | null;
  /** Identity of the settings (claims with the same key share circuits). */
  readonly key: string;
  resolve(name: string): SymbolInfo | undefined;
  /** The user-facing name of a base-symbol key. */
  display(key: string): string;
}

/** One claim. */
export interface Claim {
  readonly index: number;
  readonly name: string;
  readonly formula: string;
  readonly statement: Statement;
  readonly context: Context;
  /** Path for messages, e.g. `claims[1] "VP potential"`. */
  readonly where: string;
  /**
   * Set when the formula, with its definitions expanded, exceeds {@link MAX_EXPANDED_NODES}: the
   * reason ("expression too large: … after expanding S30"); such a claim is undecided, unevaluated.
   */
  readonly tooLarge?: string;
}

/**
 * Most nodes of a claim's formula or an assumption with the definitions expanded (ten times the
 * longest formula, {@link MAX_FORMULA} characters): bounds the time and memory of every route
 * before anything is expanded (docs/verify.md "Limits").
 */
export const MAX_EXPANDED_NODES = 50000;
/** Highest degree in E of a model claim's transmission (numerator and denominator). */
export const MAX_TRANSMISSION_DEGREE = 40;

/** The validated claim file. */
export interface ClaimFile {
  readonly claims: readonly Claim[];
  readonly terminals: readonly string[];
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9]*$/;
const FILE_KEYS = new Set([
  'define',
  'terminals',
  'probes',
  'circuit',
  'reciprocal',
  'assume',
  'claims',
  'transmission',
  'sommerfeld',
  'description',
  '$schema',
  'title',
]);
const CLAIM_KEYS = new Set(['name', 'formula', 'assume', 'probes', 'circuit', 'transmission', 'sommerfeld', 'note', 'source']);
/** Elementary functions (decided numerically only) and their arities. */
export const FUNCTIONS: Readonly<Record<string, number>> = { sqrt: 1, exp: 1, log: 1, abs: 1, sin: 1, cos: 1, tanh: 1, min: 2, max: 2 };
const RESERVED_FUNCTIONS = new Set(['VP', 'VTP']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Split "LR" (or "P1P2") into two terminal indices; undefined if no split, error if ambiguous. */
function splitPair(s: string, terminals: readonly string[]): [number, number] | 'ambiguous' | undefined {
  const hits: Array<[number, number]> = [];
  terminals.forEach((a, i) => {
    if (!s.startsWith(a)) return;
    const j = terminals.indexOf(s.slice(a.length));
    if (j >= 0) hits.push([i, j]);
  });
  if (hits.length > 1) return 'ambiguous';
  return hits[0];
}

/** The settings of a claim (file defaults merged with the claim's own). */
export interface Settings {
  probes: Record<string, ProbeModel>;
  circuit: 'electronic' | 'thermal';
  assume: string[];
  transmission: Record<string, string> | undefined;
  sommerfeld: number | undefined;
}

function readProbes(v: unknown, path: string, terminals: readonly string[]): Record<string, ProbeModel> {
  if (!isObject(v)) throw new ClaimError(path, 'probes must be an object {"P": "VP" | "VTP"}');
  const out: Record<string, ProbeModel> = {};
  for (const [k, m] of Object.entries(v)) {
    if (!terminals.includes(k)) throw new ClaimError(`${path}.${k}`, `probe "${k}" is not one of the terminals (${terminals.join(', ')})`);
    if (m !== 'VP' && m !== 'VTP') throw new ClaimError(`${path}.${k}`, `probe model must be "VP" or "VTP" (got ${JSON.stringify(m)})`);
    out[k] = m;
  }
  return out;
}

function readCircuit(v: unknown, path: string): 'electronic' | 'thermal' {
  if (v !== 'electronic' && v !== 'thermal') throw new ClaimError(path, `circuit must be "electronic" or "thermal" (got ${JSON.stringify(v)})`);
  return v;
}

function readAssume(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new ClaimError(path, 'assume must be an array of strings "SYMBOL = expr"');
  return v as string[];
}

function readTransmission(v: unknown, path: string): Record<string, string> {
  if (!isObject(v)) throw new ClaimError(path, 'transmission must be an object {"LR": "expr in E", …}');
  for (const [k, s] of Object.entries(v)) if (typeof s !== 'string') throw new ClaimError(`${path}.${k}`, 'a transmission must be a string expression in E');
  return v as Record<string, string>;
}

function readOrder(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 8)
    throw new ClaimError(path, `sommerfeld must be an integer order 0…8 (got ${JSON.stringify(v)})`);
  return v;
}

/**
 * Validate a parsed claim file and resolve every claim.
 * @throws ClaimError naming the claim and the problem
 */
export function parseClaimFile(raw: unknown): ClaimFile {
  if (!isObject(raw)) throw new ClaimError('(claims file)', 'expected a JSON object with "terminals" and "claims"');
  for (const k of Object.keys(raw)) if (!FILE_KEYS.has(k)) throw new ClaimError(k, `unknown field "${k}"`);
  const t = raw.terminals;
  if (!Array.isArray(t) || t.length < 2 || !t.every((s) => typeof s === 'string'))
    throw new ClaimError('terminals', 'terminals must be an array of at least two names');
  const terminals = t as string[];
  terminals.forEach((s, i) => {
    if (!NAME_RE.test(s)) throw new ClaimError(`terminals[${i}]`, `terminal name "${s}" must be letters and digits, starting with a letter`);
    if (terminals.indexOf(s) !== i) throw new ClaimError(`terminals[${i}]`, `duplicate terminal name "${s}"`);
  });
  if (terminals.length > 6) throw new ClaimError('terminals', `at most 6 terminals are supported (got ${terminals.length})`);
  const defines = readDefines(raw.define);
  const reciprocal = raw.reciprocal === undefined ? true : raw.reciprocal;
  if (typeof reciprocal !== 'boolean') throw new ClaimError('reciprocal', 'reciprocal must be true or false');
  const base: Settings = {
    probes: raw.probes === undefined ? {} : readProbes(raw.probes, 'probes', terminals),
    circuit: raw.circuit === undefined ? 'electronic' : readCircuit(raw.circuit, 'circuit'),
    assume: raw.assume === undefined ? [] : readAssume(raw.assume, 'assume'),
    transmission: raw.transmission === undefined ? undefined : readTransmission(raw.transmission, 'transmission'),
    sommerfeld: raw.sommerfeld === undefined ? undefined : readOrder(raw.sommerfeld, 'sommerfeld'),
  };
  if (!Array.isArray(raw.claims) || raw.claims.length === 0) throw new ClaimError('claims', 'claims must be a non-empty array of {"name", "formula"}');
  const contexts = new Map<string, Context>();
  const claims = raw.claims.map((c, index): Claim => {
    let where = `claims[${index}]`;
    if (!isObject(c)) throw new ClaimError(where, 'a claim must be an object {"name", "formula"}');
    if (typeof c.name !== 'string' || c.name.trim() === '') throw new ClaimError(`${where}.name`, 'each claim needs a non-empty "name"');
    where = `${where} "${c.name}"`;
    for (const k of Object.keys(c)) if (!CLAIM_KEYS.has(k)) throw new ClaimError(where, `unknown field "${k}"`);
    if (typeof c.formula !== 'string') throw new ClaimError(`${where}.formula`, 'the formula must be a string');
    const s: Settings = {
      probes: c.probes === undefined ? base.probes : readProbes(c.probes, `${where}.probes`, terminals),
      circuit: c.circuit === undefined ? base.circuit : readCircuit(c.circuit, `${where}.circuit`),
      assume: c.assume === undefined ? base.assume : [...base.assume, ...readAssume(c.assume, `${where}.assume`)],
      transmission: c.transmission === undefined ? base.transmission : readTransmission(c.transmission, `${where}.transmission`),
      sommerfeld: c.sommerfeld === undefined ? base.sommerfeld : readOrder(c.sommerfeld, `${where}.sommerfeld`),
    };
    const ckey = JSON.stringify(s);
    let context = contexts.get(ckey);
    if (!context) {
      context = buildContext(terminals, reciprocal, s, where, ckey, defines);
      contexts.set(ckey, context);
    }
    let statement: Statement;
    try {
      statement = parseStatement(c.formula);
    } catch (e) {
      if (e instanceof ParseError) throw new ClaimError(`${where}.formula`, e.message);
      throw e;
    }
    const source = statement;
    statement = { ...statement, lhs: expandDefines(statement.lhs, defines), rhs: expandDefines(statement.rhs, defines) };
    checkExpression(statement.lhs, context, `${where}.formula`, 'claim');
    checkExpression(statement.rhs, context, `${where}.formula`, 'claim');
    const memo = new Map<Expr, number>();
    const nodes = expandedSize(statement.lhs, memo) + expandedSize(statement.rhs, memo) + 1;
    if (nodes > MAX_EXPANDED_NODES) {
      // name the definition that grew most
      const used = [...new Set([...symbolsOf(source.lhs), ...symbolsOf(source.rhs)].map((x) => x.name))].filter((n) => defines.has(n));
      const big = used.sort((a, b) => expandedSize(defines.get(b)!, memo) - expandedSize(defines.get(a)!, memo))[0];
      const tooLarge = `expression too large: ${countText(nodes)} terms${big ? ` after expanding ${big}` : ''} (limit ${MAX_EXPANDED_NODES})`;
      return { index, name: c.name, formula: c.formula, statement: source, context, where, tooLarge };
    }
    return { index, name: c.name, formula: c.formula, statement, context, where };
  });
  return { claims, terminals };
}

/** 1234, or 1.1e9 for a count beyond a million. */
function countText(n: number): string {
  return n < 1e6 ? String(n) : n.toPrecision(2).replace('e+', 'e');
}

/** Check symbols, calls and exponents of an expression. */
function checkExpression(e: Expr, ctx: Context, path: string, use: 'claim' | 'assume'): void {
  const big = oversizedExponent(e);
  if (big) throw new ClaimError(path, `the power at position ${big.pos} has the exponent ${big.k}; exact integer powers go up to ±${MAX_EXPONENT}`);
  for (const { name, pos } of symbolsOf(e)) {
    const info = ctx.resolve(name);
    if (!info) throw new ClaimError(path, `unknown symbol ${name} at position ${pos}${hintFor(name, ctx)}`);
    if (use === 'assume' && !isBaseAnyMode(info, ctx))
      throw new ClaimError(path, `${name} (position ${pos}) is solved for by the circuit; a substitution may only use given symbols`);
    if (info.kind === 'kT' && !ctx.model)
      throw new ClaimError(path, `kT (position ${pos}) is only defined in model claims (with "transmission" and "sommerfeld")`);
  }
  for (const { fn, pos, arity } of callsOf(e)) {
    if (RESERVED_FUNCTIONS.has(fn)) {
      if (use === 'assume') throw new ClaimError(path, `${fn}(…) at position ${pos} is not allowed in a substitution`);
      if (arity !== 1) throw new ClaimError(path, `${fn}(…) at position ${pos} takes one argument`);
      continue;
    }
    if (!(fn in FUNCTIONS)) throw new ClaimError(path, `unknown function ${fn} at position ${pos} (known: VP, VTP, ${Object.keys(FUNCTIONS).join(', ')})`);
    if (FUNCTIONS[fn] !== arity) throw new ClaimError(path, `${fn} at position ${pos} takes ${FUNCTIONS[fn]} argument${FUNCTIONS[fn] > 1 ? 's' : ''}`);
    if (use === 'assume') throw new ClaimError(path, `function ${fn} at position ${pos}: a substitution must be a rational expression`);
  }
}

function hintFor(name: string, ctx: Context): string {
  const m = /^(L\d|mu|T|JN|JQ)_(.+)$/.exec(name);
  if (m && /^L\d$/.test(m[1]) && !/^L[012]$/.test(m[1])) return ' (Onsager functions are L0, L1, L2)';
  if (m) return ` (terminals: ${ctx.terminals.join(', ')})`;
  return '';
}

/** A bound on the degree in E of a transmission's numerator and denominator; null for a non-integer power. */
function degreeInE(expr: Expr): number | null {
  const zero = DegreeField.zero;
  try {
    const d = evaluate(expr, 'declared', {
      F: DegreeField,
      symbol: (name) => (name === 'E' ? DEGREE_VARIABLE : zero),
      fn: (name) => {
        throw new NotExactError(`the function ${name}`);
      },
      powReal: () => {
        throw new NotExactError('a non-integer power');
      },
    });
    return Math.max(d.num, d.den);
  } catch (e) {
    if (e instanceof NotExactError) return null;
    throw e;
  }
}

/** Is this symbol given (not solved) in at least the VP reading (so it may be substituted)? */
function isBaseAnyMode(info: SymbolInfo, ctx: Context): boolean {
  switch (info.kind) {
    case 'L':
    case 'mu0':
    case 'T0':
    case 'param':
    case 'pi':
      return true;
    case 'T':
      return true; // a lead's T, or a probe's VP temperature
    case 'mu':
      return isGivenMu(info.t, ctx);
    default:
      return false;
  }
}

/** μ of terminal t is given: a lead in an electronic circuit, or the gauge lead of a thermal one. */
export function isGivenMu(t: number, ctx: Pick<Context, 'roles' | 'circuit'>): boolean {
  if (ctx.roles[t] !== 'lead') return false;
  return ctx.circuit === 'electronic' || ctx.roles.indexOf('lead') === t;
}

/** Internal key of an L symbol (canonical pair order when reciprocal). */
export function lKey(nu: number, a: number, b: number, reciprocal: boolean): string {
  const [p, q] = reciprocal && a > b ? [b, a] : [a, b];
  return `#L${nu}.${p}.${q}`;
}

/** Named sub-expressions of a claim file ("define": {"S0": "L0_LP + L0_RP"}), expanded like macros. */
type Defines = ReadonlyMap<string, Expr>;

function readDefines(v: unknown): Defines {
  const out = new Map<string, Expr>();
  if (v === undefined) return out;
  if (!isObject(v)) throw new ClaimError('define', 'define must be an object {"NAME": "expr"}');
  for (const [name, text] of Object.entries(v)) {
    const path = `define.${name}`;
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new ClaimError(path, `a defined name is letters and digits (no "_"), starting with a letter`);
    if (['mu0', 'T0', 'Sdot', 'pi', 'kT', 'E', 'VP', 'VTP'].includes(name) || /^L[0-9]/.test(name) || name in FUNCTIONS)
      throw new ClaimError(path, `${name} is a reserved name`);
    if (typeof text !== 'string') throw new ClaimError(path, 'a definition must be a string expression');
    try {
      out.set(name, parseExpression(text));
    } catch (e) {
      if (e instanceof ParseError) throw new ClaimError(path, e.message);
      throw e;
    }
  }
  // expand definitions inside definitions (in order of use), rejecting cycles
  const done = new Map<string, Expr>();
  const visiting = new Set<string>();
  const expand = (name: string): Expr => {
    const hit = done.get(name);
    if (hit) return hit;
    if (visiting.has(name)) throw new ClaimError(`define.${name}`, `the definitions are circular (${[...visiting, name].join(' → ')})`);
    visiting.add(name);
    const e = substituteSymbols(out.get(name)!, (n) => (out.has(n) ? expand(n) : undefined));
    visiting.delete(name);
    done.set(name, e);
    return e;
  };
  for (const name of out.keys()) expand(name);
  return done;
}

function substituteSymbols(e: Expr, f: (name: string) => Expr | undefined): Expr {
  switch (e.kind) {
    case 'num':
      return e;
    case 'sym':
      return f(e.name) ?? e;
    case 'neg':
      return { ...e, arg: substituteSymbols(e.arg, f) };
    case 'bin':
      return { ...e, left: substituteSymbols(e.left, f), right: substituteSymbols(e.right, f) };
    case 'call':
      return { ...e, args: e.args.map((a) => substituteSymbols(a, f)) };
  }
}

function expandDefines(e: Expr, defines: Defines): Expr {
  return defines.size ? substituteSymbols(e, (n) => defines.get(n)) : e;
}

function buildContext(terminals: readonly string[], reciprocal: boolean, s: Settings, where: string, key: string, defines: Defines = new Map()): Context {
  const roles: ExactRole[] = terminals.map((n) => s.probes[n] ?? 'lead');
  const leads = roles.filter((r) => r === 'lead').length;
  if (leads < 2) throw new ClaimError(`${where}`, `at least two leads (terminals not in "probes") are needed, got ${leads}`);
  if ((s.transmission === undefined) !== (s.sommerfeld === undefined)) {
    throw new ClaimError(where, 'a model claim gives both "transmission" and "sommerfeld"');
  }
  const params = new Set<string>();
  const cache = new Map<string, SymbolInfo | undefined>();
  const resolveRaw = (name: string): SymbolInfo | undefined => {
    if (name.startsWith('#')) {
      const m = /^#L([012])\.(\d+)\.(\d+)$/.exec(name);
      if (m) return { kind: 'L', nu: Number(m[1]) as 0 | 1 | 2, a: Number(m[2]), b: Number(m[3]), key: name };
      return undefined;
    }
    if (name === 'mu0' || name === 'T0' || name === 'Sdot' || name === 'pi' || name === 'kT') return { kind: name, key: `#${name}` };
    let m = /^L([012])_(.+)$/.exec(name);
    if (m) {
      const pair = splitPair(m[2], terminals);
      if (pair === 'ambiguous' || !pair || pair[0] === pair[1]) return undefined;
      const nu = Number(m[1]) as 0 | 1 | 2;
      const k = lKey(nu, pair[0], pair[1], reciprocal);
      const [a, b] = k.split('.').slice(1).map(Number);
      return { kind: 'L', nu, a, b, key: k };
    }
    m = /^(mu|T|JN|JQ)_(.+)$/.exec(name);
    if (m) {
      const t = terminals.indexOf(m[2]);
      if (t < 0) return undefined;
      return { kind: m[1] as 'mu' | 'T' | 'JN' | 'JQ', t, key: `#${m[1]}.${t}` };
    }
    if (params.has(name)) return { kind: 'param', name, key: `#p.${name}` };
    return undefined;
  };
  const resolve = (name: string) => {
    if (!cache.has(name)) cache.set(name, resolveRaw(name));
    return cache.get(name);
  };
  const display = (k: string): string => {
    let m = /^#L([012])\.(\d+)\.(\d+)$/.exec(k);
    if (m) return `L${m[1]}_${terminals[Number(m[2])]}${terminals[Number(m[3])]}`;
    m = /^#(mu|T|JN|JQ)\.(\d+)$/.exec(k);
    if (m) return `${m[1]}_${terminals[Number(m[2])]}`;
    m = /^#p\.(.+)$/.exec(k);
    if (m) return m[1];
    return k.replace(/^#/, '');
  };
  // ---- model (transmissions)
  let model: ModelSpec | null = null;
  if (s.transmission && s.sommerfeld !== undefined) {
    if (!reciprocal)
      throw new ClaimError(`${where}.transmission`, 'model claims need reciprocal transmissions (reciprocal: false is not supported with "transmission")');
    const seen = new Map<string, { a: number; b: number; expr: Expr; text: string }>();
    for (const [pk, text] of Object.entries(s.transmission)) {
      const path = `${where}.transmission.${pk}`;
      const pair = splitPair(pk, terminals);
      if (pair === 'ambiguous') throw new ClaimError(path, `the pair "${pk}" splits into terminals in more than one way`);
      if (!pair || pair[0] === pair[1]) throw new ClaimError(path, `"${pk}" is not a pair of two different terminals (${terminals.join(', ')})`);
      const [a, b] = pair[0] < pair[1] ? pair : [pair[1], pair[0]];
      const id = `${a}.${b}`;
      if (seen.has(id)) throw new ClaimError(path, `the pair ${terminals[a]}${terminals[b]} is given twice`);
      let expr: Expr;
      try {
        expr = parseExpression(text);
      } catch (e) {
        if (e instanceof ParseError) throw new ClaimError(path, e.message);
        throw e;
      }
      for (const { name, pos } of symbolsOf(expr)) {
        if (name === 'E' || name === 'mu0' || name === 'pi') continue;
        if (resolveRaw(name) && !params.has(name))
          throw new ClaimError(path, `${name} (position ${pos}) cannot appear in a transmission: use E, mu0 and parameters`);
        if (name === 'kT' || name === 'T0') throw new ClaimError(path, `${name} (position ${pos}) cannot appear in a transmission`);
        params.add(name);
      }
      for (const { fn, pos } of callsOf(expr))
        throw new ClaimError(path, `function ${fn} at position ${pos}: a transmission must be a polynomial or rational function of E`);
      const big = oversizedExponent(expr);
      if (big)
        throw new ClaimError(path, `the power at position ${big.pos} has the exponent ${big.k}; a transmission has degree ≤ ${MAX_TRANSMISSION_DEGREE} in E`);
      const deg = degreeInE(expr);
      if (deg === null) throw new ClaimError(path, 'a non-integer power: a transmission must be a polynomial or rational function of E');
      if (deg > MAX_TRANSMISSION_DEGREE)
        throw new ClaimError(path, `degree ${deg} in E (numerator or denominator) is beyond the limit ${MAX_TRANSMISSION_DEGREE} of model claims`);
      seen.set(id, { a, b, expr, text });
    }
    const transmissions: Array<{ a: number; b: number; expr: Expr; text: string }> = [];
    for (let a = 0; a < terminals.length; a++)
      for (let b = a + 1; b < terminals.length; b++) {
        const x = seen.get(`${a}.${b}`);
        if (!x) throw new ClaimError(`${where}.transmission`, `the pair ${terminals[a]}${terminals[b]} is missing (write "0" for no transmission)`);
        transmissions.push(x);
      }
    cache.clear();
    model = { transmissions, order: s.sommerfeld, params: [...params].sort() };
  }
  for (const name of defines.keys()) if (resolve(name)) throw new ClaimError(`define.${name}`, `${name} is already a symbol of the claim language`);
  const ctxBase = { terminals, roles, circuit: s.circuit, reciprocal, model, key, resolve, display, defines };
  // ---- assumptions
  const assumptions: Assumption[] = [];
  s.assume.forEach((text, k) => {
    const path = `${where}.assume[${k}]`;
    let st: Statement;
    try {
      st = parseStatement(text);
    } catch (e) {
      if (e instanceof ParseError) throw new ClaimError(path, `"${text}": ${e.message}`);
      throw e;
    }
    if (st.relation !== '==' || st.lhs.kind !== 'sym') throw new ClaimError(path, `"${text}" is not a substitution SYMBOL = expr`);
    const lhsSym = st.lhs;
    st = { ...st, rhs: expandDefines(st.rhs, defines) };
    const info = resolve(lhsSym.name);
    if (!info) throw new ClaimError(path, `unknown symbol ${lhsSym.name} at position ${lhsSym.pos}`);
    const ctx0 = { ...ctxBase, settings: s, assumptions: [], sumRules: new Map(), assumptionExpr: () => undefined } as Context;
    if (!isBaseAnyMode(info, ctx0) || info.kind === 'pi')
      throw new ClaimError(path, `"${text}" is not a substitution: ${lhsSym.name} is ${info.kind === 'pi' ? 'a constant' : 'solved for by the circuit'}`);
    checkExpression(st.rhs, ctx0, path, 'assume');
    const nodes = expandedSize(st.rhs);
    if (nodes > MAX_EXPANDED_NODES)
      throw new ClaimError(path, `expression too large: ${countText(nodes)} terms with the definitions expanded (limit ${MAX_EXPANDED_NODES})`);
    if (assumptions.some((x) => x.key === info.key)) throw new ClaimError(path, `${lhsSym.name} is substituted twice`);
    assumptions.push({ key: info.key, name: lhsSym.name, expr: st.rhs, text });
  });
  const defs = new Map<string, Expr>(assumptions.map((x) => [x.key, x.expr]));
  const deps = (e: Expr) => symbolsOf(e).map((x) => resolve(x.name)!.key);
  const cyc = findCycle(defs, deps);
  if (cyc) throw new ClaimError(`${where}.assume`, `the substitutions are circular: ${cyc.map(display).join(' → ')}`);
  // ---- temperatures are positive: refuse a substitution that makes one ≤ 0 for every value of the
  // other symbols (T0 = -1, T_L = -T0, T_P = 0); one that is merely ≤ 0 somewhere (T_R = 2*T0 - T_L)
  // is fine, those points are not physical
  {
    const tmp = { ...ctxBase, settings: s, assumptions, sumRules: new Map(), assumptionExpr: (k: string) => defs.get(k) } as Context;
    const I = new Instance(tmp, RatFuncField, (k) => RatFunc.variable(k));
    assumptions.forEach((x, k) => {
      const info = resolve(x.name);
      if (info?.kind !== 'T0' && info?.kind !== 'T') return;
      let v: RatFunc;
      try {
        v = I.baseValue(x.key);
      } catch (e) {
        if (e instanceof RangeError) throw new ClaimError(`${where}.assume[${k}]`, `"${x.text}" divides by zero`);
        throw e;
      }
      if (nonPositiveByForm(v))
        throw new ClaimError(
          `${where}.assume[${k}]`,
          `"${x.text}" makes ${x.name} ≤ 0 for every value of the other symbols; temperatures are absolute (K) and positive`,
        );
    });
  }
  // ---- unitarity sum rules for non-reciprocal coefficients
  const sumRules = new Map<string, Expr>();
  if (!reciprocal) {
    for (let nu = 0; nu < 3; nu++) {
      let chosen: Map<string, Expr> | undefined;
      for (let root = terminals.length - 1; root >= 0 && !chosen; root--) {
        for (const outgoing of [true, false]) {
          const cand = sumRuleDefinitions(nu, root, outgoing, terminals.length);
          if ([...cand.keys()].some((k) => defs.has(k))) continue;
          const all = new Map([...defs, ...cand]);
          if (findCycle(all, deps)) continue;
          chosen = cand;
          break;
        }
      }
      if (!chosen) {
        const tmp = { ...ctxBase, settings: s, assumptions, sumRules: new Map(), assumptionExpr: (k: string) => defs.get(k) } as Context;
        chosen = eliminateSumRules(tmp, nu, new Set(assumptions.map((x) => x.key))) ?? undefined;
        if (!chosen) throw new ClaimError(`${where}.assume`, `the substitutions leave no way to impose the unitarity sum rules Σ_b L${nu}_ab = Σ_b L${nu}_ba`);
      }
      for (const [k, v] of chosen) {
        sumRules.set(k, v);
        defs.set(k, v);
      }
    }
  }
  const byKey = new Map(assumptions.map((x) => [x.key, x.expr]));
  return { ...ctxBase, settings: s, assumptions, sumRules, assumptionExpr: (k: string) => byKey.get(k) };
}

/**
 * Unitarity (Σ_b L_ab = Σ_b L_ba for every a) solved for the n − 1 coefficients L_{root,a}
 * (outgoing) or L_{a,root}: for a ≠ root,
 *   L_{root,a} = L_{a,root} + Σ_{b ≠ a, root} (L_ab − L_ba).
 */
function sumRuleDefinitions(nu: number, root: number, outgoing: boolean, n: number): Map<string, Expr> {
  const out = new Map<string, Expr>();
  const sym = (a: number, b: number): Expr => ({ kind: 'sym', name: lKey(nu, a, b, false), pos: 0 });
  for (let a = 0; a < n; a++) {
    if (a === root) continue;
    const [dep, first] = outgoing ? [lKey(nu, root, a, false), sym(a, root)] : [lKey(nu, a, root, false), sym(root, a)];
    let e: Expr = first;
    for (let b = 0; b < n; b++) {
      if (b === a || b === root) continue;
      // outgoing: L_ra = L_ar + Σ (L_ab − L_ba); incoming: L_ar = L_ra + Σ (L_ba − L_ab)
      const [p, q] = outgoing ? [sym(a, b), sym(b, a)] : [sym(b, a), sym(a, b)];
      e = { kind: 'bin', op: '-', left: { kind: 'bin', op: '+', left: e, right: p, pos: 0 }, right: q, pos: 0 };
    }
    out.set(dep, e);
  }
  return out;
}

/** A cycle in the definition graph (keys), or null. */
function findCycle(defs: ReadonlyMap<string, Expr>, deps: (e: Expr) => string[]): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (k: string): string[] | null => {
    const s = state.get(k);
    if (s === 2) return null;
    if (s === 1) return [...stack.slice(stack.indexOf(k)), k];
    const e = defs.get(k);
    if (!e) return null;
    state.set(k, 1);
    stack.push(k);
    for (const d of deps(e)) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(k, 2);
    return null;
  };
  for (const k of defs.keys()) {
    const c = visit(k);
    if (c) return c;
  }
  return null;
}

/** Parse claim-file JSON text. @throws ClaimError */
export function parseClaimFileText(text: string): ClaimFile {
  let raw: unknown;
  try {
    // duplicate keys and number literals that are not doubles are refused, as in a config (src/io/json.ts)
    raw = parseJsonStrict(text);
  } catch (e) {
    if (e instanceof JsonInputError) throw new ClaimError(e.path || '(claims file)', e.detail);
    throw new ClaimError('(claims file)', `not valid JSON: ${(e as Error).message}`);
  }
  return parseClaimFile(raw);
}

/**
 * The same claim under extra assumptions (for hints). @throws ClaimError when they do not combine
 * (e.g. a symbol already substituted)
 */
export function withExtraAssumptions(claim: Claim, extra: readonly string[]): Claim {
  const ctx = claim.context;
  const settings: Settings = { ...ctx.settings, assume: [...ctx.settings.assume, ...extra] };
  const context = buildContext(ctx.terminals, ctx.reciprocal, settings, claim.where, JSON.stringify(settings), ctx.defines);
  return { ...claim, context };
}

/**
 * Fallback for the unitarity sum rules when no single row can be solved for (the assumptions fix
 * coefficients in every row): the rules, with the assumptions substituted, are linear equations in
 * the remaining L^(ν); Gaussian elimination over Q(x) picks one unassumed coefficient per
 * independent equation (with a constant coefficient) and expresses it in the others. Rules that
 * the assumptions already satisfy drop out. Returns null when an equation has no such coefficient.
 */
function eliminateSumRules(ctx: Context, nu: number, assumed: ReadonlySet<string>): Map<string, Expr> | null {
  const n = ctx.terminals.length;
  const I = new Instance(ctx, RatFuncField, (k) => RatFunc.variable(k));
  const rules: RatFunc[] = [];
  for (let a = 0; a < n; a++) {
    let c = RatFunc.constant(0);
    for (let b = 0; b < n; b++) if (b !== a) c = c.add(I.baseValue(lKey(nu, a, b, false))).sub(I.baseValue(lKey(nu, b, a, false)));
    rules.push(c);
  }
  const defs = new Map<string, Poly>();
  for (let r = 0; r < rules.length; r++) {
    const c = rules[r];
    if (c.isZero()) continue;
    if (c.den.degree() > 0) return null;
    const num = c.num.scale(Q.div(Q.ONE, c.den.leadingCoefficient()));
    const v = num.variables().find((x) => /^#L/.test(x) && !assumed.has(x) && !defs.has(x) && num.degreeIn(x) === 1 && num.coefficient(x, 1).degree() <= 0);
    if (!v) return null;
    const A = num.coefficient(v, 1).leadingCoefficient();
    const def = num.coefficient(v, 0).scale(Q.neg(Q.div(Q.ONE, A)));
    const sub = new Map([[v, def]]);
    for (const [k, d] of defs) defs.set(k, d.substitute(sub));
    defs.set(v, def);
    for (let q = r + 1; q < rules.length; q++) rules[q] = new RatFunc(rules[q].num.substitute(sub), rules[q].den.substitute(sub));
  }
  return new Map([...defs].map(([k, d]) => [k, polyToExpr(d)]));
}

/** A polynomial (variables: internal keys) as an expression tree. */
function polyToExpr(p: Poly): Expr {
  const num = (q: Q.Rational): Expr => ({ kind: 'num', value: q, text: Q.toString(q).includes('/') ? `(${Q.toString(q)})` : Q.toString(q), pos: 0 });
  let e: Expr = num(Q.ZERO);
  for (const { mono, coef } of p.entries()) {
    let t: Expr = num(coef);
    for (const [v, k] of mono) for (let j = 0; j < k; j++) t = { kind: 'bin', op: '*', left: t, right: { kind: 'sym', name: v, pos: 0 }, pos: 0 };
    e = { kind: 'bin', op: '+', left: e, right: t, pos: 0 };
  }
  return e;
}
