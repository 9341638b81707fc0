/**
 * The report layer (src/report): KaTeX typesetting with errors as values, SVG panels with data,
 * pixel-space simplification within its tolerance, the paper report's HTML (self-contained, every
 * figure, the headline table, the proofs from a hand-made ProofResult[] fixture), and the
 * user-system report through the CLI.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProofResult } from '../../proofs/types.js';
import { typeset, typesetInline } from '../../src/report/katex.js';
import { MathCollector, csvNumber, fmtPercent, slug } from '../../src/report/html.js';
import { panelSvg, rdp, renameClipIds, simplifyPaths, LOG_DECADES } from '../../src/report/plot.js';
import { buildPaperReport, headlineCsv, paperReportPanels } from '../../src/report/paper.js';
import { katexCssInlined } from '../../src/report/assets.js';
import { CLAIMS, DEFAULT_PARAMETERS, SweepCache, peakRelativeError, reproducePaper, type PaperParameters, type Reproduction } from '../../src/paper/index.js';
import { parseConfig } from '../../src/config.js';
import { systemReportData } from '../../src/report/systemData.js';
import { linspace } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { SMALL_SPACE } from './smallSpace.js';

/** A hand-made fixture in the proofs contract (proofs/types.ts). */
export const PROOF_FIXTURE: ProofResult[] = [
  {
    id: 'fixture-eq12',
    claim: 'The VP-effective matrix keeps the sum rules',
    source: 'paper Eq. 12; docs/physics.md §4',
    statementLatex: '\\sum_{\\beta}\\tilde{\\mathcal L}^{(\\nu)}_{\\alpha\\beta}=0,\\qquad \\tilde M=\\tilde M^{\\mathsf T}',
    derivationLatex: [
      '\\tilde M = A - B D^{-1} B^{\\mathsf T}',
      '\\mathbf 1^{\\mathsf T}\\tilde M = \\mathbf 1^{\\mathsf T}A-\\mathbf 1^{\\mathsf T}B\\,D^{-1}B^{\\mathsf T} = 0',
    ],
    symbolic: { ok: true, detail: 'bordered determinants over Q(x)' },
    rational: { ok: true, detail: '40 random rational points', points: 40, failureProbabilityBound: '1e-30' },
    numeric: { ok: true, detail: 'benzene + random system', maxError: 1e-15, tolerance: 1e-12 },
    verdict: 'proved',
    notes: ['a note'],
    seconds: 0.3,
  },
  {
    id: 'fixture-eq34',
    claim: 'Relative error at the node',
    source: 'paper Eq. 34',
    statementLatex: '\\frac{J_{\\mathrm{VP}}-J_{\\mathrm{VTP}}}{J_{\\mathrm{VP}}}=\\frac{\\Gamma_R-\\Gamma_L}{\\Gamma_L+\\Gamma_R}',
    derivationLatex: ["\\mathcal T_{LR}(\\mu_0)=\\mathcal T'_{LR}(\\mu_0)=0"],
    symbolic: { ok: null, detail: 'leading order only' },
    rational: { ok: true, detail: 'x', points: 10, failureProbabilityBound: '1e-9' },
    numeric: { ok: false, detail: 'off by 1 %', maxError: 0.01, tolerance: 1e-3 },
    verdict: 'conditional',
    notes: [],
    seconds: 0.1,
  },
];

describe('KaTeX', () => {
  it('typesets the fixture proofs with no error', () => {
    for (const p of PROOF_FIXTURE)
      for (const l of [p.statementLatex, ...p.derivationLatex]) {
        const t = typeset(l);
        expect(t.error, l).toBeNull();
        expect(t.html).toContain('class="katex-display"');
        expect(t.html).not.toContain('katex-error');
      }
  });

  it("returns an error and KaTeX's error span for a formula that does not parse", () => {
    const t = typeset('\\frac{1}{');
    expect(t.error).toMatch(/KaTeX parse error/);
    expect(t.html).toContain('katex-error');
    const m = new MathCollector();
    m.display('\\undefinedmacro{x}');
    m.text('ok $x^2$ and bad $\\frac{$');
    expect(m.errors).toHaveLength(2);
  });

  it('typesets inline $…$ and escapes the rest', () => {
    const html = typesetInline('a < b and $\\alpha$ costs \\$5');
    expect(html).toContain('a &lt; b');
    expect(html).toContain('class="katex"');
    expect(html).toContain('costs $5');
  });

  it('bundles the stylesheet with every font inlined (no url(fonts/…) left)', () => {
    const css = katexCssInlined();
    expect(css).not.toMatch(/url\(fonts\//);
    expect((css.match(/data:font\/woff2;base64,/g) ?? []).length).toBe((css.match(/@font-face/g) ?? []).length);
    expect(css.length).toBeGreaterThan(200_000);
  });
});

describe('plots', () => {
  it('RDP keeps the end points and stays within its tolerance', () => {
    const pts: number[] = [];
    for (let i = 0; i <= 1000; i++) pts.push(i * 0.4, 100 + 50 * Math.sin(i / 60));
    const s = rdp(pts, 0.25);
    expect(s.slice(0, 2)).toEqual(pts.slice(0, 2));
    expect(s.slice(-2)).toEqual(pts.slice(-2));
    expect(s.length).toBeLessThan(pts.length / 4);
    // every original point is within the tolerance of the simplified polyline
    for (let i = 0; i < pts.length; i += 2) {
      const px = pts[i],
        py = pts[i + 1];
      let best = Infinity;
      for (let k = 0; k + 3 < s.length; k += 2) {
        const [ax, ay, bx, by] = [s[k], s[k + 1], s[k + 2], s[k + 3]];
        const dx = bx - ax,
          dy = by - ay,
          t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
      }
      expect(best).toBeLessThanOrEqual(0.25 + 1e-9);
    }
    expect(simplifyPaths(' d="M0,0L1,0L2,0M5,5L6,6"', 0.1)).toBe(' d="M0,0L2,0M5,5L6,6"');
  });

  it('draws one path per curve with data, labelled axes and log ticks', () => {
    const rows = [0, 0.1].flatMap((g) => linspace(-1, 1, 101).map((x) => ({ config: 'c', gamma_eV: g, mu0_eV: x, a: Math.exp(-x * x) * (1 + g), b: -x })));
    const fig = { id: 'f', number: '1', title: 't', caption: '', columns: [], rows, peaks: [], notes: [], panels: [] };
    const svg = panelSvg(
      fig,
      {
        id: 'p',
        title: 'T',
        where: { config: 'c' },
        x: 'mu0_eV',
        xLabel: 'μ0 − ε0 (eV)',
        series: [{ key: 'a', label: 'VP', dashed: true }],
        yLabel: '|a| (nA)',
        yScale: 'log',
        abs: true,
      },
      [0, 0.1],
    );
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((svg.match(/aria-label="line"/g) ?? []).length).toBe(2);
    expect(svg).toContain('μ0 − ε0 (eV)');
    expect(svg).toContain('|a| (nA)');
    expect(svg).toContain('stroke-dasharray="5,3"');
    const lin = panelSvg(
      fig,
      { id: 'p', title: 'T', where: {}, x: 'mu0_eV', xLabel: 'x', series: [{ key: 'b', label: 'VTP' }], yLabel: 'b', yScale: 'linear', skipCoherent: true },
      [0, 0.1],
    );
    expect((lin.match(/aria-label="line"/g) ?? []).length).toBe(1);
    expect(LOG_DECADES).toBeGreaterThanOrEqual(6);
    // the same panel rendered again in this process is the same bytes (Plot's clip-path counter is
    // process-wide; the ids are renamed after the panel)
    const again = panelSvg(
      fig,
      { id: 'p', title: 'T', where: {}, x: 'mu0_eV', xLabel: 'x', series: [{ key: 'b', label: 'VTP' }], yLabel: 'b', yScale: 'linear', skipCoherent: true },
      [0, 0.1],
    );
    expect(again).toBe(lin);
    expect(lin).not.toMatch(/plot-clip-/);
    expect(lin).toMatch(/clip-path="url\(#clip-p-1\)"/);
  });

  it('renames clip-path ids in order of appearance, one name per distinct id', () => {
    const svg = '<clipPath id="plot-clip-17"/><g clip-path="url(#plot-clip-17)"/><clipPath id="plot-clip-4"/><g clip-path="url(#plot-clip-4)"/>';
    expect(renameClipIds(svg, 'fig2(a)-I')).toBe(
      '<clipPath id="clip-fig2a-I-1"/><g clip-path="url(#clip-fig2a-I-1)"/><clipPath id="clip-fig2a-I-2"/><g clip-path="url(#clip-fig2a-I-2)"/>',
    );
  });

  it('formats table numbers and CSV cells', () => {
    expect(fmtPercent(14723.123)).toBe('14,723.12 %');
    expect(fmtPercent(2.5224)).toBe('2.522 %');
    expect(fmtPercent(6.9e-14)).toBe('6.90e-14 %');
    expect(csvNumber(Number.NaN)).toBeNull();
    expect(csvNumber(1 / 3)).toBe(0.3333333333);
    expect(slug('fig2(a)-I')).toBe('fig2a-I');
  });
});

describe('paper report', () => {
  const P: PaperParameters = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 61 }, gammas: [0, 0.05, 0.5] };
  let rep: Reproduction;
  let files: Map<string, string>;
  let errors: readonly string[];
  let panelCalls = 0;
  beforeAll(() => {
    rep = reproducePaper(P, {}, SMALL_SPACE);
    const built = buildPaperReport(
      {
        reproduction: rep,
        proofs: { results: PROOF_FIXTURE, seconds: 0.4 },
        katexCss: '/* katex */',
        version: '9.9.9',
        command: 'npm start',
      },
      () => panelCalls++,
    );
    files = new Map(built.files.map((f) => [f.path, f.content]));
    errors = built.katexErrors;
  });

  it('announces as many panels as it renders (the progress bar of `paper` ends at its total)', () => {
    const svgs = [...files.keys()].filter((k) => k.endsWith('.svg')).length;
    expect(panelCalls).toBe(paperReportPanels(rep));
    expect(panelCalls).toBe(svgs);
  });

  it('typesets every formula (proofs included) with no KaTeX error', () => {
    expect(errors).toEqual([]);
    const html = files.get('index.html')!;
    expect(html).not.toContain('katex-error');
    for (const p of PROOF_FIXTURE) {
      expect(html).toContain(`data-proof="${p.id}"`);
      expect(html).toContain(p.claim);
    }
    expect(html).toContain('v-conditional');
  });

  it('contains every figure with its SVG panels, the headline table, parameters, version and command', () => {
    const html = files.get('index.html')!;
    for (const f of rep.figures) {
      expect(html).toContain(`data-figure="${f.id}"`);
      expect(files.has(`${f.id}.csv`)).toBe(true);
      for (const p of f.panels) expect(html).toContain(`data-panel="${p.id}"`);
    }
    for (const pr of rep.pairs) for (const p of pr.best.panels) expect(html).toContain(`data-panel="${p.id}"`);
    const panels = rep.pairs.reduce((n, pr) => n + pr.baseline.panels.length + pr.best.panels.length, 0);
    expect((html.match(/<figure class="panel"/g) ?? []).length).toBe(panels);
    expect([...files.keys()].filter((k) => k.startsWith('svg/')).length).toBe(panels);
    // every clip path defined once in the page, and every reference to one resolves
    const defined = [...html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(defined.length).toBeGreaterThan(0);
    expect(new Set(defined).size).toBe(defined.length);
    for (const m of html.matchAll(/clip-path="url\(#([^)]+)\)"/g)) expect(defined).toContain(m[1]);
    expect((html.match(/<table class="headline">/g) ?? []).length).toBe(1);
    expect(html).toContain('id="global"');
    expect(html).not.toContain("paper's parameters</th>");
    for (const c of CLAIMS) expect(html).toContain(c.id);
    expect(html).toContain('probecheck 9.9.9');
    expect(html).toContain('npm start');
    expect(html).toContain('Hückel hopping t');
  });

  it('writes headline.json with every parameter as a number, enough to recompute a row by direct solves', () => {
    const j = JSON.parse(files.get('headline.json')!);
    expect(j.rows.map((r: { id: string }) => r.id)).toEqual(CLAIMS.map((c) => c.id));
    for (const r of j.rows) {
      for (const k of ['id', 'paper_text', 'paper_value_pct', 'verdict', 'baseline', 'best']) expect(r, k).toHaveProperty(k);
      for (const e of [r.baseline, r.best, r.at_global]) {
        const p = e.parameters;
        for (const k of [
          't_eV',
          'T_VP_K',
          'flat_gamma_factor',
          'mu0_min_eV',
          'mu0_max_eV',
          'mu0_step_eV',
          'T0_K',
          'T_L_K',
          'T_R_K',
          'Gamma_L_eV',
          'Gamma_R_eV',
        ])
          expect(typeof p[k], `${r.id}.${k}`).toBe('number');
        expect(p.gammas_eV.every((g: unknown) => typeof g === 'number')).toBe(true);
        expect(p.normaliser).toBe('VP');
      }
    }
    expect(j.global.rows_reproduced).toEqual(rep.global.rowsReproduced);
    expect(typeof j.global.parameters.t_eV).toBe('number');
    // recompute the fig1-heat baseline value from the JSON alone, by direct circuit solves (not the superposition)
    const row = j.rows.find((r: { id: string }) => r.id === 'fig1-heat');
    const p = row.baseline.parameters;
    const points = Math.round((p.mu0_max_eV - p.mu0_min_eV) / p.mu0_step_eV) + 1;
    const cache = new SweepCache({ min: p.mu0_min_eV, max: p.mu0_max_eV, points }, p.T0_K);
    let peak = 0;
    for (const gamma of p.gammas_eV) {
      const g = {
        hopping: p.t_eV,
        onsite: p.onsite_eV,
        gammaL: p.Gamma_L_eV,
        gammaR: p.Gamma_R_eV,
        probe: p.probe,
        gamma,
        flatNormalisation: 'gammaI' as const,
      };
      const b = { kind: p.circuit, TL: p.T_L_K, TR: p.T_R_K, TP: p.T_VP_K, deltaV: p.deltaV_V };
      const a = cache.sweep(g, { ...b, role: 'VP' }),
        v = cache.sweep(g, { ...b, role: 'VTP' });
      peak = Math.max(peak, Math.abs(peakRelativeError(a.heatR, v.heatR, a.mu0, 'VP', p.zero_crossing_window_eV).value));
    }
    expect(Math.abs(100 * peak - row.baseline.value_pct)).toBeLessThanOrEqual(1e-9 * row.baseline.value_pct);
  });

  it('is self-contained: no external resource is loaded', () => {
    const html = files.get('index.html')!;
    // report the offending snippet, not the whole page
    const find = (re: RegExp) => html.match(re)?.[0] ?? null;
    expect(find(/<script\b[^>]*>/)).toBeNull();
    expect(find(/<link\b[^>]*>/)).toBeNull();
    expect(find(/(src|href)="https?:[^"]*"/)).toBeNull();
    expect(find(/url\((?!data:|#)[^)]*\)/)).toBeNull(); // only inlined fonts and in-document SVG clip paths
  });

  it("writes the CSV behind each figure with the table's columns, and the headline CSV", () => {
    for (const f of rep.figures) {
      const csv = files.get(`${f.id}.csv`)!.trimEnd().split('\n');
      expect(csv[0]).toBe(f.columns.map((c) => c.key).join(','));
      expect(csv.length - 1).toBe(f.rows.length);
    }
    const head = headlineCsv(rep.headline).trimEnd().split('\n');
    expect(head).toHaveLength(CLAIMS.length + 1);
    expect(files.get('headline.csv')).toBe(headlineCsv(rep.headline));
  });
});

describe('user-system report', () => {
  const config = {
    hamiltonian: { model: 'ring', sites: 5, hopping: -1.5 },
    reference: { mu: 0.2, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'A', coupling: { sites: [0], gamma: 0.4 }, mu: 0.203, T: 330 },
      { name: 'B', coupling: { sites: [2], gamma: 0.3 }, mu: 0.197, T: 280 },
      { name: 'P1', probe: 'VP', T: 305, coupling: { sites: [3], gamma: 0.2 } },
      { name: 'P2', probe: 'VTP', coupling: { sites: [1, 4], gamma: 0.05 } },
    ],
  };

  it('compares the probes as VP and VTP: Eq. 33 holds, the excess entropy is ≥ 0, the VP takes heat', () => {
    const parsed = parseConfig(config);
    const d = systemReportData(parsed, linspace(-1, 1, 81), linspace(-3, 3, 51));
    expect(d.probes).toEqual(['P1', 'P2']);
    expect(d.eq33Residual!).toBeLessThan(1e-9);
    expect(d.excessEntropy!.min).toBeGreaterThanOrEqual(-1e-12 * d.excessEntropy!.scale);
    expect(d.excessEntropy!.max).toBeGreaterThan(0);
    expect(d.peaks.map((p) => `${p.lead}:${p.quantity}`)).toEqual(['A:charge', 'A:heat', 'B:charge', 'B:heat']);
    const scan = d.figures.find((f) => f.id === 'probes')!;
    expect(Math.max(...scan.rows.map((r) => Math.abs(r.JQ_P1_VP_nW as number)))).toBeGreaterThan(0);
    // the transmission figure has the three unordered lead/probe pairs of a real system: 4 terminals → 6 pairs
    expect(d.figures[0].panels[0].series).toHaveLength(6);
  });

  it('writes index.html, CSV and SVG through `probecheck report`, and rejects bad input with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-report-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const r = await runCli(['report', join(dir, 'c.json'), '--out', join(dir, 'out'), '--mu0', '-1:1:41', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).not.toContain('katex-error');
    expect(html).toContain('VP against VTP');
    expect(existsSync(join(dir, 'out', 'scan.csv'))).toBe(true);
    expect(
      readFileSync(join(dir, 'out', 'scan.csv'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(42);
    expect(readdirSync(join(dir, 'out', 'svg')).length).toBeGreaterThan(5);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...config, reference: { mu: 0, T: -1 } }));
    const bad = await runCli(['report', join(dir, 'bad.json'), '--out', join(dir, 'out2'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/reference\.T/);
    const badGrid = await runCli(['report', join(dir, 'c.json'), '--mu0', '1:2', '--quiet']);
    expect(badGrid.code).toBe(2);
  });
});

describe('presentation', () => {
  it('gives every curve of a panel its own colour, however many there are', async () => {
    const { distinctColour } = await import('../../src/report/plot.js');
    const colours = Array.from({ length: 40 }, (_, i) => distinctColour(i));
    expect(new Set(colours).size).toBe(40);
  });

  it('typesets sub- and superscripts of labels as SVG tspans and HTML sub/sup', async () => {
    const { labelSvg, labelHtml } = await import('../../src/report/plot.js');
    expect(labelHtml('J^Q_{P,VP} (nW)')).toBe('J<sup>Q</sup><sub>P,VP</sub> (nW)');
    expect(labelHtml('J^Q_R,VP')).toBe('J<sup>Q</sup><sub>R,VP</sub>');
    expect(labelHtml('a < b')).toBe('a &lt; b');
    const svg = labelSvg('|J^Q_R| (nW)');
    expect(svg).toContain('font-size="75%">Q</tspan>');
    expect(svg).not.toMatch(/[_^]/);
  });
});

describe('VP / VTP / ER analysis (src/analysis/vpVtp.ts)', () => {
  it('solves every probe as VP, VTP and ER; the ER conserves charge into the probe; Eq. 33 holds', async () => {
    const { analyseVpVtp, analysisSteps } = await import('../../src/analysis/vpVtp.js');
    const parsed = parseConfig({
      hamiltonian: { model: 'chain', sites: 4, hopping: -1.2 },
      reference: { mu: 0, T: 300 },
      circuit: 'electronic',
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.3 }, mu: 0.002, T: 320 },
        { name: 'R', coupling: { sites: [3], gamma: 0.3 }, mu: -0.002, T: 280 },
        { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.1 } },
      ],
    });
    let steps = 0;
    const a = analyseVpVtp(parsed.system, parsed.reference, 'electronic', linspace(-1, 1, 21), () => steps++);
    expect(a.er).not.toBeNull();
    // the report's progress total (it counted 21 while the two passes ticked 42)
    expect(steps).toBe(analysisSteps(parsed.system, 21));
    const scale = Math.max(...a.vtp.chargeCurrent[0].map(Math.abs));
    for (let i = 0; i < 21; i++) {
      // current conservation: what leaves L arrives in R for every model (no net current into the probe)
      for (const m of [a.vp, a.vtp, a.er!]) expect(Math.abs(m.chargeCurrent[0][i] + m.chargeCurrent[1][i])).toBeLessThan(1e-9 * scale);
      expect(a.excess[i]).toBeGreaterThanOrEqual(-1e-12 * Math.abs(a.vtp.entropy[i]));
    }
    expect(a.eq33Residual).toBeLessThan(1e-9);
    // the ER probe is not the VTP: its lead currents differ
    expect(Math.max(...a.er!.heatCurrent[1].map((v, i) => Math.abs(v - a.vtp.heatCurrent[1][i])))).toBeGreaterThan(0);
  });
});
