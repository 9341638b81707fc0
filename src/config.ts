/**
 * The one schema for user input. A config (JSON) is validated here, at the boundary, and turned
 * into a {@link TransportSystem}; every problem is a {@link ConfigError} naming the field
 * (`terminals[2].coupling.gamma`), never a NaN further down. The JSON Schema published in
 * `schema/config.schema.json` is generated from the same zod definition ({@link configJsonSchema}).
 *
 * Units: energies (hopping, onsite, mu, gamma, Γ) in eV; temperatures in K; sites 0-based.
 */
import { z } from 'zod';
import { type CMatrix, cmatrixFrom, hermiticityDefect, hermitianEigen, cmaxAbs } from './numeric/linalg.js';
import { benzene, ring, chain, grapheneFlake, hamiltonianFromEdges, hamiltonianFromMatrix, type Edge } from './numeric/hamiltonian.js';
import { localCoupling, matrixCoupling, type Coupling } from './numeric/coupling.js';
import type { TransportSystem, Terminal } from './numeric/system.js';
import type { Reference } from './numeric/onsager.js';
import type { CircuitKind } from './numeric/circuit.js';

/** A config problem with the path of the offending field. */
export class ConfigError extends Error {
  constructor(readonly path: string, readonly detail: string) {
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

const hamiltonianSchema = z
  .object({
    model: z.enum(['benzene', 'ring', 'chain', 'graphene'], { error: 'model must be one of benzene, ring, chain, graphene' }).optional()
      .describe('a built-in lattice; alternatively give "matrix" or "edges"'),
    hopping: energy.optional().describe('nearest-neighbour hopping t in eV (benzene default −2.64, graphene −2.7)'),
    onsite: z.union([num, z.array(num)], { error: 'onsite must be a number or an array of numbers' }).optional().describe('on-site energy ε0 in eV (edges: one per site allowed)'),
    sites: z.number().int().min(1).max(20000).optional().describe('number of sites (ring, chain, edges)'),
    rows: z.number().int().min(1).max(200).optional().describe('graphene flake rows'),
    cols: z.number().int().min(1).max(200).optional().describe('graphene flake columns'),
    flux: num.optional().describe('ring: threading flux in flux quanta (Peierls phases)'),
    matrix: anyMatrix.optional().describe('explicit Hermitian H in eV'),
    edges: z.array(z.tuple([siteIndex, siteIndex, z.union([num, complexNumber], { error: 'hopping must be a number or {"re", "im"}' })]), { error: 'edges must be a list of [i, j, t]' }).optional()
      .describe('bonds [i, j, t]: H[j][i] = t, H[i][j] = conj(t)'),
  })
  .strict();

const couplingSchema = z
  .object({
    sites: z.array(siteIndex, { error: 'sites must be an array of site indices' }).min(1, { error: 'sites must not be empty' }).optional(),
    gamma: z.union([num, z.array(num)], { error: 'gamma must be a number or one number per site' }).optional().describe('width γ ≥ 0 in eV per site'),
    matrix: anyMatrix.optional().describe('full Hermitian positive-semidefinite Γ in eV'),
  })
  .strict();

const terminalSchema = z
  .object({
    name: z.string({ error: 'name must be a string' }).min(1, { error: 'name must not be empty' }),
    coupling: couplingSchema,
    probe: z.enum(['VP', 'VTP'], { error: 'probe must be "VP" or "VTP"' }).optional().describe('omit for a physical lead'),
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
  })
  .strict();

/** A config as written by a user (after defaults). */
export type ProbecheckConfig = z.infer<typeof configSchema>;
type MatrixInput = z.infer<typeof anyMatrix>;

/** The parsed config: the system and what to do with it. */
export interface ParsedConfig {
  readonly config: ProbecheckConfig;
  readonly system: TransportSystem;
  readonly reference: Reference;
  readonly circuit: CircuitKind;
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
  re.forEach((row, i) => { if (row.length !== n) throw new ConfigError(`${path}${Array.isArray(m) ? '' : '.re'}[${i}]`, `matrix must be square: row has ${row.length} entries, expected ${n}`); });
  if (im) {
    if (im.length !== n) throw new ConfigError(`${path}.im`, `imaginary part has ${im.length} rows, expected ${n}`);
    im.forEach((row, i) => { if (row.length !== n) throw new ConfigError(`${path}.im[${i}]`, `row has ${row.length} entries, expected ${n}`); });
  }
  return cmatrixFrom(re, im);
}

function checkHermitian(h: CMatrix, path: string, what: string): void {
  const scale = Math.max(1e-300, cmaxAbs(h));
  const defect = hermiticityDefect(h);
  if (defect > 1e-12 * scale) {
    const n = h.rows;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const d = Math.hypot(h.re[i * n + j] - h.re[j * n + i], h.im[i * n + j] + h.im[j * n + i]);
      if (d > 1e-12 * scale) throw new ConfigError(path, `${what} is not Hermitian: entry [${i}][${j}] ≠ conj([${j}][${i}]) (difference ${d.toExponential(3)})`);
    }
  }
}

function buildHamiltonian(h: ProbecheckConfig['hamiltonian']): CMatrix {
  const kinds = [h.model !== undefined, h.matrix !== undefined, h.edges !== undefined].filter(Boolean).length;
  if (kinds !== 1) throw new ConfigError('hamiltonian', 'give exactly one of "model", "matrix" or "edges"');
  const onsite = h.onsite ?? 0;
  const scalarOnsite = (): number => {
    if (typeof onsite !== 'number') throw new ConfigError('hamiltonian.onsite', 'a built-in model takes one on-site energy (a number)');
    return onsite;
  };
  const need = <K extends 'sites' | 'rows' | 'cols'>(k: K): number => {
    const v = h[k];
    if (v === undefined) throw new ConfigError(`hamiltonian.${k}`, `required for model "${h.model ?? 'edges'}"`);
    return v;
  };
  let H: CMatrix;
  if (h.matrix !== undefined) {
    H = toMatrix(h.matrix, 'hamiltonian.matrix');
    checkHermitian(H, 'hamiltonian.matrix', 'H');
  } else if (h.edges !== undefined) {
    const n = need('sites');
    if (Array.isArray(onsite) && onsite.length !== n) throw new ConfigError('hamiltonian.onsite', `expected ${n} on-site energies, got ${onsite.length}`);
    h.edges.forEach(([i, j], k) => {
      if (i >= n) throw new ConfigError(`hamiltonian.edges[${k}][0]`, `site ${i} does not exist (sites 0…${n - 1})`);
      if (j >= n) throw new ConfigError(`hamiltonian.edges[${k}][1]`, `site ${j} does not exist (sites 0…${n - 1})`);
      if (i === j) throw new ConfigError(`hamiltonian.edges[${k}]`, 'a bond joins two different sites; use "onsite" for diagonal terms');
    });
    H = hamiltonianFromEdges(n, h.edges as Edge[], onsite);
  } else {
    switch (h.model) {
      case 'benzene': H = benzene(h.hopping ?? -2.64, scalarOnsite()); break;
      case 'ring': H = ring(need('sites'), h.hopping ?? -2.7, scalarOnsite(), h.flux ?? 0); break;
      case 'chain': H = chain(need('sites'), h.hopping ?? -2.7, scalarOnsite()); break;
      default: H = grapheneFlake(need('rows'), need('cols'), h.hopping ?? -2.7, scalarOnsite());
    }
  }
  return H;
}

function buildCoupling(c: ProbecheckConfig['terminals'][number]['coupling'], n: number, path: string, isProbe: boolean): { coupling: Coupling; test: boolean } {
  if ((c.matrix !== undefined) === (c.sites !== undefined)) throw new ConfigError(path, 'give either "sites" with "gamma", or "matrix"');
  if (c.matrix !== undefined) {
    if (c.gamma !== undefined) throw new ConfigError(`${path}.gamma`, '"gamma" goes with "sites", not with "matrix"');
    const g = toMatrix(c.matrix, `${path}.matrix`);
    if (g.rows !== n) throw new ConfigError(`${path}.matrix`, `Γ is ${g.rows}×${g.rows} but H has ${n} sites`);
    checkHermitian(g, `${path}.matrix`, 'Γ');
    const scale = cmaxAbs(g);
    if (scale === 0) throw new ConfigError(`${path}.matrix`, 'Γ is zero: the terminal is not coupled (for a probe in the coherent limit give "sites" with "gamma": 0)');
    const ev = hermitianEigen(g).values;
    if (ev[0] < -1e-12 * scale) throw new ConfigError(`${path}.matrix`, `Γ is not positive semidefinite (smallest eigenvalue ${ev[0].toExponential(3)} eV)`);
    return { coupling: matrixCoupling(g), test: false };
  }
  const sites = c.sites!;
  if (c.gamma === undefined) throw new ConfigError(`${path}.gamma`, 'required with "sites"');
  sites.forEach((s, k) => { if (s >= n) throw new ConfigError(`${path}.sites[${k}]`, `site ${s} does not exist (H has sites 0…${n - 1})`); });
  const seen = new Set<number>();
  sites.forEach((s, k) => { if (seen.has(s)) throw new ConfigError(`${path}.sites[${k}]`, `site ${s} is listed twice`); seen.add(s); });
  const gammas = typeof c.gamma === 'number' ? sites.map(() => c.gamma as number) : c.gamma;
  if (gammas.length !== sites.length) throw new ConfigError(`${path}.gamma`, `expected one γ per site (${sites.length}), got ${gammas.length}`);
  gammas.forEach((g, k) => { if (g < 0) throw new ConfigError(typeof c.gamma === 'number' ? `${path}.gamma` : `${path}.gamma[${k}]`, `γ must be ≥ 0 (got ${g})`); });
  if (gammas.every((g) => g === 0)) {
    if (!isProbe) throw new ConfigError(`${path}.gamma`, 'a lead with γ = 0 is not connected to the system; remove it');
    // Coherent limit: the probe's unit direction Γ̂ gives its first-order coefficients.
    return { coupling: localCoupling(n, sites, 1), test: true };
  }
  return { coupling: localCoupling(n, sites, gammas), test: false };
}

/** Validate a config object (already JSON-parsed) and build the system. */
export function parseConfig(raw: unknown): ParsedConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    let msg = issue.message;
    if (issue.code === 'unrecognized_keys') msg = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) msg = 'required';
    throw new ConfigError(pathString(issue.path), msg);
  }
  const config = parsed.data;
  if (!(config.reference.T > 0)) throw new ConfigError('reference.T', `T0 must be > 0 K (got ${config.reference.T})`);
  const H = buildHamiltonian(config.hamiltonian);
  const n = H.rows;
  const names = new Set<string>();
  const terminals: Terminal[] = config.terminals.map((t, a) => {
    const path = `terminals[${a}]`;
    if (names.has(t.name)) throw new ConfigError(`${path}.name`, `duplicate terminal name "${t.name}"`);
    names.add(t.name);
    if (t.T !== undefined && !(t.T > 0)) throw new ConfigError(`${path}.T`, `T must be > 0 K (got ${t.T})`);
    const isProbe = t.probe !== undefined;
    const { coupling, test } = buildCoupling(t.coupling, n, `${path}.coupling`, isProbe);
    if (t.probe === 'VTP' && t.T !== undefined) throw new ConfigError(`${path}.T`, 'a VTP\'s temperature is solved for; remove "T" (or make it a VP)');
    if (isProbe && t.mu !== undefined) throw new ConfigError(`${path}.mu`, 'a probe\'s chemical potential is solved for; remove "mu"');
    if (!isProbe) {
      if (t.T === undefined) throw new ConfigError(`${path}.T`, `lead "${t.name}" needs a temperature`);
      if (config.circuit === 'electronic' && t.mu === undefined) throw new ConfigError(`${path}.mu`, `lead "${t.name}" needs a chemical potential in an electronic circuit`);
    }
    return { name: t.name, role: t.probe ?? 'lead', mu: t.mu, temperature: t.T, coupling, test };
  });
  const leads = terminals.filter((t) => t.role === 'lead');
  if (leads.length < 2) throw new ConfigError('terminals', `at least two leads (terminals without "probe") are needed, got ${leads.length}`);
  if (config.circuit === 'thermal') {
    terminals.forEach((t, a) => {
      if (t.role === 'lead' && t !== leads[0] && t.mu !== undefined) {
        throw new ConfigError(`terminals[${a}].mu`, `in a thermal circuit only the first lead's mu (the gauge) is given; "${t.name}"'s is solved for`);
      }
    });
  }
  return {
    config,
    system: { hamiltonian: H, terminals },
    reference: { mu: config.reference.mu, temperature: config.reference.T },
    circuit: config.circuit,
  };
}

/** Parse JSON text and validate it; a JSON syntax error is a ConfigError too. */
export function parseConfigText(text: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('(config)', `not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw);
}

/** The JSON Schema (draft 2020-12) of a config, generated from {@link configSchema}. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://probecheck.invalid/schema/config.schema.json',
    title: 'probecheck config',
    description: 'A tight-binding system with wide-band terminals (leads, VP and VTP probes) and its linear-response bias. Energies in eV, temperatures in K, sites 0-based.',
  };
}
