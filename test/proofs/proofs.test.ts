/**
 * The proofs are part of the test suite: every claim runs, no route fails, every LaTeX string
 * renders with KaTeX in display mode (the HTML report's contract), and the proof machinery itself
 * rejects false identities (so a passing proof is not vacuous).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import katex from 'katex';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proofs, runAllProofs } from '../../proofs/index.js';
import type { ProofResult } from '../../proofs/types.js';
import { nerdamerZeroAtPoint, rationalZero, symbolicZero, type Residuals } from '../../proofs/lib.js';
import { electronic, electronicGiven, threeTerminal, TP } from '../../proofs/threeTerminal.js';
import type { Field } from '../../src/symbolic/field.js';
import { Poly } from '../../src/symbolic/polynomial.js';
import { slopeCheck } from '../../proofs/appA-node-heat-current.js';

let results: ProofResult[] = [];
const progress: string[] = [];
let seconds = 0;

beforeAll(async () => {
  const t = performance.now();
  results = await runAllProofs({ onProgress: (id) => progress.push(id) });
  seconds = (performance.now() - t) / 1000;
}, 120_000);

const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });

describe('runAllProofs', () => {
  it('runs every listed proof once, in order, reporting progress', () => {
    expect(results.map((r) => r.id)).toEqual(proofs.map((p) => p.id));
    expect(progress).toEqual(proofs.map((p) => p.id));
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    expect(results.length).toBe(10);
  });
  it('no verdict is failed and no route reports a failure', () => {
    for (const r of results) {
      expect(r.verdict, `${r.id}: ${r.notes.join(' ')}`).not.toBe('failed');
      expect(r.symbolic.ok, `${r.id} symbolic: ${r.symbolic.detail}`).toBe(true);
      expect(r.rational.ok, `${r.id} rational: ${r.rational.detail}`).toBe(true);
      expect(r.numeric.ok, `${r.id} numeric: ${r.numeric.detail}`).toBe(true);
      expect(r.numeric.maxError).toBeLessThanOrEqual(r.numeric.tolerance);
      expect(r.rational.points).toBeGreaterThan(0);
      expect(r.rational.failureProbabilityBound).toMatch(/≤ \(\d+\/2\^31\)\^\d+/);
    }
  });
  it('a conditional or refuted verdict explains itself in the notes', () => {
    for (const r of results.filter((x) => x.verdict === 'conditional' || x.verdict === 'refuted')) {
      expect(
        r.notes.some((n) => /conditional|refuted|counter-example|only/i.test(n)),
        r.id,
      ).toBe(true);
    }
  });
  it('every statement and derivation step renders with KaTeX (display mode, throwOnError)', () => {
    for (const r of results) {
      expect(() => render(r.statementLatex), r.id).not.toThrow();
      expect(r.derivationLatex.length, r.id).toBeGreaterThan(0);
      r.derivationLatex.forEach((s, k) => expect(() => render(s), `${r.id} step ${k}`).not.toThrow());
    }
  });
  it('results are JSON-serialisable and report their time (measured, not asserted: npm run proofs prints it)', () => {
    const back = JSON.parse(JSON.stringify(results)) as ProofResult[];
    expect(back).toEqual(results);
    // each proof's own time is positive and within the run's wall time (no timing target in a test)
    for (const r of results) expect(r.seconds).toBeGreaterThan(0);
    expect(results.reduce((a, r) => a + r.seconds, 0)).toBeLessThanOrEqual(seconds * 1.01 + 0.05);
  });
});

describe('the stated Schwartz–Zippel bounds rest on the a-priori degrees', () => {
  // (2d/2^31)^k: d the numerator degree, the factor 2 for points redrawn where a pivot vanishes
  // (proofs/README.md). A d smaller than the true degree makes the stated probability too optimistic.
  const boundOf = (r: ProofResult) => {
    const m = /≤ \((\d+)\/2\^31\)\^(\d+)/.exec(r.rational.failureProbabilityBound)!;
    return { d: Number(m[1]), k: Number(m[2]) };
  };
  it('every bound is 2 × the largest numerator degree its detail reports, over the points it ran', () => {
    let checked = 0;
    for (const r of results) {
      const degrees = [...r.rational.detail.matchAll(/numerator degree ≤ (\d+)/g)].map((m) => Number(m[1]));
      if (degrees.length === 0) continue;
      checked++;
      const { d } = boundOf(r);
      expect(d, r.id).toBe(2 * Math.max(...degrees));
      // the points reported are the sum over the identities' own runs (and any further rational checks the detail names)
      const pts = [...r.rational.detail.matchAll(/: (\d+) points, numerator degree|at (\d+) random rational/g)].map((m) => Number(m[1] ?? m[2]));
      expect(r.rational.points, r.id).toBe(pts.reduce((a, b) => a + b, 0));
      expect(Math.max(...degrees), r.id).toBeGreaterThanOrEqual(2); // every identity here is at least quadratic
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
  it('rationalZero states (2d/2^31)^k with the a-priori degree d of a known identity', () => {
    // (a + b)(a − b) − (a² − b²): numerator degree 2 — the bound must be (4/2^31)^k, k the points run
    const res: Residuals = <T>(F: Field<T>, v: (s: string) => T): T[] => [
      F.sub(F.mul(F.add(v('a'), v('b')), F.sub(v('a'), v('b'))), F.sub(F.mul(v('a'), v('a')), F.mul(v('b'), v('b')))),
    ];
    const r = rationalZero(res, 5, 1);
    expect(r.ok).toBe(true);
    expect(r.degree).toBe(2);
    expect(r.bound).toMatch(/^≤ \(4\/2\^31\)\^5 /);
  });
  it('appendix A: d = 2 × the degree of the residual slope₀·expDen − expNum·slope₁, multiplied out', () => {
    const sym = slopeCheck((n) => Poly.variable(n));
    const a = sym.slope[0].mul(sym.expected[1]),
      b = sym.expected[0].mul(sym.slope[1]);
    // over Q[x] deg(pq) = deg p + deg q, so the a-priori degree is exact for each product
    expect(sym.degree).toBe(Math.max(a.degree(), b.degree()));
    expect(a.sub(b).isZero()).toBe(true); // the identity itself
    const r = results.find((x) => x.id.startsWith('appA'))!;
    expect(boundOf(r).d).toBe(2 * sym.degree);
    expect(boundOf(r).k).toBe(r.rational.points);
  });
});

describe('the proof machinery rejects false identities', () => {
  // Eq. 18 with the sign of the correction flipped: must be caught by all three exact routes.
  const wrongEq18: Residuals = <T>(F: Field<T>, v: (s: string) => T): T[] => {
    const j = threeTerminal(F, v);
    const { vp, vtp } = electronic(F, j.M, electronicGiven(F, v));
    const JQP = vp.y[5];
    return [F.sub(F.sub(vtp.y[4], vp.y[4]), F.mul(F.div(j.mt(4, TP), j.mt(TP, TP)), JQP))];
  };
  const rightEq18: Residuals = <T>(F: Field<T>, v: (s: string) => T): T[] => {
    const j = threeTerminal(F, v);
    const { vp, vtp } = electronic(F, j.M, electronicGiven(F, v));
    return [F.add(F.sub(vtp.y[4], vp.y[4]), F.mul(F.div(j.mt(4, TP), j.mt(TP, TP)), vp.y[5]))];
  };
  it('symbolic, rational and nerdamer routes all say no to a sign error, yes to the right form', () => {
    expect(symbolicZero(wrongEq18).ok).toBe(false);
    const rat = rationalZero(wrongEq18, 3, 1);
    expect(rat.ok).toBe(false);
    expect(rat.counterexample).toBeDefined();
    expect(nerdamerZeroAtPoint(wrongEq18, 1).ok).toBe(false);
    expect(symbolicZero(rightEq18).ok).toBe(true);
    expect(rationalZero(rightEq18, 3, 1).ok).toBe(true);
    expect(nerdamerZeroAtPoint(rightEq18, 1).ok).toBe(true);
  });
});

describe('npm run proofs (proofs/run.ts)', () => {
  it('prints one line per claim, writes reports/proofs.json and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-proofs-'));
    try {
      const root = fileURLToPath(new URL('../../', import.meta.url));
      const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'proofs/run.ts')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      for (const p of proofs) expect(r.stdout).toContain(p.id);
      const text = readFileSync(join(dir, 'reports/proofs.json'), 'utf8');
      const json = JSON.parse(text) as { results: ProofResult[] };
      expect(json.results.map((x) => x.id)).toEqual(proofs.map((p) => p.id));
      // reproducible: no dates or timings (git stays clean after npm run proofs), same bytes twice
      expect(text).not.toMatch(/"(generated|totalSeconds|seconds)"|\d{4}-\d\d-\d\dT/);
      const again = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'proofs/run.ts')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(again.status, again.stderr).toBe(0);
      expect(readFileSync(join(dir, 'reports/proofs.json'), 'utf8')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
