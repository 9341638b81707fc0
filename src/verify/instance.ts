/**
 * A claim context instantiated over one field (docs/physics.md §16): the base symbols (Onsager
 * functions, biases, parameters) with the assumptions and unitarity sum rules substituted, the
 * circuit of each probe reading solved exactly (src/symbolic/circuitExact.ts, the Schur algebra of
 * the proofs), and the derived symbols mu_a, T_a, JN_a, JQ_a, Sdot read off it.
 *
 * Variables x = (μ_a [eV, absolute], T_a/T0); rows y = (h J^N_a, h J^Q_a) = M x (currents into a):
 * M has zero row and column sums, so absolute μ and T/T0 give the same currents and the same
 * solved unknowns as μ − μ0 and (T − T0)/T0, and h Ṡ = −xᵀ y / T0 (docs/physics.md §5).
 */
import type { Field } from '../symbolic/field.js';
import { solveExactCircuit, type ExactRole } from '../symbolic/circuitExact.js';
import type { Context, Mode, SymbolInfo } from './claims.js';
import { lKey } from './claims.js';
import { evaluate, NotExactError, type Interpretation } from './evaluate.js';

/** The solved circuit of one probe reading. */
export interface SolvedReading<T> {
  readonly x: T[];
  readonly y: T[];
}

/** The roles of a probe reading. */
export function rolesFor(ctx: Context, mode: Mode): ExactRole[] {
  return ctx.roles.map((r) => (r === 'lead' || mode === 'declared' ? r : mode));
}

/** The 2n × 2n Onsager matrix from L(ν, a, b) (ordered; diagonal from the row sums). docs/physics.md §3. */
export function onsagerMatrixOf<T>(F: Field<T>, n: number, L: (nu: number, a: number, b: number) => T): T[][] {
  const M: T[][] = Array.from({ length: 2 * n }, () => Array.from({ length: 2 * n }, () => F.zero));
  for (let nu = 0; nu < 3; nu++) {
    const blocks: Array<[number, number]> =
      nu === 0
        ? [[0, 0]]
        : nu === 1
          ? [
              [0, n],
              [n, 0],
            ]
          : [[n, n]];
    for (let a = 0; a < n; a++) {
      let diag = F.zero;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const v = L(nu, a, b);
        for (const [r0, c0] of blocks) M[r0 + a][c0 + b] = v;
        diag = F.sub(diag, v);
      }
      for (const [r0, c0] of blocks) M[r0 + a][c0 + a] = diag;
    }
  }
  return M;
}

/** A context over a field. */
export class Instance<T> implements Interpretation<T> {
  private readonly base = new Map<string, T>();
  private readonly readings = new Map<Mode, SolvedReading<T>>();
  private matrix: T[][] | undefined;

  /**
   * @param raw value of an unsubstituted base symbol by key ("#L0.0.1", "#mu.0", "#T0", "#p.g", …)
   */
  constructor(
    readonly ctx: Context,
    readonly F: Field<T>,
    private readonly raw: (key: string) => T,
    private readonly functions?: (name: string, args: T[]) => T,
    private readonly power?: (a: T, b: T) => T,
  ) {}

  /** Value of a base symbol after substitutions. */
  baseValue(key: string): T {
    const hit = this.base.get(key);
    if (hit !== undefined) return hit;
    const def = this.ctx.assumptionExpr(key) ?? this.ctx.sumRules.get(key);
    const v = def ? evaluate(def, 'declared', this) : this.raw(key);
    this.base.set(key, v);
    return v;
  }

  /** L^(ν)_ab (ordered pair). */
  L(nu: number, a: number, b: number): T {
    return this.baseValue(lKey(nu, a, b, this.ctx.reciprocal));
  }

  /** The Onsager matrix M (2n × 2n). */
  onsagerMatrix(): T[][] {
    return (this.matrix ??= onsagerMatrixOf(this.F, this.ctx.terminals.length, (nu, a, b) => this.L(nu, a, b)));
  }

  /** The circuit of one probe reading, solved exactly. */
  reading(mode: Mode): SolvedReading<T> {
    const hit = this.readings.get(mode);
    if (hit) return hit;
    const F = this.F,
      n = this.ctx.terminals.length;
    const roles = rolesFor(this.ctx, mode);
    const T0 = this.baseValue('#T0');
    const given: T[] = new Array(2 * n).fill(F.zero);
    const gauge = roles.indexOf('lead');
    for (let a = 0; a < n; a++) {
      if (roles[a] === 'lead' && (this.ctx.circuit === 'electronic' || a === gauge)) given[a] = this.baseValue(`#mu.${a}`);
      if (roles[a] !== 'VTP') given[n + a] = F.div(this.baseValue(`#T.${a}`), T0);
    }
    const c = solveExactCircuit(F, this.onsagerMatrix(), roles, this.ctx.circuit, given);
    const r = { x: c.x, y: c.y };
    this.readings.set(mode, r);
    return r;
  }

  /** The value of a resolved symbol in a probe reading. */
  value(info: SymbolInfo, mode: Mode): T {
    const F = this.F,
      n = this.ctx.terminals.length;
    switch (info.kind) {
      case 'L':
        return this.L(info.nu, info.a, info.b);
      case 'mu0':
      case 'T0':
      case 'pi':
      case 'kT':
      case 'param':
        return this.baseValue(info.key);
      case 'mu': {
        const roles = rolesFor(this.ctx, mode);
        const given = roles[info.t] === 'lead' && (this.ctx.circuit === 'electronic' || roles.indexOf('lead') === info.t);
        return given ? this.baseValue(info.key) : this.reading(mode).x[info.t];
      }
      case 'T': {
        // given temperatures stay exact base values (no division/multiplication round trip)
        const roles = rolesFor(this.ctx, mode);
        if (roles[info.t] !== 'VTP') return this.baseValue(info.key);
        return F.mul(this.baseValue('#T0'), this.reading(mode).x[n + info.t]);
      }
      case 'JN':
        return this.reading(mode).y[info.t];
      case 'JQ':
        return this.reading(mode).y[n + info.t];
      case 'Sdot': {
        const { x, y } = this.reading(mode);
        let s = F.zero;
        for (let i = 0; i < 2 * n; i++) s = F.add(s, F.mul(x[i], y[i]));
        return F.neg(F.div(s, this.baseValue('#T0')));
      }
    }
  }

  /** −zᵀ M z / T0 for a vector z of the 2n variables (≥ 0 for physical M: −M's symmetric part is PSD). */
  entropyForm(z: readonly T[]): T {
    const F = this.F,
      M = this.onsagerMatrix();
    let s = F.zero;
    for (let i = 0; i < z.length; i++) for (let k = 0; k < z.length; k++) s = F.add(s, F.mul(z[i], F.mul(M[i][k], z[k])));
    return F.neg(F.div(s, this.baseValue('#T0')));
  }

  symbol(name: string, mode: Mode): T {
    const info = this.ctx.resolve(name);
    if (!info) throw new Error(`unresolved symbol ${name}`);
    return this.value(info, mode);
  }

  fn(name: string, args: T[]): T {
    if (!this.functions) throw new NotExactError(`the function ${name}`);
    return this.functions(name, args);
  }

  powReal(a: T, b: T): T {
    if (!this.power) throw new NotExactError('a non-integer power');
    return this.power(a, b);
  }
}
