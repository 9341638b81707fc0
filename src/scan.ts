/**
 * Parameter scans of a system: the reference chemical potential μ0 (level alignment μ0 − ε0)
 * and the width γ of one terminal. Pure functions; the CLI writes the rows.
 *
 * Conventions: when μ0 moves, every given μ keeps its offset from the reference (the bias
 * μ_α − μ0 is fixed); when γ of a terminal with a local coupling ("sites"/"gamma") is scanned,
 * every site of it gets that γ. The eigenproblems are solved once per γ and reused across μ0.
 */
import { localCoupling } from './numeric/coupling.js';
import type { TransportSystem, Terminal, OnsagerMethod, SystemSolution } from './numeric/system.js';
import { prepareSystem } from './numeric/system.js';
import type { Onsager, Reference } from './numeric/onsager.js';
import { prepareCircuit, type CircuitKind, type CircuitResult, type TerminalState } from './numeric/circuit.js';

/** Evenly spaced grid A:B:K (K points, both ends included). */
export function linspace(a: number, b: number, k: number): number[] {
  if (k === 1) return [a];
  return Array.from({ length: k }, (_, i) => a + ((b - a) * i) / (k - 1));
}

/** Parse "A:B:K" into a grid; throws a plain Error with the reason. */
export function parseRange(text: string): number[] {
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length !== 3) throw new Error(`expected A:B:K, got "${text}"`);
  const [a, b, k] = parts.map(Number);
  if (![a, b, k].every(Number.isFinite)) throw new Error(`expected numbers in A:B:K, got "${text}"`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`K must be a positive integer, got "${parts[2]}"`);
  return linspace(a, b, k);
}

/**
 * The system with terminal `name`'s local width set to γ (eV) on each of its sites.
 * γ = 0 on a probe gives the coherent limit (a test probe).
 */
export function withTerminalGamma(system: TransportSystem, name: string, gamma: number, sites: readonly number[]): TransportSystem {
  const n = system.hamiltonian.rows;
  const idx = system.terminals.findIndex((t) => t.name === name);
  if (idx < 0) throw new Error(`no terminal named "${name}"`);
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new Error(`γ must be a finite number ≥ 0, got ${gamma}`);
  const old = system.terminals[idx];
  if (gamma === 0 && old.role === 'lead') throw new Error(`lead "${name}" cannot have γ = 0`);
  const t: Terminal = { ...old, coupling: localCoupling(n, sites, gamma === 0 ? 1 : gamma), test: gamma === 0 };
  const terminals = system.terminals.slice();
  terminals[idx] = t;
  return { hamiltonian: system.hamiltonian, terminals };
}

/** The terminals with every given μ moved so that μ − μ0 is unchanged when μ0 → `mu0`. */
export function shiftReference(system: TransportSystem, reference: Reference, mu0: number): { system: TransportSystem; reference: Reference } {
  const d = mu0 - reference.mu;
  return {
    system: { hamiltonian: system.hamiltonian, terminals: system.terminals.map((t) => (t.mu === undefined ? t : { ...t, mu: t.mu + d })) },
    reference: { mu: mu0, temperature: reference.temperature },
  };
}

/** One scan point. */
export interface ScanPoint {
  readonly mu0: number;
  readonly gamma: number | null;
  readonly solution: SystemSolution;
}

/** What to scan. */
export interface ScanSpec {
  readonly mu0: readonly number[];
  /** Optional γ scan of one terminal with a local coupling on `sites`. */
  readonly gamma?: { readonly terminal: string; readonly sites: readonly number[]; readonly values: readonly number[] };
}

/**
 * One circuit to solve at every scan point: its kind and, optionally, other roles/biases for the
 * terminals (same names and couplings as the system, e.g. the probe as a VP instead of a VTP).
 */
export interface CircuitVariant {
  readonly kind: CircuitKind;
  readonly terminals?: readonly TerminalState[];
}

/** One scan point solved for several circuit variants that share its Onsager coefficients. */
export interface MultiScanPoint {
  readonly mu0: number;
  readonly gamma: number | null;
  readonly onsager: Onsager;
  /** One result per variant, in the order given. */
  readonly circuits: readonly CircuitResult[];
}

/**
 * Scan μ0 (and optionally γ), solving every variant at every point from one set of Onsager
 * coefficients: the eigenproblems are solved once per γ, the Onsager coefficients once per point,
 * and each circuit is prepared once (its unknowns and buffers) and reused across μ0.
 * @example
 * ```ts
 * import { benzene, linspace, localCoupling, scanCircuits, type TerminalState } from 'probecheck';
 *
 * const terminals = [
 *   { name: 'L', role: 'lead', mu: 0.0005, temperature: 325, coupling: localCoupling(6, [0], 0.5) },
 *   { name: 'R', role: 'lead', mu: -0.0005, temperature: 275, coupling: localCoupling(6, [2], 0.5) },
 *   { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.05) },
 * ] as const;
 * const asVP: TerminalState[] = terminals.map((t) => (t.name === 'P' ? { name: 'P', role: 'VP' } : t));
 * const points = scanCircuits({ hamiltonian: benzene(), terminals }, { mu: 0, temperature: 300 },
 *   { mu0: linspace(-1, 1, 21) }, [{ kind: 'electronic' }, { kind: 'electronic', terminals: asVP }]);
 * for (const p of points) {
 *   const [vtp, vp] = p.circuits;
 *   if (vtp && vp) console.log(p.mu0, vp.entropyProduction - vtp.entropyProduction); // ≥ 0 (Eq. 33)
 * }
 * ```
 */
export function scanCircuits(system: TransportSystem, reference: Reference, spec: ScanSpec, variants: readonly CircuitVariant[], method: OnsagerMethod = 'closed-form', onPoint?: () => void): MultiScanPoint[] {
  const out: MultiScanPoint[] = [];
  const gammas: Array<number | null> = spec.gamma ? [...spec.gamma.values] : [null];
  for (const g of gammas) {
    const sys = g === null || !spec.gamma ? system : withTerminalGamma(system, spec.gamma.terminal, g, spec.gamma.sites);
    const prepared = prepareSystem(sys);
    const circuits = variants.map((v) => {
      // a γ = 0 terminal is a test probe in `sys`; carry that flag into overriding terminals
      const terms = v.terminals ? v.terminals.map((t, a) => ({ ...t, test: sys.terminals[a].test })) : sys.terminals;
      return prepareCircuit(terms, reference, v.kind);
    });
    for (const mu0 of spec.mu0) {
      const onsager = prepared.onsager({ mu: mu0, temperature: reference.temperature }, method);
      out.push({ mu0, gamma: g, onsager, circuits: circuits.map((c) => c.solve(onsager, mu0)) });
      onPoint?.();
    }
  }
  return out;
}

/**
 * Run a scan of the system's own circuit; `onPoint` is called after every point (for progress).
 * @example
 * ```ts
 * import { linspace, ring, localCoupling, scan } from 'probecheck';
 *
 * const system = {
 *   hamiltonian: ring(6, -2.64),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.0005, temperature: 300, coupling: localCoupling(6, [0], 0.5) },
 *     { name: 'R', role: 'lead', mu: -0.0005, temperature: 300, coupling: localCoupling(6, [3], 0.5) },
 *     { name: 'P', role: 'VP', coupling: localCoupling(6, [1], 0.05) },
 *   ],
 * } as const;
 * const points = scan(system, { mu: 0, temperature: 300 }, 'electronic', { mu0: linspace(-3, 3, 61) });
 * console.log(points.map((p) => [p.mu0, p.solution.circuit.heatCurrent[1]])); // eV, W into R
 * ```
 */
export function scan(system: TransportSystem, reference: Reference, kind: CircuitKind, spec: ScanSpec, method: OnsagerMethod = 'closed-form', onPoint?: () => void): ScanPoint[] {
  return scanCircuits(system, reference, spec, [{ kind }], method, onPoint).map((p) => ({
    mu0: p.mu0,
    gamma: p.gamma,
    solution: { onsager: p.onsager, circuit: p.circuits[0] },
  }));
}
