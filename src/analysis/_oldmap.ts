/**
 * Probe maps (docs/physics.md §15): one probe of a system moved over every site in turn; at each
 * site the probe is solved as a voltage probe (VP) and as a voltage–temperature probe (VTP) with the
 * same coupling (docs/physics.md §4–§5), giving μ_P and T_P of each model, the heat current the VP
 * absorbs and the entropy production of both. Pure: no I/O.
 */
import { localCoupling } from '../numeric/coupling.js';
import { prepareSystem, selfEnergyFlags, type TransportSystem, type OnsagerMethod } from '../numeric/system.js';
import { K_B_EV } from '../numeric/constants.js';
import { onsagerQuadrature, type Onsager } from '../numeric/onsager.js';
import type { TransmissionEngine } from '../numeric/transmission.js';
import { sparseFromDense, sparseSolver, SparseAccuracyError, type SparseSolver } from '../numeric/sparse.js';
import { effectiveHamiltonian, sparseChannels, sparseResonances, SPARSE_WINDOW } from '../numeric/sparseTransmission.js';
import { solveCircuit, CircuitSpecError, type CircuitKind, type TerminalState } from '../numeric/circuit.js';
import type { Reference } from '../numeric/onsager.js';
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
}

/** Options of {@link probeMap}. */
export interface ProbeMapOptions {
  /** Sites to visit (default all, 0…N−1). */
  readonly sites?: readonly number[];
  readonly method?: OnsagerMethod;
  /** Called after each site. */
  readonly onSite?: (site: number) => void;
}

/** The width of a probe with a single-site local coupling, or a CircuitSpecError naming the field. */
function singleSiteWidth(system: TransportSystem, index: number): number {
  const t = system.terminals[index];
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
  if (nonzero !== 1 || t.lead)
    throw new CircuitSpecError(
      `terminals[${index}].coupling: a map moves a probe coupled to one site ("sites": [i], "gamma": γ); "${t.name}" has another coupling`,
      `terminals[${index}].coupling`,
    );
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
  };
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
  const shared = gamma === 0 && m > 0 ? thermometerOnsager(system, index, reference) : undefined;
  sites.forEach((s, k) => {
    const coupling = localCoupling(N, [s], gamma === 0 ? 1 : gamma);
    const moved: TransportSystem = { ...system, terminals: system.terminals.map((t, a) => (a === index ? { ...t, coupling } : t)) };
    const onsager = shared ? shared(s) : prepareSystem(moved).onsager(reference, options.method);
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
  return { probe: probeName, gamma, sites: Int32Array.from(sites), ...out };
}

/** The map as CSV rows (header + one row per site, coordinates from `layout`), numbers in full precision. */
export function probeMapTable(map: ProbeMap, layout: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> }): { header: string[]; rows: number[][] } {
  const header = ['site', 'x', 'y', 'mu_VP', 'T_VP', 'JQ_VP', 'Sdot_VP', 'mu_VTP', 'T_VTP', 'Sdot_VTP'];
  const rows = Array.from(map.sites, (s, k) => [
    s,
    layout.x[s],
    layout.y[s],
    map.muVP[k],
    map.temperatureVP[k],
    map.heatVP[k],
    map.entropyVP[k],
    map.muVTP[k],
    map.temperatureVTP[k],
    map.entropyVTP[k],
  ]);
  return { header, rows };
}

/**
 * The Onsager sets of a coherent-limit (test) probe `index` on every site at once, for a system on
 * the sparse path (docs/physics.md §14–§15), or undefined when the system takes the dense path. A
 * test probe is not in G and the circuit drops the other rows' couplings to it, so the moved system
 * differs only in the probe's own row, L^(ν)_Pβ = ∫ dE (E − μ0)^ν (−∂f/∂E) T_Pβ(E) with the
 * first-order T_Pβ(E) = Σ_{w ∈ β} |(G(E) w)_s|² (unit Γ̂_P = e_s e_sᵀ): one sparse LU and one solve per
 * channel of the other terminals per energy gives that row for all sites. The rows are integrated by
 * the same adaptive quadrature (rtol 1e-12, its own error estimate) as the sparse Onsager path.
 */
function thermometerOnsager(system: TransportSystem, index: number, reference: Reference): ((site: number) => Onsager) | undefined {
  if (prepareSystem(system).path !== 'sparse') return undefined;
  const N = system.hamiltonian.rows,
    n = system.terminals.length;
  const h = sparseFromDense(system.hamiltonian);
  const inSelfEnergy = selfEnergyFlags(system);
  const channels = system.terminals.map((t) => sparseChannels(t.coupling));
  const K = effectiveHamiltonian(h, channels, inSelfEnergy);
  const solver = sparseSolver(K);
  let banded: SparseSolver | null = null;
  // columns: the channels of the terminals in G (a test probe exchanges nothing at first order)
  const chans: Array<{ w: (typeof channels)[number][number]; beta: number }> = [];
  channels.forEach((cs, b) => {
    if (inSelfEnergy[b]) cs.forEach((w) => chans.push({ w, beta: b }));
  });
  const r = chans.length;
  const bRe = new Float64Array(N * r),
    bIm = new Float64Array(N * r),
    xRe = new Float64Array(N * r),
    xIm = new Float64Array(N * r);
  chans.forEach(({ w }, c) => {
    for (let x = 0; x < w.index.length; x++) {
      bRe[c * N + w.index[x]] = w.re[x];
      bIm[c * N + w.index[x]] = w.im[x];
    }
  });
  const solveAt = (energy: number, sv: SparseSolver) => {
    if (sv.factor(energy, 0) < -0.5) sv.factor(energy + Math.max(Math.abs(energy), 1) * 2 ** -50, 0);
    return sv.solve(bRe, bIm, r, xRe, xIm);
  };
  // packed "engine": entry s·n + β is the moved probe's T_sβ(E); entry N·n + α·n + β the unmoved
  // system's T_αβ(E) (α ≠ the moved probe) = Σ |w_i† G w_j|² as in the sparse engine;
  // onsagerQuadrature integrates every entry alike
  const base = N * n;
  const side = Math.ceil(Math.sqrt(base + n * n));
  const engine: TransmissionEngine = {
    terminals: side,
    channels: r,
    levels: new Float64Array(0),
    resonances: [],
    evaluate(energy: number, out: Float64Array): void {
      out.fill(0);
      try {
        solveAt(energy, solver);
      } catch (e) {
        if (!(e instanceof SparseAccuracyError) || solver.method === 'banded') throw e;
        banded ??= sparseSolver(K, { method: 'banded' });
        solveAt(energy, banded);
      }
      for (let c = 0; c < r; c++) {
        const off = c * N,
          beta = chans[c].beta;
        for (let s = 0; s < N; s++) out[s * n + beta] += xRe[off + s] * xRe[off + s] + xIm[off + s] * xIm[off + s];
        channels.forEach((cs, a) => {
          if (a === index || a === beta) return;
          for (const w of cs) {
            let sr = 0,
              si = 0;
            for (let x = 0; x < w.index.length; x++) {
              const v = w.index[x],
                wr = w.re[x],
                wi = -w.im[x],
                yr = xRe[off + v],
                yi = xIm[off + v];
              sr += wr * yr - wi * yi;
              si += wr * yi + wi * yr;
            }
            out[base + a * n + beta] += sr * sr + si * si;
          }
        });
      }
    },
  };
  const kT = K_B_EV * reference.temperature;
  const lo = reference.mu - (SPARSE_WINDOW + 1) * kT,
    hi = reference.mu + (SPARSE_WINDOW + 1) * kT;
  const q = onsagerQuadrature(engine, reference.mu, kT, { resonances: sparseResonances(h, channels, lo, hi, { inSelfEnergy }) });
  return (site: number): Onsager => {
    const L0 = q.L0.slice(base, base + n * n),
      L1 = q.L1.slice(base, base + n * n),
      L2 = q.L2.slice(base, base + n * n);
    for (let b = 0; b < n; b++) {
      if (b === index) continue;
      L0[index * n + b] = q.L0[site * n + b];
      L1[index * n + b] = q.L1[site * n + b];
      L2[index * n + b] = q.L2[site * n + b];
    }
    return { terminals: n, L0, L1, L2, method: 'sparse-quadrature' };
  };
}
