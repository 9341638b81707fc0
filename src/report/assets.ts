/**
 * The KaTeX stylesheet with its fonts inlined as data: URLs (woff2), so a report is one
 * self-contained HTML file that renders from disk with no network. Reads node_modules (I/O): called
 * by the CLI commands, the outermost layer, and passed into the pure HTML assembly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** katex.min.css with every `src:url(fonts/…woff2) format("woff2"),…` replaced by an inlined woff2. */
export function katexCssInlined(): string {
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  let fonts = 0;
  const out = css.replace(/src:url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\(fonts\/[^)]+\) format\("[a-z]+"\))*/g, (_, name: string) => {
    fonts++;
    const data = readFileSync(join(dist, 'fonts', `${name}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (fonts === 0 || /url\(fonts\//.test(out)) throw new Error('katex.min.css: could not inline every font (unexpected stylesheet format)');
  return out;
}
