/**
 * `paper --threads N`: the reproduction driven on worker threads (each phase's solves split into
 * contiguous parts, src/parallel/threads.ts) equals the one-thread reproducePaper bit for bit — every
 * figure column, headline row, statement and cross-check (only the wall-clock `stats.seconds` differs).
 */
import { describe, it, expect } from 'vitest';
import { DEFAULT_PARAMETERS, reproducePaper, type PaperParameters, type Reproduction } from '../../src/paper/index.js';
import { reproducePaperThreaded } from '../../src/parallel/threads.js';
import { SMALL_SPACE } from '../report/smallSpace.js';

const P: PaperParameters = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 61 }, gammas: [0, 0.01, 0.5] };

/** The reproduction without its wall-clock time (typed arrays compared element by element, NaN = NaN). */
const strip = (r: Reproduction) => ({ ...r, stats: { ...r.stats, seconds: 0 } });

describe('paper --threads', () => {
  it('is bit-identical to one thread (2 and 3 workers), with the same progress count', async () => {
    let ticks1 = 0;
    const one = reproducePaper(P, { onSolves: (k) => (ticks1 += k) }, SMALL_SPACE);
    for (const threads of [2, 3]) {
      let ticks = 0;
      const many = await reproducePaperThreaded(P, { onSolves: (k) => (ticks += k) }, SMALL_SPACE, undefined, threads);
      // toStrictEqual compares Float64Arrays by value with Object.is (NaN equals NaN, +0 ≠ −0): bits of every number
      expect(strip(many)).toStrictEqual(strip(one));
      expect(ticks).toBe(ticks1);
    }
  }, 120_000);
});
