/**
 * Probe maps (docs/physics.md §15): one probe of a system moved over every site in turn; at each
 * site the probe is solved as a voltage probe (VP) and as a voltage–temperature probe (VTP) with the
 * same coupling (docs/physics.md §4–§5), giving μ_P and T_P of each model, the heat current the VP
 * absorbs and the entropy production of both. Pure: no I/O.
 */
import { couplingSites, couplingWidth, localCoupling, sparseLocalCoupling } from '../numeric/coupling.js';
import { leadReachedSites } from '../numeric/hamiltonian.js';
import { isSparseOnly, prepareSystem, withProbeModel, type TransportSystem, type OnsagerMethod } from '../numeric/system.js';
import { thermometerRows, type THERMOMETER_RTOL } from './thermometer.js';
import { solveCircuit, CircuitSpecError, probeRowError, type CircuitKind, type TerminalState } from '../numeric/circuit.js';
import type { Onsager, Reference } from '../numeric/onsager.js';
import { isProbe, isTestProbe } from '../model/probeModels.js';
import { probeVariants } from './vpVtp.js';

/** The map of one probe over sites (arrays indexed like `sites`). Units: eV, K, W, W/K. */
export interface ProbeMap {
  readonly probe: string;
  /** Width γ of the moved probe (eV); 0 for the coherent-limit (test) probe. */
  readonly gamma: number;
  readonly sites: Int32Array;
  /** μ_P (eV, absolute) as VP and as VTP. */
  readonly muVP: Float64Array;
  readonly muVTP: Float64Array;
  /** T_P (K): the VP's fixed temperature, the VTP's solved one. */
  readonly temperatureVP: Float64Array;
  readonly temperatureVTP: Float64Array;
  /** Heat current J^Q into the probe as a VP (W); zero for the VTP by construction. */
  readonly heatVP: Float64Array;
  /** Entropy production Ṡ of the whole circuit (W/K) with the probe as VP and as VTP. */
  readonly entropyVP: Float64Array;
  readonly entropyVTP: Float64Array;
  /**
   * Relative error of the probe's Onsager row at each site from the rounding of G (circuit.ts
   * `probeRowError`, docs/physics.md §15 "Isolated sites"); at 1 or more (Infinity: a site no lead
   * reaches) μ_P, T_P and the VP's heat current are not determined there and are NaN in the arrays
   * (blank cells in the CSV, no disc in the SVG).
   */
  readonly probeError: Float64Array;
  /** How the map was computed: one solve per site, or one shared quadrature for all sites (γ = 0). */
  readonly route?: 'per-site' | 'shared';
  /** The shared quadrature's own account (route "shared"): energies solved, convergence, error/scale. */
  readonly quadrature?: {
    readonly evaluations: number;
    readonly converged: boolean;
    readonly maxError: number;
    readonly rtol: number;
    /** Per visited site (indexed like `sites`): its row's largest estimated error over the row scale. */
    readonly siteError: Float64Array;
    /** "pole-subtraction" (window poles in closed form, the remainder by quadrature) or "quadrature" (docs/physics.md §15). */
    readonly method?: 'pole-subtraction' | 'quadrature';
    /** Window poles integrated in closed form. */
    readonly poles?: number;
    /**
     * The reason of the flags: window poles neither subtracted nor integrable (rounding-determined
     * width and terminal split, e.g. a flake's zero modes; docs/physics.md §15), with energy (eV),
     * computed width (eV) and the number of sites whose error that pole alone exceeds the tolerance.
     */
    readonly unresolved?: ReadonlyArray<{ readonly energy: number; readonly width: number; readonly sites: number }>;
  };
}

/** Options of {@link probeMap}. */
export interface ProbeMapOptions {
  /** Sites to visit (default all, 0…N−1). */
  readonly sites?: readonly number[];
  readonly method?: OnsagerMethod;
  /** Called after each site. */
  readonly onSite?: (site: number) => void;
  /**
   * How a coherent-limit (γ = 0) probe is computed: "shared" — every site's row from one vector
   * quadrature (docs/physics.md §15, {@link thermometerRows}); "per-site" — one `solveSystem` per
   * site; "auto" (default) — shared on the sparse path (N ≥ 300), per site otherwise. A finite-γ
   * probe is always per site.
   */
  readonly route?: 'auto' | 'shared' | 'per-site';
  /** Relative tolerance of the shared route (default {@link THERMOMETER_RTOL}). */
  readonly rtol?: number;
}

/** The width of a probe with a single-site local coupling, or a CircuitSpecError naming the field. */
function singleSiteWidth(system: TransportSystem, index: number): number {
  const t = system.terminals[index];
  const notSingle = () =>
    new CircuitSpecError(
      `terminals[${index}].coupling: a map moves a probe coupled to one site ("sites": [i], "gamma": γ); "${t.name}" has another coupling`,
      `terminals[${index}].coupling`,
    );
  const sp = t.coupling.sparse;
  if (sp) {
    // sparse form (a config above the dense limit): Γ = Σ_w w w†, one channel on one site
    if (t.lead || sp.length > 1 || (sp.length === 1 && sp[0].index.length !== 1)) throw notSingle();
    return isTestProbe(t) || sp.length === 0 ? 0 : sp[0].re[0] ** 2 + sp[0].im[0] ** 2;
  }
  const g = t.coupling.gamma,
    n = g.rows;
  let site = -1,
    nonzero = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const re = g.re[i * n + j],
        im = g.im[i * n + j];
      if (re !== 0 || im !== 0) {
        if (i !== j) nonzero = 2;
        else {
          site = i;
          nonzero++;
        }
      }
    }
  }
  if (nonzero !== 1 || t.lead) throw notSingle();
  return isTestProbe(t) ? 0 : g.re[site * n + site];
}

/**
 * Move probe `probeName` over every site (its width and model unchanged, other terminals fixed)
 * and solve it at each site as a VP and as a VTP from one set of Onsager coefficients
 * (docs/physics.md §15). Each site is an independent `solveSystem` of the moved system, so a map
 * value equals a direct solve with the probe placed there.
 * @throws CircuitSpecError when the name is unknown, names a lead, or the probe is not a single-site coupling
 * @example
 * ```ts
 * import { benzene, localCoupling, probeMap } from 'probecheck';
 * const system = {
 *   hamiltonian: benzene(-2.64),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.001, temperature: 310, coupling: localCoupling(6, [0], 0.5) },
 *     { name: 'R', role: 'lead', mu: 0, temperature: 290, coupling: localCoupling(6, [3], 0.5) },
 *     { name: 'P', role: 'VTP', coupling: localCoupling(6, [1], 0.05) },
 *   ],
 * } as const;
 * const map = probeMap(system, { mu: 0.3, temperature: 300 }, 'electronic', 'P');
 * console.log(map.temperatureVTP, map.heatVP); // K and W per site
 * ```
 */
export function probeMap(system: TransportSystem, reference: Reference, kind: CircuitKind, probeName: string, options: ProbeMapOptions = {}): ProbeMap {
  const index = system.terminals.findIndex((t) => t.name === probeName);
  if (index < 0) throw new CircuitSpecError(`--probe: no terminal named "${probeName}" (have ${system.terminals.map((t) => t.name).join(', ')})`, 'probe');
  const probe = system.terminals[index];
  if (!isProbe(probe.role)) throw new CircuitSpecError(`--probe: "${probeName}" is a lead; a map moves a probe ("probe": "VP" or "VTP")`, 'probe');
  const gamma = singleSiteWidth(system, index);
  const N = system.hamiltonian.rows;
  const sites = options.sites ?? Array.from({ length: N }, (_, s) => s);
  const m = sites.length;
  const out = {
    muVP: new Float64Array(m),
    muVTP: new Float64Array(m),
    temperatureVP: new Float64Array(m),
    temperatureVTP: new Float64Array(m),
    heatVP: new Float64Array(m),
    entropyVP: new Float64Array(m),
    entropyVTP: new Float64Array(m),
    probeError: new Float64Array(m),
  };
  const test = system.terminals.map((t) => isTestProbe(t));
  const widths = system.terminals.map((t, a) => (a === index ? gamma : couplingWidth(t.coupling)));
  // docs/physics.md §15 "Isolated sites": the sites a lead reaches through H and the other terminals
  const reached = leadReachedSites(
    system.sparseHamiltonian ?? system.hamiltonian,
    system.terminals.map((t, a) => (a === index ? [] : t.lead ? [t.lead.site] : couplingSites(t.coupling, N))),
    system.terminals.map((t) => t.role === 'lead'),
  );
  // the VP and VTP circuits of the same coupling: one Onsager set per site serves both
  // (probeVariants drops the `test` flag of coherent-limit probes, which the circuit needs: keep it)
  const variants = probeVariants(system, reference.temperature, kind);
  const keepTest = (states: readonly TerminalState[]): TerminalState[] => states.map((t, a) => ({ ...t, test: system.terminals[a].test }));
  const vpTerminals = keepTest(variants.vp.terminals!),
    vtpTerminals = keepTest(variants.vtp.terminals!);
  const spin = system.spin ?? 1;
  sites.forEach((s, k) => {
    if (!Number.isInteger(s) || s < 0 || s >= N) throw new CircuitSpecError(`sites[${k}]: site ${s} does not exist (H has sites 0…${N - 1})`, `sites[${k}]`);
  });
  // docs/physics.md §15: a coherent-limit probe on the sparse path shares one set of solves for all sites
  const route = options.route ?? 'auto';
  const useShared = gamma === 0 && m > 0 && route !== 'per-site' && (route === 'shared' || prepareSystem(system).path === 'sparse');
  const rows = useShared ? thermometerRows(system, index, reference, { rtol: options.rtol }) : undefined;
  const shared = rows ? (s: number) => rows.onsager(s) : undefined;
  // the moved system (an N × N coupling matrix per site) is built only on the per-site route
  const sparseOnly = isSparseOnly(system);
  // Both readings solve every probe as a VP or a VTP (probeVariants), from the plain coefficients of
  // the couplings; an ER probe's would be its energy-by-energy elimination (docs/physics.md §8), whose
  // zero probe rows leave the VP/VTP circuit singular. So an ER probe enters with its role switched.
  const plain = system.terminals.some((t) => t.role === 'ER') ? withProbeModel(system, 'VTP') : system;
  const movedOnsager = (s: number) => {
    const g = gamma === 0 ? 1 : gamma;
    const coupling = sparseOnly
      ? sparseLocalCoupling(N, [s], g, 'the moved probe of a map on a sparse-only system (docs/physics.md §14)')
      : localCoupling(N, [s], g);
    const moved: TransportSystem = { ...plain, terminals: plain.terminals.map((t, a) => (a === index ? { ...t, coupling } : t)) };
    return prepareSystem(moved).onsager(reference, options.method);
  };
  sites.forEach((s, k) => {
    const onsager = shared ? shared(s) : movedOnsager(s);
    const err = reached[s] ? probeRowError(onsager, index, test, widths) : Infinity;
    out.probeError[k] = err;
    if (!(err < 1)) {
      // docs/physics.md §15: the probe's row is zero or below the rounding floor of the transmission:
      // μ_P, T_P (and the VP's heat current) mean nothing here; Ṡ is the circuit's without the probe
      const vp = solveCircuit(dropProbe(onsager, index), vpTerminals, reference, kind, spin);
      const vtp = solveCircuit(dropProbe(onsager, index), vtpTerminals, reference, kind, spin);
      out.muVP[k] = out.muVTP[k] = out.temperatureVTP[k] = out.heatVP[k] = NaN;
      out.temperatureVP[k] = vp.temperature[index];
      out.entropyVP[k] = vp.entropyProduction;
      out.entropyVTP[k] = vtp.entropyProduction;
      options.onSite?.(s);
      return;
    }
    const vp = solveCircuit(onsager, vpTerminals, reference, kind, spin);
    const vtp = solveCircuit(onsager, vtpTerminals, reference, kind, spin);
    out.muVP[k] = vp.mu[index];
    out.muVTP[k] = vtp.mu[index];
    out.temperatureVP[k] = vp.temperature[index];
    out.temperatureVTP[k] = vtp.temperature[index];
    out.heatVP[k] = vp.heatCurrent[index];
    out.entropyVP[k] = vp.entropyProduction;
    out.entropyVTP[k] = vtp.entropyProduction;
    options.onSite?.(s);
  });
  const quadrature = rows
    ? {
        evaluations: rows.evaluations,
        converged: rows.converged,
        maxError: rows.maxError,
        rtol: rows.rtol,
        siteError: Float64Array.from(sites, (s) => rows.siteError[s]),
        method: rows.method,
        poles: rows.poles,
        unresolved: rows.unresolved,
      }
    : undefined;
  return { probe: probeName, gamma, sites: Int32Array.from(sites), ...out, route: rows ? 'shared' : 'per-site', ...(quadrature ? { quadrature } : {}) };
}

/**
 * The Onsager coefficients with probe `p` disconnected (its row and column 0) and, so that its
 * unknowns stay determined, a unit self-row to a lead of zero weight: its row is replaced by the
 * γ → 0 row of a probe that sees only the first terminal, which pins μ_P, T_P to that terminal's
 * and exchanges nothing (the entries L_αP, α ≠ p, stay 0). Used only for Ṡ at a site where the probe's
 * own values are blanked.
 */
function dropProbe(o: Onsager, p: number): Onsager {
  const n = o.terminals;
  const L0 = Float64Array.from(o.L0),
    L1 = Float64Array.from(o.L1),
    L2 = Float64Array.from(o.L2);
  for (let a = 0; a < n; a++) {
    for (const L of [L0, L1, L2]) {
      L[a * n + p] = 0;
      L[p * n + a] = 0;
    }
  }
  // pin the probe to terminal 0 through a row only (no column: nothing flows back)
  const t0 = p === 0 ? 1 : 0;
  L0[p * n + t0] = 1;
  L2[p * n + t0] = 1;
  return { terminals: n, L0, L1, L2 };
}

/**
 * One line saying which sites of a shared-route map are flagged and why (docs/physics.md §15), or
 * undefined when none is: the count, the worst site, and the window poles whose weight the map could
 * not assign (`quadrature.unresolved`: a mode whose width and split between the terminals are
 * rounding-determined, e.g. a flake's zero modes). For a CLI warning or a report.
 */
export function mapFlagSummary(map: ProbeMap): string | undefined {
  const q = map.quadrature;
  if (!q) return undefined;
  let bad = 0,
    worst = -1;
  q.siteError.forEach((e, k) => {
    if (!(e <= q.rtol)) {
      bad++;
      if (worst < 0 || !(e <= q.siteError[worst])) worst = k;
    }
  });
  if (bad === 0) return undefined;
  const head = `${bad} of ${q.siteError.length} sites have a row error above ${q.rtol} of its scale (worst: site ${map.sites[worst]}, ${q.siteError[worst].toExponential(2)})`;
  const u = q.unresolved ?? [];
  if (u.length === 0) return `${head}; docs/physics.md §15`;
  const lo = Math.min(...u.map((p) => Math.abs(p.energy))),
    hi = Math.max(...u.map((p) => Math.abs(p.energy)));
  const range = lo === hi ? `|E| = ${lo.toExponential(1)} eV` : `|E| = ${lo.toExponential(1)} … ${hi.toExponential(1)} eV`;
  return `${head}: ${u.length} window pole${u.length === 1 ? '' : 's'} at ${range} with a width and a split between the terminals that double precision does not determine (level splitting and width below rounding: zero modes); their possible weight is in those sites' error (docs/physics.md §15)`;
}

/** The map CSV's columns that are empty at a site where the probe's μ_P, T_P are undetermined (docs/physics.md §15). */
export const MAP_UNDETERMINED_COLUMNS: readonly string[] = ['mu_VP', 'JQ_VP', 'mu_VTP', 'T_VTP', 'probeError'];

/**
 * The map as CSV rows (header + one row per site, coordinates from `layout`), numbers in full
 * precision. A map by the shared route (a γ = 0 probe, docs/physics.md §15) has a last column
 * `rowError`: the site's estimated error relative to its row's scale; above `quadrature.rtol` the
 * site is flagged (its values are not resolved to that accuracy).
 */
export function probeMapTable(
  map: ProbeMap,
  layout: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> },
): { header: string[]; rows: Array<Array<number | null>> } {
  const q = map.quadrature;
  const header = ['site', 'x', 'y', 'mu_VP', 'T_VP', 'JQ_VP', 'Sdot_VP', 'mu_VTP', 'T_VTP', 'Sdot_VTP', 'probeError', ...(q ? ['rowError'] : [])];
  // docs/physics.md §15 "Isolated sites": undetermined μ_P, T_P, J^Q_P are empty cells, and so is
  // probeError there (≥ 1 or infinite); elsewhere probeError is the estimate of their relative error.
  // Only the columns of MAP_UNDETERMINED_COLUMNS may be empty (merge checks shards against it).
  const cell = (v: number) => (Number.isNaN(v) ? null : v);
  const rows = Array.from(map.sites, (s, k) => [
    s,
    layout.x[s],
    layout.y[s],
    cell(map.muVP[k]),
    map.temperatureVP[k],
    cell(map.heatVP[k]),
    map.entropyVP[k],
    cell(map.muVTP[k]),
    cell(map.temperatureVTP[k]),
    map.entropyVTP[k],
    map.probeError[k] < 1 ? map.probeError[k] : null,
    ...(q ? [q.siteError[k]] : []),
  ]);
  return { header, rows };
}
