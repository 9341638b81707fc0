/**
 * The VP-against-VTP (and ER) analysis of any system along a μ0 grid, as a pure computation: every
 * probe solved as a VP (held at its given temperature, default T0), as a VTP (μ and T solved) and,
 * when it can be, as an energy-resolved probe (ER, docs/physics.md §8), with the excess entropy
 * production of the VP checked against paper Eq. 33 (docs/physics.md §5; §12 for broken time
 * reversal). The user report (src/report/systemData.ts) only renders what this returns.
 *
 * (Not yet exported from the package root: the lead integrates src/index.ts.)
 */
import type { PreparedSystem, TransportSystem } from '../numeric/system.js';
import { withProbeModel } from '../numeric/system.js';
import type { CircuitKind, CircuitResult, TerminalState } from '../numeric/circuit.js';
import type { Reference } from '../numeric/onsager.js';
import { excessEntropy } from '../numeric/entropy.js';
import { scanDevice, type CircuitVariant, type DevicePass } from '../scan.js';
import { maxAbs } from '../paper/metrics.js';

/** One probe model along the grid: per terminal index a, arrays over μ0 (SI units; μ in eV, T in K). */
export interface ModelSeries {
  readonly chargeCurrent: readonly Float64Array[];
  readonly heatCurrent: readonly Float64Array[];
  readonly mu: readonly Float64Array[];
  readonly temperature: readonly Float64Array[];
  /** Ṡ (W/K). */
  readonly entropy: Float64Array;
  /** Thermopower between the first two leads (V/K), thermal circuit; NaN otherwise. */
  readonly seebeck: Float64Array;
}

/** The analysis. */
export interface VpVtpAnalysis {
  readonly mu0: Float64Array;
  readonly vp: ModelSeries;
  readonly vtp: ModelSeries;
  /** Every probe as an ER probe, or null (then `erUnavailable` says why). */
  readonly er: ModelSeries | null;
  readonly erUnavailable: string | null;
  /** Ṡ_VP − Ṡ_VTP (W/K). */
  readonly excess: Float64Array;
  /** Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² (W/K), paper Eq. 33. */
  readonly eq33: Float64Array;
  /** Largest |excess − eq33| relative to max|excess|. */
  readonly eq33Residual: number;
  /** Largest max|M − Mᵀ|/max|M| along the grid (broken time reversal when > 1e-10). */
  readonly reciprocityDefect: number;
  /** The non-reciprocal correction −dᵀ M(−B) x_VTP/(h T0) (W/K), docs/physics.md §12. */
  readonly correction: Float64Array;
  /** Largest residual of the general relation relative to max|excess|. */
  readonly generalEq33Residual: number;
}

/** The VP and VTP variants of a system's circuit: every probe as a VP (at its T, default T0), then as a VTP. */
export function probeVariants(system: TransportSystem, T0: number, kind: CircuitKind): { vp: CircuitVariant; vtp: CircuitVariant } {
  const as = (role: 'VP' | 'VTP'): TerminalState[] =>
    system.terminals.map((t) =>
      t.role === 'lead'
        ? { name: t.name, role: 'lead', mu: t.mu, temperature: t.temperature }
        : { name: t.name, role, temperature: role === 'VP' ? (t.role === 'VP' ? (t.temperature ?? T0) : T0) : undefined, ...(t.test ? { test: true } : {}) },
    );
  return { vp: { kind, terminals: as('VP') }, vtp: { kind, terminals: as('VTP') } };
}

function series(circuits: readonly CircuitResult[], n: number): ModelSeries {
  const m = circuits.length;
  const per = (f: (c: CircuitResult, a: number) => number) =>
    Array.from({ length: n }, (_, a) => Float64Array.from({ length: m }, (_, i) => f(circuits[i], a)));
  return {
    chargeCurrent: per((c, a) => c.chargeCurrent[a]),
    heatCurrent: per((c, a) => c.heatCurrent[a]),
    mu: per((c, a) => c.mu[a]),
    temperature: per((c, a) => c.temperature[a]),
    entropy: Float64Array.from(circuits, (c) => c.entropyProduction),
    seebeck: Float64Array.from(circuits, (c) => c.seebeck ?? Number.NaN),
  };
}

/**
 * How many times {@link analyseVpVtp} calls `onPoint` for `points` μ0 values (the progress total):
 * once per point of each pass, the VP/VTP pass and the ER pass (fewer if the ER pass fails).
 */
export function analysisSteps(system: TransportSystem, points: number, withER = true): number {
  const probes = system.terminals.some((t) => t.role !== 'lead');
  return probes ? points * (withER ? 2 : 1) : points;
}

/**
 * The per-point part of {@link analyseVpVtp} over the points [start, end) of the μ0 grid: plain
 * arrays (structured-cloneable: a worker thread computes one and posts it), joined in order by
 * {@link joinVpVtpParts}. Every point is computed as in a run over the whole grid (scanDevice
 * ranges), so the joined parts are the whole run's numbers bit for bit.
 */
export interface VpVtpPart {
  readonly mu0: Float64Array;
  readonly vp: ModelSeries;
  readonly vtp: ModelSeries;
  readonly er: ModelSeries | null;
  readonly erUnavailable: string | null;
  /** docs/physics.md §12 per point: the correction −dᵀM(−B)x_VTP/(hT0), the reciprocity defect, |direct − reciprocal − correction|. */
  readonly correction: Float64Array;
  readonly reciprocityDefect: Float64Array;
  readonly generalResidual: Float64Array;
}

/** {@link VpVtpPart} of the μ0 points [range[0], range[1]) (default all). `onPoint` after every point of each pass. */
export function vpVtpPart(
  system: TransportSystem,
  reference: Reference,
  kind: CircuitKind,
  mu0: readonly number[],
  options: {
    readonly onPoint?: () => void;
    readonly withER?: boolean;
    readonly range?: readonly [number, number];
    /** `system` already prepared (prepareSystem): the scan runs on its VTP variant, sharing its engine and T_αβ(E). */
    readonly device?: PreparedSystem;
  } = {},
): VpVtpPart {
  const T0 = reference.temperature;
  const n = system.terminals.length;
  const probeIdx = system.terminals.map((t, a) => (t.role !== 'lead' ? a : -1)).filter((a) => a >= 0);
  // VP and VTP share their Onsager coefficients: scan the system with every probe as a VTP (an ER
  // probe in the config would otherwise change the coefficients), solve both circuits per point.
  const base = withProbeModel(system, 'VTP');
  const { vp, vtp } = probeVariants(system, T0, kind);
  // with the ER variant as a second pass on the same device (src/scan.ts scanDevice: point by point
  // on the sparse path, where it reads the first pass's T_αβ(E)); an ER failure leaves VP/VTP intact
  const withErPass = (options.withER ?? true) && probeIdx.length > 0;
  const passes: DevicePass[] = [{ system: base, circuits: [vp, vtp], model: null }];
  if (withErPass) passes.push({ system: withProbeModel(system, 'ER'), circuits: [{ kind }], model: 'ER', optional: true });
  const [main, erPass] = scanDevice(passes, reference, { mu0 }, 'closed-form', {
    onPoint: options.onPoint,
    range: options.range,
    device: options.device?.withProbeModel('VTP'),
  });
  const points = main.points;
  const erUnavailable = erPass?.error ? erPass.error.message : null;
  const er =
    erPass && !erPass.error
      ? series(
          erPass.points.map((p) => p.circuits[0]),
          n,
        )
      : null;
  // docs/physics.md §12: the general relation (no reciprocity needed), Eq. 33 + the correction −dᵀM(−B)x_VTP/(hT0)
  const general = points.map((p) => excessEntropy(p.circuits[0], p.circuits[1], probeIdx));
  return {
    mu0: Float64Array.from(points, (p) => p.mu0),
    vp: series(
      points.map((p) => p.circuits[0]),
      n,
    ),
    vtp: series(
      points.map((p) => p.circuits[1]),
      n,
    ),
    er,
    erUnavailable,
    correction: Float64Array.from(general, (e) => e.correction),
    reciprocityDefect: Float64Array.from(general, (e) => e.reciprocityDefect),
    generalResidual: Float64Array.from(general, (e) => Math.abs(e.direct - e.reciprocal - e.correction)),
  };
}

/** The arrays one after another. */
function concat(xs: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(xs.reduce((k, x) => k + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

function joinSeries(parts: readonly ModelSeries[]): ModelSeries {
  const per = (f: (s: ModelSeries) => readonly Float64Array[]) => f(parts[0]).map((_, a) => concat(parts.map((s) => f(s)[a])));
  return {
    chargeCurrent: per((s) => s.chargeCurrent),
    heatCurrent: per((s) => s.heatCurrent),
    mu: per((s) => s.mu),
    temperature: per((s) => s.temperature),
    entropy: concat(parts.map((s) => s.entropy)),
    seebeck: concat(parts.map((s) => s.seebeck)),
  };
}

/**
 * Contiguous parts of one grid, in order, as one part. ER is unavailable if it is in any part, with
 * the message of the first such part: the one a run over the whole grid meets first.
 */
export function joinVpVtpParts(parts: readonly VpVtpPart[]): VpVtpPart {
  if (parts.length === 1) return parts[0];
  const failed = parts.find((p) => p.erUnavailable !== null);
  const cat = (f: (p: VpVtpPart) => Float64Array) => concat(parts.map(f));
  return {
    mu0: cat((p) => p.mu0),
    vp: joinSeries(parts.map((p) => p.vp)),
    vtp: joinSeries(parts.map((p) => p.vtp)),
    er: failed || parts.some((p) => p.er === null) ? null : joinSeries(parts.map((p) => p.er as ModelSeries)),
    erUnavailable: failed ? failed.erUnavailable : null,
    correction: cat((p) => p.correction),
    reciprocityDefect: cat((p) => p.reciprocityDefect),
    generalResidual: cat((p) => p.generalResidual),
  };
}

/** The whole-grid analysis from its (joined) per-point part: Ṡ_VP − Ṡ_VTP, Eq. 33 and its residuals. */
export function finishVpVtp(system: TransportSystem, T0: number, part: VpVtpPart): VpVtpAnalysis {
  const probeIdx = system.terminals.map((t, a) => (t.role !== 'lead' ? a : -1)).filter((a) => a >= 0);
  const { mu0: x, vp: a, vtp: b } = part;
  const excess = a.entropy.map((v, i) => v - b.entropy[i]);
  // docs/physics.md §5, paper Eq. 33 (several probes): Ṡ_VP − Ṡ_VTP = Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0²
  const eq33 = Float64Array.from(x, (_, i) => probeIdx.reduce((s, p) => s + a.heatCurrent[p][i] * (b.temperature[p][i] - a.temperature[p][i]), 0) / (T0 * T0));
  const scale = maxAbs(excess);
  let res = 0,
    defect = 0,
    resGeneral = 0;
  for (let i = 0; i < x.length; i++) {
    res = Math.max(res, Math.abs(excess[i] - eq33[i]));
    defect = Math.max(defect, part.reciprocityDefect[i]);
    resGeneral = Math.max(resGeneral, part.generalResidual[i]);
  }
  return {
    mu0: x,
    vp: a,
    vtp: b,
    er: part.er,
    erUnavailable: part.erUnavailable,
    excess,
    eq33,
    eq33Residual: scale > 0 ? res / scale : 0,
    reciprocityDefect: defect,
    correction: part.correction,
    generalEq33Residual: scale > 0 ? resGeneral / scale : 0,
  };
}

/** Analyse a system's probes as VP, VTP and ER along `mu0` (eV). `onPoint` after every μ0 point of each scan. */
export function analyseVpVtp(
  system: TransportSystem,
  reference: Reference,
  kind: CircuitKind,
  mu0: readonly number[],
  onPoint?: () => void,
  withER = true,
  device?: PreparedSystem,
): VpVtpAnalysis {
  return finishVpVtp(system, reference.temperature, vpVtpPart(system, reference, kind, mu0, { onPoint, withER, device }));
}
