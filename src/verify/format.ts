/**
 * Output of `probecheck verify`: text (one line per claim), JSON (the contract in docs/verify.md)
 * and a self-contained KaTeX HTML page (each claim typeset, its verdict, the residual when refuted,
 * the counterexample). Pure: the CLI writes the strings.
 */
import { MathCollector, page, table } from '../report/html.js';
import { escapeHtml } from '../report/plot.js';
import { VERSION } from '../version.js';
import { parseExpression, exprToLatex } from './parse.js';
import type { ClaimResult, VerifyReport } from './verify.js';

const MARK: Record<ClaimResult['verdict'], string> = { proved: '✓', supported: '~', refuted: '✗', undecided: '?' };

function routeWord(r: { status: string }): string {
  switch (r.status) {
    case 'proved':
    case 'zero':
      return 'proved';
    case 'consistent':
      return 'holds';
    case 'refuted':
    case 'counterexample':
    case 'violated':
      return 'FAILS';
    case 'open':
      return 'open';
    case 'not applicable':
      return 'n/a';
    default:
      return r.status;
  }
}

/** One line per claim, then the counterexamples and hints indented, then a summary line. */
export function formatText(report: VerifyReport): string {
  const w = Math.min(48, Math.max(...report.claims.map((c) => c.name.length)));
  const lines: string[] = [];
  for (const c of report.claims) {
    const routes = `symbolic ${routeWord(c.routes.symbolic)}, rational ${routeWord(c.routes.rational)}, numeric ${routeWord(c.routes.numeric)}`;
    const extra = c.verdict === 'supported' || c.verdict === 'undecided' ? ` — ${c.reason}` : '';
    lines.push(`${MARK[c.verdict]} ${c.verdict.padEnd(9)} ${c.name.padEnd(w)}  [${routes}]  ${c.seconds.toFixed(2)} s${extra}`);
    if (c.verdict === 'refuted') {
      if (!c.counterexample?.term) lines.push(`    why: ${c.reason}`);
      const ce = c.counterexample;
      if (ce?.exact) {
        const pt = Object.entries(ce.exact.point)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        lines.push(
          `    exact ${ce.exact.kind} point: ${pt || '(the claim uses no symbol: any point)'}${
            ce.exact.substituted
              ? `; substituted ${Object.entries(ce.exact.substituted)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}`
              : ''
          }`,
        );
        lines.push(`      lhs = ${ce.exact.lhs}, rhs = ${ce.exact.rhs}`);
      }
      if (ce?.physical)
        lines.push(
          `    physical system (${ce.physical.system}): lhs = ${ce.physical.lhs.toPrecision(8)}, rhs = ${ce.physical.rhs.toPrecision(8)}; CONFIG.json in --format json (counterexample.physical.config)`,
        );
      if (ce?.term) lines.push(`    leading residual term (order ${ce.order}): ${ce.term}`);
      const a = c.asserted;
      if (a) {
        const at = [
          a.exact !== undefined ? `= ${a.exact} at the exact point` : '',
          a.physical !== undefined ? `= ${a.physical.toPrecision(6)} at the physical system` : '',
        ]
          .filter(Boolean)
          .join(', ');
        lines.push(`    asserted: ${a.quantity} ${a.sign}${at ? `; ${at}` : ''}`);
      }
      if (c.residual) lines.push(`    residual ${a?.quantity ?? 'lhs − rhs'} = ${c.residual}`);
    }
    if (c.hint) lines.push(`    hint: ${c.hint}`);
  }
  const s = report.summary;
  lines.push(
    `${report.claims.length} claims: ${s.proved} proved, ${s.supported} supported, ${s.refuted} refuted, ${s.undecided} undecided (seed ${report.seed}, ${report.seconds.toFixed(2)} s)`,
  );
  return lines.join('\n') + '\n';
}

/** The JSON report: {"claims": [{name, formula, verdict, reason, routes, counterexample, hint?}], summary, seed, …}. */
export function formatJson(report: VerifyReport): string {
  return (
    JSON.stringify(
      {
        version: VERSION,
        seed: report.seed,
        summary: report.summary,
        seconds: report.seconds,
        claims: report.claims.map((c) => ({
          name: c.name,
          formula: c.formula,
          verdict: c.verdict,
          reason: c.reason,
          routes: c.routes,
          counterexample: c.counterexample,
          ...(c.hint ? { hint: c.hint } : {}),
          ...(c.asserted ? { asserted: c.asserted } : {}),
          ...(c.residual ? { residual: c.residual } : {}),
          seconds: c.seconds,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Self-contained HTML page (KaTeX CSS with fonts passed in). */
export function formatHtml(report: VerifyReport, katexCss: string, title = 'probecheck verify'): { html: string; errors: string[] } {
  const math = new MathCollector();
  const sections = report.claims.map((c, k) => {
    const rows = (['symbolic', 'rational', 'numeric'] as const).map((r) => [r, escapeHtml(c.routes[r].status), escapeHtml(c.routes[r].detail)]);
    let ce = '';
    if (c.counterexample?.exact) {
      const e = c.counterexample.exact;
      const pts = Object.entries(e.point)
        .map(([n, v]) => `<code>${escapeHtml(n)} = ${escapeHtml(v)}</code>`)
        .join(', ');
      const subs = e.substituted
        ? `<p class="small">substituted: ${Object.entries(e.substituted)
            .map(([n, v]) => `<code>${escapeHtml(n)} = ${escapeHtml(v)}</code>`)
            .join(', ')}</p>`
        : '';
      ce += `<h4>Exact ${e.kind} point</h4><p>${pts}</p>${subs}<p>lhs = <code>${escapeHtml(e.lhs)}</code>, rhs = <code>${escapeHtml(e.rhs)}</code>${
        c.asserted && e.residual !== undefined ? `; ${c.asserted.quantity} = <code>${escapeHtml(e.residual)}</code> (${c.asserted.sign} asserted)` : ''
      }</p>`;
    }
    if (c.counterexample?.physical) {
      const p = c.counterexample.physical;
      ce += `<h4>Physical counterexample (${escapeHtml(p.system)})</h4><p>lhs = ${p.lhs.toPrecision(8)}, rhs = ${p.rhs.toPrecision(8)}. Reproduce with <code>probecheck solve CONFIG.json</code>:</p><details><summary>CONFIG.json</summary><pre>${escapeHtml(JSON.stringify(p.config, null, 1))}</pre></details>`;
    }
    if (c.counterexample?.term) {
      let tex = '';
      try {
        tex = math.display(exprToLatex(parseExpression(c.counterexample.term)));
      } catch {
        tex = `<code>${escapeHtml(c.counterexample.term)}</code>`;
      }
      ce += `<h4>Leading residual term (order ${c.counterexample.order})</h4>${tex}`;
    }
    let resid = '';
    if (c.residual && c.verdict === 'refuted') {
      if (/ terms\)/.test(c.residual))
        resid = `<p>Residual ${c.asserted?.quantity ?? 'lhs − rhs'}: a rational function with ${escapeHtml(c.residual.replace(/[()]/g, '').replace('/', ' over '))} (too large to print).</p>`;
      else {
        try {
          resid = `<h4>Residual ${c.asserted?.quantity ?? 'lhs − rhs'} (${c.asserted?.sign ?? '= 0'} asserted)</h4>${math.display(exprToLatex(parseExpression(c.residual)))}`;
        } catch {
          resid = `<p>Residual: <code>${escapeHtml(c.residual)}</code></p>`;
        }
      }
    }
    return `<section class="proof" id="claim-${k}">
<h4>${escapeHtml(c.name)} — <span class="verdict v-${c.verdict}">${c.verdict}</span> <span class="small">${c.seconds.toFixed(2)} s</span></h4>
${math.display(c.latex)}
<p class="small"><code>${escapeHtml(c.formula)}</code></p>
<p>${escapeHtml(c.reason)}</p>
${table(['route', 'outcome', 'detail'], rows, 'small')}
${resid}${ce}${c.hint ? `<p><b>Hint:</b> ${escapeHtml(c.hint)}</p>` : ''}
</section>`;
  });
  const s = report.summary;
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${report.claims.length} claims: ${s.proved} proved, ${s.supported} supported, ${s.refuted} refuted, ${s.undecided} undecided · seed ${report.seed} · probecheck ${escapeHtml(VERSION)} · ${report.seconds.toFixed(2)} s</p>
<p class="small">Verdicts and routes: docs/verify.md; definitions of the symbols: docs/physics.md §16.</p>
${sections.join('\n')}`;
  return { html: page(title, katexCss, body), errors: math.errors };
}
