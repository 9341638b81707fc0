/**
 * The CLI's output formats: the `solve` JSON object (the contract other tools read) and CSV rows.
 */
import { prepareSystem, type SystemSolution, type TransportSystem } from '../numeric/system.js';
import type { CircuitKind } from '../numeric/circuit.js';
import type { ScanPoint } from '../scan.js';
import type { Onsager } from '../numeric/onsager.js';

/** n × n nested array from a row-major Float64Array. */
export function toNested(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}

/** The units of every key of the `solve` output. */
export const SOLVE_UNITS = {
  onsager: 'L0 dimensionless, L1 eV, L2 eV^2 (off-diagonal L^(nu)_ab; diagonal 0)',
  mu: 'eV', T: 'K', particle: '1/s', charge: 'A', heat: 'W', entropyProduction: 'W/K', seebeck: 'V/K',
  convention: 'currents are counted into each terminal; charge = -e * particle',
} as const;

/** Onsager coefficients as nested arrays. */
export function onsagerJson(o: Onsager): { L0: number[][]; L1: number[][]; L2: number[][] } {
  const n = o.terminals;
  return { L0: toNested(o.L0, n), L1: toNested(o.L1, n), L2: toNested(o.L2, n) };
}

/** The `probecheck solve` JSON object. */
export function solutionJson(system: TransportSystem, sol: SystemSolution, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = sol.circuit;
  const probes: Record<string, { model: string; mu: number; T: number; coherentLimit?: boolean }> = {};
  const currents: Record<string, { particle: number; charge: number; heat: number }> = {};
  system.terminals.forEach((t, a) => {
    if (t.role !== 'lead') probes[t.name] = { model: t.role, mu: c.mu[a], T: c.temperature[a], ...(t.test ? { coherentLimit: true } : {}) };
    currents[t.name] = { particle: c.particleCurrent[a], charge: c.chargeCurrent[a], heat: c.heatCurrent[a] };
  });
  const out: Record<string, unknown> = {
    terminals: [...c.terminals],
    circuit: c.kind,
    reference: { mu: c.reference.mu, T: c.reference.temperature },
    onsager: onsagerJson(sol.onsager),
    probes,
    currents,
    entropyProduction: c.entropyProduction,
  };
  if (c.kind === 'thermal') {
    out.mu = Object.fromEntries(c.terminals.map((name, a) => [name, c.mu[a]]));
    out.seebeck = c.seebeck;
  }
  return { ...out, ...extra, units: SOLVE_UNITS };
}

/** CSV text (moved to src/io/csv.ts; re-exported for existing importers). */
export { toCsv } from '../io/csv.js';

/** A table: header and rows, ready for {@link toCsv}. */
export interface Table {
  readonly header: string[];
  readonly rows: Array<Array<number | null>>;
}

/**
 * The `transmission` command's table: E (eV) then T_<a>_<b> for every ordered pair a ≠ b. A probe in
 * the coherent limit (γ = 0) transmits nothing: its columns are physically 0 (the engine holds its
 * first-order coefficients, which only the circuit solve uses).
 */
export function transmissionTable(system: TransportSystem, energies: readonly number[]): Table {
  const names = system.terminals.map((t) => t.name);
  const n = names.length;
  const engine = prepareSystem(system).engine();
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) pairs.push([a, b]);
  const test = system.terminals.map((term) => term.role !== 'lead' && term.test === true);
  const t = new Float64Array(n * n);
  const rows = energies.map((e) => {
    engine.evaluate(e, t);
    return [e, ...pairs.map(([a, b]) => (test[a] || test[b] ? 0 : t[a * n + b]))];
  });
  return { header: ['E', ...pairs.map(([a, b]) => `T_${names[a]}_${names[b]}`)], rows };
}

/**
 * The `scan` command's table: mu0 [, gamma_<P>], then per terminal mu_X, T_X, particle_X, charge_X,
 * heat_X, then entropyProduction [, seebeck for a thermal circuit].
 */
export function scanTable(points: readonly ScanPoint[], names: readonly string[], circuit: CircuitKind, gammaTerminal?: string): Table {
  const header = ['mu0', ...(gammaTerminal ? [`gamma_${gammaTerminal}`] : [])];
  for (const nm of names) header.push(`mu_${nm}`, `T_${nm}`, `particle_${nm}`, `charge_${nm}`, `heat_${nm}`);
  header.push('entropyProduction');
  if (circuit === 'thermal') header.push('seebeck');
  const rows = points.map((p) => {
    const c = p.solution.circuit;
    const row: Array<number | null> = [p.mu0, ...(gammaTerminal ? [p.gamma] : [])];
    names.forEach((_, a) => row.push(c.mu[a], c.temperature[a], c.particleCurrent[a], c.chargeCurrent[a], c.heatCurrent[a]));
    row.push(c.entropyProduction);
    if (circuit === 'thermal') row.push(c.seebeck);
    return row;
  });
  return { header, rows };
}
