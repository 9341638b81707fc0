/**
 * The HTML report of `probecheck report CONFIG.json` (a user's own system): the config, the solved
 * circuit at its reference point, the transmission, and VP vs VTP along a μ0 grid with peak
 * errors, the VP heat currents and the excess entropy production. Pure: data in, files out.
 */
import { toCsv } from '../io/csv.js';
import { escapeHtml } from './plot.js';
import { MathCollector, csvNumber, figureSection, fmtPercent, page, renderFigure, table, type ReportFile } from './html.js';
import { RECIPROCITY_DEFECT_THRESHOLD, type SystemReportData } from './systemData.js';
import type { BuiltReport } from './paper.js';
import type { Coupling } from '../numeric/coupling.js';

/** Everything the user-system report is made from. */
export interface SystemReportInput {
  readonly data: SystemReportData;
  readonly configPath: string;
  readonly configText: string;
  readonly katexCss: string;
  readonly version: string;
  readonly command: string;
}

function sci(v: number, unit: string): string {
  return Number.isFinite(v) ? `${v.toExponential(4)} ${unit}` : '—';
}

/** Build the user-system report's files. */
export function buildSystemReport(input: SystemReportInput): BuiltReport {
  const math = new MathCollector();
  const d = input.data;
  const { system, reference, circuit } = d.parsed;
  const c = d.solution.circuit;
  const files: ReportFile[] = [];
  const rendered = d.figures.map((f) => {
    const r = renderFigure(f, []);
    return f.id === 'transmission' ? r : { ...r, csvPath: 'scan.csv' };
  });
  for (const r of rendered) for (const p of r.panels) files.push({ path: p.path, content: `<?xml version="1.0" encoding="UTF-8"?>\n${p.svg}\n` });
  const transmission = d.figures.find((f) => f.id === 'transmission')!;
  files.push({
    path: 'transmission.csv',
    content: csvOf(
      transmission.columns.map((k) => k.key),
      transmission.rows,
    ),
  });
  const scanFig = d.figures.find((f) => f.id !== 'transmission');
  if (scanFig)
    files.push({
      path: 'scan.csv',
      content: csvOf(
        scanFig.columns.map((k) => k.key),
        scanFig.rows,
      ),
    });

  const terminals = system.terminals.map((t, a) => [
    escapeHtml(t.name),
    t.role === 'lead' ? 'lead' : `${t.role} probe${t.test ? ' (γ = 0: coherent limit)' : ''}`,
    `rank ${t.coupling.channels.cols}, Tr Γ = ${couplingTrace(t.coupling, system.hamiltonian.rows).toPrecision(4)} eV`,
    t.mu === undefined ? '—' : `${t.mu} eV`,
    t.temperature === undefined ? '—' : `${t.temperature} K`,
    `${c.mu[a].toPrecision(8)} eV`,
    `${c.temperature[a].toPrecision(8)} K`,
    sci(c.chargeCurrent[a], 'A'),
    sci(c.heatCurrent[a], 'W'),
  ]);
  const peaks = d.peaks.map((p) => [
    escapeHtml(p.lead),
    p.quantity === 'seebeck' ? 'thermopower: max|ΔS|/max|S_VP|' : `${p.quantity} current: peak |δ|`,
    fmtPercent(p.peakPercent),
    Number.isFinite(p.at) ? `${p.at.toFixed(3)} eV` : '—',
    String(p.excluded),
    p.erPercent !== undefined && Number.isFinite(p.erPercent) ? fmtPercent(p.erPercent) : '—',
  ]);
  const sections = rendered.map((r) => figureSection(r, [], math)).join('\n');
  const body = `<header>
<h1>probecheck report: ${escapeHtml(input.configPath)}</h1>
<p class="meta">probecheck ${escapeHtml(input.version)} · regenerate with <code>${escapeHtml(input.command)}</code></p>
</header>
<section id="system"><h2>System</h2>
<p>${system.hamiltonian.rows} sites; ${circuit} circuit; reference μ0 = ${reference.mu} eV, T0 = ${reference.temperature} K. Linear response (paper Eq. 1), wide-band couplings; Onsager coefficients at the reference point by ${escapeHtml(onsagerMethodText(d.solution.onsager.method))}.</p>
${table(['terminal', 'role', 'coupling', 'μ given', 'T given', 'μ solved', 'T solved', 'charge current in', 'heat current in'], terminals)}
<p>Entropy production at the reference point: ${sci(c.entropyProduction, 'W/K')}${c.seebeck !== null ? `; thermopower ${sci(c.seebeck, 'V/K')}` : ''}. Currents are counted into each terminal.</p>
<details><summary>CONFIG.json</summary><pre>${escapeHtml(input.configText)}</pre></details>
</section>
<section id="summary"><h2>VP against VTP</h2>
${
  d.probes.length === 0
    ? '<p>The system has no probe: there is nothing to compare (transmission only).</p>'
    : `
<p>Probes ${d.probes.map(escapeHtml).join(', ')} as VPs and as VTPs along μ0 ∈ [${d.mu0[0]}, ${d.mu0[d.mu0.length - 1]}] eV (${d.mu0.length} points). Relative error ${math.inline('\\delta=(J_{\\mathrm{VP}}-J_{\\mathrm{VTP}})/J_{\\mathrm{VP}}')} (paper Appendix B); a peak leaves out points within ${(d.window * 1e3).toFixed(1)} meV (${math.inline('k_BT_0')}) of a sign change of ${math.inline('J_{\\mathrm{VP}}')}.</p>
${table(['lead', 'quantity', 'VP: peak (signed)', 'at μ0', 'points left out', 'ER: peak (J_ER − J_VTP)/J_VTP'], peaks)}
<p class="small">ER: every probe as an energy-resolved probe (docs/physics.md §8; its distribution fixed energy by energy), drawn beside VP and VTP in the current panels${d.erUnavailable ? `. <b>Not available for this system:</b> ${escapeHtml(d.erUnavailable)}` : ''}.</p>
${
  (d.reciprocityDefect ?? 0) > RECIPROCITY_DEFECT_THRESHOLD
    ? `<p><b>Broken time reversal</b> (a magnetic flux or a complex coupling matrix: ${math.inline('\\max|M-M^{\\mathsf T}|/\\max|M|')} = ${d.reciprocityDefect!.toExponential(2)}): the Onsager coefficients are not symmetric, only ${math.inline('L_{\\alpha\\beta}(B)=L_{\\beta\\alpha}(-B)')} holds, and paper Eq. 33 in its reciprocal form does not apply (it misses by ${d.eq33Residual!.toExponential(2)} relative). The general relation ${math.inline('\\dot S_{\\mathrm{VP}}-\\dot S_{\\mathrm{VTP}}=\\sum_P J^Q_{P,\\mathrm{VP}}(T_P^{\\mathrm{VTP}}-T_P^{\\mathrm{VP}})/T_0^2-d^{\\mathsf T}M(-B)\\,x_{\\mathrm{VTP}}/(hT_0)')}, ${math.inline('d=x_{\\mathrm{VP}}-x_{\\mathrm{VTP}}')} (docs/physics.md §12), holds to ${d.generalEq33Residual!.toExponential(2)} relative. Excess entropy production: largest ${sci(d.excessEntropy!.max, 'W/K')}, smallest ${sci(d.excessEntropy!.min, 'W/K')}${d.excessEntropy!.min < 0 ? ' (negative: allowed without reciprocity, the VTP no longer minimises Ṡ)' : ''}.</p>`
    : `<p>Excess entropy production of the VP, ${math.inline('\\dot S_{\\mathrm{VP}}-\\dot S_{\\mathrm{VTP}}=\\sum_P J^Q_{P,\\mathrm{VP}}\\,(T_P^{\\mathrm{VTP}}-T_P^{\\mathrm{VP}})/T_0^2\\ge 0')} (paper Eq. 33): largest ${sci(d.excessEntropy!.max, 'W/K')}, smallest ${sci(d.excessEntropy!.min, 'W/K')} (${d.excessEntropy!.min >= -1e-12 * d.excessEntropy!.scale ? 'non-negative up to rounding' : '<b class="v-failed">negative: a bug</b>'}); Eq. 33 holds to ${d.eq33Residual!.toExponential(2)} relative.</p>`
}`
}
</section>
<section id="figures"><h2>Figures</h2>
${sections}
</section>`;
  files.push({ path: 'index.html', content: page(`probecheck report — ${input.configPath}`, input.katexCss, body) });
  return { files, katexErrors: math.errors };
}

/** Tr Γ = Σ over the channel vectors of |w|², from the sparse channels when the system holds them (no dense Γ). */
function couplingTrace(c: Coupling, n: number): number {
  let s = 0;
  if (c.sparse) {
    for (const ch of c.sparse) for (let k = 0; k < ch.re.length; k++) s += ch.re[k] * ch.re[k] + ch.im[k] * ch.im[k];
    return s;
  }
  for (let i = 0; i < n; i++) s += c.gamma.re[i * n + i];
  return s;
}

/** The route of the Onsager coefficients in words (`onsager.method`, docs/physics.md §13–14). */
function onsagerMethodText(method: string | undefined): string {
  switch (method) {
    case undefined:
    case 'closed-form':
      return 'the closed form (pole expansion)';
    case 'quadrature':
      return 'adaptive quadrature (the closed form handed over, docs/physics.md §13)';
    case 'sparse-quadrature':
      return 'adaptive quadrature over the sparse transmission engine (docs/physics.md §14)';
    default:
      return method;
  }
}

function csvOf(keys: readonly string[], rows: ReadonlyArray<Record<string, number | string>>): string {
  return toCsv(
    keys,
    rows.map((r) => keys.map((k) => csvNumber(r[k] ?? Number.NaN))),
  );
}
