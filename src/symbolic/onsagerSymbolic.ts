/**
 * The symbolic Onsager matrix of an n-terminal junction (docs/physics.md §3; paper Eqs. 1, 2, 9).
 *
 * Off-diagonal entries are the symbols L^(ν)_αβ = L^(ν)_βα (no magnetic field: T_αβ = T_βα),
 * diagonals follow from the sum rules, 𝓛^(ν)_αα = −Σ_{β≠α} L^(ν)_αβ. Variables are ordered
 * x = (μ_1 … μ_n, θ_1 … θ_n) with θ_α = (T_α − T0)/T0, rows y = h (J^N_1 … J^N_n, J^Q_1 … J^Q_n),
 * currents into each terminal — the same layout as onsagerMatrix() in src/numeric/onsager.ts.
 * Generic over a {@link Field}: the same matrix is built from rational functions, random
 * rationals, doubles or nerdamer strings.
 */
import type { Ring } from './field.js';

/** Symbol name of L^(ν)_αβ (symmetric: the pair is put in terminal order), e.g. "L1LP". */
export function onsagerSymbol(nu: number, terminals: readonly string[], a: number, b: number): string {
  const [p, q] = a < b ? [a, b] : [b, a];
  return `L${nu}${terminals[p]}${terminals[q]}`;
}

/** Every independent symbol L^(ν)_αβ, α < β, ν = 0, 1, 2, in a fixed order. */
export function onsagerSymbols(terminals: readonly string[]): string[] {
  const out: string[] = [];
  for (let nu = 0; nu < 3; nu++) {
    for (let a = 0; a < terminals.length; a++) for (let b = a + 1; b < terminals.length; b++) out.push(onsagerSymbol(nu, terminals, a, b));
  }
  return out;
}

/** LaTeX for a symbol produced by {@link onsagerSymbol} or a bias symbol (mu*, th*); other names unchanged. */
export function symbolLatex(name: string, terminals: readonly string[]): string {
  const m = /^L([012])(.+)$/.exec(name);
  if (m) {
    for (const a of terminals) {
      if (m[2].startsWith(a) && terminals.includes(m[2].slice(a.length))) {
        return `L^{(${m[1]})}_{${sub(a)}${sub(m[2].slice(a.length))}}`;
      }
    }
  }
  const b = /^(mu|th)(.+)$/.exec(name);
  if (b && terminals.includes(b[2])) return `${b[1] === 'mu' ? '\\mu' : '\\theta'}_{${sub(b[2])}}`;
  return name;
}

function sub(t: string): string {
  const m = /^([A-Z])(\d+)$/.exec(t);
  return m ? `${m[1]}_${m[2]}` : t;
}

/** Name of the chemical-potential variable of a terminal (eV, relative to μ0). */
export const muSymbol = (t: string): string => `mu${t}`;
/** Name of the reduced temperature variable θ = (T − T0)/T0 of a terminal. */
export const thetaSymbol = (t: string): string => `th${t}`;

/**
 * The 2n × 2n Onsager matrix over a ring, with `value(name)` giving each symbol L^(ν)_αβ.
 * docs/physics.md §3: M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]], 𝓛^(ν)_αα = −Σ_{β≠α} L^(ν)_αβ (paper Eq. 9).
 * @example
 * ```ts
 * import { Poly, PolyRing, symbolicOnsagerMatrix } from 'probecheck/symbolic';
 *
 * // The 4 × 4 Onsager matrix of two terminals with symbolic entries; its rows sum to zero (Eq. 9).
 * const M = symbolicOnsagerMatrix(PolyRing, ['L', 'R'], (name) => Poly.variable(name));
 * console.log(M.map((row) => row.map((p) => p.toString())));
 * ```
 */
export function symbolicOnsagerMatrix<T>(F: Ring<T>, terminals: readonly string[], value: (name: string) => T): T[][] {
  const n = terminals.length,
    m = 2 * n;
  const M: T[][] = Array.from({ length: m }, () => Array.from({ length: m }, () => F.zero));
  for (let nu = 0; nu < 3; nu++) {
    const blocks: Array<[number, number]> =
      nu === 0
        ? [[0, 0]]
        : nu === 1
          ? [
              [0, n],
              [n, 0],
            ]
          : [[n, n]];
    for (const [r0, c0] of blocks) {
      for (let a = 0; a < n; a++) {
        let diag = F.zero;
        for (let b = 0; b < n; b++) {
          if (a === b) continue;
          const v = value(onsagerSymbol(nu, terminals, a, b));
          M[r0 + a][c0 + b] = v;
          diag = F.sub(diag, v);
        }
        M[r0 + a][c0 + a] = diag;
      }
    }
  }
  return M;
}

/** Index of μ_α (row J^N_α) in the 2n variables. */
export const muIndex = (n: number, a: number): number => a;
/** Index of θ_α (row J^Q_α) in the 2n variables. */
export const thetaIndex = (n: number, a: number): number => n + a;
