/**
 * The benzene junction as a {@link TransportSystem}, and sweeps of its circuits along the
 * level-alignment grid. Every sweep is solved by {@link scanCircuits} — the scan the CLI's `scan`
 * command runs — once per geometry for all the biases asked of it (VP or VTP, electronic or
 * thermal, any T_VP or ΔV): the eigenproblems are solved once per geometry and the Onsager
 * coefficients once per μ0, shared by every bias, since they depend on the geometry and μ0 only.
 *
 * Two passes make that possible: in `recording` mode a {@link SweepCache} only notes which sweeps
 * are asked for (returning NaN placeholders); {@link SweepCache.flush} then solves them geometry
 * by geometry (and knows the total work in advance, for the progress bar); the second pass reads
 * the cache.
 */
import { benzene } from '../numeric/hamiltonian.js';
import { localCoupling } from '../numeric/coupling.js';
import type { TransportSystem, Terminal } from '../numeric/system.js';
import type { CircuitKind, CircuitResult, TerminalState } from '../numeric/circuit.js';
import { withTerminalGamma, linspace, scanCircuits, type CircuitVariant } from '../scan.js';
import { SITES, TERMINAL, type FlatNormalisation } from './params.js';

/** What fixes the Onsager coefficients: H and the three couplings. */
export interface Geometry {
  /** Hückel hopping t (eV). */
  readonly hopping: number;
  /** On-site energy ε0 (eV). */
  readonly onsite: number;
  readonly gammaL: number;
  readonly gammaR: number;
  /**
   * Local probe on site 3, the flat probe on all six sites (Appendix C), or an extended probe on
   * sites 3, 4, 5 (the half of the ring away from the leads; width γ on each) for the paper's
   * "extended probes behave similarly".
   */
  readonly probe: 'local' | 'flat' | 'extended';
  /** Probe coupling γ (eV); 0 is the coherent limit (a zero-coupling test probe). */
  readonly gamma: number;
  /** Flat-probe normalisation (ignored for the local probe). */
  readonly flatNormalisation: FlatNormalisation;
}

/** What the circuit does with the geometry. */
export interface Bias {
  readonly kind: CircuitKind;
  readonly role: 'VP' | 'VTP';
  readonly TL: number;
  readonly TR: number;
  /** VP temperature (K); ignored for a VTP. */
  readonly TP: number;
  /** ΔV (V) of the electronic circuit (ignored in the thermal circuit, whose gauge is μ_L = μ0). */
  readonly deltaV: number;
}

/** The solved circuit along the μ0 grid (SI units; NaN where a quantity does not apply). */
export interface Sweep {
  readonly mu0: Float64Array;
  /** Charge current into R (A). */
  readonly chargeR: Float64Array;
  /** Heat current into R (W). */
  readonly heatR: Float64Array;
  /** Heat current into the probe (W); zero for a VTP. */
  readonly heatP: Float64Array;
  /** Probe chemical potential μ_P − μ0 (eV). */
  readonly muP: Float64Array;
  /** Probe temperature (K). */
  readonly TP: Float64Array;
  /** Thermopower S (V/K); thermal circuit only (NaN otherwise). */
  readonly seebeck: Float64Array;
  /** Entropy production Ṡ (W/K). */
  readonly entropy: Float64Array;
  /**
   * VP electronic circuit only (NaN otherwise): the effective Onsager ratios of paper Eq. 18,
   * M̃_{(N,R),(T,P)}/M̃_{(Q,P),(T,P)} (1/eV) and M̃_{(Q,R),(T,P)}/M̃_{(Q,P),(T,P)} (dimensionless),
   * from the VP-effective matrix M̃ (μ_P eliminated).
   */
  readonly ratioNR: Float64Array;
  readonly ratioQR: Float64Array;
}

/** The junction's TransportSystem (probe role VP; biases are set per sweep by {@link biasTerminals}). */
export function junctionSystem(g: Geometry): TransportSystem {
  const n = 6;
  const H = benzene(g.hopping, g.onsite);
  const terminals: Terminal[] = [
    { name: 'L', role: 'lead', coupling: localCoupling(n, [SITES.L], g.gammaL) },
    { name: 'R', role: 'lead', coupling: localCoupling(n, [SITES.R], g.gammaR) },
    { name: 'P', role: 'VP', coupling: localCoupling(n, [SITES.P], 1) },
  ];
  const sites = g.probe === 'local' ? [SITES.P] : g.probe === 'extended' ? [3, 4, 5] : [...SITES.flat];
  const width = g.probe === 'flat' && g.flatNormalisation === 'gammaOver6I' ? g.gamma / 6 : g.gamma;
  // γ = 0: withTerminalGamma makes P a zero-coupling test probe (the coherent limit).
  return withTerminalGamma({ hamiltonian: H, terminals }, 'P', width, sites);
}

/**
 * The terminal states of a bias around the reference μ = 0 (scanCircuits keeps μ_α − μ0 when μ0
 * moves): electronic μ_L = +ΔV/2, μ_R = −ΔV/2; thermal gauge μ_L = μ0, μ_R solved.
 */
export function biasTerminals(b: Bias): TerminalState[] {
  return [
    { name: 'L', role: 'lead', mu: b.kind === 'electronic' ? b.deltaV / 2 : 0, temperature: b.TL },
    { name: 'R', role: 'lead', mu: b.kind === 'electronic' ? -b.deltaV / 2 : undefined, temperature: b.TR },
    { name: 'P', role: b.role, temperature: b.role === 'VP' ? b.TP : undefined },
  ];
}

/** Stable key of a geometry. */
export function geometryKey(g: Geometry): string {
  return `${g.hopping}|${g.onsite}|${g.gammaL}|${g.gammaR}|${g.probe}|${g.gamma}|${g.probe === 'flat' ? g.flatNormalisation : ''}`;
}

/** Stable key of a bias. */
export function biasKey(b: Bias): string {
  return `${b.kind}|${b.role}|${b.TL}|${b.TR}|${b.role === 'VP' ? b.TP : ''}|${b.kind === 'electronic' ? b.deltaV : ''}`;
}

/**
 * NaN-filled arrays for a sweep; quantities that do not apply to the bias (S outside the thermal
 * circuit, the Eq. 18 ratios outside the VP electronic circuit) share one NaN array `none`, which is
 * never written.
 */
function emptySweep(mu0: Float64Array, none: Float64Array, b?: Bias, withRatios = false): Sweep {
  const f = () => new Float64Array(mu0.length).fill(Number.NaN);
  const ratios = withRatios && b?.kind === 'electronic' && b.role === 'VP';
  return {
    mu0,
    chargeR: f(),
    heatR: f(),
    heatP: f(),
    muP: f(),
    TP: f(),
    entropy: f(),
    seebeck: b?.kind === 'thermal' ? f() : none,
    ratioNR: ratios ? f() : none,
    ratioQR: ratios ? f() : none,
  };
}

/** Copy the quantities a figure or claim needs out of one solved point. */
function record(s: Sweep, i: number, mu0: number, b: Bias, c: CircuitResult, withRatios: boolean): void {
  const { R, P } = TERMINAL;
  s.chargeR[i] = c.chargeCurrent[R];
  s.heatR[i] = c.heatCurrent[R];
  s.heatP[i] = c.heatCurrent[P];
  s.muP[i] = c.mu[P] - mu0;
  s.TP[i] = c.temperature[P];
  if (c.seebeck !== null) s.seebeck[i] = c.seebeck;
  s.entropy[i] = c.entropyProduction;
  if (withRatios && b.kind === 'electronic' && b.role === 'VP') {
    // docs/physics.md §5, paper Eq. 18: the ratios M̃_{(ν,R),(T,P)}/M̃_{(Q,P),(T,P)} of the VP-effective matrix.
    const { free, effective } = c.schur;
    const n = 3,
      nf = free.length;
    const at = (row: number, col: number) => effective[free.indexOf(row) * nf + free.indexOf(col)];
    const tP = n + P;
    const qp = at(tP, tP);
    s.ratioNR[i] = at(R, tP) / qp;
    s.ratioQR[i] = at(n + R, tP) / qp;
  }
}

interface GeometryEntry {
  readonly geometry: Geometry;
  readonly system: TransportSystem;
  readonly sweeps: Map<string, { readonly sweep: Sweep; readonly ratios: boolean }>;
  readonly pending: Map<string, { readonly bias: Bias; readonly ratios: boolean }>;
}

/** Sweeps of many geometries and biases over one μ0 grid (see the module comment for the two passes). */
export class SweepCache {
  readonly mu0: Float64Array;
  /** When true, {@link sweep} only records requests and returns NaN placeholders. */
  recording = false;
  private readonly entries = new Map<string, GeometryEntry>();
  private placeholder: Sweep | undefined;
  private solved = 0;
  private readonly none: Float64Array;

  constructor(
    readonly grid: { readonly min: number; readonly max: number; readonly points: number },
    readonly T0: number,
  ) {
    this.mu0 = Float64Array.from(linspace(grid.min, grid.max, grid.points));
    this.none = new Float64Array(this.mu0.length).fill(Number.NaN);
  }

  private entry(g: Geometry): GeometryEntry {
    const key = geometryKey(g);
    let e = this.entries.get(key);
    if (!e) {
      e = { geometry: g, system: junctionSystem(g), sweeps: new Map(), pending: new Map() };
      this.entries.set(key, e);
    }
    return e;
  }

  /**
   * The circuit for `bias` at every μ0 of the grid. `ratios`: also the Eq. 18 Onsager ratios of a
   * VP electronic circuit (they need the Schur complement M̃, which other sweeps skip).
   */
  sweep(g: Geometry, bias: Bias, opts: { readonly ratios?: boolean } = {}): Sweep {
    const e = this.entry(g);
    const key = biasKey(bias);
    const ratios = opts.ratios === true;
    const hit = e.sweeps.get(key);
    if (hit && (hit.ratios || !ratios)) return hit.sweep;
    const before = e.pending.get(key);
    e.pending.set(key, { bias, ratios: ratios || (before?.ratios ?? false) });
    if (this.recording) return (this.placeholder ??= Object.freeze(emptySweep(this.mu0, this.none)));
    this.solveEntry(e);
    return e.sweeps.get(key)!.sweep;
  }

  /** Circuit solves (points × biases) still to do. */
  get pendingSolves(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.pending.size * this.mu0.length;
    return n;
  }

  /** Circuit solves done so far. */
  get solves(): number {
    return this.solved;
  }

  /** Geometries seen. */
  get geometries(): number {
    return this.entries.size;
  }

  /** Solve every recorded request; `onSolves(k)` is told about every k solves done. */
  flush(onSolves?: (k: number) => void): void {
    for (const e of this.entries.values()) if (e.pending.size) this.solveEntry(e, onSolves);
  }

  /** The recorded requests per geometry (for a driver that solves them elsewhere, then {@link provide}s them). */
  pendingList(): Array<{ readonly geometry: Geometry; readonly biases: Array<{ readonly bias: Bias; readonly ratios: boolean }> }> {
    const out: Array<{ geometry: Geometry; biases: Array<{ bias: Bias; ratios: boolean }> }> = [];
    for (const e of this.entries.values()) if (e.pending.size) out.push({ geometry: e.geometry, biases: [...e.pending.values()] });
    return out;
  }

  /** Solve a geometry's requests here (what {@link flush} does for it), returning the sweeps in order. */
  solveRequests(g: Geometry, biases: ReadonlyArray<{ readonly bias: Bias; readonly ratios: boolean }>, onSolves?: (k: number) => void): Sweep[] {
    const e = this.entry(g);
    for (const b of biases) e.pending.set(biasKey(b.bias), b);
    this.solveEntry(e, onSolves);
    return biases.map((b) => e.sweeps.get(biasKey(b.bias))!.sweep);
  }

  /** Store sweeps solved elsewhere by {@link solveRequests} (the same code: the same bits). */
  provide(g: Geometry, biases: ReadonlyArray<{ readonly bias: Bias; readonly ratios: boolean }>, sweeps: readonly Sweep[]): void {
    const e = this.entry(g);
    biases.forEach((b, v) => {
      const key = biasKey(b.bias);
      e.pending.delete(key);
      e.sweeps.set(key, { sweep: Object.freeze(sweeps[v]), ratios: b.ratios });
    });
    this.solved += biases.length * this.mu0.length;
  }

  private solveEntry(e: GeometryEntry, onSolves?: (k: number) => void): void {
    const biases = [...e.pending.entries()];
    e.pending.clear();
    const variants: CircuitVariant[] = biases.map(([, { bias: b }]) => ({ kind: b.kind, terminals: biasTerminals(b) }));
    const sweeps = biases.map(([, { bias: b, ratios }]) => emptySweep(this.mu0, this.none, b, ratios));
    const mu0 = [...this.mu0];
    // One scan per geometry, μ0 in chunks so that at most a chunk of CircuitResults is alive.
    const CHUNK = 20;
    for (let start = 0; start < mu0.length; start += CHUNK) {
      const part = mu0.slice(start, start + CHUNK);
      const points = scanCircuits(e.system, { mu: 0, temperature: this.T0 }, { mu0: part }, variants, 'closed-form', () => onSolves?.(variants.length));
      points.forEach((pt, k) => {
        pt.circuits.forEach((c, v) => record(sweeps[v], start + k, pt.mu0, biases[v][1].bias, c, biases[v][1].ratios));
      });
    }
    this.solved += variants.length * mu0.length;
    biases.forEach(([key, { ratios }], v) => e.sweeps.set(key, { sweep: Object.freeze(sweeps[v]), ratios }));
  }
}
