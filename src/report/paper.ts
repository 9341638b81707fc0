/**
 * The paper report: headline-numbers table, Figs. 1–6 (SVG + CSV), the proofs typeset with KaTeX,
 * the parameters, the version and the command that regenerates it. Pure: the reproduction, the
 * proof results and the inlined KaTeX stylesheet come in, the report's files come out (the CLI
 * writes them atomically).
 */
import type { ProofResult } from '../../proofs/types.js';
import type { Reproduction } from '../paper/index.js';
import {
  CONFIGURATIONS,
  CROSSCHECK_RTOL,
  DIMENSIONS,
  NORMALISER_REASON,
  PARAMETER_PROVENANCE,
  baselineSet,
  describeSet,
  gammasOf,
  spaceSize,
  vpTemperature,
  vpTemperatureLabel,
  type HeadlineRow,
  type PaperParameters,
  type ParameterSet,
  type SearchSpace,
} from '../paper/index.js';
import { toCsv } from '../io/csv.js';
import { escapeHtml } from './plot.js';
import { MathCollector, figureCsv, fmtPercent, page, renderFigure, table, type RenderedFigure, type ReportFile } from './html.js';
import { labelHtml, labelSvg, legendHtml } from './plot.js';
import type { ProofRun } from './proofs.js';

/** Everything the paper report is made from. */
export interface PaperReportInput {
  readonly reproduction: Reproduction;
  readonly proofs: ProofRun;
  readonly katexCss: string;
  readonly version: string;
  /** The command that regenerates the report. */
  readonly command: string;
}

/** The built report. */
export interface BuiltReport {
  readonly files: readonly ReportFile[];
  /** KaTeX errors (empty when every formula rendered). */
  readonly katexErrors: readonly string[];
}

const VERDICT_CLASS: Record<HeadlineRow['verdict'], string> = {
  reproduced: 'v-reproduced',
  'reproduced under a stated extra assumption': 'v-assumption',
  'not reproduced': 'v-not',
};

function claimValue(v: number, row: HeadlineRow): string {
  return row.claim.relation.kind === 'vanishes' ? (v === 0 ? '0' : `${v.toExponential(2)} %`) : fmtPercent(v);
}

const mark = (ok: boolean) => (ok ? '<span class="v-reproduced">✓</span>' : '<span class="v-not">✗</span>');

/** The matching rule of a row, in words. */
export function ruleText(c: HeadlineRow['claim']): string {
  const r = c.relation;
  return r.kind === 'value'
    ? `matches when within ±${r.tolerance} of ${c.paperValue} (${r.why})`
    : r.kind === 'bound'
      ? `matches when ${r.why}`
      : `matches when ${r.why}`;
}

/** The parameters of a row at a set, every one a number (or a named choice), enough to recompute it. */
export function rowParameters(claim: HeadlineRow['claim'], set: ParameterSet, params: PaperParameters, space: SearchSpace): Record<string, unknown> {
  const k = CONFIGURATIONS[claim.config];
  const w = claim.what;
  const probe = w.type === 'peak' || w.type === 'node' ? w.probe : w.type === 'probeHeat' ? 'flat' : 'local';
  const kind = w.type === 'peak' || w.type === 'node' ? w.kind : w.type === 'probeHeat' ? 'electronic' : 'thermal';
  const rule = w.type === 'probeHeat' ? 'ambient' : set.vpTemperature;
  return {
    t_eV: set.hopping,
    onsite_eV: params.onsite,
    T0_K: params.T0,
    Gamma_L_eV: k.gammaL,
    Gamma_R_eV: k.gammaR,
    T_L_K: k.TL,
    T_R_K: k.TR,
    circuit: kind,
    probe,
    probe_sites: probe === 'flat' ? [0, 1, 2, 3, 4, 5] : [3],
    lead_sites: { L: 0, R: 2 },
    deltaV_V: kind === 'electronic' ? set.deltaV : null,
    gammas_eV: gammasOf(set, space),
    T_VP_K: vpTemperature(rule, k, params.T0),
    T_VP_rule: rule,
    flat_normalisation: set.flatNormalisation,
    flat_gamma_factor: set.flatNormalisation === 'gammaI' ? 1 : 1 / 6,
    normaliser: claim.normaliser,
    mu0_min_eV: -set.mu0Half,
    mu0_max_eV: set.mu0Half,
    mu0_step_eV: set.mu0Step,
    zero_crossing_window_eV: params.zeroCrossingWindow,
  };
}

/** The headline table as HTML. */
export function headlineHtml(rep: Reproduction, math: MathCollector): string {
  const rows = rep.headline,
    params = rep.params,
    space = rep.space;
  const body = rows.map((r) => {
    const c = r.claim;
    const best =
      r.verdict === 'reproduced'
        ? '<span class="small">(the baseline suffices)</span>'
        : `<b>${claimValue(r.best.measurement.value, r)}</b><br>${r.verdict === 'not reproduced' ? 'closest set: ' : 'with '}${r.best.changes.length ? r.best.changes.map(labelHtml).join('; ') : 'the baseline'}<br><span class="small">${labelHtml(r.best.measurement.where)}</span>`;
    return [
      `${escapeHtml(c.figure)}<br><span class="small">${escapeHtml(c.id)}</span>`,
      `“${labelHtml(c.statement)}”<br><b>${labelHtml(c.paperText)}</b><br><span class="small">${labelHtml(c.setup)}</span>`,
      `${labelHtml(c.quantity)}<br><span class="small">normalised by J_${c.normaliser}; ${escapeHtml(ruleText(c))}; depends on: ${c.dimensions.map((d) => DIMENSION_LABEL[d]).join(', ')}</span>`,
      `<b>${claimValue(r.baseline.measurement.value, r)}</b><br><span class="small">${labelHtml(r.baseline.measurement.where)}</span>`,
      best,
      `${mark(r.atGlobal.matches)} ${claimValue(r.atGlobal.measurement.value, r)}`,
      `<span class="verdict ${VERDICT_CLASS[r.verdict]}">${escapeHtml(r.verdict)}</span><br><span class="small">${r.candidatesMatching.toLocaleString('en-US')} of ${r.candidatesTried.toLocaleString('en-US')} sets match</span>`,
    ];
  });
  const counts = (v: HeadlineRow['verdict']) => rows.filter((r) => r.verdict === v).length;
  const v = space.values;
  const list = (d: keyof SearchSpace['values'], f: (x: never) => string) => (v[d] as readonly never[]).map(f).join(', ');
  return `<p>${counts('reproduced')} reproduced at the baseline, ${counts('reproduced under a stated extra assumption')} reproduced by some set of the search (each row tuned on its own), ${counts('not reproduced')} not reproduced by any (${rows.length} numbers). The <a href="#global">global fit</a> — one set for all rows — reproduces ${rep.global.rowsReproduced.length}.</p>
${table(['figure', 'the paper says', 'what we compute', 'baseline: stated parameters + our defaults', "set closest to the baseline that gives the paper's number", 'at the global fit', 'verdict'], body, 'headline')}
<ul class="notes">
<li><b>Baseline</b> = the parameters the paper states (Γ_L, Γ_R, T_L, T_R, T0 = ${params.T0} K, a VP at ${escapeHtml(vpTemperatureLabel(params.vpTemperature))}) plus our defaults where it states nothing: ${escapeHtml(describeSet(baselineSet(space)))}. The defaults are not the paper's: they are marked as ours in the parameters section.</li>
<li><b>Search</b> (every combination, ${spaceSize(space).toLocaleString('en-US')} sets): t ∈ {${list('hopping', (x: number) => `${x}`)}} eV; ΔV ∈ {${list('deltaV', (x: number) => `${Number((x * 1000).toFixed(3))}`)}} mV; curves γ ≤ γ_max with γ_max ∈ {${[...v.gammaMax].sort((a, b) => a - b).join(', ')}} eV (a figure's number is its extreme over its curves); T_VP ∈ {300 K, T_R, T_L, (T_L + T_R)/2}; flat probe Γ_P = γ·I or (γ/6)·I; μ0 − ε0 over ±${v.mu0Half.join(', ±')} eV on a ${v.mu0Step.map((x) => Number((x * 1000).toFixed(3))).join(' or ')} meV grid. A row depends only on the parameters listed under it. Widened from the earlier search (t ∈ {−2.64, −2.70}, ΔV ∈ {1, 10} mV, γ without 0.03, 0.04, 0.3, the μ0 range fixed).</li>
<li><b>Normalisation</b> is a property of each row, not a search parameter: ${escapeHtml(NORMALISER_REASON)}.</li>
<li><b>Rounding rule</b>, applied strictly: a value stated to d digits is reproduced when ours rounds to it (within half a unit of the last stated digit; a stated wider tolerance for “approximately”); a bound “&lt; B” when our <i>unrounded</i> value is below B (2.52 % does not satisfy “&lt; 2.5 %”) and at least 0.8 B (the paper quotes a bound just above its largest curve; a trivially true bound does not count); “vanishes” below the stated rounding level.</li>
<li><b>Verdict</b>: “reproduced” only when the baseline gives the number; “reproduced under a stated extra assumption” when some set does — the one changing fewest parameters (then the closest) is shown with its changes; otherwise “not reproduced”, with the closest set.</li>
<li>Peak relative error: ${math.inline('\\max_{\\mu_0,\\gamma}|J_{\\mathrm{VP}}-J_{\\mathrm{VTP}}|/|J_{\\mathrm{VP}}|')} over the grid, leaving out points within ${params.zeroCrossingWindow * 1000} meV of a sign change of ${math.inline('J_{\\mathrm{VP}}')} (the ratio diverges there); a suppressed current that does not change sign (the VP's node) is kept. Node values are taken at μ0 = ε0 (on every grid).</li>
<li>The search uses linear-response superposition (one probe elimination per circuit, geometry and μ0 gives every bias; src/paper/search.ts); the figures are direct circuit solves, and the two agree to rounding (test/report/search.test.ts). Machine-readable: <a href="headline.json">headline.json</a>, <a href="headline.csv">headline.csv</a>.</li>
</ul>`;
}

const DIMENSION_LABEL: Record<keyof ParameterSet, string> = {
  hopping: 't',
  deltaV: 'ΔV',
  gammaMax: 'γ_max',
  vpTemperature: 'T_VP',
  flatNormalisation: 'flat normalisation',
  mu0Half: 'μ0 range',
  mu0Step: 'μ0 step',
};

function dimValue(d: keyof ParameterSet, v: number | string): string {
  switch (d) {
    case 'hopping':
      return `${v} eV`;
    case 'deltaV':
      return `${Number(((v as number) * 1000).toFixed(3))} mV`;
    case 'gammaMax':
      return `${v} eV`;
    case 'vpTemperature':
      return ({ ambient: '300 K', T_R: 'T_R', T_L: 'T_L', mid: 'mid' } as Record<string, string>)[v as string];
    case 'flatNormalisation':
      return v === 'gammaI' ? 'γ·I' : '(γ/6)·I';
    case 'mu0Half':
      return `±${v} eV`;
    case 'mu0Step':
      return `${Number(((v as number) * 1000).toFixed(3))} meV`;
  }
}

/** The paper's qualitative statements with their verdicts. */
export function statementsHtml(rep: Reproduction): string {
  const cls = { holds: 'v-reproduced', 'holds only in part': 'v-assumption', 'does not hold': 'v-not' } as const;
  const rows = rep.statements.map((s) => [
    `${escapeHtml(s.where)}<br><span class="small">${escapeHtml(s.id)}</span>`,
    `“${labelHtml(s.quote)}”`,
    `${labelHtml(s.measure)}<br><span class="small">rule: ${escapeHtml(s.rule)}</span>`,
    labelHtml(s.result),
    `<span class="verdict ${cls[s.verdict]}">${escapeHtml(s.verdict)}</span>`,
  ]);
  const n = (v: string) => rep.statements.filter((s) => s.verdict === v).length;
  return `<p>Statements of the paper that are not one of the headline numbers, each measured on the junction at the baseline (the curves γ of the figures) and judged by the rule given: ${n('holds')} hold, ${n('holds only in part')} hold only in part, ${n('does not hold')} do not hold. The analytic claims are in <a href="#proofs">Proofs</a>.</p>
${table(['where', 'the paper says', 'what we measure', 'result', 'verdict'], rows, 'statements')}`;
}

/** The global fit and the table under it. */
export function globalFitHtml(rep: Reproduction): string {
  const g = rep.global;
  const set = g.set;
  const params = DIMENSIONS.map((d) => [
    DIMENSION_LABEL[d],
    dimValue(d, set[d] as number | string),
    set[d] === baselineSet(rep.space)[d] ? 'baseline' : '<b>changed</b>',
  ]);
  const rows = rep.headline.map((r) => [
    `${escapeHtml(r.claim.figure)} <span class="small">${escapeHtml(r.claim.id)}</span>`,
    escapeHtml(r.claim.paperText),
    claimValue(r.atGlobal.measurement.value, r),
    `${mark(r.atGlobal.matches)} <span class="small">${escapeHtml(r.atGlobal.measurement.where)}</span>`,
  ]);
  return `<p>The one parameter set that reproduces the most rows, over all ${g.setsTried.toLocaleString('en-US')} sets of the search (ties — ${g.ties} other sets reproduce as many — broken by fewest changes from the baseline, then by the summed relative distance to the paper's numbers). It reproduces <b>${g.rowsReproduced.length} of ${rep.headline.length}</b> rows: ${g.rowsReproduced.map(escapeHtml).join(', ') || 'none'}. No single set reproduces the rows that the per-row search reproduces one at a time: those rows need contradictory assumptions.</p>
${table(['parameter', 'global fit', ''], params)}
${table(['row', 'the paper says', 'at the global fit', 'reproduced'], rows, 'globaltable')}`;
}

/** How each number moves with each parameter (the others at the global fit). */
export function sensitivityHtml(rep: Reproduction): string {
  const dims = DIMENSIONS;
  const rows = rep.headline.map((r) => {
    const cells = dims.map((d) => {
      const s = r.sensitivity.find((x) => x.dimension === d);
      if (!s) return '<span class="small">—</span>';
      const vals = s.points.map((p) => p.valuePct).filter(Number.isFinite);
      const at = r.atGlobal.measurement.value;
      const spread = vals.length ? (Math.max(...vals) - Math.min(...vals)) / Math.max(Math.abs(at), 1e-300) : Number.NaN;
      const detail = s.points.map((p) => `${dimValue(d, p.value)}: ${claimValue(p.valuePct, r)}${p.matches ? ' ✓' : ''}`).join('<br>');
      return `<b>${Number.isFinite(spread) ? (r.claim.relation.kind === 'vanishes' ? '—' : `${(100 * spread).toPrecision(2)} %`) : '—'}</b><br><span class="small">${detail}</span>`;
    });
    return [`${escapeHtml(r.claim.figure)}<br><span class="small">${escapeHtml(r.claim.id)}</span>`, ...cells];
  });
  return `<p>Each number at the global fit, with one parameter varied over its search values and the others held (✓ = reproduces the paper). Bold: the spread (max − min) relative to the value at the global fit. For example the thermal-asymmetry peaks scale with the electrical bias: more ΔV drives more heat through the probe path that the VP distorts.</p>
<details><summary>Sensitivity table (${rep.headline.length} rows × ${dims.length} parameters)</summary>
${table(['row', ...dims.map((d) => DIMENSION_LABEL[d])], rows, 'sensitivity')}
</details>`;
}

/** reports/paper/headline.json: every row with its parameters as numbers, and the global fit. */
export function headlineJson(rep: Reproduction): string {
  const p = rep.params,
    space = rep.space;
  const ev = (r: HeadlineRow, e: HeadlineRow['baseline']) => ({
    parameters: rowParameters(r.claim, e.set, p, space),
    value_pct: e.measurement.value,
    matches: e.matches,
    where: e.measurement.where,
  });
  const out = {
    rows: rep.headline.map((r) => ({
      id: r.claim.id,
      figure: r.claim.figure,
      paper_text: r.claim.paperText,
      paper_value_pct: r.claim.paperValue,
      verdict: r.verdict,
      quantity: r.claim.quantity,
      rule: ruleText(r.claim),
      relation: r.claim.relation,
      normaliser: r.claim.normaliser,
      depends_on: r.claim.dimensions,
      baseline: ev(r, r.baseline),
      best: { ...ev(r, r.best), changes: r.best.changes },
      at_global: ev(r, r.atGlobal),
      sets_tried: r.candidatesTried,
      sets_matching: r.candidatesMatching,
      sensitivity: Object.fromEntries(
        r.sensitivity.map((s) => [s.dimension, s.points.map((x) => ({ value: x.value, value_pct: x.valuePct, matches: x.matches }))]),
      ),
    })),
    global: {
      parameters: {
        t_eV: rep.global.set.hopping,
        deltaV_V: rep.global.set.deltaV,
        gammas_eV: gammasOf(rep.global.set, space),
        T_VP_rule: rep.global.set.vpTemperature,
        T_VP_K: Object.fromEntries(Object.values(CONFIGURATIONS).map((c) => [c.id, vpTemperature(rep.global.set.vpTemperature, c, p.T0)])),
        flat_normalisation: rep.global.set.flatNormalisation,
        flat_gamma_factor: rep.global.set.flatNormalisation === 'gammaI' ? 1 : 1 / 6,
        normaliser: 'VP',
        mu0_min_eV: -rep.global.set.mu0Half,
        mu0_max_eV: rep.global.set.mu0Half,
        mu0_step_eV: rep.global.set.mu0Step,
        T0_K: p.T0,
        onsite_eV: p.onsite,
        zero_crossing_window_eV: p.zeroCrossingWindow,
      },
      rows_reproduced: rep.global.rowsReproduced,
      sets_tried: rep.global.setsTried,
      ties: rep.global.ties,
      changes: rep.global.changes,
    },
    statements: rep.statements.map((s) => ({
      id: s.id,
      where: s.where,
      quote: s.quote,
      measure: s.measure,
      rule: s.rule,
      result: s.result,
      verdict: s.verdict,
      values: s.values,
    })),
    search_space: { ...space.values, gamma_grid_eV: space.gammaGrid },
    configurations: CONFIGURATIONS,
  };
  return `${JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`;
}

/** The cross-check against the repository's independent NumPy implementation (test/fixtures/crosscheck). */
export function crossCheckHtml(rep: Reproduction): string {
  const cc = rep.crossChecks;
  if (!cc || !rep.crosscheckSource) {
    return '<p class="alert">Not available: test/fixtures/crosscheck/crosscheck.json (the output of the independent NumPy implementation, in a clone of the repository) was not found or is on another μ0 grid; no cross-check was made.</p>';
  }
  const src = rep.crosscheckSource;
  const ok = cc.filter((c) => c.agrees).length;
  const rows = cc.map((c) => [
    escapeHtml(c.setName),
    escapeHtml(c.row),
    `<span class="small">${escapeHtml(c.parameters)}</span>`,
    fmtPercent(c.numpy),
    fmtPercent(c.ours),
    Number.isFinite(c.relDiff) ? c.relDiff.toExponential(1) : 'both vanish',
    c.agrees ? '<span class="v-reproduced">agrees</span>' : '<span class="v-not">differs</span>',
  ]);
  return `<p>Every headline row at the baseline and at ${new Set(cc.map((c) => c.setName)).size - 1} further fixed parameter sets, computed by an independent NumPy implementation kept in this repository — <code>${escapeHtml(src.generator)}</code> (${escapeHtml(src.method)}; NumPy ${escapeHtml(src.numpy)}) — and by probecheck with the function that fills the headline table. <b>${ok} of ${cc.length} cases agree</b> to a relative ${CROSSCHECK_RTOL.toExponential(0)} (rows that vanish: both below their rounding level). Regenerate the fixture with <code>python3 ${escapeHtml(src.generator)}</code>; test/report/crosscheck.test.ts checks the agreement.</p>
<details><summary>All ${cc.length} cases</summary>
${table(['set', 'row', 'parameters', 'NumPy', 'probecheck', 'relative difference', ''], rows, '', [3, 4, 5])}
</details>`;
}

/** The proofs section. */
export function proofsHtml(run: ProofRun, math: MathCollector): string {
  const counts = ['proved', 'conditional', 'refuted', 'failed'].map((v) => `${run.results.filter((r) => r.verdict === v).length} ${v}`).join(', ');
  return `<p>${run.results.length} claims checked (${counts}). Each claim is decided by three routes — symbolic derivation, exact rational arithmetic at random points, and the numeric solver — as in <code>npm run proofs</code>.</p>
${run.results.map((r) => proofHtml(r, math)).join('\n')}`;
}

function route(name: string, r: { ok: boolean | null; detail: string }, extra = ''): string[] {
  const v =
    r.ok === true
      ? '<span class="v-proved">✓ agrees</span>'
      : r.ok === false
        ? '<span class="v-failed">✗ disagrees</span>'
        : '<span class="v-conditional">? undecided</span>';
  return [escapeHtml(name), v, `${escapeHtml(r.detail)}${extra}`];
}

function proofHtml(r: ProofResult, math: MathCollector): string {
  const cls = `v-${r.verdict}`;
  return `<div class="proof" id="proof-${escapeHtml(r.id)}" data-proof="${escapeHtml(r.id)}">
<h4>${labelHtml(r.claim)} <span class="verdict ${cls}">${escapeHtml(r.verdict)}</span></h4>
<p class="small">${escapeHtml(r.id)} · ${escapeHtml(r.source)}</p>
<p><b>Statement.</b></p>
${math.display(r.statementLatex)}
<p><b>Derivation.</b></p>
<ol class="steps">${r.derivationLatex.map((d) => `<li>${math.display(d)}</li>`).join('\n')}</ol>
${table(
  ['route', 'outcome', 'detail'],
  [
    route('symbolic', r.symbolic),
    route(
      'exact rational',
      r.rational,
      ` <span class="small">(${r.rational.points} points; failure probability ≤ ${escapeHtml(r.rational.failureProbabilityBound)})</span>`,
    ),
    route(
      'numeric (NEGF solver)',
      r.numeric,
      ` <span class="small">(max error ${r.numeric.maxError.toExponential(2)}, tolerance ${r.numeric.tolerance.toExponential(2)})</span>`,
    ),
  ],
)}
${r.notes.length ? `<ul class="notes">${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
</div>`;
}

/** The parameters section. */
function parametersHtml(rep: Reproduction, math: MathCollector): string {
  const p = rep.params;
  const prov = PARAMETER_PROVENANCE.map((x) => [escapeHtml(x.name), escapeHtml(x.value(p)), escapeHtml(x.source)]);
  const configs = Object.values(CONFIGURATIONS).map((c) => [escapeHtml(c.name), `${c.gammaL} eV`, `${c.gammaR} eV`, `${c.TL} K`, `${c.TR} K`]);
  return `${table(['parameter', 'value', 'source'], prov)}
<p>Configurations (docs/physics.md §7; paper Figs. 1–6). Sites 0…5 around the ring: L on site 0, R on site 2 (meta), the probe on site 3 (para to L, ortho to R); the flat probe couples to all six sites. VP temperature: ${escapeHtml(vpTemperatureLabel(p.vpTemperature))}.</p>
${table(['configuration', 'Γ_L', 'Γ_R', 'T_L', 'T_R'], configs)}
<p>Definitions used throughout (each cites its source):</p>
${math.display('L^{(\\nu)}_{\\alpha\\beta}=\\int dE\\,(E-\\mu_0)^{\\nu}\\,\\mathcal{T}_{\\alpha\\beta}(E)\\left(-\\frac{\\partial f_0}{\\partial E}\\right),\\qquad \\mathcal{T}_{\\alpha\\beta}=\\operatorname{Tr}\\left[\\Gamma^{\\alpha}G\\,\\Gamma^{\\beta}G^{\\dagger}\\right]\\quad\\text{(paper Eqs. 2–3; docs/physics.md §2–3)}')}
${math.display('hJ^{N}_{\\alpha}=\\sum_{\\beta}\\Big[L^{(0)}_{\\alpha\\beta}(\\mu_\\beta-\\mu_\\alpha)+L^{(1)}_{\\alpha\\beta}\\tfrac{T_\\beta-T_\\alpha}{T_0}\\Big],\\quad hJ^{Q}_{\\alpha}=\\sum_{\\beta}\\Big[L^{(1)}_{\\alpha\\beta}(\\mu_\\beta-\\mu_\\alpha)+L^{(2)}_{\\alpha\\beta}\\tfrac{T_\\beta-T_\\alpha}{T_0}\\Big]\\quad\\text{(Eq. 1)}')}
${math.display("\\int dE\\,\\frac{-f_0'(E)}{E-\\lambda}=\\frac{\\psi'\\!\\left(\\tfrac12+\\tfrac{i(\\lambda-\\mu_0)}{2\\pi k_BT_0}\\right)}{2\\pi i\\,k_BT_0}\\quad(\\operatorname{Im}\\lambda<0;\\ \\text{closed form used for every point, docs/physics.md §3})")}
${math.display('\\tilde M=M_{FF}-M_{FU}M_{UU}^{-1}M_{UF}\\quad\\text{(probes as Schur complements, Eqs. 11, 16)}')}
${math.display('J^{\\nu}_{R,\\mathrm{VTP}}-J^{\\nu}_{R,\\mathrm{VP}}=-\\frac{\\tilde M_{(\\nu,R),(T,P)}}{\\tilde M_{(Q,P),(T,P)}}\\,J^{Q}_{P,\\mathrm{VP}}\\quad\\text{(Eq. 18; checked at every point of Fig. 3)}')}
${math.display(`\\delta_J=\\frac{J_{\\mathrm{VP}}-J_{\\mathrm{VTP}}}{J_{\\mathrm{${p.errorReference}}}}\\quad\\text{(Appendix B, Eqs. 59–63)},\\qquad \\frac{J_{\\mathrm{VP}}-J_{\\mathrm{VTP}}}{J_{\\mathrm{VP}}}\\Big|_{\\text{node}}\\approx\\frac{\\Gamma_R-\\Gamma_L}{\\Gamma_L+\\Gamma_R}=-\\tfrac13\\quad\\text{(Eq. 34)}`)}
${math.display(`S=-\\frac{\\mu_R-\\mu_L}{e\\,(T_R-T_L)}\\quad\\text{(Eq. 31)},\\qquad \\text{deviation}=\\frac{\\max_{\\mu_0}|S_{\\mathrm{VP}}-S_{\\mathrm{VTP}}|}{\\max_{\\mu_0}|S_{\\mathrm{${p.errorReference}}}|}`)}`;
}

/** One figure at the baseline (left) and at its best reproducing set (right), panel beside panel. */
function figurePairSection(
  base: RenderedFigure,
  best: RenderedFigure,
  pair: Reproduction['pairs'][number],
  rep: Reproduction,
  legend: readonly number[],
  math: MathCollector,
): string {
  const f = base.figure;
  const s = pair.set;
  const rowsText = s.rows.length
    ? `reproduces ${s.rowsReproduced.length} of this figure's ${s.rows.length} headline numbers${s.rowsReproduced.length ? ` (${s.rowsReproduced.map(escapeHtml).join(', ')})` : ''}`
    : 'no headline number belongs to this figure: drawn at the global fit';
  const hasModels = f.panels.some((p) => p.series.some((x) => x.dashed));
  const cells: string[] = [];
  base.panels.forEach((bp, k) => {
    const rp = best.panels[k];
    cells.push(panelHtml(bp, 'baseline'), rp ? panelHtml(rp, 'best set') : '<div></div>');
  });
  const notes = f.notes.map((n) => `<li>${math.text(n)}</li>`).join('');
  return `<section class="figure" id="${f.id}" data-figure="${f.id}">
<h3>Fig. ${escapeHtml(f.number)} — ${escapeHtml(f.title)}</h3>
<p class="caption">${math.text(f.caption)}</p>
<div class="pairhead"><div><b>Left — baseline:</b> the paper's stated parameters and our defaults (${escapeHtml(describeSet(baselineSet(rep.space)))}).</div>
<div><b>Right — best reproducing set:</b> ${s.changes.length ? escapeHtml(s.changes.join('; ')) : 'the baseline'}; ${rowsText}.</div></div>
${legendHtml(legend, hasModels)}
<div class="panels pairs">
${cells.join('\n')}
</div>
<ul class="notes">${notes}<li>Data: <a href="${base.csvPath}">${base.csvPath}</a> (baseline, ${f.rows.length} rows) and <a href="${best.csvPath}">${best.csvPath}</a> (best set, ${best.figure.rows.length} rows); columns ${f.columns.map((c) => `${escapeHtml(c.key)}${c.unit ? ` [${escapeHtml(c.unit)}]` : ''}`).join(', ')}.</li></ul>
${peaksHtml(base)}
</section>`;
}

function panelHtml(p: RenderedFigure['panels'][number], which: string): string {
  // the title and legend are inside the SVG (so that an exported panel carries them)
  return `<figure class="panel" data-panel="${escapeHtml(p.panel.id)}" data-set="${which}">${p.svg}<div class="svglink"><a href="${p.path}">SVG</a></div></figure>`;
}

/** Panels {@link buildPaperReport} renders (each pair's baseline and best figure): its `onPanel` calls. */
export function paperReportPanels(rep: Reproduction): number {
  return rep.pairs.reduce((n, pair) => n + pair.baseline.panels.length + pair.best.panels.length, 0);
}

/** Build the paper report's files; `onPanel` is called once per rendered panel ({@link paperReportPanels} in all). */
export function buildPaperReport(input: PaperReportInput, onPanel?: () => void): BuiltReport {
  const math = new MathCollector();
  const rep = input.reproduction;
  const legend = rep.params.gammas;
  const rendered = rep.pairs.map((pair) => ({ pair, base: renderFigure(pair.baseline, legend, onPanel), best: renderFigure(pair.best, legend, onPanel) }));
  const files: ReportFile[] = [];
  for (const { base, best } of rendered) {
    for (const r of [base, best]) {
      files.push({ path: r.csvPath, content: figureCsv(r.figure, toCsv) });
      for (const p of r.panels) files.push({ path: p.path, content: `<?xml version="1.0" encoding="UTF-8"?>\n${p.svg}\n` });
    }
  }
  files.push({ path: 'headline.csv', content: headlineCsv(rep.headline) });
  files.push({ path: 'headline.json', content: headlineJson(rep) });

  const figureSections = rendered.map(({ pair, base, best }) => figurePairSection(base, best, pair, rep, legend, math)).join('\n');
  const headline = headlineHtml(rep, math);
  const proofs = proofsHtml(input.proofs, math);
  const params = parametersHtml(rep, math);
  const body = `<header>
<h1>Reproduction of “When Dephasing Fails: Thermodynamic Consequences of Decoherence Models in Quantum Transport” (arXiv:2508.20343)</h1>
<p class="meta">probecheck ${escapeHtml(input.version)} · regenerate with <code>${escapeHtml(input.command)}</code> · no timestamps or timings inside: the same code writes the same bytes</p>
<p class="meta">Search: ${rep.stats.searchGeometries} geometries × ${rep.params.mu0.points} μ0 points by superposition over ${spaceSize(rep.space).toLocaleString('en-US')} parameter sets; figures: ${rep.stats.solves.toLocaleString('en-US')} circuit solves on ${rep.stats.geometries} geometries. Every number through probecheck's solver (closed-form Onsager coefficients, Schur-complement probes); data of every figure as CSV next to this file.</p>
${junctionSvg()}
<nav><ol>
<li><a href="#headline">Headline numbers</a></li>
<li><a href="#statements">Other claims of the paper</a></li>
<li><a href="#global">Global fit</a></li>
<li><a href="#sensitivity">Sensitivity</a></li>
<li><a href="#crosscheck">Cross-check with an independent implementation</a></li>
${rendered.map(({ base }) => `<li><a href="#${base.figure.id}">Fig. ${escapeHtml(base.figure.number)}: ${escapeHtml(base.figure.title)}</a></li>`).join('\n')}
<li><a href="#proofs">Proofs</a></li>
<li><a href="#parameters">Parameters and definitions</a></li>
</ol></nav>
</header>
<section id="headline"><h2>Headline numbers</h2>
${headline}
</section>
<section id="statements"><h2>Other claims of the paper</h2>
${statementsHtml(rep)}
</section>
<section id="global"><h2>Global fit: one parameter set for every row</h2>
${globalFitHtml(rep)}
</section>
<section id="sensitivity"><h2>Sensitivity of each number to each parameter</h2>
${sensitivityHtml(rep)}
</section>
<section id="crosscheck"><h2>Cross-check with an independent implementation</h2>
${crossCheckHtml(rep)}
</section>
<section id="figures"><h2>Figures</h2>
<p>The benzene junction of the paper's §IV (drawing above): L on site 0, R on site 2 (meta), the probe on site 3. x axis: level alignment μ0 − ε0. Currents are counted into R. Each figure is drawn twice, panel beside panel: at the baseline (left) and at the parameter set that reproduces most of its headline numbers (right). Plots are static SVG (Observable Plot); log axes show magnitudes, the signed values are in the CSV.</p>
${figureSections}
</section>
<section id="proofs"><h2>Proofs</h2>
${proofs}
</section>
<section id="parameters"><h2>Parameters and definitions</h2>
${params}
</section>
<footer class="meta"><p>probecheck ${escapeHtml(input.version)} — <code>${escapeHtml(input.command)}</code></p></footer>`;
  files.push({ path: 'index.html', content: page('probecheck — reproduction of arXiv:2508.20343', input.katexCss, body) });
  return { files, katexErrors: math.errors };
}

/** The junction: benzene ring, sites 0…5, L on 0, R on 2 (meta), the local probe P on 3 (para to L, ortho to R). */
export function junctionSvg(): string {
  const cx = 210,
    cy = 140,
    r = 62;
  // site k at angle 180° − 60°·k (site 0 on the left, going clockwise over the top)
  const pos = Array.from({ length: 6 }, (_, k) => {
    const a = Math.PI - (k * Math.PI) / 3;
    return [cx + r * Math.cos(a), cy - r * Math.sin(a)] as const;
  });
  const f = (v: number) => v.toFixed(1);
  const bonds = pos
    .map((p, k) => {
      const q = pos[(k + 1) % 6];
      return `<line x1="${f(p[0])}" y1="${f(p[1])}" x2="${f(q[0])}" y2="${f(q[1])}" stroke="#333" stroke-width="2"/>`;
    })
    .join('');
  const sites = pos
    .map(
      (p, k) =>
        `<circle cx="${f(p[0])}" cy="${f(p[1])}" r="11" fill="white" stroke="#333" stroke-width="1.5"/><text x="${f(p[0])}" y="${f(p[1] + 4)}" text-anchor="middle" font-size="12">${k}</text>`,
    )
    .join('');
  const lead = (k: number, label: string, dx: number, dy: number, colour: string, note: string) => {
    const [x, y] = pos[k];
    const ex = x + dx,
      ey = y + dy;
    return `<line x1="${f(x)}" y1="${f(y)}" x2="${f(ex)}" y2="${f(ey)}" stroke="${colour}" stroke-width="3"/><rect x="${f(ex - 16)}" y="${f(ey - 13)}" width="32" height="26" rx="4" fill="${colour}"/><text x="${f(ex)}" y="${f(ey + 5)}" text-anchor="middle" font-size="14" font-weight="bold" fill="white">${label}</text><text x="${f(ex)}" y="${f(ey + (dy < 0 ? -20 : 30))}" text-anchor="middle" font-size="11" fill="#444">${labelSvg(note)}</text>`;
  };
  return `<figure class="junction"><svg xmlns="http://www.w3.org/2000/svg" width="420" height="268" viewBox="0 0 420 268" role="img" aria-label="the benzene junction: L on site 0, R on site 2, probe P on site 3">
${bonds}${lead(0, 'L', -80, 0, '#1f77b4', 'Γ_L, T_L, μ_L')}${lead(2, 'R', 60, -45, '#d62728', 'Γ_R, T_R, μ_R')}${lead(3, 'P', 80, 0, '#2ca02c', 'probe γ (VP or VTP)')}${sites}
<text x="210" y="258" text-anchor="middle" font-size="12" fill="#444">flat probe (Fig. 6): P couples to all six sites</text>
</svg><figcaption class="small">The junction: Hückel benzene (hopping t between neighbours), L on site 0, R on site 2 (meta to L), the probe P on site 3 (para to L, ortho to R).</figcaption></figure>`;
}

function peaksHtml(r: RenderedFigure): string {
  const peaks = r.figure.peaks;
  if (!peaks.length) return '';
  const rows = peaks.map((p) => [
    escapeHtml(p.config),
    `${p.gamma} eV`,
    escapeHtml(p.quantity),
    fmtPercent(p.peakPercent),
    Number.isFinite(p.peakAt) ? `${p.peakAt.toFixed(3)} eV` : '—',
    Number.isFinite(p.nodePercent) ? fmtPercent(p.nodePercent) : '—',
    String(p.excluded),
  ]);
  return `<details><summary>Peak relative errors of Fig. ${escapeHtml(r.figure.number)} per curve</summary>${table(['configuration', 'γ', 'quantity', 'peak (signed)', 'at μ0 − ε0', 'at the node', 'points left out'], rows)}</details>`;
}

/** The headline table as CSV. */
export function headlineCsv(rows: readonly HeadlineRow[]): string {
  const header = [
    'id',
    'figure',
    'paper_text',
    'paper_value_pct',
    'quantity',
    'normaliser',
    'baseline_value_pct',
    'baseline_parameters',
    'baseline_where',
    'verdict',
    'best_value_pct',
    'best_changes',
    'best_parameters',
    'best_where',
    'global_value_pct',
    'global_matches',
    'sets_tried',
    'sets_matching',
  ];
  return toCsv(
    header,
    rows.map((r) => [
      r.claim.id,
      r.claim.figure,
      r.claim.paperText,
      r.claim.paperValue,
      r.claim.quantity,
      r.claim.normaliser,
      r.baseline.measurement.value,
      describeSet(r.baseline.set, r.claim.dimensions, r.claim.config),
      r.baseline.measurement.where,
      r.verdict,
      r.best.measurement.value,
      r.best.changes.join('; '),
      describeSet(r.best.set, r.claim.dimensions, r.claim.config),
      r.best.measurement.where,
      r.atGlobal.measurement.value,
      r.atGlobal.matches ? 'yes' : 'no',
      r.candidatesTried,
      r.candidatesMatching,
    ]),
  );
}
