/**
 * The explorer page: one self-contained HTML file (KaTeX CSS and fonts inlined, the bundled
 * solver and page script inlined, the initial state embedded as JSON; no network, opens from
 * disk). Pure: the caller passes the KaTeX stylesheet and the bundle (I/O in the CLI command).
 * The static parts (controls, tables, panel frames, the drawing of the system) are written here
 * with their labels typeset by KaTeX; the page script (app.ts) fills in the numbers and plots.
 */
import { parseConfig } from '../config.js';
import { MathCollector } from '../report/html.js';
import { escapeHtml } from '../report/plot.js';
import { controlSpecs, type ControlSpec } from './controls.js';
import { systemDrawing, MAX_DRAWN_SITES } from './layout.js';
import { probeNames, type ExplorerState } from './model.js';
import { comparisonRows, panelTitles, PANEL_IDS, solveRows, type ReadoutRow } from './panels.js';

/** What the page is built from. */
export interface ExplorerPageInput {
  readonly state: ExplorerState;
  /** Where the config came from (shown in the header), e.g. a file name or "the paper's benzene junction". */
  readonly source: string;
  readonly katexCss: string;
  /** The page script bundle (IIFE). */
  readonly script: string;
  readonly version: string;
  readonly command: string;
}

/** The built page and the formulas KaTeX could not typeset (should be none). */
export interface ExplorerPage {
  readonly html: string;
  readonly katexErrors: readonly string[];
}

/** Text safe inside an inline <script> element. */
export function scriptSafe(s: string): string {
  return s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function controlHtml(c: ControlSpec, math: MathCollector): string {
  const label = `<span class="lbl" title="${escapeHtml(c.text)}">${math.inline(c.latex)}</span>`;
  const unit = c.unit ? `<span class="unit">${escapeHtml(c.unit)}</span>` : '<span class="unit"></span>';
  const id = `c-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (c.kind === 'select') {
    const opts = (c.options ?? [])
      .map((o) => `<option value="${escapeHtml(o.value)}"${o.value === c.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
      .join('');
    return `<div class="ctl"><label for="${id}">${label}</label><select id="${id}" name="${escapeHtml(c.name)}" title="${escapeHtml(c.text)}">${opts}</select>${unit}</div>`;
  }
  if (c.kind === 'models') {
    const on = c.value.split(',');
    const boxes = (c.options ?? [])
      .map(
        (o) =>
          `<label class="chk"><input type="checkbox" name="${escapeHtml(c.name)}" value="${escapeHtml(o.value)}"${on.includes(o.value) ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`,
      )
      .join('');
    return `<div class="ctl"><span class="lbl" title="${escapeHtml(c.text)}">${math.inline(c.latex)}</span><span class="boxes">${boxes}</span>${unit}</div>`;
  }
  const slider = c.slider
    ? `<input type="range" class="slider" data-for="${escapeHtml(c.name)}" min="${c.slider.min}" max="${c.slider.max}" step="${c.slider.step}" value="${escapeHtml(c.value)}" aria-label="${escapeHtml(c.text)}">`
    : '<span class="slider"></span>';
  const type = c.name.endsWith('coupling.sites') ? 'text' : 'number';
  return `<div class="ctl"><label for="${id}">${label}</label>${slider}<input id="${id}" type="${type}" name="${escapeHtml(c.name)}" value="${escapeHtml(c.value)}"${type === 'number' ? ' step="any"' : ''} title="${escapeHtml(c.text)}">${unit}</div>`;
}

function drawingHtml(state: ExplorerState): string {
  const parsed = parseConfig(state.config);
  const H = parsed.system.hamiltonian;
  if (H.rows > MAX_DRAWN_SITES) return `<p class="small">${H.rows} sites: too many to draw; choose the probe's site in the list.</p>`;
  const d = systemDrawing(state.config, H);
  const n = H.rows;
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let k = 0; k < n; k++) {
    x0 = Math.min(x0, d.x[k]);
    x1 = Math.max(x1, d.x[k]);
    y0 = Math.min(y0, d.y[k]);
    y1 = Math.max(y1, d.y[k]);
  }
  const W = 300,
    pad = 40;
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const s = (W - 2 * pad) / span;
  const Hh = Math.max(90, Math.ceil((y1 - y0) * s + 2 * pad));
  const px = (k: number) => pad + (d.x[k] - x0) * s + (W - 2 * pad - (x1 - x0) * s) / 2;
  const py = (k: number) => pad + (d.y[k] - y0) * s;
  const r = Math.max(4, Math.min(13, 0.28 * s * (n > 1 ? minBond(d) : 1)));
  const parts: string[] = [];
  for (const [i, j] of d.bonds)
    parts.push(`<line x1="${px(i).toFixed(1)}" y1="${py(i).toFixed(1)}" x2="${px(j).toFixed(1)}" y2="${py(j).toFixed(1)}" class="bond"/>`);
  // leads: a tag next to their sites (pushed outwards from the centre)
  const cx = W / 2,
    cy = Hh / 2;
  for (const t of state.config.terminals) {
    if (t.probe !== undefined || !t.coupling.sites) continue;
    for (const k of t.coupling.sites) {
      const dx = px(k) - cx,
        dy = py(k) - cy,
        len = Math.hypot(dx, dy) || 1;
      const ux = dx / len,
        uy = dy / len;
      const ex = px(k) + ux * (r + 9),
        ey = py(k) + uy * (r + 9);
      // the name beyond the stub, anchored on the side facing away from the system
      const tx = ex + ux * 4,
        ty = ey + uy * 8;
      const anchor = ux > 0.35 ? 'start' : ux < -0.35 ? 'end' : 'middle';
      parts.push(
        `<line x1="${(px(k) + ux * r).toFixed(1)}" y1="${(py(k) + uy * r).toFixed(1)}" x2="${ex.toFixed(1)}" y2="${ey.toFixed(1)}" class="leadline"/><text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" dy="0.35em" text-anchor="${anchor}" class="leadtag">${escapeHtml(t.name)}</text>`,
      );
    }
  }
  for (let k = 0; k < n; k++) {
    parts.push(
      `<g class="site" data-site="${k}" tabindex="0" role="button" aria-label="site ${k}"><circle cx="${px(k).toFixed(1)}" cy="${py(k).toFixed(1)}" r="${r.toFixed(1)}"/>${r >= 8 ? `<text x="${px(k).toFixed(1)}" y="${py(k).toFixed(1)}" dy="0.35em" text-anchor="middle">${k}</text>` : ''}<title>site ${k}</title></g>`,
    );
  }
  // room for the lead names outside the system
  const longest = Math.max(0, ...state.config.terminals.filter((t) => t.probe === undefined).map((t) => t.name.length));
  const mx = Math.max(0, 7.5 * longest - 10),
    my = 10;
  return `<svg class="drawing" xmlns="http://www.w3.org/2000/svg" viewBox="${-mx} ${-my} ${W + 2 * mx} ${Hh + 2 * my}" width="${W + 2 * mx}" height="${Hh + 2 * my}" role="img" aria-label="the system: click a site to place the probe">${parts.join('')}</svg>`;
}

function minBond(d: ReturnType<typeof systemDrawing>): number {
  let m = Infinity;
  for (const [i, j] of d.bonds) m = Math.min(m, Math.hypot(d.x[i] - d.x[j], d.y[i] - d.y[j]));
  return Number.isFinite(m) && m > 0 ? m : 1;
}

function solveTable(rows: readonly ReadoutRow[], math: MathCollector): string {
  const tr = rows
    .map(
      (r) =>
        `<tr data-circuits="${r.circuits.join(' ')}"><th>${math.inline(r.latex)}</th><td class="num"><code data-output="${escapeHtml(r.path)}"></code></td><td class="unit">${escapeHtml(r.unit)}</td><td class="human" data-human="${escapeHtml(r.path)}" data-unit="${escapeHtml(r.unit)}"></td></tr>`,
    )
    .join('');
  return `<table class="readout" id="solve-table"><thead><tr><th></th><th>value (SI)</th><th>unit</th><th>≈</th></tr></thead><tbody>${tr}</tbody></table>`;
}

function comparisonTable(rows: readonly ReadoutRow[], math: MathCollector): string {
  const tr = rows
    .map((r) => {
      const d = `${r.derived}:${r.path}`;
      return `<tr data-circuits="${r.circuits.join(' ')}"><th>${math.inline(r.latex)}</th><td class="num"><code data-output-vp="${escapeHtml(r.path)}"></code></td><td class="num"><code data-output-vtp="${escapeHtml(r.path)}"></code></td><td class="num er"><code data-output-er="${escapeHtml(r.path)}"></code></td><td class="unit">${escapeHtml(r.unit)}</td><td class="num derived"><code data-derived="${escapeHtml(d)}" data-unit="${r.derived === 'relerr' ? '' : escapeHtml(r.unit)}"></code></td></tr>`;
    })
    .join('');
  return `<table class="readout no-er" id="compare-table"><thead><tr><th></th><th>VP</th><th>VTP</th><th class="er">ER</th><th>unit</th><th>${math.inline('\\delta\\ \\text{or}\\ \\Delta')}</th></tr></thead><tbody>${tr}</tbody></table>`;
}

/** Build the page. */
export function explorerPage(input: ExplorerPageInput): ExplorerPage {
  const { state } = input;
  const math = new MathCollector();
  const parsed = parseConfig(state.config);
  const names = parsed.system.terminals.map((t) => t.name);
  const leads = parsed.system.terminals.filter((t) => t.role === 'lead').map((t) => t.name);
  const probes = probeNames(state.config);
  const outLead = leads[1] ?? leads[0];

  const specs = controlSpecs(state);
  const groups = [...new Set(specs.map((c) => c.group))];
  const fieldsets = groups
    .map((g) => {
      const inner = specs
        .filter((c) => c.group === g)
        .map((c) => controlHtml(c, math))
        .join('\n');
      const picker = g === `Probe ${probes[0]}` ? `<div class="picker" data-probe="${escapeHtml(probes[0])}">${drawingHtml(state)}</div>` : '';
      return `<fieldset data-group="${escapeHtml(g)}"><legend>${escapeHtml(g)}</legend>${picker}${inner}</fieldset>`;
    })
    .join('\n');
  const drawingAlone = probes.length === 0 ? `<div class="picker">${drawingHtml(state)}</div>` : '';

  const titles = panelTitles(outLead, probes);
  const panels = PANEL_IDS.map(
    (id) => `<figure class="panel" data-panel="${id}" hidden><figcaption>${math.inline(titles[id])}</figcaption><div class="plot"></div></figure>`,
  ).join('\n');

  const formulas = [
    math.inline('\\delta = (J_{\\mathrm{VP}} - J_{\\mathrm{VTP}})/J_{\\mathrm{VP}}'),
    math.inline('\\dot S_{\\mathrm{VP}} - \\dot S_{\\mathrm{VTP}} = J^Q_{P,\\mathrm{VP}}\\,(T_P^{\\mathrm{VTP}} - T_P^{\\mathrm{VP}})/T_0^2 \\ge 0'),
    math.inline('S = -(\\mu_{\\mathrm{R}} - \\mu_{\\mathrm{L}})/(e\\,\\Delta T)'),
  ];
  const embedded = scriptSafe(JSON.stringify({ state, version: input.version }));
  const body = `
<header>
<h1>probecheck explorer</h1>
<p class="meta">${escapeHtml(input.source)} · probecheck ${escapeHtml(input.version)} · <code>${escapeHtml(input.command)}</code> · the solver runs in this page (no network)</p>
<p class="meta">Move a control: the config below is rebuilt as a CONFIG.json, validated and solved by the same code as <code>probecheck solve</code> and <code>probecheck scan</code>; the whole μ0 curve is recomputed. VP dashed red, VTP solid blue. ${formulas.join(' · ')} (the relative error is left out within ${math.inline('k_BT_0')} of a sign change of ${math.inline('J_{\\mathrm{VP}}')}).</p>
</header>
<div class="layout">
<form id="controls" autocomplete="off" onsubmit="return false">
${drawingAlone}
${fieldsets}
<div class="actions"><button type="button" id="download">download CONFIG.json</button> <span id="status" data-timing aria-live="polite"></span></div>
<details><summary>CONFIG.json of this view</summary><pre id="config-json"></pre></details>
</form>
<main>
<div id="error" class="alert" role="alert" hidden></div>
<section class="tables">
<div><h2>this CONFIG (<code>probecheck solve</code>), at the reference ${math.inline('\\mu_0')}</h2>${solveTable(solveRows(names, leads, probes), math)}</div>
${probes.length ? `<div><h2>every probe as a VP, as a VTP (and as an ER) <span id="er-status" class="small"></span></h2>${comparisonTable(comparisonRows(outLead, probes), math)}<p class="small">${math.inline('\\delta')}: relative error ${math.inline('(X_{\\mathrm{VP}} - X_{\\mathrm{VTP}})/X_{\\mathrm{VP}}')}; ${math.inline('\\Delta')}: difference ${math.inline('X_{\\mathrm{VP}} - X_{\\mathrm{VTP}}')}. The VP is held at ${math.inline('T_{\\mathrm{VP}}')}.</p></div>` : ''}
</section>
<section class="panels">
${panels}
</section>
</main>
</div>
<script type="application/json" id="explorer-state">${embedded}</script>
<script>${scriptSafe(input.script)}</script>
`;
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<title>probecheck explorer — ${escapeHtml(input.source)}</title>
<style>${input.katexCss}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
  return { html, katexErrors: math.errors };
}

const PAGE_CSS = `
:root { --fg: #1d232b; --muted: #5b6470; --line: #d9dee5; --bg2: #f6f8fa; --bad: #cf222e; --vp: #c0392b; --vtp: #1f5fa8; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; padding: .8rem 1.2rem 2rem; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; } h2 { font-size: .95rem; margin: .2rem 0 .3rem; font-weight: 600; }
.meta { color: var(--muted); margin: .15rem 0; font-size: 13px; max-width: 1400px; }
code, pre { font: 12px/1.35 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: var(--bg2); padding: .5rem; overflow: auto; max-height: 320px; border-radius: 4px; }
.layout { display: grid; grid-template-columns: 380px 1fr; gap: 1rem; align-items: start; margin-top: .6rem; }
form fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .5rem; padding: .3rem .6rem .4rem; }
form legend { font-weight: 600; font-size: 13px; padding: 0 .3rem; }
.ctl { display: grid; grid-template-columns: 62px 1fr 92px 34px; align-items: center; gap: .35rem; margin: .12rem 0; }
.ctl select { grid-column: 2 / 4; } .ctl .boxes { grid-column: 2 / 4; display: flex; gap: 1rem; }
.ctl input[type=number], .ctl input[type=text] { width: 92px; font: 12.5px ui-monospace, monospace; }
.ctl .slider { width: 100%; }
.lbl { white-space: nowrap; } .unit { color: var(--muted); font-size: 12px; }
.picker { text-align: center; } .drawing { max-width: 100%; height: auto; }
.drawing .bond { stroke: #8a929c; stroke-width: 2.2; }
.drawing .site circle { fill: #fff; stroke: #39414b; stroke-width: 1.5; cursor: pointer; }
.drawing .site text { font-size: 11px; pointer-events: none; fill: #39414b; }
.drawing .site:hover circle { fill: #fdf2d0; }
.drawing .site.probe circle { fill: var(--vp); stroke: #7b241c; } .drawing .site.probe text { fill: #fff; font-weight: 700; }
.drawing .site.lead circle { stroke-width: 2.5; }
.drawing .leadline { stroke: #2e8540; stroke-width: 3; } .drawing .leadtag { font-size: 12px; font-weight: 700; fill: #2e8540; }
.actions { margin: .4rem 0; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
#status { color: var(--muted); font-size: 12px; }
button { font: inherit; padding: .25rem .7rem; border: 1px solid #8a929c; border-radius: 4px; background: var(--bg2); cursor: pointer; }
.alert { position: sticky; top: 0; z-index: 2; background: #fff; border: 2px solid var(--bad); color: var(--bad); padding: .4rem .6rem; border-radius: 6px; font-weight: 600; margin: .4rem 0; overflow-wrap: anywhere; }
.tables { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; }
table.readout { border-collapse: collapse; font-size: 13px; }
table.readout th, table.readout td { border-bottom: 1px solid var(--line); padding: .12rem .45rem; text-align: left; }
table.readout td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.readout td.unit { color: var(--muted); } table.readout td.human { color: var(--muted); white-space: nowrap; }
table.readout tr[hidden] { display: none; }
table.readout.no-er .er { display: none; }
.stale code { color: #aaa; } .stale figure.panel { opacity: .3; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: .5rem .8rem; margin-top: .6rem; }
figure.panel { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .3rem .4rem .1rem; background: #fff; }
figure.panel[hidden] { display: none; }
figure.panel figcaption { font-size: 13px; font-weight: 600; }
figure.panel svg { width: 100%; height: auto; display: block; }
figure.panel .plot { contain: strict; aspect-ratio: 480 / 270; width: 100%; }
.tables > div { contain: content; }
table.readout code { display: inline-block; min-width: 16ch; text-align: right; }
svg .tick { font-size: 10.5px; fill: #39414b; } svg .axis { font-size: 11.5px; fill: #1d232b; } svg .legend { font-size: 11px; fill: #1d232b; } svg .note { font-size: 12px; fill: #5b6470; }
.small { font-size: 12px; color: var(--muted); max-width: 640px; }
@media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } }
`;
