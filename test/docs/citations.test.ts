/**
 * Every citation of the repository's physics reference resolves: each `docs/physics.md §n` (and
 * range `§m–§n`, `§m–n`) in the sources, proofs, tests, benchmarks, scripts, docs, README and
 * examples — and in a freshly generated paper report (its HTML) — names a section heading that exists in
 * docs/physics.md; and nothing cites the documents that are not part of the repository
 * (PHYSICS.md, STACK.md). Sections §1–§7 carry prose and the paper's equation numbers.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARAMETERS, reproducePaper, type PaperParameters } from '../../src/paper/index.js';
import { buildPaperReport } from '../../src/report/paper.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PHYSICS = join(root, 'docs', 'physics.md');
const SCANNED = ['src', 'proofs', 'test', 'bench', 'scripts', 'docs', 'examples', 'bin', 'README.md'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'fixtures', 'results', 'test-output']);
const TEXT = /\.(ts|mts|js|mjs|py|md|json|html|txt|sh)$/;

function walk(p: string, out: string[] = []): string[] {
  if (!existsSync(p)) return out;
  if (statSync(p).isFile()) {
    if (TEXT.test(p)) out.push(p);
    return out;
  }
  for (const e of readdirSync(p)) if (!SKIP_DIRS.has(e)) walk(join(p, e), out);
  return out;
}

/** Section numbers of the `## §n …` headings. */
function sectionsOf(markdown: string): Set<number> {
  return new Set([...markdown.matchAll(/^## §(\d+)\b/gm)].map((m) => Number(m[1])));
}

/** Every section number a text cites as docs/physics.md §n, with ranges expanded. */
function citedSections(text: string): Array<{ section: number; at: number; cite: string }> {
  const out: Array<{ section: number; at: number; cite: string }> = [];
  for (const m of text.matchAll(/docs\/physics\.md\s*(?:§|&sect;|&#167;)\s*(\d+)(?:\s*(?:[–-]|&ndash;)\s*§?(\d+))?/g)) {
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let s = a; s <= Math.max(a, b); s++) out.push({ section: s, at: m.index ?? 0, cite: m[0] });
    if (b < a) out.push({ section: -1, at: m.index ?? 0, cite: m[0] });
  }
  return out;
}

function lineOf(text: string, at: number): number {
  return text.slice(0, at).split('\n').length;
}

const FORBIDDEN = /\b(PHYSICS|STACK)\.md\b/g;

describe('docs/physics.md citations', () => {
  const physics = readFileSync(PHYSICS, 'utf8');
  const sections = sectionsOf(physics);
  const files = SCANNED.flatMap((d) => walk(join(root, d))).filter((f) => f !== fileURLToPath(import.meta.url));

  it('the parser finds citations, ranges and forbidden names (self-check)', () => {
    expect(citedSections('see docs/physics.md §4–5 and docs/physics.md §3–§5, docs/physics.md §12').map((c) => c.section)).toEqual([4, 5, 3, 4, 5, 12]);
    expect(citedSections('docs/physics.md §99')[0]?.section).toBe(99);
    expect('cites PHYSICS.md §4'.match(FORBIDDEN)).toHaveLength(1);
    expect([...sectionsOf('## §1 a\n## §16 b\n### §2 no\n')]).toEqual([1, 16]);
  });

  it('has the stable sections §1–§16, in order, §1–§7 written', () => {
    const heads = [...physics.matchAll(/^## §(\d+)\b/gm)].map((m) => Number(m[1]));
    expect(heads).toEqual(Array.from({ length: 16 }, (_, k) => k + 1));
    for (let s = 1; s <= 7; s++) {
      const body = physics.split(new RegExp(`^## §${s}\\b.*$`, 'm'))[1]?.split(/^## §/m)[0] ?? '';
      expect(body.trim().length, `§${s} has prose`).toBeGreaterThan(600);
      expect(body, `§${s} names the paper's equations or figures`).toMatch(/(Eqs?\.|Figs?\.|Appendix) ?\d*/);
      expect(body, `§${s} says where it is implemented`).toMatch(/src\/[a-z]/);
    }
  });

  it('every docs/physics.md §n in the repository names an existing section', () => {
    expect(files.length).toBeGreaterThan(50);
    const bad: string[] = [];
    let count = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const c of citedSections(text)) {
        count++;
        if (!sections.has(c.section)) bad.push(`${relative(root, f)}:${lineOf(text, c.at)}: ${c.cite}`);
      }
    }
    expect(bad).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it('internal references inside docs/physics.md (§n) resolve', () => {
    const bad = [...physics.matchAll(/§(\d+)/g)].map((m) => Number(m[1])).filter((s) => !sections.has(s));
    expect(bad).toEqual([]);
  });

  it('nothing cites PHYSICS.md or STACK.md (not part of the repository)', () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(FORBIDDEN)) bad.push(`${relative(root, f)}:${lineOf(text, m.index ?? 0)}: ${m[0]}`);
    }
    expect(bad).toEqual([]);
  });

  describe('in a freshly generated paper report (coarse grid)', () => {
    let html = '';
    beforeAll(() => {
      const P: PaperParameters = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 31 }, gammas: [0, 0.05] };
      // No proofs run here (~5 s): the `source` line each proof prints comes from proofs/*.ts,
      // which the repository scan above covers.
      const proofs = { results: [], seconds: 0 };
      const built = buildPaperReport({
        // a one-set search space keeps this fast (the search itself is tested in test/report)
        reproduction: reproducePaper(
          P,
          {},
          {
            values: {
              hopping: [-2.64],
              deltaV: [0.01],
              gammaMax: [0.05],
              vpTemperature: ['ambient'],
              flatNormalisation: ['gammaI'],
              mu0Half: [3],
              mu0Step: [0.2],
            },
            gammaGrid: [0.05],
          },
        ),
        proofs,
        katexCss: '',
        version: '0.0.0',
        command: 'test',
      });
      html = built.files.find((f) => f.path === 'index.html')?.content ?? '';
    }, 120_000);

    it('cites docs/physics.md sections that exist, and never PHYSICS.md or STACK.md', () => {
      expect(html.length).toBeGreaterThan(10_000);
      const cites = citedSections(html);
      expect(cites.length).toBeGreaterThan(5);
      expect(cites.filter((c) => !sections.has(c.section)).map((c) => c.cite)).toEqual([]);
      expect(html.match(FORBIDDEN) ?? []).toEqual([]);
    });
  });
});
