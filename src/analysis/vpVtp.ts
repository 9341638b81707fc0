/**
 * The VP-against-VTP (and ER) analysis of any system along a μ0 grid, as a pure computation: every
 * probe solved as a VP (held at its given temperature, default T0), as a VTP (μ and T solved) and,
 * when it can be, as an energy-resolved probe (ER, docs/physics.md §8), with the excess entropy
 * production of the VP checked against paper Eq. 33 (docs/physics.md §5; §12 for broken time
 * reversal). The user report (src/report/systemData.ts) only renders what this returns.
 *
 * (Not yet exported from the package root: the lead integrates src/index.ts.)
 */
import type { TransportSystem } from '../numeric/system.js';
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

/** Analyse a system's probes as VP, VTP and ER along `mu0` (eV). `onPoint` after every μ0 point of each scan. */
export function analyseVpVtp(
  system: TransportSystem,
  reference: Reference,
  kind: CircuitKind,
  mu0: readonly number[],
  onPoint?: () => void,
  withER = true,
): VpVtpAnalysis {
  const T0 = reference.temperature;
  const n = system.terminals.length;
  const probeIdx = system.terminals.map((t, a) => (t.role !== 'lead' ? a : -1)).filter((a) => a >= 0);
  // VP and VTP share their Onsager coefficients: scan the system with every probe as a VTP (an ER
  // probe in the config would otherwise change the coefficients), solve both circuits per point.
  const base = withProbeModel(system, 'VTP');
  const { vp, vtp } = probeVariants(system, T0, kind);
  // with the ER variant as a second pass on the same device (src/scan.ts scanDevice: point by point
  // on the sparse path, where it reads the first pass's T_αβ(E)); an ER failure leaves VP/VTP intact
  const withErPass = withER && probeIdx.length > 0;
  const passes: DevicePass[] = [{ system: base, circuits: [vp, vtp], model: null }];
  if (withErPass) passes.push({ system: withProbeModel(system, 'ER'), circuits: [{ kind }], model: 'ER', optional: true });
  const [main, erPass] = scanDevice(passes, reference, { mu0 }, 'closed-form', { onPoint });
  const points = main.points;
  const x = Float64Array.from(points, (p) => p.mu0);
  const a = series(
      points.map((p) => p.circuits[0]),
      n,
    ),
    b = series(
      points.map((p) => p.circuits[1]),
      n,
    );
  let er: ModelSeries | null = null,
    erUnavailable: string | null = null;
  if (erPass?.error) erUnavailable = erPass.error.message;
  else if (erPass)
    er = series(
      erPass.points.map((p) => p.circuits[0]),
      n,
    );
  const excess = a.entropy.map((v, i) => v - b.entropy[i]);
  // docs/physics.md §5, paper Eq. 33 (several probes): Ṡ_VP − Ṡ_VTP = Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0²
  const eq33 = Float64Array.from(
    points,
    (_, i) => probeIdx.reduce((s, p) => s + a.heatCurrent[p][i] * (b.temperature[p][i] - a.temperature[p][i]), 0) / (T0 * T0),
  );
  const scale = maxAbs(excess);
  let res = 0,
    defect = 0,
    resGeneral = 0;
  for (let i = 0; i < x.length; i++) res = Math.max(res, Math.abs(excess[i] - eq33[i]));
  // docs/physics.md §12: the general relation (no reciprocity needed), Eq. 33 + the correction −dᵀM(−B)x_VTP/(hT0)
  const correction = Float64Array.from(points, (p) => {
    const e = excessEntropy(p.circuits[0], p.circuits[1], probeIdx);
    defect = Math.max(defect, e.reciprocityDefect);
    resGeneral = Math.max(resGeneral, Math.abs(e.direct - e.reciprocal - e.correction));
    return e.correction;
  });
  return {
    mu0: x,
    vp: a,
    vtp: b,
    er,
    erUnavailable,
    excess,
    eq33,
    eq33Residual: scale > 0 ? res / scale : 0,
    reciprocityDefect: defect,
    correction,
    generalEq33Residual: scale > 0 ? resGeneral / scale : 0,
  };
}
