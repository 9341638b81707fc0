/**
 * The data behind the paper's Figs. 1–6 (docs/physics.md §7), recomputed with probecheck's solver.
 * Pure: a {@link SweepCache} and the parameters in, tables and panel descriptions out. The report
 * layer (src/report) turns panels into SVG and tables into CSV.
 *
 *  Fig. 1  symmetric electronic circuit: I_R and J^Q_R (VP vs VTP) and their relative errors.
 *  Fig. 2  the same under (a) thermal and (b) tunnel-coupling asymmetry.
 *  Fig. 3  the ingredients of paper Eq. 18 under (a) thermal and (b) tunnel asymmetry: J^Q_P,VP,
 *          μ_P^VP − μ_P^VTP, T_P^VP − T_P^VTP and the effective Onsager ratios.
 *  Fig. 4  the pure thermal circuit (all J^N = 0): J^Q_R and its relative error, three configurations.
 *  Fig. 5  the thermopower S = −(μ_R − μ_L)/(e(T_R − T_L)) (paper Eq. 31), three configurations.
 *  Fig. 6  the flat probe (Appendix C), (a) thermal and (b) tunnel asymmetry.
 */
import { E_CHARGE } from '../numeric/constants.js';
import { CONFIGURATIONS, vpTemperature, type Configuration, type ConfigurationId, type PaperParameters } from './params.js';
import type { Bias, Geometry, Sweep, SweepCache } from './junction.js';
import { nearestIndex, peakRelativeError, relativeError, thermopowerDeviation, zeroCrossingMask } from './metrics.js';

/** A CSV column. */
export interface Column {
  readonly key: string;
  /** Header text in the report. */
  readonly label: string;
  readonly unit: string;
}

/** One row of a figure table (strings for labels, numbers for data; NaN is written as an empty cell). */
export type Row = Record<string, number | string>;

/** One curve family in a panel: the column to draw; dashed for the VP. */
export interface Series {
  readonly key: string;
  readonly label: string;
  readonly dashed?: boolean;
}

/** One panel (an SVG plot): rows filtered by `where`, one line per γ and series. */
export interface Panel {
  readonly id: string;
  readonly title: string;
  readonly where: Readonly<Record<string, string>>;
  readonly x: string;
  readonly xLabel: string;
  readonly series: readonly Series[];
  readonly yLabel: string;
  readonly yScale: 'linear' | 'log';
  /** Draw |y| (for log scales of signed quantities). */
  readonly abs?: boolean;
  /** Leave out the coherent curve (γ = 0), e.g. for relative errors, which vanish there. */
  readonly skipCoherent?: boolean;
  /** Colour by probe coupling γ (column gamma_eV; default) or by series (one colour per series). */
  readonly colorBy?: 'gamma' | 'series';
  /**
   * Log axes: the top of the axis is at least this (e.g. 1 % for relative errors), so that an error
   * that vanishes to rounding is not blown up to fill the panel.
   */
  readonly minTop?: number;
}

/** Peak relative errors of one curve, for the per-figure summary table. */
export interface PeakRow {
  readonly config: string;
  readonly gamma: number;
  readonly quantity: string;
  /** Signed peak (percent) and where. */
  readonly peakPercent: number;
  readonly peakAt: number;
  /** Value at the node μ0 = ε0 (percent). */
  readonly nodePercent: number;
  /** Points left out as near a sign change of the reference current. */
  readonly excluded: number;
}

/** A figure: its data table, its panels, notes on definitions, and a summary of peaks. */
export interface Figure {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** Which parameter set it is drawn at ("baseline", "best set"), shown in each panel's title. */
  readonly subtitle?: string;
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly panels: readonly Panel[];
  readonly notes: readonly string[];
  readonly peaks: readonly PeakRow[];
}

const NA = 1e9,
  NW = 1e9,
  UVK = 1e6,
  MEV = 1e3;

/** The geometry of the junction for a configuration and γ. */
export function geometryOf(p: PaperParameters, c: Configuration, gamma: number, probe: 'local' | 'flat'): Geometry {
  return { hopping: p.hopping, onsite: p.onsite, gammaL: c.gammaL, gammaR: c.gammaR, probe, gamma, flatNormalisation: p.flatNormalisation };
}

/** The VP and VTP biases of a configuration. */
export function biasesOf(p: PaperParameters, c: Configuration, kind: Bias['kind']): { vp: Bias; vtp: Bias } {
  const TP = vpTemperature(p.vpTemperature, c, p.T0);
  const b = { kind, TL: c.TL, TR: c.TR, TP, deltaV: p.deltaV };
  return { vp: { ...b, role: 'VP' }, vtp: { ...b, role: 'VTP' } };
}

function pct(x: number): number {
  return 100 * x;
}

/** δ in percent with the points near a sign change of J_ref (and the coherent curve) blanked. */
function maskedErrorPercent(vp: Float64Array, vtp: Float64Array, x: Float64Array, p: PaperParameters, gamma: number): Float64Array {
  const d = relativeError(vp, vtp, p.errorReference);
  if (gamma === 0) return d.fill(Number.NaN);
  const mask = zeroCrossingMask(p.errorReference === 'VP' ? vp : vtp, x, p.zeroCrossingWindow);
  return d.map((v, i) => (mask[i] ? Number.NaN : pct(v)));
}

function peakRow(config: string, gamma: number, quantity: string, vp: Float64Array, vtp: Float64Array, x: Float64Array, p: PaperParameters): PeakRow {
  const pk = peakRelativeError(vp, vtp, x, p.errorReference, p.zeroCrossingWindow);
  const node = nearestIndex(x, p.onsite);
  const d = relativeError(vp, vtp, p.errorReference);
  return { config, gamma, quantity, peakPercent: pct(pk.value), peakAt: pk.x, nodePercent: pct(d[node]), excluded: pk.excluded };
}

const X = { x: 'mu0_eV', xLabel: 'μ_0 − ε_0 (eV)' } as const;
const errLabel = (p: PaperParameters, q: string) => `|(${q}_{R,VP} − ${q}_{R,VTP})/${q}_{R,${p.errorReference}}| (%)`;

/** Electronic-circuit figure (Figs. 1, 2, 6): currents into R and their relative errors. */
function electronicFigure(
  p: PaperParameters,
  cache: SweepCache,
  id: string,
  number: string,
  title: string,
  caption: string,
  configs: ReadonlyArray<{ config: ConfigurationId; tag: string }>,
  probe: 'local' | 'flat',
  notes: string[],
): Figure {
  const rows: Row[] = [];
  const peaks: PeakRow[] = [];
  const panels: Panel[] = [];
  for (const { config, tag } of configs) {
    const c = CONFIGURATIONS[config];
    const { vp, vtp } = biasesOf(p, c, 'electronic');
    for (const gamma of p.gammas) {
      const g = geometryOf(p, c, gamma, probe);
      const a = cache.sweep(g, vp),
        b = cache.sweep(g, vtp);
      const eI = maskedErrorPercent(a.chargeR, b.chargeR, a.mu0, p, gamma);
      const eQ = maskedErrorPercent(a.heatR, b.heatR, a.mu0, p, gamma);
      for (let i = 0; i < a.mu0.length; i++) {
        rows.push({
          config: c.id,
          gamma_eV: gamma,
          mu0_eV: a.mu0[i],
          I_R_VP_nA: a.chargeR[i] * NA,
          I_R_VTP_nA: b.chargeR[i] * NA,
          JQ_R_VP_nW: a.heatR[i] * NW,
          JQ_R_VTP_nW: b.heatR[i] * NW,
          err_I_pct: eI[i],
          err_Q_pct: eQ[i],
        });
      }
      if (gamma > 0) {
        peaks.push(peakRow(c.name, gamma, 'I_R', a.chargeR, b.chargeR, a.mu0, p));
        peaks.push(peakRow(c.name, gamma, 'J^Q_R', a.heatR, b.heatR, a.mu0, p));
      }
    }
    const w = { config: c.id };
    const sub = `${tag}${tag ? ' ' : ''}${c.name}`;
    panels.push(
      {
        id: `${id}${tag}-I`,
        title: `${sub}: charge current into R`,
        where: w,
        ...X,
        series: [
          { key: 'I_R_VP_nA', label: 'VP', dashed: true },
          { key: 'I_R_VTP_nA', label: 'VTP' },
        ],
        yLabel: '|I_R| (nA)',
        yScale: 'log',
        abs: true,
      },
      {
        id: `${id}${tag}-Q`,
        title: `${sub}: heat current into R`,
        where: w,
        ...X,
        series: [
          { key: 'JQ_R_VP_nW', label: 'VP', dashed: true },
          { key: 'JQ_R_VTP_nW', label: 'VTP' },
        ],
        yLabel: '|J^Q_R| (nW)',
        yScale: 'log',
        abs: true,
      },
      {
        id: `${id}${tag}-eI`,
        title: `${sub}: relative charge-current error`,
        where: w,
        ...X,
        series: [{ key: 'err_I_pct', label: 'error' }],
        yLabel: errLabel(p, 'I'),
        yScale: 'log',
        abs: true,
        skipCoherent: true,
        minTop: 1,
      },
      {
        id: `${id}${tag}-eQ`,
        title: `${sub}: relative heat-current error`,
        where: w,
        ...X,
        series: [{ key: 'err_Q_pct', label: 'error' }],
        yLabel: errLabel(p, 'J^Q'),
        yScale: 'log',
        abs: true,
        skipCoherent: true,
        minTop: 1,
      },
    );
  }
  return {
    id,
    number,
    title,
    caption,
    rows,
    panels,
    peaks,
    notes,
    columns: [
      { key: 'config', label: 'configuration', unit: '' },
      { key: 'gamma_eV', label: 'γ', unit: 'eV' },
      { key: 'mu0_eV', label: 'μ0 − ε0', unit: 'eV' },
      { key: 'I_R_VP_nA', label: 'I_R (VP)', unit: 'nA' },
      { key: 'I_R_VTP_nA', label: 'I_R (VTP)', unit: 'nA' },
      { key: 'JQ_R_VP_nW', label: 'J^Q_R (VP)', unit: 'nW' },
      { key: 'JQ_R_VTP_nW', label: 'J^Q_R (VTP)', unit: 'nW' },
      { key: 'err_I_pct', label: 'relative error of I_R', unit: '%' },
      { key: 'err_Q_pct', label: 'relative error of J^Q_R', unit: '%' },
    ],
  };
}

function commonNotes(p: PaperParameters, kind: 'electronic' | 'thermal'): string[] {
  const n = [
    `Currents are counted into R (docs/physics.md §1). VP dashed, VTP solid; colour = probe coupling γ; γ = 0 is the coherent limit (a zero-coupling probe), where VP and VTP coincide.`,
    `Relative error (paper Appendix B, Eqs. 59–63): (J_VP − J_VTP)/J_${p.errorReference}; blank within ${p.zeroCrossingWindow * 1000} meV of a sign change of J_${p.errorReference}, where the ratio is meaningless.`,
  ];
  if (kind === 'electronic')
    n.push(`Electronic circuit: μ_L = μ0 + ΔV/2, μ_R = μ0 − ΔV/2 with ΔV = ${p.deltaV * 1000} mV (our choice: the paper's value is lost).`);
  else n.push('Pure thermal circuit (paper §III.2): every particle current is zero; gauge μ_L = μ0, μ_R and μ_P solved.');
  return n;
}

/** Fig. 3: the quantities entering paper Eq. 18, with the identity itself checked at every point. */
function figure3(p: PaperParameters, cache: SweepCache): Figure {
  const rows: Row[] = [];
  const panels: Panel[] = [];
  let worstEq18 = 0;
  for (const [config, tag] of [
    ['thermal', '(a)'],
    ['tunnel', '(b)'],
  ] as const) {
    const c = CONFIGURATIONS[config];
    const { vp, vtp } = biasesOf(p, c, 'electronic');
    for (const gamma of p.gammas) {
      const g = geometryOf(p, c, gamma, 'local');
      const a = cache.sweep(g, vp, { ratios: true }),
        b = cache.sweep(g, vtp);
      worstEq18 = Math.max(worstEq18, eq18Residual(a, b));
      for (let i = 0; i < a.mu0.length; i++) {
        rows.push({
          config: c.id,
          gamma_eV: gamma,
          mu0_eV: a.mu0[i],
          JQ_P_VP_nW: a.heatP[i] * NW,
          dmuP_meV: (a.muP[i] - b.muP[i]) * MEV,
          dTP_K: a.TP[i] - b.TP[i],
          ratio_N_per_eV: a.ratioNR[i],
          ratio_Q: a.ratioQR[i],
        });
      }
    }
    const w = { config: c.id };
    const sub = `${tag} ${c.name}`;
    panels.push(
      {
        id: `fig3${tag}-JQP`,
        title: `${sub}: heat current into the VP`,
        where: w,
        ...X,
        series: [{ key: 'JQ_P_VP_nW', label: 'VP' }],
        yLabel: 'J^Q_{P,VP} (nW)',
        yScale: 'linear',
      },
      {
        id: `fig3${tag}-dmu`,
        title: `${sub}: μ_P^{VP} − μ_P^{VTP}`,
        where: w,
        ...X,
        series: [{ key: 'dmuP_meV', label: 'Δμ_P' }],
        yLabel: 'μ_P^{VP} − μ_P^{VTP} (meV)',
        yScale: 'linear',
      },
      {
        id: `fig3${tag}-dT`,
        title: `${sub}: T_P^{VP} − T_P^{VTP}`,
        where: w,
        ...X,
        series: [{ key: 'dTP_K', label: 'ΔT_P' }],
        yLabel: 'T_P^{VP} − T_P^{VTP} (K)',
        yScale: 'linear',
      },
      {
        id: `fig3${tag}-rN`,
        title: `${sub}: Onsager ratio M̃_{(N,R),(T,P)} / M̃_{(Q,P),(T,P)}`,
        where: w,
        ...X,
        series: [{ key: 'ratio_N_per_eV', label: 'ratio' }],
        yLabel: 'M̃_{(N,R),(T,P)} / M̃_{(Q,P),(T,P)} (1/eV)',
        yScale: 'linear',
        skipCoherent: true,
      },
      {
        id: `fig3${tag}-rQ`,
        title: `${sub}: Onsager ratio M̃_{(Q,R),(T,P)} / M̃_{(Q,P),(T,P)}`,
        where: w,
        ...X,
        series: [{ key: 'ratio_Q', label: 'ratio' }],
        yLabel: 'M̃_{(Q,R),(T,P)} / M̃_{(Q,P),(T,P)}',
        yScale: 'linear',
        skipCoherent: true,
      },
    );
  }
  return {
    id: 'fig3',
    number: '3',
    title: 'Probe quantities behind the VP–VTP difference (paper Eq. 18)',
    caption:
      'Heat current into the VP, probe chemical-potential and temperature differences between the models, and the effective Onsager ratios of the VP-effective matrix M̃ (μ_P eliminated), electronic circuit; (a) thermal asymmetry, (b) tunnel-coupling asymmetry.',
    rows,
    panels,
    peaks: [],
    notes: [
      ...commonNotes(p, 'electronic'),
      `Ratios from CircuitResult.schur of the VP circuit: rows (N,R), (Q,R), (Q,P) and column (T,P) of M̃; (N,R)/(Q,P) has units 1/eV (h J^N against h J^Q in eV), (Q,R)/(Q,P) is dimensionless. At γ = 0 the probe is decoupled and the ratios are not drawn.`,
      `Check of paper Eq. 18 (docs/physics.md §5) at every point and γ > 0: J_R,VTP − J_R,VP = −ratio · J^Q_P,VP; largest residual relative to max|J_R,VTP − J_R,VP| of its curve: ${worstEq18.toExponential(2)}.`,
    ],
    columns: [
      { key: 'config', label: 'configuration', unit: '' },
      { key: 'gamma_eV', label: 'γ', unit: 'eV' },
      { key: 'mu0_eV', label: 'μ0 − ε0', unit: 'eV' },
      { key: 'JQ_P_VP_nW', label: 'J^Q_P,VP', unit: 'nW' },
      { key: 'dmuP_meV', label: 'μ_P^VP − μ_P^VTP', unit: 'meV' },
      { key: 'dTP_K', label: 'T_P^VP − T_P^VTP', unit: 'K' },
      { key: 'ratio_N_per_eV', label: 'M̃(N,R),(T,P)/M̃(Q,P),(T,P)', unit: '1/eV' },
      { key: 'ratio_Q', label: 'M̃(Q,R),(T,P)/M̃(Q,P),(T,P)', unit: '1' },
    ],
  };
}

/**
 * Largest residual of paper Eq. 18 along a sweep pair, relative to the largest current difference
 * of the same kind: ΔJ^N_R = −(M̃_{(N,R),(T,P)}/M̃_{(Q,P),(T,P)}) J^Q_P,VP (J^Q in eV/s) and
 * ΔJ^Q_R = −(M̃_{(Q,R),(T,P)}/M̃_{(Q,P),(T,P)}) J^Q_P,VP. NaN-free only for γ > 0.
 */
export function eq18Residual(vp: Sweep, vtp: Sweep): number {
  let rN = 0,
    rQ = 0,
    sN = 0,
    sQ = 0;
  for (let i = 0; i < vp.mu0.length; i++) {
    if (!Number.isFinite(vp.ratioNR[i])) continue;
    const dN = -(vtp.chargeR[i] - vp.chargeR[i]) / E_CHARGE; // ΔJ^N = −ΔI/e
    const dQ = vtp.heatR[i] - vp.heatR[i];
    const jqP = vp.heatP[i] / E_CHARGE; // W → eV/s
    rN = Math.max(rN, Math.abs(dN + vp.ratioNR[i] * jqP));
    rQ = Math.max(rQ, Math.abs(dQ + vp.ratioQR[i] * vp.heatP[i]));
    sN = Math.max(sN, Math.abs(dN));
    sQ = Math.max(sQ, Math.abs(dQ));
  }
  return Math.max(sN > 0 ? rN / sN : 0, sQ > 0 ? rQ / sQ : 0);
}

/** Fig. 4: pure thermal circuit. */
function figure4(p: PaperParameters, cache: SweepCache): Figure {
  const rows: Row[] = [];
  const panels: Panel[] = [];
  const peaks: PeakRow[] = [];
  for (const [config, tag] of [
    ['symmetric', '(a)'],
    ['thermal', '(b)'],
    ['tunnel', '(c)'],
  ] as const) {
    const c = CONFIGURATIONS[config];
    const { vp, vtp } = biasesOf(p, c, 'thermal');
    for (const gamma of p.gammas) {
      const g = geometryOf(p, c, gamma, 'local');
      const a = cache.sweep(g, vp),
        b = cache.sweep(g, vtp);
      const eQ = maskedErrorPercent(a.heatR, b.heatR, a.mu0, p, gamma);
      for (let i = 0; i < a.mu0.length; i++) {
        rows.push({ config: c.id, gamma_eV: gamma, mu0_eV: a.mu0[i], JQ_R_VP_nW: a.heatR[i] * NW, JQ_R_VTP_nW: b.heatR[i] * NW, err_Q_pct: eQ[i] });
      }
      if (gamma > 0) peaks.push(peakRow(c.name, gamma, 'J^Q_R', a.heatR, b.heatR, a.mu0, p));
    }
    const w = { config: c.id };
    panels.push(
      {
        id: `fig4${tag}-Q`,
        title: `${tag} ${c.name}: heat current into R`,
        where: w,
        ...X,
        series: [
          { key: 'JQ_R_VP_nW', label: 'VP', dashed: true },
          { key: 'JQ_R_VTP_nW', label: 'VTP' },
        ],
        yLabel: '|J^Q_R| (nW)',
        yScale: 'log',
        abs: true,
      },
      {
        id: `fig4${tag}-eQ`,
        title: `${tag} ${c.name}: relative heat-current error`,
        where: w,
        ...X,
        series: [{ key: 'err_Q_pct', label: 'error' }],
        yLabel: errLabel(p, 'J^Q'),
        yScale: 'log',
        abs: true,
        skipCoherent: true,
        minTop: 1,
      },
    );
  }
  return {
    id: 'fig4',
    number: '4',
    title: 'Pure thermal circuit',
    caption:
      'Heat current into R with every particle current zero (open circuit), VP vs VTP, and its relative error; (a) symmetric, (b) thermal asymmetry, (c) tunnel-coupling asymmetry.',
    rows,
    panels,
    peaks,
    notes: commonNotes(p, 'thermal'),
    columns: [
      { key: 'config', label: 'configuration', unit: '' },
      { key: 'gamma_eV', label: 'γ', unit: 'eV' },
      { key: 'mu0_eV', label: 'μ0 − ε0', unit: 'eV' },
      { key: 'JQ_R_VP_nW', label: 'J^Q_R (VP)', unit: 'nW' },
      { key: 'JQ_R_VTP_nW', label: 'J^Q_R (VTP)', unit: 'nW' },
      { key: 'err_Q_pct', label: 'relative error of J^Q_R', unit: '%' },
    ],
  };
}

/** Fig. 5: thermopower. */
function figure5(p: PaperParameters, cache: SweepCache): Figure {
  const rows: Row[] = [];
  const panels: Panel[] = [];
  const peaks: PeakRow[] = [];
  for (const [config, tag] of [
    ['symmetric', '(a)'],
    ['thermal', '(b)'],
    ['tunnel', '(c)'],
  ] as const) {
    const c = CONFIGURATIONS[config];
    const { vp, vtp } = biasesOf(p, c, 'thermal');
    for (const gamma of p.gammas) {
      const g = geometryOf(p, c, gamma, 'local');
      const a = cache.sweep(g, vp),
        b = cache.sweep(g, vtp);
      for (let i = 0; i < a.mu0.length; i++) {
        rows.push({
          config: c.id,
          gamma_eV: gamma,
          mu0_eV: a.mu0[i],
          S_VP_uVK: a.seebeck[i] * UVK,
          S_VTP_uVK: b.seebeck[i] * UVK,
          dS_uVK: (a.seebeck[i] - b.seebeck[i]) * UVK,
        });
      }
      if (gamma > 0) {
        const d = thermopowerDeviation(a.seebeck, b.seebeck, a.mu0, p.errorReference);
        peaks.push({
          config: c.name,
          gamma,
          quantity: `max|ΔS|/max|S_${p.errorReference}|`,
          peakPercent: pct(d.value),
          peakAt: d.x,
          nodePercent: Number.NaN,
          excluded: 0,
        });
      }
    }
    const w = { config: c.id };
    panels.push(
      {
        id: `fig5${tag}-S`,
        title: `${tag} ${c.name}: thermopower`,
        where: w,
        ...X,
        series: [
          { key: 'S_VP_uVK', label: 'VP', dashed: true },
          { key: 'S_VTP_uVK', label: 'VTP' },
        ],
        yLabel: 'S (μV/K)',
        yScale: 'linear',
      },
      {
        id: `fig5${tag}-dS`,
        title: `${tag} ${c.name}: S_{VP} − S_{VTP}`,
        where: w,
        ...X,
        series: [{ key: 'dS_uVK', label: 'ΔS' }],
        yLabel: 'S_{VP} − S_{VTP} (μV/K)',
        yScale: 'linear',
        skipCoherent: true,
      },
    );
  }
  return {
    id: 'fig5',
    number: '5',
    title: 'Thermopower',
    caption:
      'Seebeck coefficient S = −(μ_R − μ_L)/(e(T_R − T_L)) (paper Eq. 31) of the pure thermal circuit, VP vs VTP, and their difference; (a) symmetric, (b) thermal asymmetry, (c) tunnel-coupling asymmetry.',
    rows,
    panels,
    peaks,
    notes: [
      ...commonNotes(p, 'thermal').slice(0, 1),
      `Thermopower deviation (our definition for the paper's 7.3 / 16.3 / 37.1 %): max over μ0 of |S_VP − S_VTP| divided by max over μ0 of |S_${p.errorReference}| (S changes sign at mid-gap, so a pointwise ratio diverges there).`,
      commonNotes(p, 'thermal')[2],
    ],
    columns: [
      { key: 'config', label: 'configuration', unit: '' },
      { key: 'gamma_eV', label: 'γ', unit: 'eV' },
      { key: 'mu0_eV', label: 'μ0 − ε0', unit: 'eV' },
      { key: 'S_VP_uVK', label: 'S (VP)', unit: 'μV/K' },
      { key: 'S_VTP_uVK', label: 'S (VTP)', unit: 'μV/K' },
      { key: 'dS_uVK', label: 'S_VP − S_VTP', unit: 'μV/K' },
    ],
  };
}

/** Ids of the six figures. */
export const FIGURE_IDS = ['fig1', 'fig2', 'fig3', 'fig4', 'fig5', 'fig6'] as const;

/** One figure of the paper at the parameters `p`. */
export function paperFigure(id: (typeof FIGURE_IDS)[number], p: PaperParameters, cache: SweepCache): Figure {
  const elNotes = commonNotes(p, 'electronic');
  switch (id) {
    case 'fig1':
      return electronicFigure(
        p,
        cache,
        'fig1',
        '1',
        'Symmetric electronic circuit',
        'Charge and heat currents into R against level alignment for several probe couplings γ, VP vs VTP, and their relative errors (Γ_L = Γ_R = 0.5 eV, T_L = 325 K, T_R = 275 K).',
        [{ config: 'symmetric', tag: '' }],
        'local',
        elNotes,
      );
    case 'fig2':
      return electronicFigure(
        p,
        cache,
        'fig2',
        '2',
        'Electronic circuit with broken symmetry',
        '(a) thermal asymmetry (Γ_L = Γ_R = 0.5 eV, T_L = 350 K, T_R = 275 K); (b) tunnel-coupling asymmetry (Γ_L = 0.5 eV, Γ_R = 0.25 eV, T_L = 325 K, T_R = 275 K).',
        [
          { config: 'thermal', tag: '(a)' },
          { config: 'tunnel', tag: '(b)' },
        ],
        'local',
        elNotes,
      );
    case 'fig3':
      return figure3(p, cache);
    case 'fig4':
      return figure4(p, cache);
    case 'fig5':
      return figure5(p, cache);
    case 'fig6':
      return electronicFigure(
        p,
        cache,
        'fig6',
        '6',
        'Flat probe (Appendix C)',
        `The probe couples equally to all six sites (${p.flatNormalisation === 'gammaI' ? 'Γ_P = γ·I: six independent channels of width γ' : 'Γ_P = (γ/6)·I'}); (a) thermal asymmetry, (b) tunnel-coupling asymmetry.`,
        [
          { config: 'thermal', tag: '(a)' },
          { config: 'tunnel', tag: '(b)' },
        ],
        'flat',
        elNotes,
      );
  }
}

/** All six figures. */
export function paperFigures(p: PaperParameters, cache: SweepCache): Figure[] {
  return FIGURE_IDS.map((id) => paperFigure(id, p, cache));
}

/**
 * The same figure at another parameter set, with ids that do not collide (`fig1-best`, panels
 * `…-best`), for drawing beside the baseline.
 */
export function relabelled(f: Figure, suffix: string, title: string): Figure {
  return { ...f, id: `${f.id}-${suffix}`, title, subtitle: 'best reproducing set', panels: f.panels.map((p) => ({ ...p, id: `${p.id}-${suffix}` })) };
}
