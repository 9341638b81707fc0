/**
 * LaTeX → HTML with KaTeX, in Node (no DOM). Errors are values: {@link typeset} returns the error
 * message next to the HTML, and the HTML of a formula that does not parse is KaTeX's own
 * `.katex-error` span (so a browser test finds it), never a silently dropped formula.
 */
import katex from 'katex';

/** A typeset formula. */
export interface Typeset {
  readonly html: string;
  /** KaTeX's parse error, or null. */
  readonly error: string | null;
}

/** Typeset `latex` (display mode by default). */
export function typeset(latex: string, displayMode = true): Typeset {
  const options = { displayMode, output: 'htmlAndMathml' as const, strict: 'ignore' as const, trust: false };
  try {
    return { html: katex.renderToString(latex, { ...options, throwOnError: true }), error: null };
  } catch (e) {
    return { html: katex.renderToString(latex, { ...options, throwOnError: false }), error: (e as Error).message };
  }
}

/**
 * Inline math in running text: segments between `$…$` are typeset (inline mode), the rest is
 * HTML-escaped. A literal dollar sign is written `\$`.
 */
export function typesetInline(text: string, onError?: (message: string) => void): string {
  const out: string[] = [];
  const re = /(?<!\\)\$([^$]+)\$/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(escapeText(text.slice(last, m.index)));
    const t = typeset(m[1], false);
    if (t.error) onError?.(t.error);
    out.push(t.html);
    last = m.index + m[0].length;
  }
  out.push(escapeText(text.slice(last)));
  return out.join('');
}

function escapeText(s: string): string {
  return s.replace(/\\\$/g, '$').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
