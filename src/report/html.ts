/**
 * HTML building blocks shared by the paper report and the user-system report: the page shell
 * (inlined KaTeX CSS, no network), figure sections (SVG panels + CSV link + notes), tables, and a
 * collector of KaTeX errors so that a formula that fails is reported, not silently dropped.
 */
import type { Figure, Panel } from '../paper/figures.js';
import { escapeHtml, legendHtml, panelSvg, seriesLegendHtml, slug } from './plot.js';
import { typeset, typesetInline } from './katex.js';

export { slug };

/** A file of a report, relative to the report directory. */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/** Collects KaTeX errors while a page is built. */
export class MathCollector {
  readonly errors: string[] = [];
  /**
   * Display-mode formula. A long one (> 400 characters of LaTeX, e.g. a symbolic Schur coefficient)
   * is set in inline mode with \displaystyle, so that KaTeX may break it after a top-level relation
   * or operator and it fits its box instead of scrolling.
   */
  display(latex: string): string {
    if (latex.length > 400) {
      const t = typeset(`\\displaystyle ${latex}`, false);
      if (t.error) this.errors.push(`${t.error} in: ${latex}`);
      return `<div class="math math-break">${t.html}</div>`;
    }
    const t = typeset(latex, true);
    if (t.error) this.errors.push(`${t.error} in: ${latex}`);
    return `<div class="math">${t.html}</div>`;
  }
  /** Inline formula. */
  inline(latex: string): string {
    const t = typeset(latex, false);
    if (t.error) this.errors.push(`${t.error} in: ${latex}`);
    return t.html;
  }
  /** Text with `$…$` inline math. */
  text(s: string): string {
    return typesetInline(s, (e) => this.errors.push(`${e} in: ${s}`));
  }
}

/** Number → CSV cell: NaN/±∞ empty, otherwise 10 significant digits. */
export function csvNumber(v: number | string): number | string | null {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return null;
  return Number(v.toPrecision(10));
}

/** A percentage for tables: thousands separators for large values, exponent for tiny ones. */
export function fmtPercent(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0 %';
  if (a < 1e-3) return `${v.toExponential(2)} %`;
  if (a >= 1000) return `${v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} %`;
  return `${v.toFixed(a < 10 ? 3 : 2)} %`;
}

/** The rendered panels of a figure and their standalone SVG files. */
export interface RenderedFigure {
  readonly figure: Figure;
  readonly csvPath: string;
  readonly panels: ReadonlyArray<{ readonly panel: Panel; readonly svg: string; readonly path: string }>;
}

/** Render every panel of a figure to SVG. */
export function renderFigure(figure: Figure, legendKeys: readonly number[], onPanel?: () => void): RenderedFigure {
  return {
    figure,
    csvPath: `${figure.id}.csv`,
    panels: figure.panels.map((panel) => {
      const svg = panelSvg(figure, panel, legendKeys);
      onPanel?.();
      return { panel, svg, path: `svg/${slug(panel.id)}.svg` };
    }),
  };
}

/** The HTML section of a rendered figure. */
export function figureSection(r: RenderedFigure, legendKeys: readonly number[], math: MathCollector, extra = ''): string {
  const f = r.figure;
  const colourBySeries = f.panels.every((p) => p.colorBy === 'series');
  const hasModels = f.panels.some((p) => p.series.some((s) => s.dashed));
  const panels = r.panels
    .map(
      ({ panel, svg, path }) =>
        `<figure class="panel" data-panel="${escapeHtml(panel.id)}"><figcaption>${escapeHtml(panel.title)}</figcaption>${panel.colorBy === 'series' ? seriesLegendHtml(panel) : ''}${svg}<div class="svglink"><a href="${path}">SVG</a></div></figure>`,
    )
    .join('\n');
  const notes = f.notes.map((n) => `<li>${math.text(n)}</li>`).join('');
  return `<section class="figure" id="${f.id}" data-figure="${f.id}">
<h3>Fig. ${escapeHtml(f.number)} — ${escapeHtml(f.title)}</h3>
<p class="caption">${math.text(f.caption)}</p>
${colourBySeries ? '' : legendHtml(legendKeys, hasModels)}
<div class="panels">
${panels}
</div>
<ul class="notes">${notes}<li>Data: <a href="${r.csvPath}">${r.csvPath}</a> (${f.rows.length} rows; columns ${f.columns.map((c) => `${escapeHtml(c.key)}${c.unit ? ` [${escapeHtml(c.unit)}]` : ''}`).join(', ')}).</li></ul>
${extra}
</section>`;
}

/** CSV of a figure's table (header: keys; units are in the key names and in the report). */
export function figureCsv(f: Figure, toCsv: (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<number | string | null>>) => string): string {
  const keys = f.columns.map((c) => c.key);
  return toCsv(
    keys,
    f.rows.map((r) => keys.map((k) => csvNumber(r[k] ?? Number.NaN))),
  );
}

/** A simple HTML table; columns listed in `numeric` are right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, cls = '', numeric: readonly number[] = []): string {
  const td = (c: string, j: number) => (numeric.includes(j) ? `<td class="num">${c}</td>` : `<td>${c}</td>`);
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** The page shell. `katexCss` is the stylesheet with fonts inlined (assets.ts). */
export function page(title: string, katexCss: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${katexCss}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const REPORT_CSS = `
:root { --fg: #1d232b; --muted: #5b6470; --line: #d9dee5; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --bg2: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 1560px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h3 { font-size: 1.1rem; margin-top: 2rem; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg2); border-radius: 4px; }
code { padding: .1em .3em; } pre { padding: .6rem .8rem; overflow-x: auto; }
.meta { color: var(--muted); margin: .2rem 0; }
nav ol { columns: 2; max-width: 700px; }
table { border-collapse: collapse; margin: .8rem 0; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--bg2); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict { font-weight: 600; white-space: nowrap; }
.v-reproduced, .v-proved { color: var(--ok); } .v-assumption, .v-conditional { color: var(--warn); } .v-not, .v-refuted, .v-failed { color: var(--bad); }
.small { font-size: 12px; color: var(--muted); }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: .6rem 1rem; }
.panels.pairs { grid-template-columns: repeat(2, minmax(420px, 1fr)); }
figure.panel[data-set="best set"] { background: #fbfaf3; }
.pairhead { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; font-size: 13.5px; margin: .4rem 0; }
figure.junction { margin: .6rem 0; } figure.junction svg { max-width: 420px; height: auto; }
figure.panel { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .5rem .2rem; background: white; }
figure.panel figcaption { font-size: 13px; font-weight: 600; margin-bottom: .2rem; }
figure.panel svg { width: 100%; height: auto; }
.svglink { text-align: right; font-size: 11px; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: 13px; margin: .4rem 0 .6rem; }
.swatch { display: inline-flex; align-items: center; gap: .35rem; white-space: nowrap; }
.caption { max-width: 1100px; }
ul.notes { font-size: 13px; color: var(--muted); max-width: 1200px; }
.math { overflow-x: auto; overflow-y: hidden; padding: .15rem 0; }
.math-break { padding: .5rem 0 .5rem 1.5rem; line-height: 2.6; font-size: 85%; }
.proof { border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
.proof h4 { margin: .2rem 0 .4rem; font-size: 1.05rem; }
.proof ol.steps > li { margin: .2rem 0; }
.alert { border: 2px solid var(--bad); color: var(--bad); padding: .6rem 1rem; border-radius: 6px; font-weight: 600; }
details > summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.headline td:first-child { white-space: nowrap; }
`;
