/**
 * The `@example` blocks of TSDoc comments: every entry point a user starts from carries one, and
 * test/package/pack.test.ts compiles and runs each against the published package.
 */
import { readFileSync } from 'node:fs';

export interface TsdocExample {
  /** File the comment is in (relative path as given). */
  readonly file: string;
  /** 1-based line of the ```ts fence. */
  readonly line: number;
  /** The declaration the comment documents (e.g. "export function solveSystem("). */
  readonly documents: string;
  /** The example's TypeScript code, comment prefixes removed. */
  readonly code: string;
}

/** Every ```ts block after an `@example` tag inside a `/** … *\/` comment of `file`. */
export function tsdocExamples(file: string, text = readFileSync(file, 'utf8')): TsdocExample[] {
  const out: TsdocExample[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const body = m[1] ?? '';
    const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const startLine = text.slice(0, m.index).split('\n').length;
    const after =
      text
        .slice(m.index + m[0].length)
        .split('\n')
        .find((l) => l.trim() !== '') ?? '';
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i]?.trim() ?? '')) continue;
      const open = lines.findIndex((l, k) => k > i && /^```(ts|typescript)\s*$/.test(l.trim()));
      if (open < 0) continue;
      const close = lines.findIndex((l, k) => k > open && /^```\s*$/.test(l.trim()));
      if (close < 0) throw new Error(`${file}:${startLine + open}: unterminated \`\`\`ts block in an @example`);
      out.push({
        file,
        line: startLine + open,
        documents: after
          .trim()
          .replace(/\{?\s*$/, '')
          .slice(0, 80),
        code: lines.slice(open + 1, close).join('\n') + '\n',
      });
      i = close;
    }
  }
  return out;
}
