/**
 * Parameter scans of a system: the reference chemical potential μ0 (level alignment μ0 − ε0)
 * and the width γ of one terminal. Pure functions; the CLI writes the rows.
 *
 * Conventions: when μ0 moves, every given μ keeps its offset from the reference (the bias
 * μ_α − μ0 is fixed); when γ of a terminal with a local coupling ("sites"/"gamma") is scanned,
 * every site of it gets that γ. The eigenproblems are solved once per γ and reused across μ0.
 */
import { localCoupling } from './numeric/coupling.js';
import type { TransportSystem, Terminal, OnsagerMethod, OnsagerColumns, PreparedSystem, SystemSolution } from './numeric/system.js';
import { prepareSystem } from './numeric/system.js';
import type { SpinFactor } from './model/units.js';
import type { ProbeModel } from './model/probeModels.js';
import type { Onsager, Reference } from './numeric/onsager.js';
import {
  circuitResultData,
  prepareCircuit,
  physicalOnsagerMatrix,
  type CircuitKind,
  type CircuitResult,
  type PreparedCircuit,
  type TerminalState,
} from './numeric/circuit.js';
import { SingularCircuitError, schurEliminate, singularAt, type SchurResult } from './numeric/probes.js';
import {
  circuitKernel,
  circuitColumns,
  matrixScale,
  physicalMatrixInto,
  storeCircuitResult,
  type CircuitColumns,
  type CircuitKernel,
} from './numeric/circuitKernels.js';
import { parseDecimal } from './io/decimal.js';

/** Evenly spaced grid A:B:K (K points, both ends included). */
export function linspace(a: number, b: number, k: number): number[] {
  if (k === 1) return [a];
  return Array.from({ length: k }, (_, i) => a + ((b - a) * i) / (k - 1));
}

/** Parse "A:B:K" into a grid; throws a plain Error with the reason. */
export function parseRange(text: string): number[] {
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length !== 3) throw new Error(`expected A:B:K, got "${text}"`);
  // decimal literals only: "1::3" or "0x1:2:3" is refused, not read as 0 or 1 (src/io/decimal.ts)
  const [a, b, k] = parts.map(parseDecimal);
  if (typeof a === 'string' || typeof b === 'string' || typeof k === 'string') throw new Error(`expected decimal numbers in A:B:K, got "${text}"`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`K must be a positive integer, got "${parts[2]}"`);
  return linspace(a, b, k);
}

/**
 * The system with terminal `name`'s local width set to γ (eV) on each of its sites.
 * γ = 0 on a probe gives the coherent limit (a test probe).
 */
export function withTerminalGamma(system: TransportSystem, name: string, gamma: number, sites: readonly number[]): TransportSystem {
  const n = system.hamiltonian.rows;
  const idx = system.terminals.findIndex((t) => t.name === name);
  if (idx < 0) throw new Error(`no terminal named "${name}"`);
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new Error(`γ must be a finite number ≥ 0, got ${gamma}`);
  const old = system.terminals[idx];
  if (gamma === 0 && old.role === 'lead') throw new Error(`lead "${name}" cannot have γ = 0`);
  const t: Terminal = { ...old, coupling: localCoupling(n, sites, gamma === 0 ? 1 : gamma), test: gamma === 0 };
  const terminals = system.terminals.slice();
  terminals[idx] = t;
  return { ...system, terminals };
}

/** The terminals with every given μ moved so that μ − μ0 is unchanged when μ0 → `mu0`. */
export function shiftReference(system: TransportSystem, reference: Reference, mu0: number): { system: TransportSystem; reference: Reference } {
  const d = mu0 - reference.mu;
  return {
    system: { ...system, terminals: system.terminals.map((t) => (t.mu === undefined ? t : { ...t, mu: t.mu + d })) },
    reference: { mu: mu0, temperature: reference.temperature },
  };
}

/** One scan point. */
export interface ScanPoint {
  readonly mu0: number;
  readonly gamma: number | null;
  readonly solution: SystemSolution;
  /** Estimated error of the Onsager coefficients relative to their natural scale (docs/physics.md §13), when known. */
  readonly onsagerError?: number;
}

/** What to scan. */
export interface ScanSpec {
  readonly mu0: readonly number[];
  /** Optional γ scan of one terminal with a local coupling on `sites`. */
  readonly gamma?: { readonly terminal: string; readonly sites: readonly number[]; readonly values: readonly number[] };
}

/**
 * One circuit to solve at every scan point: its kind and, optionally, other roles/biases for the
 * terminals (same names and couplings as the system, e.g. the probe as a VP instead of a VTP).
 */
export interface CircuitVariant {
  readonly kind: CircuitKind;
  readonly terminals?: readonly TerminalState[];
}

/** One scan point solved for several circuit variants that share its Onsager coefficients. */
export interface MultiScanPoint {
  readonly mu0: number;
  readonly gamma: number | null;
  readonly onsager: Onsager;
  /** One result per variant, in the order given. */
  readonly circuits: readonly CircuitResult[];
}

/** Options of {@link scanColumns}. */
export interface ScanColumnsOptions {
  /** Called after every point (progress). */
  readonly onPoint?: () => void;
  /**
   * Solve only the points [start, end) of the full scan (points are numbered γ-major: point
   * g·K + i is γ_g, μ0_i); used by shards and worker threads. Default: all points.
   */
  readonly range?: readonly [number, number];
  /**
   * How the system of each γ (`gamma` null without a γ scan) is prepared; default
   * `prepareSystem(system)`. A caller that scans one device under several probe models point by
   * point returns `PreparedSystem.withProbeModel` of one preparation here, so that the scans share
   * its engine and, on the sparse path, its T_αβ(E) at each point (docs/physics.md §14).
   */
  readonly prepare?: (system: TransportSystem, gamma: number | null) => PreparedSystem;
}

/**
 * The results of a scan in columnar form: one Float64Array per quantity over the points, γ-major
 * (point g·K + i is the g-th γ and the i-th μ0 of the grid; without a γ scan, point i is μ0_i).
 */
export interface ScanColumns {
  /** Number of points stored (the range length). */
  readonly points: number;
  /** Index of the first stored point in the full scan (0 unless a range was given). */
  readonly offset: number;
  /** Points of the full scan (all γ × all μ0). */
  readonly total: number;
  readonly terminals: readonly string[];
  /** μ0 of every stored point (eV). */
  readonly mu0: Float64Array;
  /** γ of every stored point (eV), or null without a γ scan. */
  readonly gamma: Float64Array | null;
  /** Onsager coefficients, points × n² each (off-diagonal L^(ν)_αβ, diagonal 0); L0 dimensionless, L1 eV, L2 eV². */
  readonly L0: Float64Array;
  readonly L1: Float64Array;
  readonly L2: Float64Array;
  /** How each point's coefficients were computed: 0 closed form, 1 quadrature (hand-over near an exceptional point, or asked for), 2 sparse quadrature (large sparse H). */
  readonly onsagerMethod: Uint8Array;
  /** Estimated error of each point's coefficients relative to their natural scale (docs/physics.md §13); NaN when the method gives none. */
  readonly onsagerError: Float64Array;
  /** One set of columns per circuit variant, in the order given. */
  readonly circuits: readonly CircuitColumns[];
  /** The kernels' unknowns and test flags per variant (for the lazy Schur complement of a view). */
  readonly variantInfo: ReadonlyArray<{ readonly unknown: readonly number[]; readonly test: readonly boolean[] }>;
  readonly reference: Reference;
}

/**
 * Scan μ0 (and optionally γ), solving every circuit variant at every point from one set of Onsager
 * coefficients, into columns (no allocation per point). Per γ the eigenproblems are solved once;
 * the coefficients are computed once per point (closed form written into the columns; the
 * quadrature near an exceptional point, as `prepareSystem().onsager` decides); each variant's
 * small circuit (1–3 unknowns) is solved in closed form (circuitKernels.ts), handing a point whose
 * determinant cancels over to the general pivoted solver (`prepareCircuit`).
 * @param reference T0 (K) and the μ0 (eV) the terminals' biases are given around
 * @throws SingularCircuitError where the unknowns are not determined, CircuitSpecError for a bad bias
 * @example
 * ```ts
 * import { benzene, linspace, localCoupling, scanColumns } from 'probecheck';
 *
 * const system = {
 *   hamiltonian: benzene(-2.64),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.0005, temperature: 325, coupling: localCoupling(6, [0], 0.5) },
 *     { name: 'R', role: 'lead', mu: -0.0005, temperature: 275, coupling: localCoupling(6, [2], 0.5) },
 *     { name: 'P', role: 'VP', coupling: localCoupling(6, [3], 0.05) },
 *   ],
 * } as const;
 * const cols = scanColumns(system, { mu: 0, temperature: 300 }, { mu0: linspace(-3, 3, 601) }, [{ kind: 'electronic' }]);
 * const n = cols.terminals.length, i = 300;                       // μ0 = 0
 * console.log(cols.circuits[0]?.heatCurrent[i * n + 2]);           // J^Q into the VP at μ0_i (W)
 * ```
 */
export function scanColumns(
  system: TransportSystem,
  reference: Reference,
  spec: ScanSpec,
  variants: readonly CircuitVariant[],
  method: OnsagerMethod = 'closed-form',
  options: ScanColumnsOptions = {},
): ScanColumns {
  const gammas: Array<number | null> = spec.gamma ? [...spec.gamma.values] : [null];
  const K = spec.mu0.length;
  const total = gammas.length * K;
  const [start, end] = options.range ?? [0, total];
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= total))
    throw new RangeError(`scan range [${start}, ${end}) outside 0…${total}`);
  const P = end - start;
  const n = system.terminals.length,
    nn = n * n,
    m = 2 * n;
  const names = system.terminals.map((t) => t.name);
  const L0 = new Float64Array(P * nn),
    L1 = new Float64Array(P * nn),
    L2 = new Float64Array(P * nn);
  const onsagerMethod = new Uint8Array(P);
  const onsagerError = new Float64Array(P);
  const mu0s = new Float64Array(P);
  const gammaCol = spec.gamma ? new Float64Array(P) : null;
  const spin = system.spin ?? 1;
  const cols = variants.map((v) => circuitColumns(v.kind, names, P, spin));
  const M = new Float64Array(m * m);
  const onsagerCols: OnsagerColumns = { L0, L1, L2, method: onsagerMethod, error: onsagerError };
  let info: Array<{ unknown: readonly number[]; test: readonly boolean[] }> = [];
  let currentGamma: number | null = null;
  let circuits: { testKey: string; kernels: CircuitKernel[]; fallback: (v: number, o: Onsager, mu0: number, p: number) => void } | undefined;
  for (let gi = 0; gi < gammas.length; gi++) {
    const lo = Math.max(start, gi * K),
      hi = Math.min(end, (gi + 1) * K);
    if (lo >= hi) continue;
    const g = gammas[gi];
    currentGamma = g;
    const sys = g === null || !spec.gamma ? system : withTerminalGamma(system, spec.gamma.terminal, g, spec.gamma.sites);
    const prepared = options.prepare ? options.prepare(sys, g) : prepareSystem(sys);
    // The circuits see the terminals' roles, biases and test flags, not their couplings: prepared
    // once, and again only for a γ whose test flags differ (γ = 0 makes the scanned terminal a test probe).
    const testKey = sys.terminals.map((t) => (t.test ? 1 : 0)).join('');
    if (!circuits || circuits.testKey !== testKey) {
      // a γ = 0 terminal is a test probe in `sys`; carry that flag into overriding terminals
      const terms = variants.map((v) => (v.terminals ? v.terminals.map((t, a) => ({ ...t, test: sys.terminals[a].test })) : sys.terminals));
      const kernels = terms.map((t, v) => circuitKernel(t, reference, variants[v].kind, spin));
      // the general pivoted path only for a point a kernel refuses (circuitKernel has already
      // checked the bias, with the messages of prepareCircuit): prepared on first use
      const general: Array<PreparedCircuit | undefined> = terms.map(() => undefined);
      const fallback = (v: number, o: Onsager, mu0: number, p: number) => {
        try {
          storeCircuitResult((general[v] ??= prepareCircuit(terms[v], reference, variants[v].kind, spin)).solve(o, mu0), cols[v], p);
        } catch (e) {
          throw e instanceof SingularCircuitError
            ? singularAtPoint(e, mu0, spec.gamma && currentGamma !== null ? [spec.gamma.terminal, currentGamma] : null)
            : e;
        }
      };
      circuits = { testKey, kernels, fallback };
    }
    const { kernels, fallback } = circuits;
    info = kernels.map((k) => ({ unknown: k.unknown, test: k.test }));
    const test0 = kernels[0]?.test ?? sys.terminals.map(() => false);
    const anyTest = test0.some(Boolean);
    if (gammaCol) gammaCol.fill(g as number, lo - start, hi - start);
    solveBlock(
      prepared,
      spec.mu0,
      gi * K,
      lo,
      hi,
      start,
      reference.temperature,
      method,
      onsagerCols,
      n,
      anyTest ? test0 : null,
      M,
      kernels,
      cols,
      fallback,
      mu0s,
      options.onPoint,
    );
  }
  return {
    points: P,
    offset: start,
    total,
    terminals: names,
    mu0: mu0s,
    gamma: gammaCol,
    L0,
    L1,
    L2,
    onsagerMethod,
    onsagerError,
    circuits: cols,
    variantInfo: info,
    reference,
  };
}

/**
 * The hot loop of {@link scanColumns} for one γ: the points [lo, hi) of the full scan (μ0 index
 * q − first), stored at row q − start. A function of its own so that its optimised code does not
 * depend on the shapes of the set-up objects (terminal states, variants): a set-up function that
 * deoptimises does not send the loop back to the interpreter.
 */
function solveBlock(
  prepared: PreparedSystem,
  mu0Grid: readonly number[],
  first: number,
  lo: number,
  hi: number,
  start: number,
  T0: number,
  method: OnsagerMethod,
  onsagerCols: OnsagerColumns,
  n: number,
  test: readonly boolean[] | null,
  M: Float64Array,
  kernels: readonly CircuitKernel[],
  cols: readonly CircuitColumns[],
  fallback: (v: number, o: Onsager, mu0: number, p: number) => void,
  mu0s: Float64Array,
  onPoint: (() => void) | undefined,
): void {
  const nn = n * n;
  const { L0, L1, L2 } = onsagerCols;
  const nv = kernels.length;
  // μ0 and max|M| of the point for the kernels, in a buffer rather than as double arguments (each
  // would be boxed per call: ~100 bytes of garbage per point, a scavenge every few scans)
  const at = new Float64Array(2);
  for (let q = lo; q < hi; q++) {
    const p = q - start;
    const mu0 = mu0Grid[q - first];
    mu0s[p] = mu0;
    // prepared.onsagerInto picks the method per point (as prepared.onsager): the closed form with
    // its own error estimate, written straight into the columns, handing over to quadrature where
    // it would lose accuracy (docs/physics.md §13), ER probes and energy-dependent leads by
    // quadrature (§8, §9), the sparse path for large devices (§14)
    const computed = prepared.onsagerInto(mu0, T0, method, onsagerCols, p);
    physicalMatrixInto(L0, L1, L2, p * nn, n, test, M);
    at[0] = mu0;
    at[1] = matrixScale(M);
    for (let v = 0; v < nv; v++) {
      if (kernels[v].solveAt(M, at, cols[v], p)) continue;
      const o: Onsager = computed ?? {
        terminals: n,
        L0: L0.subarray(p * nn, (p + 1) * nn),
        L1: L1.subarray(p * nn, (p + 1) * nn),
        L2: L2.subarray(p * nn, (p + 1) * nn),
      };
      fallback(v, o, mu0, p);
    }
    onPoint?.();
  }
}

const METHOD_NAMES = ['closed-form', 'quadrature', 'sparse-quadrature'] as const;

/** Lazily made parts of a {@link CircuitView}. */
interface ViewCache {
  mu?: Float64Array;
  T?: Float64Array;
  jn?: Float64Array;
  i?: Float64Array;
  jq?: Float64Array;
  matrix?: Float64Array;
  schur?: SchurResult;
  ref?: Reference;
}

/**
 * A {@link CircuitResult} that views into row p of a scan's columns (arrays made on first access).
 * Construction is three field stores: a scan makes one per point and variant.
 */
class CircuitView implements CircuitResult {
  private c: ViewCache | undefined = undefined;
  constructor(
    private readonly pt: ScanPointView,
    private readonly v: number,
  ) {}
  // The scan, the point and the variant's columns are reached through the point's view, not held:
  // a scan makes four of these per point, and every field is 8 bytes of heap on each.
  private get scan(): ScanColumns {
    return this.pt.scan;
  }
  private get p(): number {
    return this.pt.p;
  }
  private get cols(): CircuitColumns {
    return this.pt.scan.circuits[this.v];
  }
  private get cache(): ViewCache {
    return (this.c ??= {});
  }
  get kind(): CircuitKind {
    return this.cols.kind;
  }
  get terminals(): readonly string[] {
    return this.cols.terminals;
  }
  get reference(): Reference {
    const c = this.cache;
    return (c.ref ??= { mu: this.scan.mu0[this.p], temperature: this.scan.reference.temperature });
  }
  private row(a: Float64Array): Float64Array {
    const n = this.cols.terminals.length;
    return a.subarray(this.p * n, (this.p + 1) * n);
  }
  get mu(): Float64Array {
    const c = this.cache;
    return (c.mu ??= this.row(this.cols.mu));
  }
  get temperature(): Float64Array {
    const c = this.cache;
    return (c.T ??= this.row(this.cols.temperature));
  }
  get particleCurrent(): Float64Array {
    const c = this.cache;
    return (c.jn ??= this.row(this.cols.particleCurrent));
  }
  get chargeCurrent(): Float64Array {
    const c = this.cache;
    return (c.i ??= this.row(this.cols.chargeCurrent));
  }
  get heatCurrent(): Float64Array {
    const c = this.cache;
    return (c.jq ??= this.row(this.cols.heatCurrent));
  }
  get entropyProduction(): number {
    return this.cols.entropyProduction[this.p];
  }
  get seebeck(): number | null {
    const s = this.cols.seebeck[this.p];
    return Number.isNaN(s) ? null : s;
  }
  get spin(): SpinFactor {
    return this.cols.spin;
  }
  get matrix(): Float64Array {
    const n = this.cols.terminals.length,
      nn = n * n,
      s = this.scan,
      c = this.cache;
    return (c.matrix ??= physicalOnsagerMatrix(
      {
        terminals: n,
        L0: s.L0.subarray(this.p * nn, (this.p + 1) * nn),
        L1: s.L1.subarray(this.p * nn, (this.p + 1) * nn),
        L2: s.L2.subarray(this.p * nn, (this.p + 1) * nn),
      },
      this.scan.variantInfo[this.v].test,
    ));
  }
  get schur(): SchurResult {
    const c = this.cache;
    return (c.schur ??= schurEliminate(this.matrix, 2 * this.cols.terminals.length, this.scan.variantInfo[this.v].unknown));
  }
  toJSON(): Record<string, unknown> {
    return circuitResultData(this);
  }
}

/** A {@link MultiScanPoint} that views into point p of a scan's columns. */
class ScanPointView implements MultiScanPoint {
  private o: Onsager | undefined = undefined;
  private cs: CircuitResult[] | undefined = undefined;
  constructor(
    readonly scan: ScanColumns,
    readonly p: number,
  ) {}
  get mu0(): number {
    return this.scan.mu0[this.p];
  }
  get gamma(): number | null {
    return this.scan.gamma ? this.scan.gamma[this.p] : null;
  }
  get onsager(): Onsager {
    if (this.o) return this.o;
    const n = this.scan.terminals.length,
      nn = n * n,
      s = this.scan,
      p = this.p;
    return (this.o = {
      terminals: n,
      L0: s.L0.subarray(p * nn, (p + 1) * nn),
      L1: s.L1.subarray(p * nn, (p + 1) * nn),
      L2: s.L2.subarray(p * nn, (p + 1) * nn),
      method: METHOD_NAMES[s.onsagerMethod[p]],
    });
  }
  get circuits(): readonly CircuitResult[] {
    if (this.cs) return this.cs;
    const k = this.scan.circuits.length,
      out = new Array<CircuitResult>(k);
    for (let v = 0; v < k; v++) out[v] = new CircuitView(this, v);
    return (this.cs = out);
  }
}

/**
 * The points of a columnar scan as {@link MultiScanPoint} objects that view into the columns (no
 * copy; each point's arrays are subarray views made on first access).
 */
export function scanPoints(cols: ScanColumns): MultiScanPoint[] {
  const out = new Array<MultiScanPoint>(cols.points);
  for (let p = 0; p < cols.points; p++) out[p] = new ScanPointView(cols, p);
  return out;
}

/**
 * Scan μ0 (and optionally γ), solving every variant at every point from one set of Onsager
 * coefficients: the eigenproblems are solved once per γ, the Onsager coefficients once per point,
 * and each circuit is prepared once and reused across μ0. The convenience form of
 * {@link scanColumns}: the same numbers, as one object per point viewing into the columns.
 * @example
 * ```ts
 * import { benzene, linspace, localCoupling, scanCircuits, type TerminalState } from 'probecheck';
 *
 * const terminals = [
 *   { name: 'L', role: 'lead', mu: 0.0005, temperature: 325, coupling: localCoupling(6, [0], 0.5) },
 *   { name: 'R', role: 'lead', mu: -0.0005, temperature: 275, coupling: localCoupling(6, [2], 0.5) },
 *   { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.05) },
 * ] as const;
 * const asVP: TerminalState[] = terminals.map((t) => (t.name === 'P' ? { name: 'P', role: 'VP' } : t));
 * const points = scanCircuits({ hamiltonian: benzene(), terminals }, { mu: 0, temperature: 300 },
 *   { mu0: linspace(-1, 1, 21) }, [{ kind: 'electronic' }, { kind: 'electronic', terminals: asVP }]);
 * for (const p of points) {
 *   const [vtp, vp] = p.circuits;
 *   if (vtp && vp) console.log(p.mu0, vp.entropyProduction - vtp.entropyProduction); // ≥ 0 (Eq. 33)
 * }
 * ```
 */
export function scanCircuits(
  system: TransportSystem,
  reference: Reference,
  spec: ScanSpec,
  variants: readonly CircuitVariant[],
  method: OnsagerMethod = 'closed-form',
  onPoint?: () => void,
): MultiScanPoint[] {
  return scanPoints(scanColumns(system, reference, spec, variants, method, { onPoint }));
}

/**
 * One pass of {@link scanDevice}: the device under one probe model, and the circuits solved from
 * its Onsager set at every point.
 */
export interface DevicePass {
  readonly system: TransportSystem;
  readonly circuits: readonly CircuitVariant[];
  /**
   * The model this pass puts the first pass's device under (`PreparedSystem.withProbeModel`); null:
   * the first pass's system as it is (only for the first pass).
   */
  readonly model: ProbeModel | null;
  /** A failure of this pass ends the pass (its `error` is set, its points dropped), not the scan. Default false. */
  readonly optional?: boolean;
}

/** What {@link scanDevice} returns per pass. */
export interface DevicePassResult {
  readonly points: MultiScanPoint[];
  /** Estimated error of each point's Onsager set, as {@link ScanColumns.onsagerError}. */
  readonly onsagerError: Float64Array;
  /** Why an optional pass ended (then `points` is empty). */
  readonly error?: Error;
}

/**
 * Scan one device under several probe models over the same grid (docs/physics.md §14, "Probe models
 * side by side"): each γ's system is prepared once, by the first pass, and every other pass is its
 * `withProbeModel` variant (one engine, one pole expansion, one set of resonances). On the sparse
 * path the passes go point by point, so that each reads the T_αβ(E) the first pass has just
 * computed at that point from the device's memo; on the dense path each pass runs over the range.
 * The numbers are those of a separate {@link scanColumns} per pass, bit for bit.
 */
export function scanDevice(
  passes: readonly DevicePass[],
  reference: Reference,
  spec: ScanSpec,
  method: OnsagerMethod = 'closed-form',
  options: Pick<ScanColumnsOptions, 'onPoint' | 'range'> & {
    /**
     * The first pass's system already prepared (without a γ scan only), e.g. a variant of the device
     * that solved the reference point: its engine and its T_αβ(E) are then shared with the scan.
     */
    readonly device?: PreparedSystem;
  } = {},
): DevicePassResult[] {
  const total = (spec.gamma ? spec.gamma.values.length : 1) * spec.mu0.length;
  const [start, end] = options.range ?? [0, total];
  const devices = new Map<number | null, PreparedSystem>();
  const first = (!spec.gamma && options.device) || prepareSystem(passes[0].system);
  if (!spec.gamma) devices.set(null, first);
  const preparer =
    (model: ProbeModel | null) =>
    (sys: TransportSystem, g: number | null): PreparedSystem => {
      let device = devices.get(g);
      if (!device) devices.set(g, (device = prepareSystem(sys)));
      return model === null ? device : device.withProbeModel(model);
    };
  const out = passes.map(() => ({
    points: [] as MultiScanPoint[],
    onsagerError: new Float64Array(Math.max(0, end - start)),
    error: undefined as Error | undefined,
  }));
  const chunk = passes.length > 1 && first.path === 'sparse' ? 1 : Math.max(1, end - start);
  for (let a = start; a < end; a += chunk) {
    const b = Math.min(end, a + chunk);
    passes.forEach((q, k) => {
      const r = out[k];
      if (r.error) return;
      let cols: ScanColumns;
      try {
        cols = scanColumns(q.system, reference, spec, q.circuits, method, { onPoint: options.onPoint, range: [a, b], prepare: preparer(q.model) });
      } catch (e) {
        if (!q.optional) throw e;
        r.error = e as Error;
        r.points = [];
        return;
      }
      r.onsagerError.set(cols.onsagerError, a - start);
      const points = scanPoints(cols);
      if (r.points.length === 0) r.points = points;
      else for (const p of points) r.points.push(p);
    });
  }
  return out.map((r) => (r.error ? { points: r.points, onsagerError: r.onsagerError, error: r.error } : { points: r.points, onsagerError: r.onsagerError }));
}

/**
 * Run a scan of the system's own circuit; `onPoint` is called after every point (for progress).
 * @example
 * ```ts
 * import { linspace, ring, localCoupling, scan } from 'probecheck';
 *
 * const system = {
 *   hamiltonian: ring(6, -2.64),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.0005, temperature: 300, coupling: localCoupling(6, [0], 0.5) },
 *     { name: 'R', role: 'lead', mu: -0.0005, temperature: 300, coupling: localCoupling(6, [3], 0.5) },
 *     { name: 'P', role: 'VP', coupling: localCoupling(6, [1], 0.05) },
 *   ],
 * } as const;
 * const points = scan(system, { mu: 0, temperature: 300 }, 'electronic', { mu0: linspace(-3, 3, 61) });
 * console.log(points.map((p) => [p.mu0, p.solution.circuit.heatCurrent[1]])); // eV, W into R
 * ```
 */
export function scan(
  system: TransportSystem,
  reference: Reference,
  kind: CircuitKind,
  spec: ScanSpec,
  method: OnsagerMethod = 'closed-form',
  onPoint?: () => void,
): ScanPoint[] {
  return scanCircuits(system, reference, spec, [{ kind }], method, onPoint).map((p) => ({
    mu0: p.mu0,
    gamma: p.gamma,
    solution: { onsager: p.onsager, circuit: p.circuits[0] },
  }));
}

/** A singular circuit at one scan point, with the point named: which μ0 (and γ). */
function singularAtPoint(e: SingularCircuitError, mu0: number, gamma: readonly [string, number] | null): SingularCircuitError {
  return singularAt(e, `at μ0 = ${mu0} eV${gamma ? ` (γ of ${gamma[0]} = ${gamma[1]} eV)` : ''}`, 'restrict the μ0 range');
}
