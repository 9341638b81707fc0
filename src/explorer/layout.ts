/**
 * A drawing of the system for the site picker: site positions and bonds. Benzene and rings on a
 * circle (site 0 on the left, counter-clockwise), chains on a line, graphene flakes in their
 * honeycomb geometry (brick wall r·cols + c, vertical bonds where r + c is even: hamiltonian.ts),
 * any other Hamiltonian on a circle with its bonds read from the nonzero off-diagonal entries of H.
 * Pure; coordinates in arbitrary units, scaled by the page.
 */
import type { CMatrix } from '../numeric/linalg.js';
import type { ConfigJson } from './model.js';

/** Site positions and bonds (pairs i < j). */
export interface SystemDrawing {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly bonds: ReadonlyArray<readonly [number, number]>;
}

/** Largest system the page draws (beyond, the picker is a list only). */
export const MAX_DRAWN_SITES = 400;

/** Positions and bonds of the system of `config` with Hamiltonian `H` (the parsed one). */
export function systemDrawing(config: ConfigJson, H: CMatrix): SystemDrawing {
  const n = H.rows;
  const bonds: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (H.re[i * n + j] !== 0 || H.im[i * n + j] !== 0) bonds.push([i, j]);
  const x = new Float64Array(n),
    y = new Float64Array(n);
  const h = config.hamiltonian;
  if (h.model === 'chain') {
    for (let k = 0; k < n; k++) x[k] = k;
  } else if (h.model === 'graphene') {
    const cols = Number(h.cols);
    for (let k = 0; k < n; k++) {
      const r = Math.floor(k / cols),
        c = k % cols;
      x[k] = c * (Math.sqrt(3) / 2);
      y[k] = 1.5 * r + ((r + c) % 2 === 0 ? 0.25 : -0.25);
    }
  } else {
    for (let k = 0; k < n; k++) {
      const a = Math.PI + (2 * Math.PI * k) / n; // site 0 on the left, then counter-clockwise on screen
      x[k] = Math.cos(a);
      y[k] = -Math.sin(a);
    }
  }
  return { x, y, bonds };
}
