/**
 * The SVG heat map of a probe map (docs/physics.md §15): every site drawn at its coordinates as a
 * disc coloured by one quantity (a diverging blue–white–red scale centred on `centre`), bonds of H
 * as thin lines. Pure: returns the SVG text.
 */
import type { CMatrix } from '../numeric/linalg.js';
import type { SparseMatrix } from '../numeric/sparse.js';
import type { SiteLayout } from './geometry.js';

/** Options of {@link mapSvg}. */
export interface MapSvgOptions {
  /** Quantity name shown in the title and legend (e.g. "T_P (VTP) [K]"). */
  readonly title: string;
  /** Value at the white midpoint of the colour scale (default: the mean of the values). */
  readonly centre?: number;
  readonly width?: number;
  /**
   * Sites (indexed like `values`) whose value is not resolved to the map's tolerance (a thermometer
   * map's `quadrature.siteError` above `rtol`, docs/physics.md §15): drawn grey with a dashed ring and
   * left out of the colour scale, so an unresolved number never shows as a colour.
   */
  readonly flagged?: ArrayLike<boolean>;
}

function colour(t: number): string {
  // t ∈ [−1, 1]: −1 blue, 0 white, +1 red
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const a = Math.round(255 * (1 - Math.abs(c)));
  return c >= 0 ? `rgb(255,${a},${a})` : `rgb(${a},${a},255)`;
}

/**
 * The colour scale's legend "centre ± dev (blue … red)": the centre with enough digits to resolve the
 * deviation (a probe thermometer's T_P ≈ 300 K varies by µK: "300.000 … 300.000" hid it).
 */
export function scaleLabel(centre: number, dev: number): string {
  if (!(dev > 0)) return `${centre.toPrecision(6)} everywhere`;
  // digits to the deviation's order of magnitude, and two more: the last shown digit is ≤ dev/10
  const digits = Math.max(3, Math.min(17, Math.ceil(Math.log10(Math.max(Math.abs(centre), dev) / dev)) + 2));
  const d = dev < 1e-3 || dev >= 1e6 ? dev.toExponential(1) : dev.toPrecision(2);
  return `${centre.toPrecision(digits)} ± ${d} (blue −, red +)`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bonds i < j of H (its non-zero entries above the diagonal), dense (O(N²)) or sparse (O(nnz)) form. */
function bonds(h: CMatrix | SparseMatrix, each: (i: number, j: number) => void): void {
  if ('rowPtr' in h) {
    for (let i = 0; i < h.n; i++) for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) if (h.col[p] > i && (h.re[p] !== 0 || h.im[p] !== 0)) each(i, h.col[p]);
    return;
  }
  const n = h.rows;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (h.re[i * n + j] !== 0 || h.im[i * n + j] !== 0) each(i, j);
}

/**
 * Draw `values[k]` at site `sites[k]` of `layout`; bonds are the non-zero off-diagonal entries of `h`
 * (dense, or sparse for a system above the dense limit).
 */
export function mapSvg(h: CMatrix | SparseMatrix, layout: SiteLayout, sites: ArrayLike<number>, values: ArrayLike<number>, options: MapSvgOptions): string {
  const n = 'rowPtr' in h ? h.n : h.rows,
    W = options.width ?? 640;
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, layout.x[i]);
    x1 = Math.max(x1, layout.x[i]);
    y0 = Math.min(y0, layout.y[i]);
    y1 = Math.max(y1, layout.y[i]);
  }
  const span = Math.max(x1 - x0, y1 - y0, 1);
  const pad = 40,
    scale = (W - 2 * pad) / span;
  const H = Math.round((y1 - y0) * scale + 2 * pad + 30);
  const px = (i: number) => (pad + (layout.x[i] - x0) * scale).toFixed(2);
  const py = (i: number) => (H - 30 - pad - (layout.y[i] - y0) * scale).toFixed(2);
  const r = Math.max(1.5, Math.min(14, 0.35 * scale));
  const flagged = (k: number) => options.flagged?.[k] === true;
  // NaN: not determined at that site (a probe no lead reaches, docs/physics.md §15): left blank
  const blank = (k: number) => Number.isNaN(values[k]);
  let mean = 0,
    counted = 0,
    nFlagged = 0,
    nBlank = 0;
  for (let k = 0; k < values.length; k++) {
    if (blank(k)) nBlank++;
    else if (flagged(k)) nFlagged++;
    else {
      mean += values[k];
      counted++;
    }
  }
  mean = counted > 0 ? mean / counted : 0;
  const centre = options.centre ?? mean;
  let dev = 0;
  for (let k = 0; k < values.length; k++) if (!flagged(k) && !blank(k)) dev = Math.max(dev, Math.abs(values[k] - centre));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(
    `<text x="${pad}" y="20">${esc(options.title)}: ${scaleLabel(centre, dev)}${layout.kind === 'circle' ? ' — sites on a circle (no geometry known)' : ''}</text>`,
  );
  if (nFlagged > 0)
    parts.push(
      `<text x="${pad}" y="${H - 10}">grey, dashed: ${nFlagged} site${nFlagged === 1 ? '' : 's'} not resolved to the tolerance (docs/physics.md §15)</text>`,
    );
  if (nBlank > 0)
    parts.push(
      `<text x="${pad}" y="${H - (nFlagged > 0 ? 24 : 10)}">blank: ${nBlank} site${nBlank === 1 ? '' : 's'} where the probe's value is not determined (no path to a lead; docs/physics.md §15)</text>`,
    );
  parts.push('<g stroke="#999" stroke-width="1">');
  bonds(h, (i, j) => parts.push(`<line x1="${px(i)}" y1="${py(i)}" x2="${px(j)}" y2="${py(j)}"/>`));
  parts.push('</g><g stroke="#333" stroke-width="0.5">');
  for (let k = 0; k < sites.length; k++) {
    const s = sites[k];
    if (blank(k)) {
      parts.push(`<circle cx="${px(s)}" cy="${py(s)}" r="${r.toFixed(2)}" fill="none"><title>site ${s}: not determined</title></circle>`);
      continue;
    }
    if (flagged(k)) {
      parts.push(
        `<circle cx="${px(s)}" cy="${py(s)}" r="${r.toFixed(2)}" fill="#bbb" stroke-dasharray="2,1"><title>site ${s}: ${values[k]} (not resolved to the tolerance)</title></circle>`,
      );
      continue;
    }
    parts.push(
      `<circle cx="${px(s)}" cy="${py(s)}" r="${r.toFixed(2)}" fill="${colour(dev > 0 ? (values[k] - centre) / dev : 0)}"><title>site ${s}: ${values[k]}</title></circle>`,
    );
  }
  parts.push('</g></svg>');
  return parts.join('\n') + '\n';
}
