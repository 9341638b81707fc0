/**
 * A small line-plot renderer for the explorer: series → one SVG string (linear or log y axis, nice
 * ticks, SI-prefixed units, a legend, a marker line, gaps at NaN). Pure and DOM-free, so a whole
 * figure is one `innerHTML` assignment in the page (a few milliseconds for eight panels of 601
 * points) and the output is testable in Node. The static report's Observable Plot renderer
 * (src/report/plot.ts) needs a document per panel and is too slow for a slider.
 */

/** One line. */
export interface LineSeries {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly color: string;
  readonly dashed?: boolean;
  /** An explicit stroke-dasharray (overrides `dashed`). */
  readonly dash?: string;
}

/** One panel. */
export interface PlotSpec {
  /** Identifier, unique in the page (used for the clip path and `data-plot`). */
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  /** Quantity name of the y axis, e.g. "|I_R|"; the unit is appended in parentheses. */
  readonly yLabel: string;
  /** Unit of the y values (SI, e.g. "A", "W", "K", "%"); linear axes get an SI prefix unless `prefix` is false. */
  readonly yUnit: string;
  readonly prefix?: boolean;
  readonly yScale: 'linear' | 'log';
  /** Plot |y| (log axes of signed quantities). */
  readonly abs?: boolean;
  readonly series: readonly LineSeries[];
  /** A vertical marker (e.g. the reference μ0). */
  readonly markerX?: number;
  /** Log axes: decades shown below the largest value (default 8). */
  readonly decades?: number;
  /** Log axes: the top of the axis is at least this (e.g. 1 % for relative errors). */
  readonly minTop?: number;
  readonly width?: number;
  readonly height?: number;
}

const M = { left: 64, right: 12, top: 30, bottom: 38 };

/** HTML/SVG-escape text. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The tick step (1, 2, 5 × 10^k) that cuts [a, b] into about `count` intervals. */
function tickStep(a: number, b: number, count: number): number {
  const raw = (b - a) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const r = raw / p;
  return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * p;
}

/**
 * A range [a, b] too narrow to resolve in double precision (b − a below 1e-9 of the values, e.g. a
 * probe temperature that is constant up to rounding) is treated as the single value (a + b)/2.
 */
function resolvable(a: number, b: number): boolean {
  return b - a > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Nice linear ticks (steps 1, 2, 5 × 10^k) covering [a, b]: about `count` of them (at most 100). */
export function niceTicks(a: number, b: number, count = 6): number[] {
  if (!resolvable(a, b)) return [(a + b) / 2];
  const step = tickStep(a, b, count);
  const i0 = Math.ceil(a / step - 1e-9),
    i1 = Math.floor(b / step + 1e-9);
  const out: number[] = [];
  for (let i = i0; i <= i1 && out.length < 100; i++) out.push(i === 0 ? 0 : i * step);
  return out;
}

/** [a, b] widened to multiples of its nice tick step; a point or unresolvable range gets ±5 % (±1 at 0). */
export function niceDomain(a: number, b: number, count = 6): [number, number] {
  if (!resolvable(a, b)) {
    const m = (a + b) / 2,
      d = m === 0 ? 1 : Math.abs(m) * 0.05;
    return niceDomain(m - d, m + d, count);
  }
  const step = tickStep(a, b, count);
  return [Math.floor(a / step + 1e-9) * step, Math.ceil(b / step - 1e-9) * step];
}

const PREFIX: Record<number, string> = { [-18]: 'a', [-15]: 'f', [-12]: 'p', [-9]: 'n', [-6]: 'µ', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G' };

/** The SI prefix exponent (multiple of 3 in −18…9) for values up to `maxAbs`. */
export function prefixExponent(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 0;
  return Math.max(-18, Math.min(9, 3 * Math.floor(Math.log10(maxAbs) / 3 + 1e-12)));
}

const SUP: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const pow10 = (k: number) =>
  `10${String(k)
    .split('')
    .map((c) => SUP[c])
    .join('')}`;

function tickText(v: number): string {
  const s = Number(v.toPrecision(6));
  return String(s).replace('-', '−');
}

function dashAttr(s: LineSeries): string {
  const d = s.dash ?? (s.dashed ? '6,3' : undefined);
  return d ? ` stroke-dasharray="${esc(d)}"` : '';
}

/** Largest distance (px) of a dropped vertex from the drawn line. */
export const TOLERANCE = 0.3;

/**
 * Drop the vertices of a polyline [x0, y0, x1, y1, …] that lie within `tol` of the segment that
 * replaces them (greedy: a segment grows while every skipped vertex stays within `tol` of it, over
 * at most 48 vertices, so the cost is linear). End points are kept.
 */
export function thin(p: readonly number[], tol: number): number[] {
  const n = p.length / 2;
  if (n <= 2) return p.slice();
  const out = [p[0], p[1]];
  let a = 0;
  const tol2 = tol * tol;
  for (let e = 2; e < n; e++) {
    const ax = p[2 * a],
      ay = p[2 * a + 1],
      dx = p[2 * e] - ax,
      dy = p[2 * e + 1] - ay;
    const len2 = dx * dx + dy * dy;
    let ok = e - a <= 48;
    for (let i = a + 1; ok && i < e; i++) {
      const qx = p[2 * i] - ax,
        qy = p[2 * i + 1] - ay;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2)) : 0;
      const ex = qx - t * dx,
        ey = qy - t * dy;
      if (ex * ex + ey * ey > tol2) ok = false;
    }
    if (!ok) {
      a = e - 1;
      out.push(p[2 * a], p[2 * a + 1]);
    }
  }
  out.push(p[2 * n - 2], p[2 * n - 1]);
  return out;
}

/** Render a panel to an SVG string (`role="img"`, with an aria-label). */
export function plotSvg(spec: PlotSpec): string {
  const W = spec.width ?? 480,
    H = spec.height ?? 270;
  const pw = W - M.left - M.right,
    ph = H - M.top - M.bottom;
  const log = spec.yScale === 'log';
  // x range over every series
  let x0 = Infinity,
    x1 = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  const ys = spec.series.map((s) => {
    const y = new Float64Array(s.y.length);
    for (let i = 0; i < y.length; i++) {
      let v = s.y[i];
      if (spec.abs) v = Math.abs(v);
      if (!Number.isFinite(v) || (log && !(v > 0))) v = Number.NaN;
      y[i] = v;
      const xv = s.x[i];
      if (Number.isFinite(xv)) {
        x0 = Math.min(x0, xv);
        x1 = Math.max(x1, xv);
      }
      if (!Number.isNaN(v)) {
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    }
    return y;
  });
  if (!(x1 > x0)) {
    x0 = 0;
    x1 = 1;
  }
  const empty = !(yMax >= yMin);
  let note = '';
  const below = new Set<number>();
  let scaleY: (v: number) => number;
  let yTicks: Array<{ v: number; text: string }>;
  let unit = spec.yUnit;
  let factor = 1;
  if (log) {
    const decades = spec.decades ?? 8;
    const top = Math.max(empty ? 1 : yMax, spec.minTop ?? 0);
    let lo = empty ? top / 10 : Math.max(yMin, top * 10 ** -decades);
    let hi = top;
    let e0 = Math.floor(Math.log10(lo)),
      e1 = Math.ceil(Math.log10(hi));
    if (e1 === e0) e1 = e0 + 1;
    lo = 10 ** e0;
    hi = 10 ** e1;
    if (empty) note = 'no finite values to draw';
    scaleY = (v) => M.top + ph * (1 - (Math.log10(v) - e0) / (e1 - e0));
    const every = Math.max(1, Math.ceil((e1 - e0) / 7));
    yTicks = [];
    for (let e = e0; e <= e1; e += every) yTicks.push({ v: 10 ** e, text: e >= -2 && e <= 3 ? String(10 ** e).replace(/^0\./, '0.') : pow10(e) });
    for (let i = 0; i < ys.length; i++) {
      // a series entirely below the axis (e.g. an error that is rounding everywhere) is not drawn
      // as a line along the bottom: the legend says where it is instead
      let any = false;
      for (let k = 0; k < ys[i].length; k++)
        if (ys[i][k] >= lo) {
          any = true;
          break;
        }
      if (!any) {
        below.add(i);
        ys[i].fill(Number.NaN);
        continue;
      }
      for (let k = 0; k < ys[i].length; k++) if (ys[i][k] < lo) ys[i][k] = lo; // dips clipped at the axis
    }
  } else {
    if (spec.prefix !== false) {
      const p = prefixExponent(Math.max(Math.abs(yMin), Math.abs(yMax)));
      factor = 10 ** -p;
      unit = (PREFIX[p] ?? '') + spec.yUnit;
    }
    const pad = 0.03 * (yMax - yMin); // curves off the frame
    const [a, b] = empty ? [0, 1] : niceDomain((yMin - pad) * factor, (yMax + pad) * factor, 5);
    if (empty) note = 'no finite values to draw';
    scaleY = (v) => M.top + ph * (1 - (v * factor - a) / (b - a));
    yTicks = niceTicks(a, b, 5).map((t) => ({ v: t / factor, text: tickText(t) }));
  }
  const sx = (v: number) => M.left + (pw * (v - x0)) / (x1 - x0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" data-plot="${esc(spec.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-label="${esc(`${spec.title}: ${spec.yLabel} against ${spec.xLabel}`)}">`,
  );
  out.push(`<defs><clipPath id="clip-${esc(spec.id)}"><rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="white" stroke="#c9ced6"/>`);
  // grid and ticks
  for (const t of yTicks) {
    const y = scaleY(t.v).toFixed(1);
    out.push(
      `<line x1="${M.left}" x2="${M.left + pw}" y1="${y}" y2="${y}" stroke="#eceff3"/><text x="${M.left - 5}" y="${y}" dy="0.32em" text-anchor="end" class="tick">${esc(t.text)}</text>`,
    );
  }
  for (const t of niceTicks(x0, x1, 6)) {
    const x = sx(t).toFixed(1);
    out.push(
      `<line x1="${x}" x2="${x}" y1="${M.top}" y2="${M.top + ph}" stroke="#eceff3"/><text x="${x}" y="${M.top + ph + 14}" text-anchor="middle" class="tick">${esc(tickText(t))}</text>`,
    );
  }
  if (!log && !empty && yMin < 0 && yMax > 0) {
    const y = scaleY(0).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y}" y2="${y}" stroke="#8a929c" stroke-width="0.8"/>`);
  }
  if (spec.markerX !== undefined && spec.markerX >= x0 && spec.markerX <= x1) {
    const x = sx(spec.markerX).toFixed(1);
    out.push(`<line class="marker" x1="${x}" x2="${x}" y1="${M.top}" y2="${M.top + ph}" stroke="#6e7781" stroke-dasharray="2,3"/>`);
  }
  // lines
  out.push(`<g clip-path="url(#clip-${esc(spec.id)})" fill="none" stroke-width="1.6" stroke-linejoin="round">`);
  spec.series.forEach((s, k) => {
    const y = ys[k];
    let d = '';
    // pixel coordinates of each unbroken run, thinned to ≤ TOLERANCE px from the full polyline
    let px: number[] = [];
    const flush = () => {
      if (px.length) {
        const kept = thin(px, TOLERANCE);
        for (let j = 0; j < kept.length; j += 2) d += `${j ? 'L' : 'M'}${kept[j].toFixed(1)},${kept[j + 1].toFixed(1)}`;
      }
      px = [];
    };
    for (let i = 0; i < y.length; i++) {
      if (Number.isNaN(y[i]) || !Number.isFinite(s.x[i])) {
        flush();
        continue;
      }
      px.push(sx(s.x[i]), scaleY(y[i]));
    }
    flush();
    if (d) out.push(`<path class="line" data-series="${esc(s.label)}" d="${d}" stroke="${esc(s.color)}"${dashAttr(s)}/>`);
  });
  out.push('</g>');
  // labels, legend
  out.push(`<text x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle" class="axis">${esc(spec.xLabel)}</text>`);
  out.push(
    `<text transform="translate(13,${M.top + ph / 2}) rotate(-90)" text-anchor="middle" class="axis">${esc(`${spec.yLabel}${unit ? ` (${unit})` : ''}`)}</text>`,
  );
  let lx = M.left;
  spec.series.forEach((s, k) => {
    const label = below.has(k) ? `${s.label} (below the axis: ≤ ${yTicks[0].text})` : s.label;
    out.push(
      `<line x1="${lx}" x2="${lx + 20}" y1="14" y2="14" stroke="${esc(s.color)}" stroke-width="2.2"${dashAttr(s)}/><text x="${lx + 24}" y="14" dy="0.32em" class="legend">${esc(label)}</text>`,
    );
    lx += 34 + 6.1 * label.length;
  });
  if (note) out.push(`<text x="${M.left + pw / 2}" y="${M.top + ph / 2}" text-anchor="middle" class="note">${esc(note)}</text>`);
  out.push('</svg>');
  return out.join('');
}
