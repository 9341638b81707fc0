/**
 * The one schema for user input. A config (JSON) is validated here, at the boundary, and turned
 * into a {@link TransportSystem}; every problem is a {@link ConfigError} naming the field
 * (`terminals[2].coupling.gamma`), never a NaN further down. The JSON Schema published in
 * `schema/config.schema.json` is generated from the same zod definition ({@link configJsonSchema}).
 *
 * Units: energies (hopping, onsite, mu, gamma, Γ) in eV; temperatures in K; sites 0-based.
 */
import { JsonInputError, parseJsonStrict } from './io/json.js';
import { z } from 'zod';
import { type CMatrix, cmatrixFrom, hermiticityDefect, hermitianEigen, cmaxAbs } from './numeric/linalg.js';
import {
  benzene,
  ring,
  chain,
  grapheneFlake,
  hamiltonianFromEdges,
  leadReachedSites,
  ringEdges,
  chainEdges,
  grapheneEdges,
  type Edge,
} from './numeric/hamiltonian.js';
import { couplingSites, localCoupling, matrixCoupling, sparseLocalCoupling, type Coupling } from './numeric/coupling.js';
import { sparseHamiltonianFromEdges, type SparseMatrix } from './numeric/sparse.js';
import { unallocatedMatrix } from './numeric/unallocated.js';
import type { TransportSystem, Terminal } from './numeric/system.js';
import type { Reference } from './numeric/onsager.js';
import type { CircuitKind } from './numeric/circuit.js';
import { chainLead, tabulatedLead, type SelfEnergyLead } from './numeric/leads.js';
import { PROBE_MODELS, ROLES, type TerminalRole } from './model/probeModels.js';
import type { SpinFactor } from './model/units.js';
import {
  ENERGY_LIMIT,
  GAMMA_MIN,
  FLUX_LIMIT,
  DENSE_SITE_LIMIT,
  SPARSE_SITE_LIMIT,
  TERMINAL_LIMIT,
  INPUT_BYTES_LIMIT,
  LINEAR_MU_KT,
  LINEAR_T_FRACTION,
  energyProblem,
  temperatureProblem,
} from './limits.js';
import { K_B_EV } from './numeric/constants.js';

/** A config problem with the path of the offending field. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ConfigError';
  }
}

const num = z.number({ error: 'expected a finite number' });
const energy = num.describe('eV');
const realMatrix = z.array(z.array(num, { error: 'expected a row of finite numbers' }), { error: 'expected a matrix (array of rows)' });
const complexMatrix = z.object({ re: realMatrix, im: realMatrix }).strict();
const anyMatrix = z.union([realMatrix, complexMatrix], { error: 'expected a real matrix [[…]] or {"re": [[…]], "im": [[…]]}' });
const complexNumber = z.object({ re: num, im: num }).strict();
const siteIndex = z.number({ error: 'expected a site index' }).int({ error: 'site index must be an integer' }).min(0, { error: 'site index must be ≥ 0' });

const hopping = energy.optional().describe('nearest-neighbour hopping t in eV (default −2.64 for benzene, −2.7 otherwise)');
const onsiteScalar = num.optional().describe('on-site energy ε0 in eV (default 0)');
const siteCount = (min: number) =>
  z
    .number({ error: 'expected a number of sites' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be ≥ ${min}` })
    .max(SPARSE_SITE_LIMIT, { error: `must be ≤ ${SPARSE_SITE_LIMIT}` });
const flakeSide = z
  .number({ error: 'expected an integer' })
  .int({ error: 'must be an integer' })
  .min(1, { error: 'must be ≥ 1' })
  .max(200, { error: 'must be ≤ 200' });

/** The six forms of a Hamiltonian; exactly one applies (dispatched on "model", "matrix", "edges"). */
const hamiltonianForms = {
  benzene: z
    .object({ model: z.literal('benzene'), hopping, onsite: onsiteScalar })
    .strict()
    .describe('Hückel benzene: 6-ring, site 0 ↔ carbon 1, meta = (0, 2), para = (0, 3)'),
  ring: z
    .object({
      model: z.literal('ring'),
      sites: siteCount(2),
      hopping,
      onsite: onsiteScalar,
      flux: num.optional().describe('threading flux in flux quanta (Peierls phases)'),
    })
    .strict()
    .describe('N-site ring'),
  chain: z
    .object({ model: z.literal('chain'), sites: siteCount(1), hopping, onsite: onsiteScalar })
    .strict()
    .describe('open N-site chain'),
  graphene: z
    .object({ model: z.literal('graphene'), rows: flakeSide, cols: flakeSide, hopping, onsite: onsiteScalar })
    .strict()
    .describe('rectangular honeycomb flake (brick wall), site (r, c) ↦ r·cols + c'),
  matrix: z.object({ matrix: anyMatrix.describe('explicit Hermitian H in eV') }).strict(),
  edges: z
    .object({
      sites: siteCount(1),
      edges: z
        .array(z.tuple([siteIndex, siteIndex, z.union([num, complexNumber], { error: 'hopping must be a number or {"re", "im"}' })]), {
          error: 'edges must be a list of [i, j, t]',
        })
        .describe('bonds [i, j, t]: H[j][i] = t, H[i][j] = conj(t), t in eV'),
      onsite: z
        .union([num, z.array(num)], { error: 'onsite must be a number or one number per site' })
        .optional()
        .describe('on-site energies in eV'),
    })
    .strict(),
} as const;
const hamiltonianSchema = z.union([
  hamiltonianForms.benzene,
  hamiltonianForms.ring,
  hamiltonianForms.chain,
  hamiltonianForms.graphene,
  hamiltonianForms.matrix,
  hamiltonianForms.edges,
]);

/** The two forms of a coupling. */
const couplingForms = {
  sites: z
    .object({
      sites: z.array(siteIndex, { error: 'sites must be an array of site indices' }).min(1, { error: 'sites must not be empty' }),
      gamma: z
        .union([num, z.array(num)], { error: 'gamma must be a number or one number per site' })
        .describe('width γ ≥ 0 in eV, one for all sites or one per site'),
    })
    .strict()
    .describe('Γ = Σ_i γ_i e_i e_iᵀ: each listed site its own channel'),
  matrix: z.object({ matrix: anyMatrix.describe('full Hermitian positive-semidefinite Γ in eV') }).strict(),
  chain: z
    .object({
      chain: z
        .object({
          site: siteIndex.describe('device site the chain is attached to'),
          hopping: energy.describe('hopping t_lead along the chain in eV (≠ 0); band ε_lead ± 2|t_lead|'),
          contact: energy.describe('contact hopping t_c between the chain end and the site in eV (≠ 0)'),
          onsite: energy.default(0).describe('on-site energy ε_lead of the chain in eV (default 0)'),
        })
        .strict(),
    })
    .strict()
    .describe('semi-infinite tight-binding chain: exact Σ(E) = t_c² g(E) (docs/physics.md §9); wide-band limit Γ = 2 t_c²/|t_lead|'),
  selfEnergy: z
    .object({
      selfEnergy: z
        .object({
          site: siteIndex.describe('device site'),
          energies: z
            .array(num, { error: 'energies must be an array of numbers' })
            .min(2, { error: 'at least two energies are needed' })
            .describe('strictly increasing energies in eV; must cover μ0 ± 40 k_BT0'),
          re: z.array(num, { error: 're must be an array of numbers' }).describe('Re Σ(E) in eV'),
          im: z.array(num, { error: 'im must be an array of numbers' }).describe('Im Σ(E) ≤ 0 in eV (retarded)'),
        })
        .strict(),
    })
    .strict()
    .describe('tabulated self-energy Σ(E) on one site (from another code), linearly interpolated'),
} as const;
const couplingSchema = z.union([couplingForms.sites, couplingForms.matrix, couplingForms.chain, couplingForms.selfEnergy]);

/**
 * Pick the form a user meant (by its discriminating keys) and validate against that form alone, so
 * that an error names the field inside it instead of "matches none of the alternatives".
 */
function checkForm(raw: unknown, path: string, forms: Record<string, z.ZodType>, choose: (o: Record<string, unknown>) => string): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return; // the full parse reports the type
  const key = choose(raw as Record<string, unknown>);
  const r = forms[key].safeParse(raw);
  if (!r.success) throw issueToError(r.error.issues[0], raw, path);
}

function chooseHamiltonian(h: Record<string, unknown>): string {
  const given = ['model', 'matrix', 'edges'].filter((k) => h[k] !== undefined);
  if (given.length !== 1)
    throw new ConfigError(
      'hamiltonian',
      `give exactly one of "model", "matrix" or "edges" (got ${given.length ? given.map((k) => `"${k}"`).join(', ') : 'none'})`,
    );
  if (given[0] !== 'model') return given[0];
  const m = h.model;
  if (m !== 'benzene' && m !== 'ring' && m !== 'chain' && m !== 'graphene')
    throw new ConfigError('hamiltonian.model', 'model must be one of benzene, ring, chain, graphene');
  return m;
}

function chooseCoupling(path: string) {
  return (c: Record<string, unknown>): string => {
    const given = ['sites', 'matrix', 'chain', 'selfEnergy'].filter((k) => c[k] !== undefined);
    if (given.length !== 1) throw new ConfigError(path, 'give exactly one of "sites" with "gamma", "matrix", "chain" or "selfEnergy"');
    return given[0];
  };
}

const terminalSchema = z
  .object({
    name: z.string({ error: 'name must be a string' }).min(1, { error: 'name must not be empty' }),
    coupling: couplingSchema,
    probe: z
      .enum(PROBE_MODELS as unknown as ['VP', 'VTP', 'ER'], { error: 'probe must be "VP", "VTP" or "ER"' })
      .optional()
      .describe('omit for a physical lead; VP (μ_P solved), VTP (μ_P, T_P solved), ER (energy-resolved: current conserved at every energy)'),
    mu: energy.optional().describe('chemical potential in eV (absolute)'),
    T: num.optional().describe('temperature in K'),
  })
  .strict();

/** The zod schema of a probecheck config. */
export const configSchema = z
  .object({
    hamiltonian: hamiltonianSchema,
    reference: z.object({ mu: energy.default(0).describe('μ0 in eV'), T: num.describe('T0 in K') }).strict(),
    circuit: z.enum(['electronic', 'thermal'], { error: 'circuit must be "electronic" or "thermal"' }).default('electronic'),
    terminals: z.array(terminalSchema, { error: 'terminals must be an array' }).min(2, { error: 'at least two terminals are needed' }),
    spin: z
      .union([z.literal(1), z.literal(2)], { error: 'spin must be 1 or 2' })
      .default(1)
      .describe('spin degeneracy factor s: multiplies every current, Ṡ and L^(ν) (default 1, per spin channel as in the paper)'),
    response: z
      .enum(['linear', 'nonlinear'], { error: 'response must be "linear" or "nonlinear"' })
      .default('linear')
      .describe('"linear" (Onsager, around the reference) or "nonlinear" (full Fermi functions at the given μ, T; probes solved by Newton)'),
  })
  .strict();

/** A config as written by a user (after defaults). */
export type ProbecheckConfig = z.infer<typeof configSchema>;
type MatrixInput = z.infer<typeof anyMatrix>;

/** A terminal's coupling as written in a config. */
export type CouplingConfig = ProbecheckConfig['terminals'][number]['coupling'];

/** The local ("sites"/"gamma") form of a coupling, or undefined for a full matrix. */
export function siteCoupling(c: CouplingConfig): { sites: number[]; gamma: number | number[] } | undefined {
  return 'sites' in c ? c : undefined;
}

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /**
   * Hold H and Γ in sparse form only (docs/physics.md §14; only model/edges H, local couplings,
   * VP/VTP probes). Default: exactly when N > DENSE_SITE_LIMIT. `true` below the limit is for
   * comparing the two routes on one system.
   */
  readonly sparse?: boolean;
}

/** The parsed config: the system and what to do with it. */
export interface ParsedConfig {
  readonly config: ProbecheckConfig;
  readonly system: TransportSystem;
  readonly reference: Reference;
  readonly circuit: CircuitKind;
  /** Linear response around the reference, or the full finite-bias solution (docs/physics.md §10). */
  readonly response: 'linear' | 'nonlinear';
}

function pathString(path: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(config)';
}

/** The value at a zod issue path inside the raw input (undefined when absent). */
function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function toMatrix(m: MatrixInput, path: string): CMatrix {
  const re = Array.isArray(m) ? m : m.re;
  const im = Array.isArray(m) ? undefined : m.im;
  const n = re.length;
  if (n === 0) throw new ConfigError(path, 'matrix is empty');
  re.forEach((row, i) => {
    if (row.length !== n)
      throw new ConfigError(`${path}${Array.isArray(m) ? '' : '.re'}[${i}]`, `matrix must be square: row has ${row.length} entries, expected ${n}`);
  });
  if (im) {
    if (im.length !== n) throw new ConfigError(`${path}.im`, `imaginary part has ${im.length} rows, expected ${n}`);
    im.forEach((row, i) => {
      if (row.length !== n) throw new ConfigError(`${path}.im[${i}]`, `row has ${row.length} entries, expected ${n}`);
    });
  }
  // docs/config.md "Ranges and limits": every entry an eV-scale energy
  for (const [part, rows] of [
    ['', re],
    ['.im', im],
  ] as const) {
    if (!rows) continue;
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const p = energyProblem(v);
        if (p) throw new ConfigError(`${path}${Array.isArray(m) ? '' : part || '.re'}[${i}][${j}]`, p);
      }),
    );
  }
  return cmatrixFrom(re, im);
}

/** Number of sites a Hamiltonian form will have (before building it: the size cap comes first). */
function siteCountOf(h: ProbecheckConfig['hamiltonian']): { n: number; path: string } {
  if ('matrix' in h) return { n: Array.isArray(h.matrix) ? h.matrix.length : h.matrix.re.length, path: 'hamiltonian.matrix' };
  if ('edges' in h) return { n: h.sites, path: 'hamiltonian.sites' };
  switch (h.model) {
    case 'benzene':
      return { n: 6, path: 'hamiltonian' };
    case 'ring':
    case 'chain':
      return { n: h.sites, path: 'hamiltonian.sites' };
    case 'graphene':
      return { n: h.rows * h.cols, path: 'hamiltonian' };
  }
}

/**
 * Range checks of docs/config.md "Ranges and limits" that need no built matrices: sizes first
 * (before any allocation), then energies, temperatures, couplings. Each is one ConfigError
 * naming the field and the limit.
 */
function checkRanges(config: ProbecheckConfig, sparse: boolean): void {
  const { n, path } = siteCountOf(config.hamiltonian);
  if (n > SPARSE_SITE_LIMIT) throw new ConfigError(path, `${n} sites exceed the sparse solver's limit of ${SPARSE_SITE_LIMIT} sites (memory)`);
  if (sparse) {
    // docs/config.md "Ranges and limits": above the dense limit only the forms with a sparse
    // counterpart (model/edges H, local couplings, leads and VP/VTP/ER probes) are accepted
    const dense = (where: string, what: string) =>
      new ConfigError(
        where,
        `${what} needs the dense solver, limited to ${DENSE_SITE_LIMIT} sites (H has ${n}; O(N³) time, ~80·N² bytes); above it only a chain, ring, graphene or edges H with "sites"/"gamma" couplings run (sparse path)`,
      );
    if ('matrix' in config.hamiltonian) throw dense('hamiltonian.matrix', 'an explicit H matrix');
    if (config.response === 'nonlinear') throw dense('response', 'the finite-bias ("nonlinear") solve');
    config.terminals.forEach((t, a) => {
      const c = t.coupling;
      if ('matrix' in c) throw dense(`terminals[${a}].coupling.matrix`, 'a full Γ matrix');
      if ('chain' in c) throw dense(`terminals[${a}].coupling.chain`, 'a semi-infinite chain lead (energy-dependent Σ(E))');
      if ('selfEnergy' in c) throw dense(`terminals[${a}].coupling.selfEnergy`, 'a tabulated self-energy Σ(E)');
    });
  }
  if (config.terminals.length > TERMINAL_LIMIT)
    throw new ConfigError('terminals', `${config.terminals.length} terminals exceed the limit of ${TERMINAL_LIMIT}`);
  const h = config.hamiltonian as Record<string, unknown>;
  const energyAt = (v: unknown, where: string) => {
    if (typeof v !== 'number') return;
    const p = energyProblem(v);
    if (p) throw new ConfigError(where, p);
  };
  energyAt(h.hopping, 'hamiltonian.hopping');
  if (Array.isArray(h.onsite)) h.onsite.forEach((v, i) => energyAt(v, `hamiltonian.onsite[${i}]`));
  else energyAt(h.onsite, 'hamiltonian.onsite');
  if (typeof h.flux === 'number' && !(Math.abs(h.flux) <= FLUX_LIMIT))
    throw new ConfigError('hamiltonian.flux', `|flux| = ${Math.abs(h.flux)} flux quanta exceeds the limit of ${FLUX_LIMIT}`);
  if (Array.isArray(h.edges)) {
    (h.edges as Array<[number, number, number | { re: number; im: number }]>).forEach(([, , t], k) => {
      if (typeof t === 'number') energyAt(t, `hamiltonian.edges[${k}][2]`);
      else {
        energyAt(t.re, `hamiltonian.edges[${k}][2].re`);
        energyAt(t.im, `hamiltonian.edges[${k}][2].im`);
      }
    });
  }
  energyAt(config.reference.mu, 'reference.mu');
  const t0 = temperatureProblem(config.reference.T);
  if (t0) throw new ConfigError('reference.T', t0.replace(/^T /, 'T0 '));
  config.terminals.forEach((t, a) => {
    const where = `terminals[${a}]`;
    energyAt(t.mu, `${where}.mu`);
    if (t.T !== undefined) {
      const p = temperatureProblem(t.T);
      if (p) throw new ConfigError(`${where}.T`, p);
    }
    const c = t.coupling as Record<string, unknown>;
    const gam = c.gamma;
    const checkGamma = (g: unknown, at: string) => {
      if (typeof g !== 'number') return;
      if (g < 0) return; // "γ must be ≥ 0" below, with the established wording
      energyAt(g, at);
      if (g > 0 && g < GAMMA_MIN)
        throw new ConfigError(at, `γ = ${g} eV is below ${GAMMA_MIN} eV; use 0 for the coherent limit (identical to machine precision)`);
    };
    if (Array.isArray(gam)) gam.forEach((g, k) => checkGamma(g, `${where}.coupling.gamma[${k}]`));
    else checkGamma(gam, `${where}.coupling.gamma`);
    // semi-infinite leads: their energies, and the wide-band equivalent Γ = 2 t_c²/|t_lead| (the
    // self-energy at the band centre) in the γ range — a vanishing band (|t_lead| → 0) or a huge
    // contact otherwise passes as a lead of Γ ~ 1e300 eV and makes the circuit singular or the
    // coefficients meaningless (docs/config.md "Ranges and limits")
    if (c.chain && typeof c.chain === 'object') {
      const ch = c.chain as Record<string, unknown>;
      for (const k of ['hopping', 'contact', 'onsite']) energyAt(ch[k], `${where}.coupling.chain.${k}`);
      if (typeof ch.hopping === 'number' && typeof ch.contact === 'number' && ch.hopping !== 0 && ch.contact !== 0) {
        const g = 2 * Math.abs(ch.contact) * (Math.abs(ch.contact) / Math.abs(ch.hopping)); // no underflow of t_c²
        if (!(g <= ENERGY_LIMIT && g >= GAMMA_MIN))
          throw new ConfigError(
            `${where}.coupling.chain`,
            `the lead's wide-band equivalent Γ = 2 t_c²/|t_lead| = ${g.toPrecision(3)} eV is outside ${GAMMA_MIN} … ${ENERGY_LIMIT} eV (the γ range)`,
          );
      }
    }
    if (c.selfEnergy && typeof c.selfEnergy === 'object') {
      const se = c.selfEnergy as Record<string, unknown>;
      for (const k of ['energies', 're', 'im'])
        if (Array.isArray(se[k])) (se[k] as unknown[]).forEach((v, i) => energyAt(v, `${where}.coupling.selfEnergy.${k}[${i}]`));
    }
  });
}

/**
 * Warnings (not errors) about a valid config that is probably not what was meant: biases far
 * outside linear response, or a reference temperature that looks like an energy in eV.
 */
export function configWarnings(parsed: ParsedConfig): string[] {
  const out: string[] = [];
  const { mu: mu0, temperature: T0 } = parsed.reference;
  const kT = K_B_EV * T0;
  if (T0 >= 0.002 && T0 <= 0.5) {
    out.push(`reference.T = ${T0} K looks like an energy in eV (k_B·${(T0 / K_B_EV).toPrecision(3)} K = ${T0} eV); temperatures are in kelvin`);
  }
  // a finite-bias ("nonlinear") config is meant to leave linear response (docs/physics.md §10)
  if (parsed.response === 'nonlinear') return out;
  parsed.system.terminals.forEach((t, a) => {
    // a held variable (a lead's μ and T, a VP's T) far from the reference; solved ones are the circuit's
    const spec = ROLES[t.role];
    if (spec.mu === 'fixed' && t.mu !== undefined && Math.abs(t.mu - mu0) > LINEAR_MU_KT * kT) {
      out.push(
        `terminals[${a}].mu: bias μ − μ0 = ${(t.mu - mu0).toPrecision(3)} eV is ${(Math.abs(t.mu - mu0) / kT).toPrecision(3)} k_BT0: outside linear response (results are the linear extrapolation)`,
      );
    }
    if (spec.temperature === 'fixed' && t.temperature !== undefined && Math.abs(t.temperature - T0) > LINEAR_T_FRACTION * T0) {
      out.push(
        `terminals[${a}].T: T − T0 = ${(t.temperature - T0).toPrecision(3)} K is ${(Math.abs(t.temperature - T0) / T0).toPrecision(3)}·T0: outside linear response (results are the linear extrapolation)`,
      );
    }
  });
  return out;
}

function checkHermitian(h: CMatrix, path: string, what: string): void {
  const scale = Math.max(1e-300, cmaxAbs(h));
  const defect = hermiticityDefect(h);
  if (defect > 1e-12 * scale) {
    const n = h.rows;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const d = Math.hypot(h.re[i * n + j] - h.re[j * n + i], h.im[i * n + j] + h.im[j * n + i]);
        if (d > 1e-12 * scale)
          throw new ConfigError(path, `${what} is not Hermitian: entry [${i}][${j}] ≠ conj([${j}][${i}]) (difference ${d.toExponential(3)})`);
      }
  }
}

/** H in the form the system holds: dense, or (sparse path) sparse with an unallocated dense placeholder. */
interface BuiltHamiltonian {
  readonly dense: CMatrix;
  readonly sparse?: SparseMatrix;
}

function buildHamiltonian(h: ProbecheckConfig['hamiltonian'], sparseReason?: string): BuiltHamiltonian {
  if (sparseReason !== undefined && !('matrix' in h)) {
    // docs/physics.md §14: the same bonds as the dense builders below, without an N × N array
    const n = siteCountOf(h).n;
    const onsite = h.onsite ?? 0;
    const edges = edgeList(h, n, onsite);
    return { dense: unallocatedMatrix(n, n, 'H', sparseReason), sparse: sparseHamiltonianFromEdges(n, edges, onsite) };
  }
  return { dense: buildDenseHamiltonian(h) };
}

/** The bonds of a model or edges Hamiltonian (validated against n and the on-site list). */
function edgeList(h: Exclude<ProbecheckConfig['hamiltonian'], { matrix: unknown }>, n: number, onsite: number | readonly number[]): readonly Edge[] {
  if ('edges' in h) {
    checkEdges(h.edges, n, onsite);
    return h.edges as Edge[];
  }
  switch (h.model) {
    case 'benzene':
      return ringEdges(6, h.hopping ?? -2.64);
    case 'ring':
      return ringEdges(h.sites, h.hopping ?? -2.7, h.flux ?? 0);
    case 'chain':
      return chainEdges(h.sites, h.hopping ?? -2.7);
    case 'graphene':
      return grapheneEdges(h.rows, h.cols, h.hopping ?? -2.7);
  }
}

function checkEdges(edges: ReadonlyArray<readonly [number, number, unknown]>, n: number, onsite: number | readonly number[]): void {
  if (Array.isArray(onsite) && onsite.length !== n) throw new ConfigError('hamiltonian.onsite', `expected ${n} on-site energies, got ${onsite.length}`);
  edges.forEach(([i, j], k) => {
    if (i >= n) throw new ConfigError(`hamiltonian.edges[${k}][0]`, `site ${i} does not exist (sites 0…${n - 1})`);
    if (j >= n) throw new ConfigError(`hamiltonian.edges[${k}][1]`, `site ${j} does not exist (sites 0…${n - 1})`);
    if (i === j) throw new ConfigError(`hamiltonian.edges[${k}]`, 'a bond joins two different sites; use "onsite" for diagonal terms');
  });
}

function buildDenseHamiltonian(h: ProbecheckConfig['hamiltonian']): CMatrix {
  if ('matrix' in h) {
    const H = toMatrix(h.matrix, 'hamiltonian.matrix');
    checkHermitian(H, 'hamiltonian.matrix', 'H');
    return H;
  }
  if ('edges' in h) {
    const n = h.sites;
    const onsite = h.onsite ?? 0;
    checkEdges(h.edges, n, onsite);
    return hamiltonianFromEdges(n, h.edges as Edge[], onsite);
  }
  const onsite = h.onsite ?? 0;
  switch (h.model) {
    case 'benzene':
      return benzene(h.hopping ?? -2.64, onsite);
    case 'ring':
      return ring(h.sites, h.hopping ?? -2.7, onsite, h.flux ?? 0);
    case 'chain':
      return chain(h.sites, h.hopping ?? -2.7, onsite);
    case 'graphene':
      return grapheneFlake(h.rows, h.cols, h.hopping ?? -2.7, onsite);
  }
}

function buildCoupling(
  c: ProbecheckConfig['terminals'][number]['coupling'],
  n: number,
  path: string,
  isProbe: boolean,
  sparseReason?: string,
): { coupling: Coupling; test: boolean; lead?: SelfEnergyLead } {
  const local = (sites: readonly number[], gamma: number | readonly number[]) =>
    sparseReason === undefined ? localCoupling(n, sites, gamma) : sparseLocalCoupling(n, sites, gamma, sparseReason);
  if ('chain' in c) {
    const { site, hopping, contact, onsite } = c.chain;
    const p = `${path}.chain`;
    if (site >= n) throw new ConfigError(`${p}.site`, `site ${site} does not exist (H has sites 0…${n - 1})`);
    if (hopping === 0) throw new ConfigError(`${p}.hopping`, 't_lead must be ≠ 0 (a chain with zero hopping has no band and carries no current)');
    if (contact === 0) throw new ConfigError(`${p}.contact`, 't_c must be ≠ 0 (|t_c| = 0: the chain is not connected to the device)');
    // wide-band equivalent Γ = 2 t_c²/|t_lead| (the value at the band centre), for display only
    return { coupling: localCoupling(n, [site], (2 * contact * contact) / Math.abs(hopping)), test: false, lead: chainLead(site, hopping, contact, onsite) };
  }
  if ('selfEnergy' in c) {
    const { site, energies, re, im } = c.selfEnergy;
    const p = `${path}.selfEnergy`;
    if (site >= n) throw new ConfigError(`${p}.site`, `site ${site} does not exist (H has sites 0…${n - 1})`);
    if (re.length !== energies.length) throw new ConfigError(`${p}.re`, `expected ${energies.length} values (one per energy), got ${re.length}`);
    if (im.length !== energies.length) throw new ConfigError(`${p}.im`, `expected ${energies.length} values (one per energy), got ${im.length}`);
    for (let k = 1; k < energies.length; k++) {
      if (!(energies[k] > energies[k - 1]))
        throw new ConfigError(`${p}.energies[${k}]`, `energies must be strictly increasing (${energies[k]} ≤ ${energies[k - 1]})`);
    }
    im.forEach((v, k) => {
      if (v > 0) throw new ConfigError(`${p}.im[${k}]`, `Im Σ must be ≤ 0 for a retarded self-energy (got ${v} eV at E = ${energies[k]} eV)`);
    });
    if (im.every((v) => v === 0)) throw new ConfigError(`${p}.im`, 'Im Σ is zero everywhere: the lead carries no current');
    const mid = im[Math.floor(im.length / 2)];
    return { coupling: localCoupling(n, [site], -2 * mid), test: false, lead: tabulatedLead(site, energies, re, im) };
  }
  if ('matrix' in c) {
    const g = toMatrix(c.matrix, `${path}.matrix`);
    if (g.rows !== n) throw new ConfigError(`${path}.matrix`, `Γ is ${g.rows}×${g.rows} but H has ${n} sites`);
    checkHermitian(g, `${path}.matrix`, 'Γ');
    const scale = cmaxAbs(g);
    if (scale === 0)
      throw new ConfigError(`${path}.matrix`, 'Γ is zero: the terminal is not coupled (for a probe in the coherent limit give "sites" with "gamma": 0)');
    const ev = hermitianEigen(g).values;
    if (ev[0] < -1e-12 * scale) throw new ConfigError(`${path}.matrix`, `Γ is not positive semidefinite (smallest eigenvalue ${ev[0].toExponential(3)} eV)`);
    return { coupling: matrixCoupling(g), test: false };
  }
  const sites = c.sites;
  sites.forEach((s, k) => {
    if (s >= n) throw new ConfigError(`${path}.sites[${k}]`, `site ${s} does not exist (H has sites 0…${n - 1})`);
  });
  const seen = new Set<number>();
  sites.forEach((s, k) => {
    if (seen.has(s)) throw new ConfigError(`${path}.sites[${k}]`, `site ${s} is listed twice`);
    seen.add(s);
  });
  const gammas = typeof c.gamma === 'number' ? sites.map(() => c.gamma as number) : c.gamma;
  if (gammas.length !== sites.length) throw new ConfigError(`${path}.gamma`, `expected one γ per site (${sites.length}), got ${gammas.length}`);
  gammas.forEach((g, k) => {
    if (g < 0) throw new ConfigError(typeof c.gamma === 'number' ? `${path}.gamma` : `${path}.gamma[${k}]`, `γ must be ≥ 0 (got ${g})`);
  });
  if (gammas.every((g) => g === 0)) {
    if (!isProbe) throw new ConfigError(`${path}.gamma`, 'a lead with γ = 0 is not connected to the system; remove it');
    // Coherent limit: the probe's unit direction Γ̂ gives its first-order coefficients.
    return { coupling: local(sites, 1), test: true };
  }
  return { coupling: local(sites, gammas), test: false };
}

const EXPECTED_KIND: Partial<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/** What a JSON value is, for a message: `a number (3)`, `a string ("L")`, `an array`, `null`. */
function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)})`;
  if (typeof v === 'number') return `a number (${v})`;
  if (typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** A zod issue as a ConfigError; `prefix` is the path of the object that was validated. */
function issueToError(issue: z.core.$ZodIssue, raw: unknown, prefix = ''): ConfigError {
  let msg = issue.message;
  if (issue.code === 'unrecognized_keys') msg = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const value = valueAt(raw, issue.path);
  // zod's default wording ("Invalid input: expected object, received number", "Too big: expected array
  // to have <=3 items") in the words of the other messages; the schema's own messages are kept
  if (issue.code === 'invalid_type' && value !== undefined && msg.startsWith('Invalid input'))
    msg = `expected ${EXPECTED_KIND[issue.expected] ?? issue.expected}, got ${jsonKind(value)}`;
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'array' && Array.isArray(value) && /^Too (big|small)/.test(msg)) {
    const bound = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
    msg = `expected ${issue.code === 'too_big' ? 'at most' : 'at least'} ${bound} entr${bound === 1 ? 'y' : 'ies'}, got ${value.length}`;
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && value === undefined) msg = 'required';
  const rel = pathString(issue.path);
  const path = prefix ? (issue.path.length ? `${prefix}${rel.startsWith('[') ? '' : '.'}${rel}` : prefix) : rel;
  return new ConfigError(path, msg);
}

/**
 * Validate a config object (already JSON-parsed) and build the system.
 * @example
 * ```ts
 * import { ConfigError, parseConfig, solveSystem } from 'probecheck';
 *
 * const { system, reference, circuit } = parseConfig({
 *   hamiltonian: { model: 'chain', sites: 4, hopping: -1 },
 *   reference: { mu: 0, T: 300 },
 *   terminals: [
 *     { name: 'L', coupling: { sites: [0], gamma: 0.2 }, mu: 0.001, T: 300 },
 *     { name: 'R', coupling: { sites: [3], gamma: 0.2 }, mu: 0, T: 300 },
 *   ],
 * });
 * console.log(solveSystem(system, reference, circuit).circuit.chargeCurrent); // A, into L and R
 *
 * try {
 *   parseConfig({
 *     hamiltonian: { model: 'chain', sites: 4, hopping: -1 },
 *     reference: { mu: 0, T: 300 },
 *     terminals: [
 *       { name: 'L', coupling: { sites: [0], gamma: 0.2 }, mu: 0.001, T: 300 },
 *       { name: 'R', coupling: { sites: [3], gamma: -0.1 }, mu: 0, T: 300 },
 *     ],
 *   });
 * } catch (e) {
 *   if (e instanceof ConfigError) console.log(e.message); // terminals[1].coupling.gamma: …
 * }
 * ```
 */
export function parseConfig(raw: unknown, options: ParseOptions = {}): ParsedConfig {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const r = raw as Record<string, unknown>;
    checkForm(r.hamiltonian, 'hamiltonian', hamiltonianForms, chooseHamiltonian);
    if (Array.isArray(r.terminals)) {
      r.terminals.forEach((t, a) => {
        if (t !== null && typeof t === 'object') {
          const path = `terminals[${a}].coupling`;
          checkForm((t as Record<string, unknown>).coupling, path, couplingForms, chooseCoupling(path));
        }
      });
    }
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw issueToError(parsed.error.issues[0], raw);
  const config = parsed.data;
  const spin: SpinFactor = config.spin;
  if (!(config.reference.T > 0)) throw new ConfigError('reference.T', `T0 must be > 0 K (got ${config.reference.T})`);
  const sites = siteCountOf(config.hamiltonian).n;
  const useSparse = options.sparse ?? sites > DENSE_SITE_LIMIT;
  checkRanges(config, useSparse);
  const sparseReason = useSparse
    ? `the system (${sites} sites${sites > DENSE_SITE_LIMIT ? `, above the dense limit of ${DENSE_SITE_LIMIT}` : ''}) is held in sparse form only; this operation needs the dense matrix (the sparse path runs \`transmission\` and \`solve\`; docs/config.md "Ranges and limits")`
    : undefined;
  const built = buildHamiltonian(config.hamiltonian, sparseReason);
  const H = built.dense;
  const n = H.rows;
  const names = new Set<string>();
  const terminals: Terminal[] = config.terminals.map((t, a) => {
    const path = `terminals[${a}]`;
    if (names.has(t.name)) throw new ConfigError(`${path}.name`, `duplicate terminal name "${t.name}"`);
    names.add(t.name);
    // a name becomes CSV column headers (mu_NAME, …), a `--gamma NAME=…` key and a compare map key:
    // a comma, a double quote, '=' or a control character would split or corrupt them
    const bad = /[,"=\p{Cc}]/u.exec(t.name);
    if (bad)
      throw new ConfigError(
        `${path}.name`,
        `terminal name ${JSON.stringify(t.name.length > 40 ? `${t.name.slice(0, 40)}…` : t.name)} contains ${bad[0] === ',' || bad[0] === '"' || bad[0] === '=' ? `"${bad[0]}"` : `the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`}, which output columns and --gamma NAME=… cannot carry`,
      );
    if (t.T !== undefined && !(t.T > 0)) throw new ConfigError(`${path}.T`, `T must be > 0 K (got ${t.T})`);
    const isProbe = t.probe !== undefined;
    const role: TerminalRole = t.probe ?? 'lead';
    const { coupling, test, lead } = buildCoupling(t.coupling, n, `${path}.coupling`, isProbe, sparseReason);
    // which variables a role accepts: the model table (src/model/probeModels.ts)
    if (!ROLES[role].acceptsTemperature && t.T !== undefined) {
      throw new ConfigError(
        `${path}.T`,
        role === 'ER'
          ? 'an ER probe has no single temperature (its distribution is fixed energy by energy); remove "T"'
          : 'a VTP\'s temperature is solved for; remove "T" (or make it a VP)',
      );
    }
    if (!ROLES[role].acceptsMu && t.mu !== undefined) throw new ConfigError(`${path}.mu`, 'a probe\'s chemical potential is solved for; remove "mu"');
    if (!isProbe) {
      if (t.T === undefined) throw new ConfigError(`${path}.T`, `lead "${t.name}" needs a temperature`);
      if (config.circuit === 'electronic' && t.mu === undefined)
        throw new ConfigError(`${path}.mu`, `lead "${t.name}" needs a chemical potential in an electronic circuit`);
    }
    return { name: t.name, role, mu: t.mu, temperature: t.T, coupling, test, ...(lead ? { lead } : {}) };
  });
  // docs/physics.md §9: a tabulated Σ(E) must cover the Fermi window μ0 ± 40 k_BT0 of the quadrature
  terminals.forEach((t, a) => {
    if (t.lead?.kind !== 'table') return;
    const kT = K_B_EV * config.reference.T,
      lo = config.reference.mu - 40 * kT,
      hi = config.reference.mu + 40 * kT;
    const [dlo, dhi] = t.lead.domain;
    if (dlo > lo || dhi < hi)
      throw new ConfigError(
        `terminals[${a}].coupling.selfEnergy.energies`,
        `the table covers [${dlo}, ${dhi}] eV but must cover the Fermi window μ0 ± 40 k_BT0 = [${lo.toPrecision(6)}, ${hi.toPrecision(6)}] eV`,
      );
  });
  checkNameCollisions(
    terminals.map((t) => t.name),
    terminals.some((t) => t.role !== 'lead'),
  );
  const leads = terminals.filter((t) => t.role === 'lead');
  if (leads.length < 2) throw new ConfigError('terminals', `at least two leads (terminals without "probe") are needed, got ${leads.length}`);
  checkProbesReachLeads(built, terminals, config);
  if (config.circuit === 'thermal') {
    terminals.forEach((t, a) => {
      if (t.role === 'lead' && t !== leads[0] && t.mu !== undefined) {
        throw new ConfigError(`terminals[${a}].mu`, `in a thermal circuit only the first lead's mu (the gauge) is given; "${t.name}"'s is solved for`);
      }
    });
  }
  return {
    config,
    system: { hamiltonian: H, ...(built.sparse ? { sparseHamiltonian: built.sparse } : {}), terminals, spin },
    reference: { mu: config.reference.mu, temperature: config.reference.T },
    circuit: config.circuit,
    response: config.response,
  };
}

/** The probe-model suffixes of `scan --probe-models` columns (`heat_L_VP`, `T_P_VTP`, …). */
const MODEL_SUFFIXES = PROBE_MODELS.map((m) => `_${m}`);

/**
 * Terminal names become parts of column names: `T_<a>_<b>`, `L0_<a>_<b>` (pairs), `mu_<X>`, `T_<X>`,
 * `heat_<X>`, … and `heat_<X>_<model>` (docs/config.md "terminals"); compare reads such a column
 * back by trying every split of `<a>_<b>` at a `_` (and every split without one, `T_LR`). A name with
 * `_` is allowed unless it makes a column that means two things — refused here, naming both
 * terminals (exit 2):
 * - a pair column that is also another pair: "A_B" + "C" and "A" + "B_C" both give T_A_B_C;
 * - a name that is a pair of two others joined by `_` ("A_B" next to "A" and "B"): T_A_B would be the
 *   transmission A→B and the temperature of "A_B";
 * - with a probe, a name that is another terminal's plus a model suffix ("L_VP" next to "L"): heat_L_VP;
 * - "eff" or "eff_…": T_eff_… and L0_eff_… read as the effective Teff, Leff0.
 * Otherwise every column maps back to one quantity (test/config.names.test.ts checks it against compare's parser).
 */
function checkNameCollisions(names: readonly string[], hasProbe: boolean): void {
  const index = new Map(names.map((n, i) => [n, i]));
  const q = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  const fail = (i: number, detail: string): never => {
    throw new ConfigError(`terminals[${i}].name`, detail);
  };
  names.forEach((x, i) => {
    if (x === 'eff' || x.startsWith('eff_'))
      fail(i, `terminal name ${q(x)} makes the columns T_${x}_… and L0_${x}_… read as the effective quantities Teff_…, Leff0_…; rename it`);
  });
  // every string that compare reads as a pair: a_b, and ab (its split without '_')
  const pairs = new Map<string, Array<[number, number]>>();
  const add = (k: string, a: number, b: number) => {
    const l = pairs.get(k);
    if (!l) pairs.set(k, [[a, b]]);
    else if (!l.some(([u, v]) => u === a && v === b)) l.push([a, b]);
  };
  names.forEach((a, i) =>
    names.forEach((b, j) => {
      add(`${a}_${b}`, i, j);
      add(a + b, i, j);
    }),
  );
  names.forEach((a, i) =>
    names.forEach((b, j) => {
      const col = `${a}_${b}`;
      const other = pairs.get(col)!.find(([u, v]) => u !== i || v !== j);
      if (other) {
        const [u, v] = other;
        const blame = Math.max(...new Set([i, j, u, v]).values());
        fail(
          blame,
          `terminal names ${q(names[i])}, ${q(names[j])} and ${q(names[u])}, ${q(names[v])} make the column T_${col} (and L0_${col}, …) ambiguous: it is the pair ${names[i]}→${names[j]} and the pair ${names[u]}→${names[v]}; rename one (e.g. without "_")`,
        );
      }
    }),
  );
  names.forEach((x, k) => {
    const pair = pairs.get(x)?.find(([u, v]) => u !== v && u !== k && v !== k && `${names[u]}_${names[v]}` === x);
    if (pair)
      fail(
        k,
        `terminal name ${q(x)} is terminals ${q(names[pair[0]])} and ${q(names[pair[1]])} joined by "_": the column T_${x} would be both the temperature of ${q(x)} and the transmission ${names[pair[0]]}→${names[pair[1]]}; rename it`,
      );
    if (hasProbe)
      for (const sfx of MODEL_SUFFIXES) {
        const base = x.endsWith(sfx) ? index.get(x.slice(0, -sfx.length)) : undefined;
        if (base !== undefined && base !== k)
          fail(
            k,
            `terminal name ${q(x)} is terminal ${q(names[base])} with the probe-model suffix ${sfx}: the columns heat_${x}, T_${x}, … of scan --probe-models would also be those of ${q(names[base])} in the ${sfx.slice(1)} model; rename it`,
          );
      }
  });
}

/** The device sites a terminal is coupled to (Γ_ii > 0; the lead's site for a chain or tabulated Σ). */
function coupledSites(t: Terminal, n: number): number[] {
  return t.lead ? [t.lead.site] : couplingSites(t.coupling, n);
}

/**
 * Every probe must be connected to a lead: a path through the hopping graph of H (H_ij ≠ 0) and
 * through terminals (a terminal joins all the sites it couples to, so one probe may reach the leads
 * through another). A probe on a part of the device that no lead reaches exchanges particles and
 * heat with nothing that is held: its probe conditions J_P = J^Q_P = 0 hold for every μ_P, T_P
 * (M_UU singular; with γ > 0 the solver would return an arbitrary value). Union–find over sites and
 * terminals; O(N²) over a dense H, O(nnz) over a sparse one.
 */
function checkProbesReachLeads(built: BuiltHamiltonian, terminals: readonly Terminal[], config: ProbecheckConfig): void {
  const n = built.dense.rows;
  const sites = terminals.map((t) => coupledSites(t, n));
  const reached = leadReachedSites(
    built.sparse ?? built.dense,
    sites,
    terminals.map((t) => t.role === 'lead'),
  );
  terminals.forEach((t, a) => {
    if (t.role === 'lead' || sites[a].some((i) => reached[i] === 1)) return;
    const c = config.terminals[a].coupling;
    const field = 'chain' in c ? 'chain.site' : 'selfEnergy' in c ? 'selfEnergy.site' : 'matrix' in c ? 'matrix' : 'sites';
    const list = sites[a].length > 4 ? `${sites[a].slice(0, 4).join(', ')}, …` : sites[a].join(', ');
    throw new ConfigError(
      `terminals[${a}].coupling.${field}`,
      `probe "${t.name}" is coupled to site${sites[a].length === 1 ? '' : 's'} ${list}, which no path of non-zero hoppings of H (or other probes) connects to any lead: its probe conditions cannot determine its μ or T (singular circuit); couple it to the part of the device the leads reach, or remove it`,
    );
  });
}

/**
 * Parse JSON text and validate it; a JSON syntax error is a ConfigError too.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseConfigText } from 'probecheck';
 *
 * const text = process.argv[2] ? readFileSync(process.argv[2], 'utf8') : JSON.stringify({
 *   hamiltonian: { model: 'benzene', hopping: -2.64 },
 *   reference: { mu: 0, T: 300 },
 *   terminals: [
 *     { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 300 },
 *     { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: -0.0005, T: 300 },
 *   ],
 * });
 * const parsed = parseConfigText(text);
 * console.log(parsed.system.terminals.map((t) => t.name)); // [ 'L', 'R' ]
 * ```
 */
export function parseConfigText(text: string, options: ParseOptions = {}): ParsedConfig {
  return parseConfig(readConfigJson(text), options);
}

/**
 * The JSON value of a config's text, before validation (what {@link parseConfig} takes, and what
 * worker threads are handed): at most {@link INPUT_BYTES_LIMIT} long, a leading UTF-8 byte-order
 * mark dropped, read strictly (src/io/json.ts: duplicate keys, number literals that are not
 * doubles, nesting deeper than 32 levels); a JSON syntax error is a ConfigError too.
 * @throws ConfigError
 */
export function readConfigJson(text: string): unknown {
  if (text.length > INPUT_BYTES_LIMIT) throw new ConfigError('(config)', `file too large (${text.length} bytes; limit ${INPUT_BYTES_LIMIT})`);
  try {
    // a UTF-8 byte-order mark (Windows editors) is not part of the JSON text; duplicate keys and
    // number literals that are not doubles (1e-400 read as 0, 1e400 as Infinity) are refused (src/io/json.ts)
    return parseJsonStrict(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof JsonInputError) throw new ConfigError(e.path || '(config)', e.detail);
    // the message quotes the file: control characters (a binary or UTF-16 file) shown escaped, on one line
    const msg = (e as Error).message.replace(/[\p{Cc}\u{feff}\u{fffd}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
    throw new ConfigError(
      '(config)',
      `not valid JSON: ${msg}${text.includes('\u0000') ? ' (NUL bytes: is the file UTF-16 or binary? a config is UTF-8 JSON)' : ''}`,
    );
  }
}

/** The JSON Schema (draft 2020-12) of a config, generated from {@link configSchema}. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://probecheck.invalid/schema/config.schema.json',
    title: 'probecheck config',
    description:
      'A tight-binding system with wide-band terminals (leads, VP and VTP probes) and its linear-response bias. Energies in eV, temperatures in K, sites 0-based.',
  };
}
