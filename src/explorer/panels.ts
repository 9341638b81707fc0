/**
 * The explorer's figure panels and number tables for one computed view: which panels a circuit
 * shows, their series (VP dashed red, VTP solid blue, as in the report's convention of dashed VP),
 * and the rows of the two tables (the config's own `solve` numbers; VP against VTP). Pure.
 */
import type { Curves, ExplorerResult } from './compute.js';
import type { ExplorerView, ProbeModel } from './model.js';
import type { LineSeries, PlotSpec } from './svgplot.js';

/** Colours: one per model, and a ramp for several series of one model. */
export const MODEL_COLOR: Readonly<Record<ProbeModel, string>> = { VP: '#c0392b', VTP: '#1f5fa8', ER: '#2e8540' };
/** Line styles: VP dashed, VTP solid, ER dotted. */
export const MODEL_DASH: Readonly<Record<ProbeModel, string | undefined>> = { VP: '6,3', VTP: undefined, ER: '1.5,2.5' };
const RAMP = ['#1f5fa8', '#c0392b', '#2e8540', '#7d3c98', '#d35400', '#17a2b8', '#8c564b', '#555555'];

/** The panel identifiers, in display order (a panel not applicable to the circuit is omitted). */
export const PANEL_IDS = ['transmission', 'charge', 'seebeck', 'heat', 'relerr', 'probeT', 'probeMu', 'probeHeat', 'entropy'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Titles of the panels as LaTeX (typeset when the page is built; `R`, `P` stand for the names). */
export function panelTitles(outLead: string, probes: readonly string[]): Record<PanelId, string> {
  const R = `\\mathrm{${outLead}}`,
    P = probes.length === 1 ? `\\mathrm{${probes[0]}}` : 'P';
  return {
    transmission: 'T_{\\alpha\\beta}(E)\\ \\text{transmission}',
    charge: `I_{${R}}\\ \\text{charge current into ${outLead}}`,
    seebeck: 'S\\ \\text{thermopower}',
    heat: `J^Q_{${R}}\\ \\text{heat current into ${outLead}}`,
    relerr: '\\delta = (J_{\\mathrm{VP}} - J_{\\mathrm{VTP}})/J_{\\mathrm{VP}}',
    probeT: `T_{${P}}\\ \\text{probe temperature}`,
    probeMu: `\\mu_{${P}} - \\mu_0\\ \\text{probe potential}`,
    probeHeat: `J^Q_{${P},\\mathrm{VP}}\\ \\text{heat into the VP}`,
    entropy: '\\dot S_{\\mathrm{VP}} - \\dot S_{\\mathrm{VTP}}\\ \\text{(Eq. 33)}',
  };
}

/** Which panels the result shows (by circuit and whether there are probes). */
export function panelsShown(r: ExplorerResult): PanelId[] {
  const thermal = r.parsed.circuit === 'thermal';
  if (!r.comparison) return ['transmission'];
  return PANEL_IDS.filter((id) => (id === 'charge' ? !thermal : id === 'seebeck' ? thermal : true));
}

/** The plot of one panel. */
export function panelSpec(id: PanelId, r: ExplorerResult, view: ExplorerView): PlotSpec {
  const x = r.mu0;
  const mu0Label = 'μ0 (eV)';
  const ref = r.parsed.reference.mu;
  const base = { id, xLabel: mu0Label, markerX: ref };
  const c = r.comparison;
  const models = view.models;
  const byModel = (pick: (k: Curves) => Float64Array): LineSeries[] => {
    const out: LineSeries[] = [];
    for (const m of models) {
      const cv = curvesOfModel(r, m);
      if (cv) out.push({ label: m, x: cv.x, y: pick(cv.curves), color: MODEL_COLOR[m], dash: MODEL_DASH[m] });
    }
    return out;
  };
  const R = r.outLead;
  switch (id) {
    case 'transmission':
      return {
        id,
        title: 'transmission',
        xLabel: 'E (eV)',
        yLabel: 'T_αβ(E)',
        yUnit: '',
        yScale: 'log',
        abs: true,
        markerX: ref,
        minTop: 1e-2,
        series: r.transmission.series.map((s, k) => ({ label: `T_${s.label}`, x: r.transmission.E, y: s.values, color: RAMP[k % RAMP.length] })),
      };
    case 'charge':
      return { ...base, title: `charge current into ${R}`, yLabel: `|I_${R}|`, yUnit: 'A', yScale: 'log', abs: true, series: byModel((k) => k.charge[R]) };
    case 'heat':
      return { ...base, title: `heat current into ${R}`, yLabel: `|J^Q_${R}|`, yUnit: 'W', yScale: 'log', abs: true, series: byModel((k) => k.heat[R]) };
    case 'seebeck':
      return { ...base, title: 'thermopower', yLabel: 'S', yUnit: 'V/K', yScale: 'linear', series: byModel((k) => k.seebeck) };
    case 'relerr': {
      const thermal = r.parsed.circuit === 'thermal';
      const series: LineSeries[] = c
        ? [
            ...(thermal
              ? [{ label: 'δS', x, y: c.relativeErrorPercent.seebeck, color: '#2e8540' }]
              : [{ label: `δI_${R}`, x, y: c.relativeErrorPercent.charge, color: '#7d3c98' }]),
            { label: `δJ^Q_${R}`, x, y: c.relativeErrorPercent.heat, color: '#d35400' },
          ]
        : [];
      return { ...base, title: 'relative error of the VP', yLabel: '|δ|', yUnit: '%', prefix: false, yScale: 'log', abs: true, minTop: 1, series };
    }
    case 'probeT':
      return {
        ...base,
        title: 'probe temperature',
        yLabel: 'T_P',
        yUnit: 'K',
        prefix: false,
        yScale: 'linear',
        series: probeSeries(r, models, (k, p) => k.T[p]),
      };
    case 'probeMu':
      return {
        ...base,
        title: 'probe potential',
        yLabel: 'μ_P − μ0',
        yUnit: 'eV',
        yScale: 'linear',
        series: probeSeries(r, models, (k, p, xs) => k.mu[p].map((v, i) => v - xs[i])),
      };
    case 'probeHeat':
      return {
        ...base,
        title: 'heat current into the VP',
        yLabel: 'J^Q_P,VP',
        yUnit: 'W',
        yScale: 'linear',
        series: c
          ? r.probes.map((p, k) => ({
              label: r.probes.length > 1 ? `${p} (VP)` : 'VP',
              x,
              y: c.curves.VP.heat[p],
              color: r.probes.length > 1 ? RAMP[k % RAMP.length] : MODEL_COLOR.VP,
              dashed: true,
            }))
          : [],
      };
    case 'entropy':
      return {
        ...base,
        title: 'excess entropy production',
        yLabel: 'Ṡ_VP − Ṡ_VTP',
        yUnit: 'W/K',
        yScale: 'log',
        abs: false,
        series: c
          ? [
              { label: 'Ṡ_VP − Ṡ_VTP', x, y: c.excessEntropy, color: '#333333' },
              { label: 'Eq. 33: J^Q_P,VP (T_P^VTP − T_P^VP)/T0²', x, y: c.excessEntropyEq33, color: '#e08e0b', dashed: true },
            ]
          : [],
      };
  }
}

/** The curves of a model and their μ0 grid (ER: its own grid, once computed). */
function curvesOfModel(r: ExplorerResult, m: ProbeModel): { x: Float64Array; curves: Curves } | null {
  if (m === 'ER') return r.er ? { x: r.er.mu0, curves: r.er.curves } : null;
  return r.comparison ? { x: r.mu0, curves: r.comparison.curves[m] } : null;
}

function probeSeries(r: ExplorerResult, models: readonly ProbeModel[], pick: (k: Curves, p: string, x: Float64Array) => Float64Array): LineSeries[] {
  const out: LineSeries[] = [];
  r.probes.forEach((p, k) => {
    for (const m of models) {
      const cv = curvesOfModel(r, m);
      if (!cv) continue;
      const label = r.probes.length > 1 ? `${p} ${m}` : m;
      out.push({ label, x: cv.x, y: pick(cv.curves, p, cv.x), color: r.probes.length > 1 ? RAMP[k % RAMP.length] : MODEL_COLOR[m], dash: MODEL_DASH[m] });
    }
  });
  return out;
}

/** A number row: its path in the `solve` JSON, label (LaTeX), unit, and the circuits it applies to. */
export interface ReadoutRow {
  readonly path: string;
  readonly latex: string;
  readonly unit: string;
  readonly circuits: ReadonlyArray<'electronic' | 'thermal'>;
  /** Comparison table: how the third column is derived from the VP and VTP values. */
  readonly derived?: 'relerr' | 'excess';
}

const BOTH = ['electronic', 'thermal'] as const;

/** Rows of the table of the config's own `solve` numbers. */
export function solveRows(names: readonly string[], leads: readonly string[], probes: readonly string[]): ReadoutRow[] {
  const rows: ReadoutRow[] = [];
  const m = (n: string) => `\\mathrm{${n}}`;
  for (const p of probes) {
    rows.push({ path: `probes.${p}.mu`, latex: `\\mu_{${m(p)}}`, unit: 'eV', circuits: BOTH });
    rows.push({ path: `probes.${p}.T`, latex: `T_{${m(p)}}`, unit: 'K', circuits: BOTH });
  }
  for (const n of leads.slice(1)) rows.push({ path: `mu.${n}`, latex: `\\mu_{${m(n)}}`, unit: 'eV', circuits: ['thermal'] });
  for (const n of names) {
    rows.push({ path: `currents.${n}.charge`, latex: `I_{${m(n)}}`, unit: 'A', circuits: BOTH });
    rows.push({ path: `currents.${n}.heat`, latex: `J^Q_{${m(n)}}`, unit: 'W', circuits: BOTH });
  }
  rows.push({ path: 'entropyProduction', latex: '\\dot S', unit: 'W/K', circuits: BOTH });
  rows.push({ path: 'seebeck', latex: 'S', unit: 'V/K', circuits: ['thermal'] });
  return rows;
}

/** Rows of the VP-against-VTP table. */
export function comparisonRows(outLead: string, probes: readonly string[]): ReadoutRow[] {
  const m = (n: string) => `\\mathrm{${n}}`;
  const rows: ReadoutRow[] = [
    { path: `currents.${outLead}.charge`, latex: `I_{${m(outLead)}}`, unit: 'A', circuits: ['electronic'], derived: 'relerr' },
    { path: `currents.${outLead}.heat`, latex: `J^Q_{${m(outLead)}}`, unit: 'W', circuits: BOTH, derived: 'relerr' },
    { path: 'seebeck', latex: 'S', unit: 'V/K', circuits: ['thermal'], derived: 'relerr' },
  ];
  for (const p of probes) {
    rows.push({ path: `probes.${p}.mu`, latex: `\\mu_{${m(p)}}`, unit: 'eV', circuits: BOTH, derived: 'excess' });
    rows.push({ path: `probes.${p}.T`, latex: `T_{${m(p)}}`, unit: 'K', circuits: BOTH, derived: 'excess' });
    rows.push({ path: `currents.${p}.heat`, latex: `J^Q_{${m(p)}}`, unit: 'W', circuits: BOTH, derived: 'excess' });
  }
  rows.push({ path: 'entropyProduction', latex: '\\dot S', unit: 'W/K', circuits: BOTH, derived: 'excess' });
  return rows;
}

/** The number as the page writes it: 10 significant digits, parseable by Number() (null → "null"). */
export function formatValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'number') return '';
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e6 ? v.toExponential(9) : v.toPrecision(10);
}

const PREFIXES: Array<[number, string]> = [
  [-18, 'a'],
  [-15, 'f'],
  [-12, 'p'],
  [-9, 'n'],
  [-6, 'µ'],
  [-3, 'm'],
  [0, ''],
];

/** The number for a reader: 4 significant digits with an SI prefix (K and % unprefixed). */
export function humanValue(v: unknown, unit: string): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v === null ? '—' : '';
  if (unit === 'K' || unit === '%' || unit === '' || v === 0) return `${Number(v.toPrecision(6))}${unit ? ` ${unit}` : ''}`.replace('-', '−');
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e < -18) return `${v.toExponential(2)} ${unit}`.replace(/-/g, '−'); // below atto: rounding-level, say so plainly
  let best = PREFIXES[0];
  for (const p of PREFIXES) if (e >= p[0]) best = p;
  return `${(v / 10 ** best[0]).toPrecision(4)} ${best[1]}${unit}`.replace('-', '−');
}
