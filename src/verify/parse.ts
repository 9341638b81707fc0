/**
 * The claim language of `probecheck verify` (docs/verify.md; docs/physics.md §16): a small
 * tokenizer and a precedence-climbing parser for formulas such as
 *
 *   VP(Sdot) >= VTP(Sdot)
 *   mu_P == (L0_LP*mu_L + L0_RP*mu_R)/(L0_LP + L0_RP)
 *
 * Grammar (lowest to highest precedence):
 *   claim    := expr REL expr            REL ∈ {==, =, >=, <=, ≥, ≤}
 *   expr     := term (('+' | '-') term)*
 *   term     := unary (('*' | '/') unary)*
 *   unary    := ('-' | '+') unary | power
 *   power    := atom ('^' unary)?        (right associative; -x^2 = -(x^2))
 *   atom     := NUMBER | IDENT | IDENT '(' expr (',' expr)* ')' | '(' expr ')'
 * Numbers are exact decimals (0.25 = 1/4, 1e-3 = 1/1000). Every node keeps its 1-based column, so an
 * error names the position. Pure; no evaluation here.
 */
import * as Q from '../symbolic/rational.js';
import type { Rational } from '../symbolic/rational.js';

/** A parse error at a 1-based column of the formula. */
export class ParseError extends Error {
  constructor(
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${detail} at position ${column}`);
    this.name = 'ParseError';
  }
}

/** Relations a claim may state. */
export type Relation = '==' | '>=' | '<=';

/** Expression tree. `pos` is the 1-based column where the node starts. */
export type Expr =
  | { readonly kind: 'num'; readonly value: Rational; readonly text: string; readonly pos: number }
  | { readonly kind: 'sym'; readonly name: string; readonly pos: number }
  | { readonly kind: 'neg'; readonly arg: Expr; readonly pos: number }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Expr; readonly right: Expr; readonly pos: number }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly pos: number };

/** A parsed claim "lhs REL rhs". */
export interface Statement {
  readonly lhs: Expr;
  readonly relation: Relation;
  readonly rhs: Expr;
}

type Tok =
  | { t: 'num'; text: string; value: Rational; pos: number }
  | { t: 'id'; text: string; pos: number }
  | { t: 'op'; text: string; pos: number }
  | { t: 'rel'; text: Relation; pos: number }
  | { t: 'end'; pos: number };

/** Exact value of a decimal literal such as 12, 0.25, 1.5e-3. */
function decimal(text: string): Rational {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new RangeError(text);
  const int = m[1] ?? '',
    frac = m[2] ?? '',
    exp = Number(m[3] ?? '0');
  let q = Q.rat(BigInt(int + frac || '0'), 10n ** BigInt(frac.length));
  if (exp !== 0) q = Q.mul(q, Q.pow(Q.rat(10), exp));
  return q;
}

/** Split a formula into tokens. @throws ParseError */
export function tokenize(src: string): Tok[] {
  if (src.length > MAX_FORMULA) throw new ParseError(MAX_FORMULA + 1, `a formula has at most ${MAX_FORMULA} characters`);
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const pos = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new ParseError(pos, `malformed number "${c}"`);
      // bounded: an exact decimal costs BigInt digits
      if (m[0].length > 100 || Math.abs(Number((m[2] ?? 'e0').slice(1))) > 300)
        throw new ParseError(
          pos,
          `the number ${m[0].slice(0, 20)}${m[0].length > 20 ? '…' : ''} is ${m[0].length > 100 ? 'too long' : 'out of range'} for an exact decimal (at most 100 characters, exponent within ±300)`,
        );
      out.push({ t: 'num', text: m[0], value: decimal(m[0]), pos });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', text: m[0], pos });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '>=' || two === '<=') {
      out.push({ t: 'rel', text: two, pos });
      i += 2;
      continue;
    }
    if (c === '≥') {
      out.push({ t: 'rel', text: '>=', pos });
      i++;
      continue;
    }
    if (c === '≤') {
      out.push({ t: 'rel', text: '<=', pos });
      i++;
      continue;
    }
    if (c === '=') {
      out.push({ t: 'rel', text: '==', pos });
      i++;
      continue;
    }
    if (two === '**') {
      out.push({ t: 'op', text: '^', pos });
      i += 2;
      continue;
    }
    if ('+-*/^(),'.includes(c)) {
      out.push({ t: 'op', text: c, pos });
      i++;
      continue;
    }
    if (c === '−') {
      out.push({ t: 'op', text: '-', pos });
      i++;
      continue;
    }
    if (c === '·' || c === '×') {
      out.push({ t: 'op', text: '*', pos });
      i++;
      continue;
    }
    if (c === '<' || c === '>') throw new ParseError(pos, `strict "${c}" is not a relation of the claim language (use ${c}=)`);
    throw new ParseError(pos, `unexpected character "${c}"`);
  }
  out.push({ t: 'end', pos: src.length + 1 });
  return out;
}

/** Longest formula accepted (characters) and deepest nesting of parentheses and unary signs. */
export const MAX_FORMULA = 5000;
const MAX_DEPTH = 200;

class Parser {
  private k = 0;
  private depth = 0;
  constructor(private readonly toks: Tok[]) {}
  peek(): Tok {
    return this.toks[this.k];
  }
  next(): Tok {
    return this.toks[this.k++];
  }
  isOp(s: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.text === s;
  }
  expectOp(s: string): void {
    const t = this.peek();
    if (!(t.t === 'op' && t.text === s)) throw new ParseError(t.pos, `expected "${s}" but found ${describe(t)}`);
    this.k++;
  }
  expr(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next() as { text: '+' | '-'; pos: number };
      const right = this.term();
      left = { kind: 'bin', op: op.text, left, right, pos: left.pos };
    }
    return left;
  }
  term(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next() as { text: '*' | '/'; pos: number };
      const right = this.unary();
      left = { kind: 'bin', op: op.text, left, right, pos: left.pos };
    }
    return left;
  }
  unary(): Expr {
    if (++this.depth > MAX_DEPTH) throw new ParseError(this.peek().pos, `the formula nests deeper than ${MAX_DEPTH} levels`);
    try {
      return this.unaryInner();
    } finally {
      this.depth--;
    }
  }
  unaryInner(): Expr {
    if (this.isOp('-')) {
      const t = this.next();
      return { kind: 'neg', arg: this.unary(), pos: t.pos };
    }
    if (this.isOp('+')) {
      this.next();
      return this.unary();
    }
    return this.power();
  }
  power(): Expr {
    const base = this.atom();
    if (this.isOp('^')) {
      this.next();
      const e = this.unary();
      return { kind: 'bin', op: '^', left: base, right: e, pos: base.pos };
    }
    return base;
  }
  atom(): Expr {
    const t = this.next();
    if (t.t === 'num') return { kind: 'num', value: t.value, text: t.text, pos: t.pos };
    if (t.t === 'id') {
      if (this.isOp('(')) {
        this.next();
        const args = [this.expr()];
        while (this.isOp(',')) {
          this.next();
          args.push(this.expr());
        }
        this.expectOp(')');
        return { kind: 'call', fn: t.text, args, pos: t.pos };
      }
      return { kind: 'sym', name: t.text, pos: t.pos };
    }
    if (t.t === 'op' && t.text === '(') {
      const e = this.expr();
      this.expectOp(')');
      return e;
    }
    throw new ParseError(t.pos, `expected a number, a symbol or "(" but found ${describe(t)}`);
  }
}

function describe(t: Tok): string {
  if (t.t === 'end') return 'the end of the formula';
  return `"${t.text}"`;
}

/** Parse an expression (no relation). @throws ParseError */
export function parseExpression(src: string): Expr {
  const toks = tokenize(src);
  const p = new Parser(toks);
  const e = p.expr();
  const t = p.peek();
  if (t.t !== 'end') throw new ParseError(t.pos, `unexpected ${describe(t)}`);
  return e;
}

/** Parse a claim "lhs REL rhs" with exactly one relation. @throws ParseError */
export function parseStatement(src: string): Statement {
  const toks = tokenize(src);
  const rels = toks.filter((t) => t.t === 'rel');
  if (rels.length === 0) throw new ParseError(src.length + 1, 'a claim needs one relation (==, >= or <=)');
  if (rels.length > 1) throw new ParseError(rels[1].pos, 'a claim has exactly one relation');
  const p = new Parser(toks);
  const lhs = p.expr();
  const r = p.next();
  if (r.t !== 'rel') throw new ParseError(r.pos, `expected a relation but found ${describe(r)}`);
  const rhs = p.expr();
  const t = p.peek();
  if (t.t !== 'end') throw new ParseError(t.pos, `unexpected ${describe(t)}`);
  return { lhs, relation: r.text, rhs };
}

/** Every symbol node of an expression (with positions), in order. */
export function symbolsOf(e: Expr, out: Array<{ name: string; pos: number }> = [], seen: Set<Expr> = new Set()): Array<{ name: string; pos: number }> {
  // each node once: expanded definitions share sub-trees (a = S*S, b = a*a, … is a DAG)
  if (seen.has(e)) return out;
  seen.add(e);
  switch (e.kind) {
    case 'num':
      break;
    case 'sym':
      out.push({ name: e.name, pos: e.pos });
      break;
    case 'neg':
      symbolsOf(e.arg, out, seen);
      break;
    case 'bin':
      symbolsOf(e.left, out, seen);
      symbolsOf(e.right, out, seen);
      break;
    case 'call':
      for (const a of e.args) symbolsOf(a, out, seen);
      break;
  }
  return out;
}

/** Every call node (function name, position, arity), each shared node once. */
export function callsOf(
  e: Expr,
  out: Array<{ fn: string; pos: number; arity: number }> = [],
  seen: Set<Expr> = new Set(),
): Array<{ fn: string; pos: number; arity: number }> {
  if (seen.has(e)) return out;
  seen.add(e);
  switch (e.kind) {
    case 'neg':
      callsOf(e.arg, out, seen);
      break;
    case 'bin':
      callsOf(e.left, out, seen);
      callsOf(e.right, out, seen);
      break;
    case 'call':
      out.push({ fn: e.fn, pos: e.pos, arity: e.args.length });
      for (const a of e.args) callsOf(a, out, seen);
      break;
    default:
      break;
  }
  return out;
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };

/** Plain-text form (minimal parentheses), parseable again. */
export function exprToString(e: Expr, parent = 0): string {
  switch (e.kind) {
    case 'num':
      return e.text;
    case 'sym':
      return e.name;
    case 'call':
      return `${e.fn}(${e.args.map((a) => exprToString(a)).join(', ')})`;
    case 'neg': {
      const s = `-${exprToString(e.arg, 3)}`;
      return parent > 1 ? `(${s})` : s;
    }
    case 'bin': {
      const p = PREC[e.op];
      const l = exprToString(e.left, e.op === '^' ? p + 1 : p);
      const r = exprToString(e.right, e.op === '-' || e.op === '/' ? p + 1 : e.op === '^' ? p : p);
      const s = e.op === '+' || e.op === '-' ? `${l} ${e.op} ${r}` : `${l}${e.op}${r}`;
      return p < parent ? `(${s})` : s;
    }
  }
}

/** LaTeX of a symbol name of the claim language (L0_LR → L^{(0)}_{LR}, mu_P → \mu_P, Sdot → \dot S). */
export function symbolNameLatex(name: string): string {
  let m = /^L([012])_(.+)$/.exec(name);
  if (m) return `L^{(${m[1]})}_{${m[2]}}`;
  m = /^(mu|T|JN|JQ)_(.+)$/.exec(name);
  if (m) {
    const head = m[1] === 'mu' ? '\\mu' : m[1] === 'T' ? 'T' : m[1] === 'JN' ? 'hJ^N' : 'hJ^Q';
    return `${head}_{${m[2]}}`;
  }
  if (name === 'mu0') return '\\mu_0';
  if (name === 'T0') return 'T_0';
  if (name === 'Sdot') return 'h\\dot S';
  if (name === 'pi') return '\\pi';
  if (name === 'kT') return 'k_BT_0';
  return name.length === 1 ? name : `\\mathit{${name.replace(/_/g, '\\_')}}`;
}

/** LaTeX of an expression (VP(…)/VTP(…) as \mathrm{VP}[…]). */
export function exprToLatex(e: Expr, parent = 0): string {
  switch (e.kind) {
    case 'num':
      return Q.toString(e.value).includes('/') ? Q.toLatex(e.value) : e.text;
    case 'sym':
      return symbolNameLatex(e.name);
    case 'call': {
      const args = e.args.map((a) => exprToLatex(a)).join(',\\,');
      if (e.fn === 'VP' || e.fn === 'VTP') return `\\left.${args}\\right|_{\\mathrm{${e.fn}}}`;
      if (e.fn === 'sqrt') return `\\sqrt{${args}}`;
      if (e.fn === 'abs') return `\\left|${args}\\right|`;
      return `\\operatorname{${e.fn}}\\left(${args}\\right)`;
    }
    case 'neg': {
      const s = `-${exprToLatex(e.arg, 3)}`;
      return parent > 1 ? `\\left(${s}\\right)` : s;
    }
    case 'bin': {
      if (e.op === '/') {
        const s = `\\frac{${exprToLatex(e.left)}}{${exprToLatex(e.right)}}`;
        return parent >= 4 ? `\\left(${s}\\right)` : s;
      }
      if (e.op === '^') return `{${exprToLatex(e.left, 5)}}^{${exprToLatex(e.right)}}`;
      const p = PREC[e.op];
      const l = exprToLatex(e.left, p);
      const r = exprToLatex(e.right, e.op === '-' ? p + 1 : p);
      const s = e.op === '*' ? `${l}\\,${r}` : `${l} ${e.op} ${r}`;
      return p < parent ? `\\left(${s}\\right)` : s;
    }
  }
}

/** LaTeX of a statement. */
export function statementLatex(s: Statement): string {
  const rel = s.relation === '==' ? '=' : s.relation === '>=' ? '\\ge' : '\\le';
  return `${exprToLatex(s.lhs)} ${rel} ${exprToLatex(s.rhs)}`;
}
