/**
 * Formatting a {@link CompareReport}: a text table for people, JSON for tools, JUnit XML for CI
 * (one `<testcase>` per quantity, grouped into one `<testsuite>` per file, so that a CI shows each
 * quantity as a test and a failure's message carries the deviation and the diagnostics).
 */
import type { CompareReport } from './index.js';
import type { QuantityResult } from './check.js';
import { fmt } from './diagnose.js';
import { splitHeader } from './parse.js';

export type ReportFormat = 'text' | 'json' | 'junit';

/** The one-line summary (also the last line of the text report). */
export function summaryLine(r: CompareReport): string {
  const s = r.summary;
  const head = `probecheck compare: ${s.total} quantities, ${s.passed} passed, ${s.failed} failed`;
  if (s.pass) return `${head} — PASS`;
  const shown = s.failedKeys.slice(0, 8).join(', ') + (s.failedKeys.length > 8 ? `, … (${s.failedKeys.length - 8} more)` : '');
  return `${head} (${shown}) — FAIL`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A tolerance as written by a person: 1e-6, 0.01. */
function tolNumber(v: number): string {
  return v !== 0 && Math.abs(v) < 1e-3
    ? v
        .toExponential()
        .replace(/\.?0+e/, 'e')
        .replace('e-', 'e-')
    : String(v);
}

/** Human-readable report: one table per file/table of theirs, diagnostics, the summary line. */
export function formatText(r: CompareReport): string {
  const lines: string[] = [];
  lines.push(`probecheck compare ${r.config} ${r.inputs.join(' ')}`);
  lines.push(
    `tolerance: |theirs − ours| ≤ atol·scale + rtol·|ours|, rtol = ${tolNumber(r.tolerance.rtol)}, atol = ${tolNumber(r.tolerance.atol)} (a fraction of each quantity family's scale); μ and T compared as μ − μ0, T − T0; probecheck method ${r.method}`,
  );
  const header = ['verdict', 'quantity', 'unit', 'n', 'max|Δ|', 'max rel', 'max|Δ|/scale', 'worst row: theirs vs probecheck'];
  const rows = r.quantities.map((q) => [
    q.pass ? 'pass' : 'FAIL',
    q.key + (q.role === 'input' ? ' (input)' : '') + (splitHeader(q.column).name !== q.key ? ` [${q.column}]` : ''),
    q.canonicalUnit,
    String(q.points),
    fmt(q.maxAbs),
    q.maxRel === null ? '—' : fmt(q.maxRel),
    fmt(q.maxScaled),
    `${q.worst.at}: ${fmt(q.worst.theirs)} vs ${fmt(q.worst.ours)}`,
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : pad(c, widths[k]))).join('  ');
  for (const t of r.tables) {
    lines.push('');
    lines.push(
      `${t.label}: ${t.kind === 'energy' ? 'energy-resolved' : 'point/sweep'} table, ${t.rows} row${t.rows === 1 ? '' : 's'}${t.swept.length ? `, swept ${t.swept.join(', ')}` : ''}`,
    );
    lines.push(line(header));
    r.quantities.forEach((q, k) => {
      if (q.source === t.label) lines.push(line(rows[k]));
    });
  }
  if (r.diagnostics.length) {
    lines.push('');
    lines.push('diagnostics:');
    let ranked = false;
    for (const d of r.diagnostics) {
      if (d.explained !== undefined && !ranked) {
        lines.push('  causes, best first (each with the fraction of the discrepancy it explains):');
        ranked = true;
      }
      lines.push(`  [${d.level}] ${d.code}: ${d.message}`);
    }
  }
  lines.push('');
  lines.push(summaryLine(r));
  return lines.join('\n') + '\n';
}

/** JSON report (the CompareReport object plus the summary line). */
export function formatJson(r: CompareReport): string {
  return JSON.stringify({ ...r, summaryLine: summaryLine(r) }, null, 2) + '\n';
}

/** Escape text for XML attributes and content (control characters dropped). */
export function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function detail(q: QuantityResult): string {
  return [
    `${q.key} (${q.role}, their column "${q.column}" in ${q.unit}; numbers in ${q.canonicalUnit})`,
    `max |Δ| = ${fmt(q.maxAbs)} at ${q.maxAbsAt.at}`,
    `max relative deviation = ${q.maxRel === null ? "— (probecheck's values are all below atol·scale)" : `${fmt(q.maxRel)} at ${q.maxRelAt!.at}`}`,
    `max |Δ|/scale = ${fmt(q.maxScaled)} (scale ${fmt(q.scale)})`,
    `worst row ${q.worst.at}: theirs ${fmt(q.worst.theirs)}, probecheck ${fmt(q.worst.ours)}, allowed |Δ| ≤ ${fmt(q.worst.allowed)}`,
  ].join('\n');
}

/** JUnit XML: one testsuite per file, one testcase per quantity. */
export function formatJunit(r: CompareReport): string {
  const bySource = new Map<string, QuantityResult[]>();
  for (const q of r.quantities) bySource.set(q.source, [...(bySource.get(q.source) ?? []), q]);
  const diag = r.diagnostics.map((d) => `[${d.level}] ${d.code}: ${d.message}`).join('\n');
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="probecheck compare" tests="${r.summary.total}" failures="${r.summary.failed}" errors="0">`);
  for (const [source, qs] of bySource) {
    const failures = qs.filter((q) => !q.pass).length;
    out.push(`  <testsuite name="${xmlEscape(`probecheck compare: ${source}`)}" tests="${qs.length}" failures="${failures}" errors="0" skipped="0">`);
    out.push('    <properties>');
    for (const [k, v] of [
      ['config', r.config],
      ['rtol', String(r.tolerance.rtol)],
      ['atol', String(r.tolerance.atol)],
      ['method', r.method],
    ]) {
      out.push(`      <property name="${k}" value="${xmlEscape(v)}"/>`);
    }
    out.push('    </properties>');
    for (const q of qs) {
      const name = xmlEscape(`${q.key}${q.role === 'input' ? ' (input)' : ''}`);
      const cls = xmlEscape(`probecheck.compare.${q.family}`);
      if (q.pass) {
        out.push(`    <testcase classname="${cls}" name="${name}" time="0"/>`);
      } else {
        const msg = `max |Δ| = ${fmt(q.maxAbs)} ${q.canonicalUnit} at ${q.maxAbsAt.at}; worst ${fmt(q.worst.theirs)} vs probecheck ${fmt(q.worst.ours)} (allowed ${fmt(q.worst.allowed)})`;
        out.push(`    <testcase classname="${cls}" name="${name}" time="0">`);
        out.push(`      <failure type="deviation" message="${xmlEscape(msg)}">${xmlEscape(detail(q) + (diag ? `\n\ndiagnostics:\n${diag}` : ''))}</failure>`);
        out.push('    </testcase>');
      }
    }
    out.push(`    <system-out>${xmlEscape(`${summaryLine(r)}${diag ? `\n${diag}` : ''}`)}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** Format a report. */
export function formatReport(r: CompareReport, format: ReportFormat): string {
  return format === 'json' ? formatJson(r) : format === 'junit' ? formatJunit(r) : formatText(r);
}
