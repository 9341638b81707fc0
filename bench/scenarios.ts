/**
 * The systems the benchmark runs (shared by bench/run.ts and the memory child bench/scan-child.ts).
 *
 * Benzene junction of docs/physics.md §7: H = benzene(t = −2.64 eV), L on site 0, R on site 2 (meta),
 * probe on site 3 (para to L, ortho to R), all local couplings. Three configurations, six probe
 * widths γ, μ0 over −3…3 eV in 601 points, T0 = 300 K, VP held at 300 K, electrical bias ±ΔV/2
 * with ΔV = 10 mV (μ_L = μ0 + 5 meV, μ_R = μ0 − 5 meV), two circuits (electronic, pure thermal),
 * each point solved for both a VP and a VTP. The NumPy baseline (bench/baseline_numpy.py) uses
 * the same constants; keep the two in step.
 */
import {
  benzene,
  localCoupling,
  linspace,
  prepareSystem,
  prepareCircuit,
  scanCircuits,
  scanColumns,
  type CircuitKind,
  type CircuitResult,
  type TerminalRole,
  type TerminalState,
  type TransportSystem,
} from '../src/index.js';

export const HOPPING = -2.64;
export const T0 = 300;
export const DELTA_V = 0.01;
export const T_VP = 300;
export const MU0: readonly number[] = linspace(-3, 3, 601);
export const GAMMAS: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.5, 1.0];
export const SITE_L = 0,
  SITE_R = 2,
  SITE_P = 3;
export const KINDS: readonly CircuitKind[] = ['electronic', 'thermal'];
export const ROLES: readonly TerminalRole[] = ['VP', 'VTP'];

export interface JunctionConfig {
  readonly name: string;
  readonly gammaL: number;
  readonly gammaR: number;
  readonly TL: number;
  readonly TR: number;
}

export const CONFIGS: readonly JunctionConfig[] = [
  { name: 'symmetric', gammaL: 0.5, gammaR: 0.5, TL: 325, TR: 275 },
  { name: 'thermal-asymmetry', gammaL: 0.5, gammaR: 0.5, TL: 350, TR: 275 },
  { name: 'tunnel-asymmetry', gammaL: 0.5, gammaR: 0.25, TL: 325, TR: 275 },
];

/** Bias and roles of the three terminals at reference μ0 (μ given only in the electronic circuit). */
export function terminalStates(cfg: JunctionConfig, role: TerminalRole, kind: CircuitKind, mu0: number): TerminalState[] {
  const probe: TerminalState = role === 'VP' ? { name: 'P', role, temperature: T_VP } : { name: 'P', role };
  if (kind === 'electronic') {
    return [
      { name: 'L', role: 'lead', temperature: cfg.TL, mu: mu0 + DELTA_V / 2 },
      { name: 'R', role: 'lead', temperature: cfg.TR, mu: mu0 - DELTA_V / 2 },
      probe,
    ];
  }
  return [{ name: 'L', role: 'lead', temperature: cfg.TL }, { name: 'R', role: 'lead', temperature: cfg.TR }, probe];
}

/** The benzene junction with probe width γ, at reference μ0. */
export function junction(cfg: JunctionConfig, gammaP: number, role: TerminalRole, kind: CircuitKind, mu0 = 0): TransportSystem {
  const H = benzene(HOPPING);
  const n = H.rows;
  const couplings = [localCoupling(n, [SITE_L], cfg.gammaL), localCoupling(n, [SITE_R], cfg.gammaR), localCoupling(n, [SITE_P], gammaP)];
  const states = terminalStates(cfg, role, kind, mu0);
  return { hamiltonian: H, terminals: states.map((s, a) => ({ ...s, coupling: couplings[a] })) };
}

/** Key of one (configuration, γ) block, matching the NumPy dump ("symmetric/0.05", ".../1"). */
export function blockKey(cfg: JunctionConfig, gamma: number): string {
  return `${cfg.name}/${gamma}`;
}

/** Key of one circuit inside a block ("electronic/VP"). */
export function circuitKey(kind: CircuitKind, role: TerminalRole): string {
  return `${kind}/${role}`;
}

/**
 * Path A — the public `scanCircuits` (src/scan.ts) as a user calls it: one call per configuration
 * with the γ scan inside and the four (circuit, probe role) variants solved from one Onsager set per
 * point. Per γ the eigenproblems are solved once and every circuit is prepared once: 10 818
 * closed-form L-sets, 43 272 circuit solves. Calls `visit` with every solved circuit.
 */
export function scanPathA(
  visit?: (cfg: JunctionConfig, kind: CircuitKind, role: TerminalRole, gamma: number, index: number, r: CircuitResult) => void,
): number {
  let solves = 0;
  const reference = { mu: 0, temperature: T0 };
  const variants = KINDS.flatMap((kind) => ROLES.map((role) => ({ kind, role })));
  for (const cfg of CONFIGS) {
    const pts = scanCircuits(
      junction(cfg, 1, 'VP', 'electronic'),
      reference,
      {
        mu0: MU0,
        gamma: { terminal: 'P', sites: [SITE_P], values: GAMMAS },
      },
      variants.map((v) => ({ kind: v.kind, terminals: terminalStates(cfg, v.role, v.kind, 0) })),
    );
    pts.forEach((p, i) => {
      p.circuits.forEach((r, k) => {
        solves++;
        visit?.(cfg, variants[k].kind, variants[k].role, p.gamma ?? NaN, i % MU0.length, r);
      });
    });
  }
  return solves;
}

/**
 * Path B — by hand: prepareSystem once per (configuration, γ), prepareCircuit once per (circuit,
 * role), one closed-form Onsager set per μ0 (prepared.onsager) shared by the four circuit solves:
 * 10 818 L-sets and 43 272 circuit solves, the same arrangement as the NumPy baseline.
 * With `onsagerOnly` the circuits are skipped (timing breakdown).
 */
export function scanPathB(
  visit?: (cfg: JunctionConfig, kind: CircuitKind, role: TerminalRole, gamma: number, index: number, r: CircuitResult) => void,
  onsagerOnly = false,
): number {
  let solves = 0;
  let sink = 0;
  const reference0 = { mu: 0, temperature: T0 };
  for (const cfg of CONFIGS) {
    const circuits = KINDS.flatMap((kind) => ROLES.map((role) => ({ kind, role, c: prepareCircuit(terminalStates(cfg, role, kind, 0), reference0, kind) })));
    for (const gamma of GAMMAS) {
      const prepared = prepareSystem(junction(cfg, gamma, 'VP', 'electronic'));
      for (let i = 0; i < MU0.length; i++) {
        const mu0 = MU0[i];
        const o = prepared.onsager({ mu: mu0, temperature: T0 });
        if (onsagerOnly) {
          sink += o.L0[1];
          continue;
        }
        for (const { kind, role, c } of circuits) {
          const r = c.solve(o, mu0);
          solves++;
          visit?.(cfg, kind, role, gamma, i, r);
        }
      }
    }
  }
  return onsagerOnly ? (Number.isFinite(sink) ? 0 : -1) : solves;
}

/** The path-A scan through `scanColumns` (columns only, no per-point view objects); returns the solves. */
export function scanColumnsPaper(): number {
  let solves = 0;
  const reference = { mu: 0, temperature: T0 };
  const variants = KINDS.flatMap((kind) => ROLES.map((role) => ({ kind, role })));
  for (const cfg of CONFIGS) {
    const c = scanColumns(
      junction(cfg, 1, 'VP', 'electronic'),
      reference,
      {
        mu0: MU0,
        gamma: { terminal: 'P', sites: [SITE_P], values: GAMMAS },
      },
      variants.map((v) => ({ kind: v.kind, terminals: terminalStates(cfg, v.role, v.kind, 0) })),
    );
    solves += c.points * c.circuits.length;
  }
  return solves;
}
