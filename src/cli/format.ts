/**
 * The CLI's output formats: the `solve` JSON object (the contract other tools read) and CSV rows.
 */
import { prepareSystem, type PreparedSystem, type SystemSolution, type TransportSystem } from '../numeric/system.js';
import type { CircuitKind } from '../numeric/circuit.js';
import type { ScanPoint } from '../scan.js';
import { worstRelativeError, type Onsager } from '../numeric/onsager.js';
import type { NonlinearResult } from '../numeric/nonlinear.js';
import { isProbe, isTestProbe } from '../model/probeModels.js';
import type { SpinFactor } from '../model/units.js';

/** n × n nested array from a row-major Float64Array. */
export function toNested(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}

/** The units of every key of the `solve` output. */
export const SOLVE_UNITS = {
  onsager:
    'L0 dimensionless, L1 eV, L2 eV^2 (off-diagonal L^(nu)_ab; diagonal 0; include the spin factor s); the row and column of a zero-coupling (gamma 0) probe hold dL/dgamma instead, per eV of gamma (L0 1/eV, L1 dimensionless, L2 eV): they fix its mu and T, and it exchanges no current (docs/physics.md §4)',
  mu: 'eV',
  T: 'K',
  particle: '1/s',
  charge: 'A',
  heat: 'W',
  entropyProduction: 'W/K',
  seebeck: 'V/K',
  convention:
    'currents are counted into each terminal; charge = -e * particle; every current, L^(nu) and entropyProduction include the spin factor s of "spin" (1: per spin channel, as in the paper); heat is the first-order current y = M x (it sums to zero over the terminals), entropyProduction the quadratic form -x^T M x/(h T0), not sum(heat/T) (docs/physics.md §5); an ER probe\'s mu, T are the Fermi function with its distribution\'s particle number and energy (docs/physics.md §8)',
} as const;

/** Onsager coefficients as nested arrays, multiplied by the spin factor s (docs/physics.md §11). */
export function onsagerJson(o: Onsager, spin: SpinFactor = 1): { L0: number[][]; L1: number[][]; L2: number[][] } {
  const n = o.terminals;
  const s = (a: Float64Array) => (spin === 1 ? a : a.map((v) => v * spin));
  return { L0: toNested(s(o.L0), n), L1: toNested(s(o.L1), n), L2: toNested(s(o.L2), n) };
}

/** The currents, probe μ/T and Ṡ of a solved circuit (linear or nonlinear), keyed by terminal. */
export function circuitJson(
  system: TransportSystem,
  c: {
    mu: Float64Array;
    temperature: Float64Array;
    particleCurrent: Float64Array;
    chargeCurrent: Float64Array;
    heatCurrent: Float64Array;
    entropyProduction: number;
  },
): { probes: Record<string, unknown>; currents: Record<string, unknown>; entropyProduction: number } {
  const probes: Record<string, { model: string; mu: number; T: number; coherentLimit?: boolean }> = {};
  const currents: Record<string, { particle: number; charge: number; heat: number }> = {};
  system.terminals.forEach((t, a) => {
    if (isProbe(t.role)) {
      probes[t.name] = {
        model: t.role,
        mu: c.mu[a],
        T: c.temperature[a],
        ...(isTestProbe(t) ? { coherentLimit: true } : {}),
      };
    }
    currents[t.name] = { particle: c.particleCurrent[a], charge: c.chargeCurrent[a], heat: c.heatCurrent[a] };
  });
  return { probes, currents, entropyProduction: c.entropyProduction };
}

/** The `probecheck solve` JSON object. */
export function solutionJson(system: TransportSystem, sol: SystemSolution, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = sol.circuit;
  const { probes, currents } = circuitJson(system, c);
  const out: Record<string, unknown> = {
    terminals: [...c.terminals],
    circuit: c.kind,
    reference: { mu: c.reference.mu, T: c.reference.temperature },
    spin: c.spin,
    onsager: onsagerJson(sol.onsager, c.spin),
    ...(sol.onsager.methodReason ? { methodReason: sol.onsager.methodReason } : {}),
    // docs/physics.md §13: the estimated error relative to the coefficients' natural scale
    ...onsagerErrorJson(sol.onsager),
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

/** `{onsagerError}` when the method estimates its error (docs/physics.md §13), else nothing. */
export function onsagerErrorJson(o: Onsager): { onsagerError?: number } {
  const e = worstRelativeError(o);
  return Number.isFinite(e) ? { onsagerError: e } : {};
}

/** The `solve` JSON object of a finite-bias (nonlinear) solution; `onsager` is the linear response at the reference. */
export function nonlinearJson(system: TransportSystem, onsager: Onsager, r: NonlinearResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { probes, currents } = circuitJson(system, r);
  system.terminals.forEach((t, a) => {
    (currents[t.name] as Record<string, number>).energy = r.energyCurrent[a];
  });
  const out: Record<string, unknown> = {
    terminals: [...r.terminals],
    circuit: r.kind,
    response: 'nonlinear',
    reference: { mu: r.reference.mu, T: r.reference.temperature },
    spin: r.spin,
    onsager: onsagerJson(onsager, r.spin),
    ...onsagerErrorJson(onsager),
    probes,
    currents,
    entropyProduction: r.entropyProduction,
    newton: { iterations: r.iterations, residual: r.residual },
  };
  if (r.kind === 'thermal') {
    out.mu = Object.fromEntries(r.terminals.map((name, a) => [name, r.mu[a]]));
    out.seebeck = r.seebeck;
    // a null thermopower always says why (docs/physics.md §5 "Thermopower")
    if (r.seebeck === null && r.seebeckReason) out.seebeckReason = r.seebeckReason;
  }
  return {
    ...out,
    ...extra,
    units: {
      ...SOLVE_UNITS,
      onsager: 'linear response at the reference (for comparison); ' + SOLVE_UNITS.onsager,
      convention: SOLVE_UNITS.convention + '; currents.*.energy is the energy current J^E = J^Q + mu J^N in W',
    },
  };
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
 * first-order coefficients, which only the circuit solve uses). Each row depends on its energy alone
 * (the engine keeps no state between energies that changes a result), so any split of the energies
 * into contiguous parts gives the same rows, bit for bit (`transmission --threads`, `--shard`).
 * `system` may be a {@link PreparedSystem} whose engine is already built; `onEnergy` is called after each row.
 */
export function transmissionTable(system: TransportSystem | PreparedSystem, energies: readonly number[], onEnergy: () => void = () => {}): Table {
  const prepared = 'engine' in system ? system : prepareSystem(system);
  system = prepared.system;
  const names = system.terminals.map((t) => t.name);
  const n = names.length;
  const engine = prepared.engine();
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) pairs.push([a, b]);
  const test = system.terminals.map(isTestProbe);
  const t = new Float64Array(n * n);
  const rows = energies.map((e) => {
    engine.evaluate(e, t);
    const row = [e, ...pairs.map(([a, b]) => (test[a] || test[b] ? 0 : t[a * n + b]))];
    onEnergy();
    return row;
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

/**
 * Extra `scan` columns with every probe as VP, as VTP and as ER side by side (`--probe-models`):
 * per model M, for every lead X `charge_X_M`, `heat_X_M`, for every probe P `mu_P_M`, `T_P_M`
 * (an ER probe: its moment μ, T, docs/physics.md §8), and `entropyProduction_M`. The point lists
 * must share the grid of the base table, in the same order.
 */
export function appendProbeModelColumns(table: Table, system: TransportSystem, byModel: ReadonlyArray<readonly [string, readonly ScanPoint[]]>): Table {
  const header = [...table.header];
  const rows = table.rows.map((r) => [...r]);
  for (const [model, points] of byModel) {
    if (points.length !== rows.length) throw new Error(`probe-model scan ${model}: ${points.length} points, expected ${rows.length}`);
    system.terminals.forEach((t) => {
      if (t.role === 'lead') header.push(`charge_${t.name}_${model}`, `heat_${t.name}_${model}`);
      else header.push(`mu_${t.name}_${model}`, `T_${t.name}_${model}`);
    });
    header.push(`entropyProduction_${model}`);
    points.forEach((p, i) => {
      const c = p.solution.circuit;
      system.terminals.forEach((t, a) => {
        if (t.role === 'lead') rows[i].push(c.chargeCurrent[a], c.heatCurrent[a]);
        else rows[i].push(c.mu[a], c.temperature[a]);
      });
      rows[i].push(c.entropyProduction);
    });
  }
  return { header, rows };
}
