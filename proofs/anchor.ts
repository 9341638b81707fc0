/**
 * The numeric route's independent anchor (issue 12). The numeric route of every proof evaluates
 * the paper's formulas on the solver's own Onsager coefficients, so a solver bug that keeps the
 * algebra consistent (the sign of L^(1) flipped, a factor 2 dropped in L^(0), transposed blocks
 * of M, a wrong k_B) would pass it. The anchor ties the solver to values it did not compute:
 *
 *  1. the SI constants, derived here from the exact SI definitions (2019): e, h, k_B (to the
 *     10 digits the solver uses);
 *  2. L^(ν)_αβ of the benzene junction against 30-digit mpmath references
 *     (test/fixtures/reference/reference.json, by generate.py: its own Green's function, its own
 *     Fermi-window quadrature), to 1e-11 of the natural scale (the solver reaches ~1e-13 at 300 K;
 *     k_B wrong in its last digit moves L^(2) by 2e-10);
 *  3. the solved circuits (VP and VTP, electronic): M built element by element from the mpmath
 *     L's, the unknowns eliminated by this file's own Gaussian elimination, currents converted with
 *     the constants of 1. — against solveSystem, to 1e-9 relative.
 *
 * If the anchor fails, every proof's numeric route fails (proofs/index.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benzene, localCoupling, K_B_EV, H_EV_S, E_CHARGE, type Reference, type TransportSystem, type TerminalState } from '../src/index.js';
import { SOLVER, WorstError, type NumericSolver } from './lib.js';

/** Exact SI (2019): e in C, h in J s, k_B in J/K. */
const E_SI = 1.602176634e-19,
  H_SI = 6.62607015e-34,
  KB_SI = 1.380649e-23;
/** The constants in the units of the solver, derived here (eV/K, eV s, C). */
export const ANCHOR_CONSTANTS = { kB: KB_SI / E_SI, h: H_SI / E_SI, e: E_SI } as const;

interface BenzeneRef {
  gammas: [number, number, number];
  mu: number;
  T: number;
  pairs: Record<string, [number, number, number]>;
}

function loadReference(): BenzeneRef[] {
  const url = new URL('../test/fixtures/reference/reference.json', import.meta.url);
  return (JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { benzene: BenzeneRef[] }).benzene;
}

/**
 * What the anchor checks: the proofs' numeric solver (proofs/lib.ts, injectable so that tests can
 * feed it a broken one) and the physical constants it uses.
 */
export interface AnchorSolver extends NumericSolver {
  readonly constants: { readonly kB: number; readonly h: number; readonly e: number };
}

/** The real solver. */
export const ANCHOR_SOLVER: AnchorSolver = { ...SOLVER, constants: { kB: K_B_EV, h: H_EV_S, e: E_CHARGE } };

/** Result of {@link anchorCheck}. */
export interface AnchorResult {
  readonly ok: boolean;
  readonly detail: string;
  /** Worst deviations: constants (relative), L (of the natural scale), circuits (relative). */
  readonly worst: { readonly constants: number; readonly onsager: number; readonly circuit: number };
}

/**
 * Tolerances. Constants: the solver uses the 10-significant-digit published values (h = 4.135667696e-15
 * eV s is 2.2e-10 below h/e), so 3e-10; a wrong digit among the first nine is caught here, a wrong
 * tenth digit of k_B by the L^(2) check (the mpmath references use k_B = 8.617333262e-5).
 */
export const ANCHOR_TOLERANCE = { constants: 3e-10, onsager: 1e-11, circuit: 1e-9 } as const;

function system(g: [number, number, number]): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', coupling: localCoupling(6, [0], g[0]) },
      { name: 'R', role: 'lead', coupling: localCoupling(6, [2], g[1]) },
      { name: 'P', role: 'VP', coupling: localCoupling(6, [3], g[2]) },
    ],
  };
}

/** Solve A x = b (small, dense, partial pivoting): this file's own elimination. */
function gauss(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    [M[k], M[p]] = [M[p], M[k]];
    for (let i = k + 1; i < n; i++) {
      const l = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= l * M[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

/**
 * The circuit from mpmath L's, independently: variables (μ_L, μ_R, μ_P, θ_L, θ_R, θ_P), θ = T/T0 − 1;
 * h J^N_α = Σ_β L0_αβ(μ_β − μ_α) + L1_αβ(θ_β − θ_α), h J^Q_α = Σ_β L1_αβ(μ_β − μ_α) + L2_αβ(θ_β − θ_α)
 * (currents into α, paper Eq. 1), probes' zero-current conditions solved for their unknowns.
 */
function independentCircuit(L: (nu: number, a: number, b: number) => number, x: number[], unknown: number[]): { x: number[]; y: number[] } {
  const n = 3;
  const row = (i: number, xx: number[]) => {
    const a = i % n,
      heat = i >= n;
    let s = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      s += L(heat ? 1 : 0, a, b) * (xx[b] - xx[a]) + L(heat ? 2 : 1, a, b) * (xx[n + b] - xx[n + a]);
    }
    return s;
  };
  // linear in the unknowns: columns by unit probes
  const base = x.map((v, i) => (unknown.includes(i) ? 0 : v));
  const r0 = unknown.map((u) => row(u, base));
  const A = unknown.map((u) =>
    unknown.map((v) => {
      const e = base.slice();
      e[v] = 1;
      return row(u, e) - row(u, base);
    }),
  );
  const sol = gauss(
    A,
    r0.map((r) => -r),
  );
  const full = base.slice();
  unknown.forEach((u, k) => {
    full[u] = sol[k];
  });
  return { x: full, y: full.map((_, i) => row(i, full)) };
}

const rel = (a: number, b: number, scale: number) => Math.abs(a - b) / Math.max(scale, Number.MIN_VALUE);

/** Run the anchor against `solver` (default: the real one). */
export function anchorCheck(solver: AnchorSolver = ANCHOR_SOLVER): AnchorResult {
  const c = solver.constants,
    A = ANCHOR_CONSTANTS;
  const wc = Math.max(rel(c.kB, A.kB, A.kB), rel(c.h, A.h, A.h), rel(c.e, A.e, A.e));
  const wo = new WorstError(),
    wcirc = new WorstError();
  const n = 3;
  for (const r of loadReference()) {
    const ref: Reference = { mu: r.mu, temperature: r.T };
    const o = solver.onsager(system(r.gammas), ref);
    const Lref = (nu: number, a: number, b: number) => (a === b ? 0 : r.pairs[a < b ? `${a}${b}` : `${b}${a}`][nu]);
    // natural scales from the references (onsagerScales' definition, written out)
    let m0 = 0,
      m2 = 0;
    for (const key of Object.keys(r.pairs)) {
      m0 = Math.max(m0, Math.abs(r.pairs[key][0]));
      m2 = Math.max(m2, Math.abs(r.pairs[key][2]));
    }
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const s0 = Math.max(Math.abs(Lref(0, a, b)), 1e-12 * m0),
          s2 = Math.max(Math.abs(Lref(2, a, b)), 1e-12 * m2);
        const s = [s0, Math.sqrt(s0 * s2), s2];
        const mine = [o.L0, o.L1, o.L2];
        for (let nu = 0; nu < 3; nu++) {
          wo.note(rel(mine[nu][a * n + b], Lref(nu, a, b), s[nu]), `L${nu}[${a}][${b}] γ=${r.gammas} μ0=${r.mu}`);
        }
      }
    // circuits: VP held at T0 + 5 K, and VTP; leads ±0.2 k_BT0, 325/275 K — and the bias reversed
    // (VP at T0 − 5 K), so that μ_P − μ0 and T_P − T0 take both signs
    const T0 = r.T;
    const kT = A.kB * T0;
    for (const [sgn, role] of [
      [1, 'VP'],
      [1, 'VTP'],
      [-1, 'VP'],
      [-1, 'VTP'],
    ] as const) {
      const [TLk, TRk] = sgn === 1 ? [325, 275] : [275, 325];
      const states: TerminalState[] = [
        { name: 'L', role: 'lead', mu: r.mu + sgn * 0.2 * kT, temperature: TLk },
        { name: 'R', role: 'lead', mu: r.mu - sgn * 0.2 * kT, temperature: TRk },
        { name: 'P', role, temperature: role === 'VP' ? T0 + sgn * 5 : undefined },
      ];
      const got = solver.solve(o, states, 'electronic', ref);
      const x = [sgn * 0.2 * kT, -sgn * 0.2 * kT, 0, TLk / T0 - 1, TRk / T0 - 1, role === 'VP' ? (sgn * 5) / T0 : 0];
      const indep = independentCircuit(Lref, x, role === 'VP' ? [2] : [2, 5]);
      const hEVs = A.h;
      const muP = r.mu + indep.x[2],
        TP = T0 * (1 + indep.x[5]);
      const particle = indep.y.slice(0, 3).map((v) => v / hEVs);
      const heat = indep.y.slice(3).map((v) => (v / hEVs) * A.e);
      const sdot = (-indep.x.reduce((s, xi, i) => s + xi * indep.y[i], 0) / (hEVs * T0)) * A.e;
      const pScale = Math.max(...particle.map(Math.abs)),
        qScale = Math.max(...heat.map(Math.abs));
      const devs = [
        rel(got.mu[2] - r.mu, muP - r.mu, Math.abs(muP - r.mu) + 1e-6 * kT),
        rel(got.temperature[2], TP, Math.abs(TP - T0) + 1e-9 * T0),
        ...[0, 1, 2].map((a) => rel(got.particleCurrent[a], particle[a], pScale)),
        ...[0, 1, 2].map((a) => rel(got.heatCurrent[a], heat[a], qScale)),
        rel(got.chargeCurrent[0], -A.e * particle[0], A.e * pScale),
        rel(got.entropyProduction, sdot, sdot),
      ];
      const where = `${role} circuit${sgn === 1 ? '' : ' (bias reversed)'} γ=${r.gammas} μ0=${r.mu}`;
      for (const d of devs) wcirc.note(d, where);
    }
  }
  const okConstants = wc <= ANCHOR_TOLERANCE.constants,
    okOnsager = wo.maxError <= ANCHOR_TOLERANCE.onsager,
    okCircuit = wcirc.maxError <= ANCHOR_TOLERANCE.circuit;
  const ok = okConstants && okOnsager && okCircuit;
  const where = !okConstants ? 'constants' : !okOnsager ? wo.worst : wcirc.worst;
  const detail =
    `independent anchor: SI constants from the exact SI definitions (worst ${wc.toExponential(1)}, tol ${ANCHOR_TOLERANCE.constants}); ` +
    `L^(ν) vs 30-digit mpmath (worst ${wo.maxError.toExponential(1)} of the natural scale, tol ${ANCHOR_TOLERANCE.onsager}); ` +
    `VP/VTP circuits from the mpmath L's by an independent elimination (worst ${wcirc.maxError.toExponential(1)}, tol ${ANCHOR_TOLERANCE.circuit})` +
    (ok ? '' : ` — FAILS (${where})`);
  return { ok, detail, worst: { constants: wc, onsager: wo.maxError, circuit: wcirc.maxError } };
}
