/**
 * The data of `probecheck report CONFIG.json`: a user's own system (their Hamiltonian, couplings,
 * temperatures) examined the way the paper examines benzene. Pure: a parsed config in, figures and
 * summary tables out.
 *
 *  - the circuit of the config as given, solved at its reference point (solveSystem);
 *  - the transmission functions T_αβ(E) of the system (paper Eq. 3);
 *  - every probe as a VP (held at its given temperature, or T0) and as a VTP, along a μ0 grid around
 *    the reference (scanCircuits, the same scan as `probecheck scan`): currents into every lead and
 *    their relative errors (paper Appendix B), the heat current into each VP, the probe μ and T
 *    differences, the entropy production of both models and the excess Ṡ_VP − Ṡ_VTP, checked
 *    against paper Eq. 33 generalised to several probes: Ṡ_VP − Ṡ_VTP = Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0².
 */
import type { ParsedConfig } from '../config.js';
import { isTimeReversalSymmetric, prepareSystem, solveSystem, type PreparedSystem, type SystemSolution } from '../numeric/system.js';
import { K_B_EV } from '../numeric/constants.js';
import { analyseVpVtp, type VpVtpAnalysis } from '../analysis/vpVtp.js';
import type { Column, Figure, Panel, Row, Series } from '../paper/figures.js';
import { peakRelativeError, relativeError, zeroCrossingMask, maxAbs } from '../paper/metrics.js';

/** max|M − Mᵀ|/max|M| above which the report treats time reversal as broken (rounding is ~1e-14). */
export const RECIPROCITY_DEFECT_THRESHOLD = 1e-10;

/** Peak relative error of one lead quantity. */
export interface LeadPeak {
  readonly lead: string;
  readonly quantity: 'charge' | 'heat' | 'seebeck';
  /** Signed peak (percent), NaN if every point was excluded or the quantity is zero. */
  readonly peakPercent: number;
  readonly at: number;
  readonly excluded: number;
  /** ER against VTP: peak |(J_ER − J_VTP)/J_VTP| (percent, signed), NaN without an ER solution. */
  readonly erPercent?: number;
}

/** Everything the user-system report shows. */
export interface SystemReportData {
  readonly parsed: ParsedConfig;
  readonly solution: SystemSolution;
  readonly mu0: readonly number[];
  readonly probes: readonly string[];
  readonly leads: readonly string[];
  readonly figures: readonly Figure[];
  readonly peaks: readonly LeadPeak[];
  /** Largest Ṡ_VP − Ṡ_VTP over the grid (W/K) and the smallest (must be ≥ 0 up to rounding). */
  readonly excessEntropy: { readonly max: number; readonly min: number; readonly scale: number } | null;
  /** Largest residual of Eq. 33 (reciprocal form) relative to max|Ṡ_VP − Ṡ_VTP| (null without probes). */
  readonly eq33Residual: number | null;
  /**
   * Largest max|M − Mᵀ|/max|M| along the grid: > 1e-10 means broken time reversal (a flux), where
   * Eq. 33's reciprocal form does not apply (docs/physics.md §12). Null without probes.
   */
  readonly reciprocityDefect?: number | null;
  /** Largest residual of the general relation (any reciprocity) relative to max|Ṡ_VP − Ṡ_VTP|. */
  readonly generalEq33Residual?: number | null;
  /** Why the probes could not be solved as ER probes (null when they were, or without probes). */
  readonly erUnavailable?: string | null;
  /** Zero-crossing window used for peak errors (eV): k_B T0. */
  readonly window: number;
}

const NA = 1e9,
  NW = 1e9;

export { probeVariants } from '../analysis/vpVtp.js';

/** The part of the report that does not scan μ0: the circuit as given at its reference point, and T(E). */
export interface SystemReportFrame {
  readonly solution: SystemSolution;
  /** The transmission figure over `energies`. */
  readonly transmission: Figure;
  /** The device both were computed on (prepareSystem of the config's system). */
  readonly device: PreparedSystem;
}

/**
 * The reference solution (solveSystem) and the transmission figure on one device: what `report
 * --threads N` computes on its own thread while the workers scan μ0 (src/cli/commands/report.ts). On
 * one thread the scan then runs on the same device (its engine, and on the sparse path the T_αβ(E)
 * of the reference point, which the first μ0 points largely share: docs/physics.md §14).
 */
export function systemReportFrame(parsed: ParsedConfig, energies: readonly number[]): SystemReportFrame {
  const device = prepareSystem(parsed.system);
  return { solution: solveSystem(device, parsed.reference, parsed.circuit), transmission: transmissionFigure(device, energies), device };
}

/**
 * Compute the user-system report's data. `onPoint` is called after every μ0 point (progress).
 * `analysis`: the VP/VTP/ER analysis along `mu0` when already computed (on worker threads:
 * src/parallel/threads.ts analyseVpVtpThreaded); default computed here. `frame`: likewise the
 * {@link systemReportFrame} of the same `parsed` and `energies`.
 */
export function systemReportData(
  parsed: ParsedConfig,
  mu0: readonly number[],
  energies: readonly number[],
  onPoint?: () => void,
  analysis?: VpVtpAnalysis,
  frame?: SystemReportFrame,
): SystemReportData {
  const { system, reference, circuit } = parsed;
  const T0 = reference.temperature;
  const names = system.terminals.map((t) => t.name);
  const leadIdx = system.terminals.map((t, a) => (t.role === 'lead' ? a : -1)).filter((a) => a >= 0);
  const probeIdx = system.terminals.map((t, a) => (t.role !== 'lead' ? a : -1)).filter((a) => a >= 0);
  const leads = leadIdx.map((a) => names[a]);
  const probes = probeIdx.map((a) => names[a]);
  const built = frame ?? systemReportFrame(parsed, energies);
  const { solution, transmission } = built;
  const window = K_B_EV * T0;
  const figures: Figure[] = [transmission];
  if (probeIdx.length === 0) {
    return { parsed, solution, mu0, probes, leads, figures, peaks: [], excessEntropy: null, eq33Residual: null, window };
  }

  // src/analysis/vpVtp.ts does the physics; this module only lays it out as figures and tables.
  if (analysis && analysis.mu0.length !== mu0.length)
    throw new Error(`systemReportData: the analysis has ${analysis.mu0.length} μ0 points, the grid ${mu0.length}`);
  const an = analysis ?? analyseVpVtp(system, reference, circuit, mu0, onPoint, true, built.device);
  const er = an.er;
  const m = an.mu0.length;
  const col = (f: (i: number) => number) => Float64Array.from({ length: m }, (_, i) => f(i));
  const x = an.mu0;
  const rows: Row[] = [...x].map((v) => ({ mu0_eV: v }));
  const put = (key: string, v: Float64Array) =>
    v.forEach((val, i) => {
      rows[i][key] = val;
    });
  const columns: Column[] = [{ key: 'mu0_eV', label: 'μ0', unit: 'eV' }];
  const addCol = (key: string, label: string, unit: string, v: Float64Array) => {
    columns.push({ key, label, unit });
    put(key, v);
  };
  const peaks: LeadPeak[] = [];
  const currentPanels: Panel[] = [],
    errorPanels: Panel[] = [];
  const errSeries: Series[] = [],
    errHeat: Series[] = [];
  const thermal = circuit === 'thermal';

  for (const a of leadIdx) {
    const n = names[a];
    const iVP = an.vp.chargeCurrent[a],
      iVTP = an.vtp.chargeCurrent[a];
    const qVP = an.vp.heatCurrent[a],
      qVTP = an.vtp.heatCurrent[a];
    const erI: Series[] = [],
      erQ: Series[] = [];
    if (er) {
      if (!thermal) {
        addCol(
          `I_${n}_ER_nA`,
          `I_${n} (ER)`,
          'nA',
          er.chargeCurrent[a].map((v) => v * NA),
        );
        erI.push({ key: `I_${n}_ER_nA`, label: 'ER' });
      }
      addCol(
        `JQ_${n}_ER_nW`,
        `J^Q_${n} (ER)`,
        'nW',
        er.heatCurrent[a].map((v) => v * NW),
      );
      erQ.push({ key: `JQ_${n}_ER_nW`, label: 'ER' });
    }
    if (!thermal) {
      addCol(
        `I_${n}_VP_nA`,
        `I_${n} (VP)`,
        'nA',
        iVP.map((v) => v * NA),
      );
      addCol(
        `I_${n}_VTP_nA`,
        `I_${n} (VTP)`,
        'nA',
        iVTP.map((v) => v * NA),
      );
      const eI = maskedPercent(iVP, iVTP, x, window);
      addCol(`err_I_${n}_pct`, `relative error of I_${n}`, '%', eI);
      currentPanels.push(
        panel(
          `I-${n}`,
          `charge current into ${n}`,
          [{ key: `I_${n}_VP_nA`, label: 'VP', dashed: true }, { key: `I_${n}_VTP_nA`, label: 'VTP' }, ...erI],
          `|I_${n}| (nA)`,
          'log',
        ),
      );
      errSeries.push({ key: `err_I_${n}_pct`, label: n });
      peaks.push({ ...leadPeak(n, 'charge', iVP, iVTP, x, window), erPercent: er ? erPeak(er.chargeCurrent[a], iVTP, x, window) : Number.NaN });
    }
    addCol(
      `JQ_${n}_VP_nW`,
      `J^Q_${n} (VP)`,
      'nW',
      qVP.map((v) => v * NW),
    );
    addCol(
      `JQ_${n}_VTP_nW`,
      `J^Q_${n} (VTP)`,
      'nW',
      qVTP.map((v) => v * NW),
    );
    addCol(`err_Q_${n}_pct`, `relative error of J^Q_${n}`, '%', maskedPercent(qVP, qVTP, x, window));
    currentPanels.push(
      panel(
        `Q-${n}`,
        `heat current into ${n}`,
        [{ key: `JQ_${n}_VP_nW`, label: 'VP', dashed: true }, { key: `JQ_${n}_VTP_nW`, label: 'VTP' }, ...erQ],
        `|J^Q_${n}| (nW)`,
        'log',
      ),
    );
    errHeat.push({ key: `err_Q_${n}_pct`, label: n });
    peaks.push({ ...leadPeak(n, 'heat', qVP, qVTP, x, window), erPercent: er ? erPeak(er.heatCurrent[a], qVTP, x, window) : Number.NaN });
  }
  if (errSeries.length) errorPanels.push({ ...panel('err-I', 'relative charge-current errors', errSeries, '|(I_VP − I_VTP)/I_VP| (%)', 'log'), minTop: 1 });
  errorPanels.push({ ...panel('err-Q', 'relative heat-current errors', errHeat, '|(J^Q_VP − J^Q_VTP)/J^Q_VP| (%)', 'log'), minTop: 1 });

  // Probes: heat current into each VP, T and μ differences.
  const probeHeat: Series[] = [],
    probeT: Series[] = [],
    probeMu: Series[] = [];
  for (const a of probeIdx) {
    const n = names[a];
    addCol(
      `JQ_${n}_VP_nW`,
      `J^Q_${n},VP`,
      'nW',
      an.vp.heatCurrent[a].map((v) => v * NW),
    );
    addCol(`T_${n}_VP_K`, `T_${n} (VP, fixed)`, 'K', an.vp.temperature[a]);
    addCol(`T_${n}_VTP_K`, `T_${n} (VTP)`, 'K', an.vtp.temperature[a]);
    addCol(
      `dmu_${n}_meV`,
      `μ_${n}^VP − μ_${n}^VTP`,
      'meV',
      col((i) => (an.vp.mu[a][i] - an.vtp.mu[a][i]) * 1e3),
    );
    probeHeat.push({ key: `JQ_${n}_VP_nW`, label: n });
    probeT.push({ key: `T_${n}_VTP_K`, label: `${n} (VTP)` }, { key: `T_${n}_VP_K`, label: `${n} (VP, fixed)`, dashed: true });
    probeMu.push({ key: `dmu_${n}_meV`, label: n });
  }
  // Entropy production and Eq. 33 (computed in src/analysis/vpVtp.ts).
  const sVP = an.vp.entropy,
    sVTP = an.vtp.entropy,
    dS = an.excess,
    eq33 = an.eq33,
    corr = an.correction;
  const scale = maxAbs(dS);
  const res = an.eq33Residual * scale,
    defect = an.reciprocityDefect,
    resGeneral = an.generalEq33Residual * scale;
  const broken = defect > RECIPROCITY_DEFECT_THRESHOLD;
  if (broken) addCol('S_dot_excess_nonreciprocal_WK', '−dᵀ M(−B) x_VTP/(h T0): non-reciprocal correction to Eq. 33 (docs/physics.md §12)', 'W/K', corr);
  addCol('S_dot_VP_WK', 'Ṡ (VP)', 'W/K', sVP);
  addCol('S_dot_VTP_WK', 'Ṡ (VTP)', 'W/K', sVTP);
  addCol('S_dot_excess_WK', 'Ṡ_VP − Ṡ_VTP', 'W/K', dS);
  addCol('S_dot_excess_eq33_WK', 'Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² (Eq. 33)', 'W/K', eq33);
  if (er) addCol('S_dot_ER_WK', 'Ṡ (ER)', 'W/K', er.entropy);
  const probePanels: Panel[] = [
    panel('JQP', 'heat current into each VP', probeHeat, 'J^Q_P,VP (nW)', 'linear'),
    panel('TP', 'probe temperatures', probeT, 'T_P (K)', 'linear'),
    panel('dmu', 'probe chemical potential, VP − VTP', probeMu, 'μ_P^VP − μ_P^VTP (meV)', 'linear'),
    panel(
      'Sdot',
      'entropy production',
      [{ key: 'S_dot_VP_WK', label: 'VP', dashed: true }, { key: 'S_dot_VTP_WK', label: 'VTP' }, ...(er ? [{ key: 'S_dot_ER_WK', label: 'ER' }] : [])],
      'Ṡ (W/K)',
      'log',
    ),
    panel(
      'Sdot-excess',
      'excess entropy production of the VP (Eq. 33)',
      [
        { key: 'S_dot_excess_WK', label: 'Ṡ_VP − Ṡ_VTP' },
        { key: 'S_dot_excess_eq33_WK', label: 'Eq. 33', dashed: true },
      ],
      'Ṡ_VP − Ṡ_VTP (W/K)',
      'log',
    ),
  ];
  const extraPanels: Panel[] = [];
  if (thermal && leadIdx.length >= 2) {
    const s0 = an.vp.seebeck,
      s1 = an.vtp.seebeck;
    addCol(
      'S_VP_uVK',
      'S (VP)',
      'μV/K',
      s0.map((v) => v * 1e6),
    );
    addCol(
      'S_VTP_uVK',
      'S (VTP)',
      'μV/K',
      s1.map((v) => v * 1e6),
    );
    if (er)
      addCol(
        'S_ER_uVK',
        'S (ER)',
        'μV/K',
        er.seebeck.map((v) => v * 1e6),
      );
    extraPanels.push(
      panel(
        'seebeck',
        `thermopower between ${leads[0]} and ${leads[1]}`,
        [{ key: 'S_VP_uVK', label: 'VP', dashed: true }, { key: 'S_VTP_uVK', label: 'VTP' }, ...(er ? [{ key: 'S_ER_uVK', label: 'ER' }] : [])],
        'S (μV/K)',
        'linear',
      ),
    );
    // the paper's thermopower deviation: max|S_VP − S_VTP| / max|S_VP| (S changes sign, so no pointwise ratio)
    let worst = 0,
      at = Number.NaN;
    s0.forEach((v, i) => {
      if (Math.abs(v - s1[i]) > worst) {
        worst = Math.abs(v - s1[i]);
        at = x[i];
      }
    });
    peaks.push({ lead: `${leads[0]}–${leads[1]}`, quantity: 'seebeck', peakPercent: (100 * worst) / maxAbs(s0), at, excluded: 0 });
  }
  const kindText = thermal
    ? 'pure thermal circuit (every particle current zero; the first lead fixes the gauge)'
    : 'electronic circuit (lead μ and T as given, biases kept as μ0 moves)';
  const common = [
    `Every probe as a VP (held at its given temperature, default T0 = ${T0} K) and as a VTP (μ and T solved); ${kindText}. VP dashed, VTP solid.`,
    `Relative error (paper Appendix B): (J_VP − J_VTP)/J_VP; blank within k_B T0 = ${(window * 1e3).toFixed(1)} meV of a sign change of J_VP.`,
  ];
  const base = { rows, columns, peaks: [] };
  figures.push(
    {
      id: 'currents',
      number: 'B',
      title: 'Currents into the leads, VP vs VTP',
      caption: 'Charge and heat currents into every lead along the μ0 grid (log axes show magnitudes; signed values in the CSV).',
      panels: [...currentPanels, ...extraPanels],
      notes: common,
      ...base,
    },
    {
      id: 'errors',
      number: 'C',
      title: 'Relative errors of the VP',
      caption: 'Relative error of the VP prediction against the VTP for every lead.',
      panels: errorPanels,
      notes: common,
      ...base,
    },
    {
      id: 'probes',
      number: 'D',
      title: 'Probes and entropy production',
      caption: 'The VP exchanges heat with its reservoir (J^Q_P,VP ≠ 0), sits at another μ and T than the VTP, and produces more entropy (paper Eq. 33).',
      panels: probePanels,
      notes: [
        ...common,
        `Eq. 33 check: largest |(Ṡ_VP − Ṡ_VTP) − Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0²| = ${scale > 0 ? (res / scale).toExponential(2) : '0'} of max|Ṡ_VP − Ṡ_VTP|.`,
        ...(broken
          ? [
              `Broken time reversal: max|M − Mᵀ|/max|M| = ${defect.toExponential(2)} (a magnetic flux, or a complex coupling matrix), so Eq. 33 in its reciprocal form does not apply. The general relation Ṡ_VP − Ṡ_VTP = Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² − dᵀ M(−B) x_VTP/(h T0), d = x_VP − x_VTP (docs/physics.md §12), holds to ${scale > 0 ? (resGeneral / scale).toExponential(2) : '0'}; Ṡ_VP ≥ Ṡ_VTP is no longer guaranteed.`,
            ]
          : []),
      ],
      ...base,
    },
  );
  return {
    parsed,
    solution,
    mu0,
    probes,
    leads,
    figures,
    peaks,
    excessEntropy: { max: Math.max(...dS), min: Math.min(...dS), scale: maxAbs(sVTP) },
    eq33Residual: scale > 0 ? res / scale : 0,
    window,
    erUnavailable: an.erUnavailable,
    reciprocityDefect: defect,
    generalEq33Residual: scale > 0 ? resGeneral / scale : 0,
  };
}

function panel(id: string, title: string, series: Series[], yLabel: string, yScale: 'linear' | 'log'): Panel {
  return { id, title, where: {}, x: 'mu0_eV', xLabel: 'μ0 (eV)', series, yLabel, yScale, abs: yScale === 'log', colorBy: 'series' };
}

function maskedPercent(vp: Float64Array, vtp: Float64Array, x: Float64Array, window: number): Float64Array {
  const d = relativeError(vp, vtp, 'VP');
  const mask = zeroCrossingMask(vp, x, window);
  return d.map((v, i) => (mask[i] ? Number.NaN : 100 * v));
}

/** Peak |(J_ER − J_VTP)/J_VTP| (percent, signed), leaving out points near sign changes of J_VTP. */
function erPeak(erJ: Float64Array, vtp: Float64Array, x: Float64Array, window: number): number {
  return 100 * peakRelativeError(erJ, vtp, x, 'VTP', window).value;
}

function leadPeak(lead: string, quantity: 'charge' | 'heat', vp: Float64Array, vtp: Float64Array, x: Float64Array, window: number): LeadPeak {
  const p = peakRelativeError(vp, vtp, x, 'VP', window);
  return { lead, quantity, peakPercent: 100 * p.value, at: p.x, excluded: p.excluded };
}

/** Fig. A: the transmission functions (test probes transmit nothing and are left out). */
function transmissionFigure(device: PreparedSystem, energies: readonly number[]): Figure {
  const system = device.system;
  const names = system.terminals.map((t) => t.name);
  const n = names.length;
  const real = isTimeReversalSymmetric(system);
  const test = system.terminals.map((t) => t.role !== 'lead' && t.test === true);
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && (!real || a < b) && !test[a] && !test[b]) pairs.push([a, b]);
  const engine = device.engine();
  const t = new Float64Array(n * n);
  const rows: Row[] = energies.map((e) => {
    engine.evaluate(e, t);
    const r: Row = { E_eV: e };
    for (const [a, b] of pairs) r[`T_${names[a]}_${names[b]}`] = t[a * n + b];
    return r;
  });
  const series: Series[] = pairs.map(([a, b]) => ({ key: `T_${names[a]}_${names[b]}`, label: `T_${names[a]}${names[b]}` }));
  return {
    id: 'transmission',
    number: 'A',
    title: 'Transmission',
    caption: `Transmission functions T_αβ(E) = Tr[Γ^α G Γ^β G†] (paper Eq. 3)${real ? ' (T_αβ = T_βα: time-reversal symmetric system)' : ''}; probes with γ = 0 transmit nothing and are not drawn.`,
    rows,
    peaks: [],
    notes: [],
    columns: [{ key: 'E_eV', label: 'E', unit: 'eV' }, ...series.map((s) => ({ key: s.key, label: s.label, unit: '1' }))],
    panels: [
      { id: 'T', title: 'transmission', where: {}, x: 'E_eV', xLabel: 'E (eV)', series, yLabel: 'T_αβ(E)', yScale: 'log', abs: true, colorBy: 'series' },
    ],
  };
}
