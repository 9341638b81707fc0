/**
 * Figure panels → static SVG, rendered server-side with Observable Plot on a linkedom document
 * (no browser). One line per probe coupling γ and series (VP dashed, VTP solid), labelled axes
 * with units, log scales for quantities spanning decades. Polylines are then simplified in pixel
 * space (Ramer–Douglas–Peucker, 0.25 px) so a 1201-point curve costs a few hundred vertices
 * without a visible change.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Figure, Panel, Row } from '../paper/figures.js';

/** Decades shown below the largest value on a log axis (values below are clipped at the axis). */
export const LOG_DECADES = 8;

/** Colours for the γ curves: the coherent limit black, then a perceptually ordered ramp. */
const RAMP = ['#000000', '#3b4cc0', '#2c7fb8', '#41b6c4', '#1a9850', '#91cf60', '#e6c229', '#fdae61', '#f46d43', '#d73027', '#a50026', '#7b3294', '#c51b7d'];

/** Legend label of a probe coupling. */
export function gammaLabel(g: number): string {
  return g === 0 ? 'γ = 0 (coherent)' : `γ = ${g} eV`;
}

/** The part of a DOM element this module uses (the project compiles without the DOM lib). */
interface ElementLike {
  setAttribute(name: string, value: string): void;
  readonly outerHTML: string;
}

type PlotDocument = NonNullable<Plot.PlotOptions['document']>;

function newDocument(): PlotDocument {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as PlotDocument;
}

/** The colour scale shared by every panel of a figure. */
export function colorScale(gammas: readonly number[]): { domain: string[]; range: string[] } {
  const domain = gammas.map(gammaLabel);
  const range = gammas.map((g, i) => (g === 0 ? RAMP[0] : RAMP[1 + ((i - (gammas[0] === 0 ? 1 : 0)) % (RAMP.length - 1))]));
  return { domain, range };
}

interface Point {
  readonly x: number;
  readonly y: number;
  readonly curve: string;
  /** Colour category: the γ label, or the series label when colouring by series. */
  readonly color: string;
}

/** Palette for series-coloured panels. */
const SERIES = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/**
 * The i-th of a sequence of distinct colours: the ten of the palette, then hues spaced by the
 * golden angle at alternating lightness (never a repeat, however many curves a panel has).
 */
export function distinctColour(i: number): string {
  if (i < SERIES.length) return SERIES[i];
  const k = i - SERIES.length;
  const hue = (k * 137.508 + 20) % 360;
  return `hsl(${hue.toFixed(1)} 70% ${k % 2 ? 35 : 50}%)`;
}

/** Colours of a series-coloured panel, by series label. */
export function seriesColors(panel: Panel): { domain: string[]; range: string[] } {
  const domain = [...new Set(panel.series.map((s) => s.label))];
  return { domain, range: domain.map((_, i) => distinctColour(i)) };
}

/** The points a panel draws (filtered, |y| for log scales, non-finite and non-positive-on-log dropped). */
export function panelPoints(rows: readonly Row[], panel: Panel): Point[][] {
  const groups = new Map<string, Point[]>();
  for (const r of rows) {
    let ok = true;
    for (const [k, v] of Object.entries(panel.where))
      if (r[k] !== v) {
        ok = false;
        break;
      }
    if (!ok) continue;
    const g = typeof r.gamma_eV === 'number' ? r.gamma_eV : Number.NaN;
    if (panel.skipCoherent && g === 0) continue;
    for (const s of panel.series) {
      let y = r[s.key] as number;
      if (panel.abs) y = Math.abs(y);
      const curve = `${s.label}|${g}`;
      let arr = groups.get(curve);
      if (!arr) groups.set(curve, (arr = []));
      // a gap (NaN) splits the line; on a log axis y must be > 0
      const valid = Number.isFinite(y) && (panel.yScale !== 'log' || y > 0);
      arr.push({ x: r[panel.x] as number, y: valid ? y : Number.NaN, curve, color: panel.colorBy === 'series' ? s.label : gammaLabel(g) });
    }
  }
  return [...groups.values()];
}

/** Filesystem-safe identifier (a panel's SVG file name and its clip-path ids). */
export function slug(s: string): string {
  return s
    .replace(/[()]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Observable Plot names its clip paths `plot-clip-N` from a counter shared by the whole process, so a
 * second report rendered in the same process would differ from the first. They are renamed here in
 * order of appearance after the panel (`clip-<panel>-1`, …): unique in the page, as panel ids are,
 * and the same in every run.
 */
export function renameClipIds(svg: string, panelId: string): string {
  const names = new Map<string, string>();
  return svg.replace(/plot-clip-\d+/g, (id) => {
    let name = names.get(id);
    if (!name) names.set(id, (name = `clip-${slug(panelId)}-${names.size + 1}`));
    return name;
  });
}

/** Render one panel to an SVG string: its title and legend inside, typeset axis labels, nothing outside the viewBox. */
export function panelSvg(fig: Figure, panel: Panel, gammas: readonly number[], size = { width: 470, height: 290 }): string {
  const document = newDocument();
  const curves = panelPoints(fig.rows, panel);
  const dashed = new Set(panel.series.filter((s) => s.dashed).map((s) => s.label));
  const marks: Plot.Markish[] = [];
  let yMin = Infinity,
    yMax = -Infinity;
  for (const pts of curves)
    for (const p of pts)
      if (Number.isFinite(p.y)) {
        yMin = Math.min(yMin, p.y);
        yMax = Math.max(yMax, p.y);
      }
  // the zero line only where the data changes sign (it would otherwise stretch the axis to 0)
  if (panel.yScale === 'linear' && yMin < 0 && yMax > 0) marks.push(Plot.ruleY([0], { stroke: '#999', strokeWidth: 0.75 }));
  const drawn = new Set<string>();
  for (const pts of curves) {
    if (!pts.some((p) => Number.isFinite(p.y))) continue;
    const label = pts[0].curve.split('|')[0];
    drawn.add(pts[0].color);
    marks.push(
      Plot.line(pts, {
        x: 'x',
        y: 'y',
        stroke: 'color',
        strokeWidth: 1.3,
        clip: true,
        strokeDasharray: dashed.has(label) ? '5,3' : undefined,
      }),
    ); // Plot breaks a line at NaN y (gaps near sign changes of the reference current)
  }
  const { domain, range } = panel.colorBy === 'series' ? seriesColors(panel) : colorScale(gammas);
  // A log axis spans at most LOG_DECADES decades below the largest value: rounding-level values
  // (e.g. an error that vanishes by symmetry at one point) would otherwise squash the curves.
  let yDomain: [number, number] | undefined;
  let below: string | null = null;
  if (panel.yScale === 'log' && yMax > 0) {
    const top = Math.max(yMax, panel.minTop ?? 0);
    yDomain = [Math.max(yMin, top * 10 ** -LOG_DECADES), top];
    if (yMax < yDomain[0]) {
      // everything is below the axis: say so in the panel instead of drawing rounding noise
      yDomain = [top * 10 ** -LOG_DECADES, top];
      below = `all values below the axis: largest ${yMax.toExponential(2)} (zero to rounding)`;
    }
  }
  if (below) marks.push(Plot.text([below], { frameAnchor: 'middle', fontSize: 12, fill: '#444' }));
  const X_LABEL = 'PCXLABEL',
    Y_LABEL = 'PCYLABEL';
  // the title, wrapped at word boundaries (≈ 7.8 px per character at 12.5 px bold, generous)
  const titleLines = wrap(
    `${fig.number ? `Fig. ${fig.number}${fig.subtitle ? ` (${fig.subtitle})` : ''} ` : ''}${panel.title}`,
    Math.floor((size.width - 16) / 7.8),
  );
  const titleH = 8 + 16 * titleLines.length;
  const inner = Plot.plot({
    document,
    width: size.width,
    height: size.height,
    marginLeft: 66,
    marginRight: 16,
    marginTop: 26,
    marginBottom: 38,
    style: { fontSize: '11px', background: 'white' },
    x: { label: X_LABEL, labelAnchor: 'center', labelArrow: 'none', grid: true },
    y:
      panel.yScale === 'log'
        ? { type: 'log', label: Y_LABEL, labelArrow: 'none', grid: true, tickFormat: logTick, domain: yDomain, nice: true }
        : { type: 'linear', label: Y_LABEL, labelArrow: 'none', grid: true, nice: true },
    color: { type: 'ordinal', domain, range },
    marks,
  }) as unknown as ElementLike;
  let plot = renameClipIds(simplifyPaths(inner.outerHTML, 0.25), panel.id)
    .replace(`>${X_LABEL}</text>`, `>${labelSvg(panel.xLabel)}</text>`)
    .replace(`>${Y_LABEL}</text>`, `>${labelSvg(panel.yLabel)}</text>`)
    .replace(/^<svg /, `<svg x="0" y="${titleH}" `);
  // the legend: the curves drawn (colour) and the line styles (VP dashed, VTP solid)
  const items: Array<{ label: string; colour: string; dash: boolean }> = [];
  domain.forEach((d, i) => {
    if (drawn.has(d)) items.push({ label: d, colour: range[i], dash: panel.colorBy === 'series' && dashed.has(d) });
  });
  if (panel.colorBy !== 'series' && dashed.size) {
    for (const s of panel.series) items.push({ label: s.label, colour: '#444', dash: dashed.has(s.label) });
  }
  const legend = legendRows(items, size.width - 12);
  const height = titleH + size.height + legend.height;
  const title = titleLines
    .map((l, k) => `<text x="8" y="${16 + 16 * k}" font-size="12.5" font-weight="600" text-anchor="start">${labelSvg(l)}</text>`)
    .join('');
  plot = plot
    .replace(/ aria-label="[^"]*"/, '')
    .replace(/ role="img"/, '')
    .replace(/ xmlns="[^"]*"/, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(`${panel.title}: ${panel.yLabel} against ${panel.xLabel}`)}" width="${size.width}" height="${height}" viewBox="0 0 ${size.width} ${height}" font-family="system-ui, sans-serif" style="background:white"><rect width="100%" height="100%" fill="white"/>${title}${plot} <g transform="translate(8,${titleH + size.height})" font-size="11" text-anchor="start">${legend.svg}</g></svg>`;
}

/** Split text into lines of at most `n` visible characters (markup braces and _/^ not counted). */
function wrap(text: string, n: number): string[] {
  const lines: string[] = [];
  let cur = '';
  const visible = (t: string) => t.replace(/[{}_^]/g, '').length;
  for (const w of text.split(' ')) {
    if (cur && visible(`${cur} ${w}`) > n) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Legend items laid out in rows (≈ 6.2 px per character at 11 px). */
function legendRows(items: ReadonlyArray<{ label: string; colour: string; dash: boolean }>, width: number): { svg: string; height: number } {
  let x = 0,
    y = 12;
  const parts: string[] = [];
  for (const it of items) {
    const w = 30 + 6.2 * it.label.length + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 16;
    }
    parts.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="${it.colour}" stroke-width="2.2"${it.dash ? ' stroke-dasharray="5,3"' : ''}/><text x="${x + 29}" y="${y}">${labelSvg(it.label)}</text>`,
    );
    x += w;
  }
  return { svg: parts.join(''), height: items.length ? y + 8 : 0 };
}

/** Tick labels of a log axis: powers of ten as 10⁻³ …, other ticks unlabelled. */
function logTick(v: number): string {
  const e = Math.log10(v);
  if (Math.abs(e - Math.round(e)) > 1e-9) return '';
  const k = Math.round(e);
  if (k >= -2 && k <= 3) return String(Number(v.toPrecision(1)));
  const sup: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return `10${String(k)
    .split('')
    .map((c) => sup[c])
    .join('')}`;
}

/** The shared legend of a figure (colour = γ; dashed = VP, solid = VTP), as an HTML fragment. */
export function legendHtml(gammas: readonly number[], models: boolean): string {
  const { domain, range } = colorScale(gammas);
  const items = domain.map(
    (d, i) =>
      `<span class="swatch"><svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke="${range[i]}" stroke-width="2.5"/></svg>${escapeHtml(d)}</span>`,
  );
  if (models) {
    items.push(
      '<span class="swatch"><svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke="#444" stroke-width="1.5" stroke-dasharray="5,3"/></svg>VP</span>',
    );
    items.push(
      '<span class="swatch"><svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke="#444" stroke-width="1.5"/></svg>VTP</span>',
    );
  }
  return `<div class="legend">${items.join('')}</div>`;
}

/** The legend of a series-coloured panel. */
export function seriesLegendHtml(panel: Panel): string {
  const { domain, range } = seriesColors(panel);
  const dashed = new Set(panel.series.filter((s) => s.dashed).map((s) => s.label));
  return `<div class="legend">${domain.map((d, i) => `<span class="swatch"><svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke="${range[i]}" stroke-width="2.5"${dashed.has(d) ? ' stroke-dasharray="5,3"' : ''}/></svg>${escapeHtml(d)}</span>`).join('')}</div>`;
}

/**
 * Sub- and superscripts of a label in a small markup: `_X` / `^X` take the following letters and
 * digits, `_{…}` / `^{…}` a group (e.g. `J^Q_{P,VP}`, `M̃_{(N,R),(T,P)}`). Returns segments.
 */
export function labelSegments(label: string): Array<{ text: string; shift: 'sub' | 'sup' | null }> {
  const out: Array<{ text: string; shift: 'sub' | 'sup' | null }> = [];
  let plain = '';
  for (let i = 0; i < label.length; i++) {
    const ch = label[i];
    if ((ch === '_' || ch === '^') && i + 1 < label.length) {
      let body = '';
      if (label[i + 1] === '{') {
        const close = label.indexOf('}', i + 2);
        if (close < 0) {
          plain += ch;
          continue;
        }
        body = label.slice(i + 2, close);
        i = close;
      } else {
        const m = /^[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*/.exec(label.slice(i + 1));
        if (!m) {
          plain += ch;
          continue;
        }
        body = m[0];
        i += m[0].length;
      }
      if (plain) out.push({ text: plain, shift: null });
      plain = '';
      out.push({ text: body, shift: ch === '_' ? 'sub' : 'sup' });
    } else plain += ch;
  }
  if (plain) out.push({ text: plain, shift: null });
  return out;
}

/** A label as SVG <tspan>s with real sub- and superscripts (escaped). */
export function labelSvg(label: string): string {
  let at = 0; // current baseline offset (em)
  return labelSegments(label)
    .map((g) => {
      const target = g.shift === 'sub' ? 0.3 : g.shift === 'sup' ? -0.45 : 0;
      const dy = target - at;
      at = target;
      // a sub/superscript is 75 % of the label; em offsets are of the parent text
      return `<tspan${dy ? ` dy="${Number(dy.toFixed(2))}em"` : ''}${g.shift ? ' font-size="75%"' : ''}>${escapeHtml(g.text)}</tspan>`;
    })
    .join('');
}

/** A label as HTML with <sub>/<sup> (escaped). */
export function labelHtml(label: string): string {
  return labelSegments(label)
    .map((g) => (g.shift ? `<${g.shift}>${escapeHtml(g.text)}</${g.shift}>` : escapeHtml(g.text)))
    .join('');
}

/** HTML-escape text. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------
// Pixel-space polyline simplification of the <path d="M…L…"> elements Plot's line mark writes.

/** Ramer–Douglas–Peucker on a flat [x0, y0, x1, y1, …] list; keeps the end points. */
export function rdp(pts: readonly number[], tolerance: number): number[] {
  const n = pts.length / 2;
  if (n <= 2) return [...pts];
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = pts[2 * a],
      ay = pts[2 * a + 1],
      bx = pts[2 * b],
      by = pts[2 * b + 1];
    const dx = bx - ax,
      dy = by - ay,
      len2 = dx * dx + dy * dy;
    let worst = -1,
      at = -1;
    for (let i = a + 1; i < b; i++) {
      const px = pts[2 * i] - ax,
        py = pts[2 * i + 1] - ay;
      let d2: number;
      if (len2 === 0) d2 = px * px + py * py;
      else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        const ex = px - t * dx,
          ey = py - t * dy;
        d2 = ex * ex + ey * ey;
      }
      if (d2 > worst) {
        worst = d2;
        at = i;
      }
    }
    if (worst > tol2) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(pts[2 * i], pts[2 * i + 1]);
  return out;
}

/** Simplify every absolute M/L polyline path in an SVG string (other paths are left alone). */
export function simplifyPaths(svg: string, tolerance: number): string {
  return svg.replace(/ d="(M[-0-9.,eML]+)"/g, (whole, d: string) => {
    const subpaths = d.split('M').filter(Boolean);
    const out: string[] = [];
    for (const sp of subpaths) {
      const nums = sp.split('L').flatMap((pair) => pair.split(',').map(Number));
      if (nums.some((v) => !Number.isFinite(v)) || nums.length % 2) return whole;
      const s = rdp(nums, tolerance);
      const parts: string[] = [];
      for (let i = 0; i < s.length; i += 2) parts.push(`${round2(s[i])},${round2(s[i + 1])}`);
      out.push('M' + parts.join('L'));
    }
    return ` d="${out.join('')}"`;
  });
}

function round2(v: number): string {
  return String(Math.round(v * 100) / 100);
}
