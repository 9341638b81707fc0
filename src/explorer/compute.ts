/**
 * What the explorer shows for one state, computed by the same functions as the CLI: the state's
 * config goes through {@link parseConfig} (exactly as `probecheck solve CONFIG.json` reads it) and
 * {@link solveSystem} → {@link solutionJson} (the `solve` JSON object); the VP and VTP variants of
 * the config are solved the same way; the μ0 curves come from {@link scanCircuits} (the scan of
 * `probecheck scan` and the report), both models from one set of Onsager coefficients per point;
 * T_αβ(E) from {@link transmissionTable} (the `transmission` command's table). Pure: no DOM.
 *
 * Relative errors follow the paper's Appendix B (docs/physics.md §7): δ = (J_VP − J_VTP)/J_VP, left
 * out (NaN) within k_B T0 of a sign change of J_VP, where the ratio is meaningless (as the report).
 */
import { parseConfig, type ParsedConfig } from '../config.js';
import { isTimeReversalSymmetric, solveSystem } from '../numeric/system.js';
import { K_B_EV } from '../numeric/constants.js';
import { scanCircuits } from '../scan.js';
import { solutionJson, transmissionTable } from '../cli/format.js';
import { relativeError, zeroCrossingMask } from '../paper/metrics.js';
import { linspace } from '../scan.js';
import { mu0Grid, withProbeModel, type ConfigJson, type ExplorerState } from './model.js';

/** The two models compared point by point (closed form, every update). */
export type Compared = 'VP' | 'VTP';

/** The `solve` JSON object (see README "solve output"). */
export type SolveJson = Record<string, unknown>;

/** One model's circuit along the μ0 grid (SI units, as in the `solve` output). */
export interface Curves {
  /** Charge current into each terminal (A), by name. */
  readonly charge: Readonly<Record<string, Float64Array>>;
  /** Heat current into each terminal (W), by name. */
  readonly heat: Readonly<Record<string, Float64Array>>;
  /** μ of each terminal (eV, absolute), by name. */
  readonly mu: Readonly<Record<string, Float64Array>>;
  /** T of each terminal (K), by name. */
  readonly T: Readonly<Record<string, Float64Array>>;
  /** Entropy production Ṡ (W/K). */
  readonly entropy: Float64Array;
  /** Thermopower (V/K) between the first two leads; NaN in the electronic circuit. */
  readonly seebeck: Float64Array;
}

/** The VP and VTP variants: their configs, `solve` objects and curves. */
export interface Comparison {
  readonly configs: Readonly<Record<Compared, ConfigJson>>;
  readonly solve: Readonly<Record<Compared, SolveJson>>;
  readonly curves: Readonly<Record<Compared, Curves>>;
  /** (X_VP − X_VTP)/X_VP along μ0 in percent, NaN within k_B T0 of a sign change of X_VP. */
  readonly relativeErrorPercent: Readonly<Record<'charge' | 'heat' | 'seebeck', Float64Array>>;
  /** Ṡ_VP − Ṡ_VTP along μ0 (W/K). */
  readonly excessEntropy: Float64Array;
  /** docs/physics.md §5, paper Eq. 33: Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² along μ0 (W/K), the second route to the excess. */
  readonly excessEntropyEq33: Float64Array;
}

/** Everything the page shows for one state. */
export interface ExplorerResult {
  /** The config as downloaded ("download CONFIG.json"). */
  readonly config: ConfigJson;
  readonly parsed: ParsedConfig;
  /** `probecheck solve` of {@link config}. */
  readonly solve: SolveJson;
  /** Terminal names in order, the leads, the probes, and the lead the curves show (the second lead). */
  readonly names: readonly string[];
  readonly leads: readonly string[];
  readonly probes: readonly string[];
  readonly outLead: string;
  readonly mu0: Float64Array;
  /** Null without probes. */
  readonly comparison: Comparison | null;
  /** T_αβ(E) for a < b (time-reversal symmetric systems) or every ordered pair, on the μ0 range. */
  readonly transmission: { readonly E: Float64Array; readonly series: ReadonlyArray<{ readonly label: string; readonly values: Float64Array }> };
  /** The ER variant, when computed (see {@link erSolve}, {@link erScan}; the page fills it in after the update). */
  er?: ErView;
}

/** The ER variant: its config, `solve` object and curves on its own (coarser) μ0 grid. */
export interface ErView {
  readonly config: ConfigJson;
  readonly solve: SolveJson;
  readonly mu0: Float64Array;
  readonly curves: Curves;
}

/** Most μ0 points of the ER curves: ER has no closed form (adaptive quadrature per point, ~1–3 ms each). */
export const ER_MAX_POINTS = 121;

/** The ER grid of a view: its range with at most {@link ER_MAX_POINTS} points. */
export function erGrid(state: ExplorerState): number[] {
  const { min, max, points } = state.view.mu0;
  return linspace(min, max, Math.min(points, ER_MAX_POINTS));
}

/** The config with every probe an ER probe, parsed and solved like `probecheck solve` (adaptive quadrature). */
export function erSolve(state: ExplorerState): { config: ConfigJson; parsed: ParsedConfig; solve: SolveJson } {
  const config = withProbeModel(state, 'ER');
  const parsed = parseConfig(config);
  const sol = solveSystem(parsed.system, parsed.reference, parsed.circuit);
  return { config, parsed, solve: solutionJson(parsed.system, sol, { method: sol.onsager.method ?? 'closed-form' }) };
}

/** The ER circuit at some μ0 points (the page calls this in slices so that sliders stay responsive). */
export function erScan(parsed: ParsedConfig, mu0: readonly number[]): ReturnType<typeof scanCircuits> {
  return scanCircuits(parsed.system, parsed.reference, { mu0 }, [{ kind: parsed.circuit }]);
}

/** Energies of the transmission curve. */
export const TRANSMISSION_POINTS = 801;

/**
 * A value of the `solve` JSON at a dotted path (`currents.R.heat`, `probes.P.T`); terminal names
 * containing dots are matched whole. Undefined when absent.
 */
export function atPath(obj: unknown, path: string): unknown {
  let v: unknown = obj,
    rest = path;
  while (rest !== '') {
    if (v === null || typeof v !== 'object') return undefined;
    const o = v as Record<string, unknown>;
    // the longest key that is a prefix of the rest (names may contain dots)
    let key: string | undefined;
    for (const k of Object.keys(o)) if ((rest === k || rest.startsWith(k + '.')) && (key === undefined || k.length > key.length)) key = k;
    if (key === undefined) return undefined;
    v = o[key];
    rest = rest === key ? '' : rest.slice(key.length + 1);
  }
  return v;
}

export function curvesOf(points: ReturnType<typeof scanCircuits>, variant: number, names: readonly string[]): Curves {
  const m = points.length,
    n = names.length;
  const mk = () => Object.fromEntries(names.map((nm) => [nm, new Float64Array(m)])) as Record<string, Float64Array>;
  const charge = mk(),
    heat = mk(),
    mu = mk(),
    T = mk();
  const entropy = new Float64Array(m),
    seebeck = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const c = points[i].circuits[variant];
    for (let a = 0; a < n; a++) {
      const nm = names[a];
      charge[nm][i] = c.chargeCurrent[a];
      heat[nm][i] = c.heatCurrent[a];
      mu[nm][i] = c.mu[a];
      T[nm][i] = c.temperature[a];
    }
    entropy[i] = c.entropyProduction;
    seebeck[i] = c.seebeck ?? Number.NaN;
  }
  return { charge, heat, mu, T, entropy, seebeck };
}

function maskedPercent(vp: Float64Array, vtp: Float64Array, x: Float64Array, window: number): Float64Array {
  const d = relativeError(vp, vtp, 'VP');
  const mask = zeroCrossingMask(vp, x, window);
  return d.map((v, i) => (mask[i] || !Number.isFinite(v) ? Number.NaN : 100 * v));
}

/**
 * Compute the view of a state.
 * @throws ConfigError (config.ts) naming the field when the state's config is invalid, and the
 *   circuit errors of `probecheck solve` (SingularCircuitError, CircuitSpecError)
 */
export function computeView(state: ExplorerState, cache?: ViewCache): ExplorerResult {
  const config = state.config;
  const parsed = parseConfig(config);
  const { system, reference, circuit } = parsed;
  const sol = solveSystem(system, reference, circuit);
  const solve = solutionJson(system, sol, { method: sol.onsager.method ?? 'closed-form' });
  const names = system.terminals.map((t) => t.name);
  const leads = system.terminals.filter((t) => t.role === 'lead').map((t) => t.name);
  const probes = system.terminals.filter((t) => t.role !== 'lead').map((t) => t.name);
  const outLead = leads[1] ?? leads[0];
  const grid = mu0Grid(state.view);
  const mu0 = Float64Array.from(grid);

  let comparison: Comparison | null = null;
  if (probes.length > 0) {
    const configs = { VP: withProbeModel(state, 'VP'), VTP: withProbeModel(state, 'VTP') };
    const pVP = parseConfig(configs.VP),
      pVTP = parseConfig(configs.VTP);
    const sVP = solveSystem(pVP.system, pVP.reference, pVP.circuit),
      sVTP = solveSystem(pVTP.system, pVTP.reference, pVTP.circuit);
    const solveJ = {
      VP: solutionJson(pVP.system, sVP, { method: sVP.onsager.method ?? 'closed-form' }),
      VTP: solutionJson(pVTP.system, sVTP, { method: sVTP.onsager.method ?? 'closed-form' }),
    };
    // both variants share H and the couplings, hence the Onsager coefficients at every μ0
    const points = scanCircuits(pVP.system, pVP.reference, { mu0: grid }, [{ kind: pVP.circuit }, { kind: pVTP.circuit, terminals: pVTP.system.terminals }]);
    const curves = { VP: curvesOf(points, 0, names), VTP: curvesOf(points, 1, names) };
    const window = K_B_EV * reference.temperature;
    const T0 = reference.temperature;
    const m = grid.length;
    const excessEntropy = new Float64Array(m),
      eq33 = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      excessEntropy[i] = curves.VP.entropy[i] - curves.VTP.entropy[i];
      let s = 0;
      for (const p of probes) s += curves.VP.heat[p][i] * (curves.VTP.T[p][i] - curves.VP.T[p][i]);
      eq33[i] = s / (T0 * T0);
    }
    comparison = {
      configs,
      solve: solveJ,
      curves,
      relativeErrorPercent: {
        charge: maskedPercent(curves.VP.charge[outLead], curves.VTP.charge[outLead], mu0, window),
        heat: maskedPercent(curves.VP.heat[outLead], curves.VTP.heat[outLead], mu0, window),
        seebeck: maskedPercent(curves.VP.seebeck, curves.VTP.seebeck, mu0, window),
      },
      excessEntropy,
      excessEntropyEq33: eq33,
    };
  }

  const transmission = transmissionCurves(parsed, grid[0], grid[grid.length - 1], cache);
  return { config, parsed, solve, names, leads, probes, outLead, mu0, comparison, transmission };
}

/**
 * A cache for {@link computeView}: T_αβ(E) depends on H, the couplings and the energy range only,
 * not on temperatures, biases or probe models, so a slider on those skips it. The key is the JSON
 * of exactly those config fields (and which probes are in the coherent limit).
 */
export interface ViewCache {
  transmission?: { readonly key: string; readonly value: ExplorerResult['transmission'] };
}

function transmissionCurves(parsed: ParsedConfig, emin: number, emax: number, cache?: ViewCache): ExplorerResult['transmission'] {
  const { system, config } = parsed;
  const key = JSON.stringify([config.hamiltonian, config.terminals.map((t) => [t.name, t.coupling, t.probe !== undefined]), emin, emax]);
  if (cache?.transmission?.key === key) return cache.transmission.value;
  const names = system.terminals.map((t) => t.name);
  const energies = linspace(emin, emax, TRANSMISSION_POINTS);
  const table = transmissionTable(system, energies);
  const real = isTimeReversalSymmetric(system);
  const test = new Set(system.terminals.filter((t) => t.role !== 'lead' && t.test === true).map((t) => t.name));
  const series: Array<{ label: string; values: Float64Array }> = [];
  table.header.forEach((h, j) => {
    if (j === 0) return;
    const [, a, b] = /^T_(.+)_(.+)$/.exec(h) ?? [];
    if (test.has(a) || test.has(b)) return; // a γ = 0 probe transmits nothing
    if (real && names.indexOf(a) > names.indexOf(b)) return; // T_ab = T_ba
    series.push({ label: a.length === 1 && b.length === 1 ? `${a}${b}` : `${a},${b}`, values: Float64Array.from(table.rows, (r) => r[j] as number) });
  });
  const value = { E: Float64Array.from(energies), series };
  if (cache) cache.transmission = { key, value };
  return value;
}

/** Derived numbers shown next to the VP and VTP columns: `relerr:<path>` and `excess:<path>` (see docs/explorer.md). */
export function derivedValue(c: Comparison, spec: string): number | null {
  const m = /^(relerr|excess):(.+)$/.exec(spec);
  if (!m) return null;
  const vp = atPath(c.solve.VP, m[2]),
    vtp = atPath(c.solve.VTP, m[2]);
  if (typeof vp !== 'number' || typeof vtp !== 'number') return null;
  return m[1] === 'excess' ? vp - vtp : (vp - vtp) / vp;
}
