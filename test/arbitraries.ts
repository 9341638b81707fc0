/**
 * fast-check arbitraries for physical systems: Hermitian Hamiltonians (real or complex, N = 2…12),
 * positive-semidefinite wide-band couplings (local or full-matrix), temperatures and biases.
 */
import fc from 'fast-check';

/** The default seed of every property run (CI). */
export const DEFAULT_SEED = 20261124;

/**
 * The fast-check seed from PROBECHECK_SEED: unset → {@link DEFAULT_SEED}; "random" → a fresh
 * 32-bit seed; otherwise a (signed 32-bit) integer, anything else is an error.
 */
export function seedFromEnv(env: string | undefined): number {
  if (env === undefined || env === '') return DEFAULT_SEED;
  if (env === 'random') return (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
  if (!/^-?\d+$/.test(env.trim()) || !Number.isSafeInteger(Number(env)) || Math.abs(Number(env)) > 2 ** 31) {
    throw new Error(`PROBECHECK_SEED must be an integer or "random", got "${env}"`);
  }
  return Number(env) | 0;
}

/** PROBECHECK_RUNS as a positive integer, undefined when unset; anything else is an error. */
export function runsFromEnv(env: string | undefined): number | undefined {
  if (env === undefined || env === '') return undefined;
  const k = Number(env);
  if (!/^\d+$/.test(env.trim()) || !Number.isSafeInteger(k) || k < 1) throw new Error(`PROBECHECK_RUNS must be a positive integer, got "${env}"`);
  return k;
}

/**
 * Number of runs for a property with its own default (expensive properties run fewer than the
 * global 60): PROBECHECK_RUNS when set, else `fallback`.
 */
export function propertyRuns(fallback: number): number {
  return runsFromEnv(process.env.PROBECHECK_RUNS) ?? fallback;
}
import { type CMatrix, cmatrix } from '../src/numeric/linalg.js';
import { localCoupling, matrixCoupling, type Coupling } from '../src/numeric/coupling.js';

/**
 * A number uniform on [min, max] (a fine grid of 2³⁰ points, no bias towards 0 or the ends):
 * physics properties are stated for generic systems; special points (exact degeneracies,
 * decoupled sites, nodes) are tested on their own. Shrinks towards `min`.
 */
export function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
}

/** A Hermitian N × N matrix with entries uniform in [−scale, scale] (complex unless `real`). */
export function hermitianArb(N: number, { real = false, scale = 3 } = {}): fc.Arbitrary<CMatrix> {
  const entry = uniform(-scale, scale);
  return fc.tuple(fc.array(entry, { minLength: N * N, maxLength: N * N }), fc.array(entry, { minLength: N * N, maxLength: N * N })).map(([a, b]) => {
    const h = cmatrix(N, N);
    for (let i = 0; i < N; i++) {
      h.re[i * N + i] = a[i * N + i];
      for (let j = 0; j < i; j++) {
        h.re[i * N + j] = h.re[j * N + i] = a[i * N + j];
        const im = real ? 0 : b[i * N + j];
        h.im[i * N + j] = im;
        h.im[j * N + i] = -im;
      }
    }
    return h;
  });
}

/** A PSD coupling: either local on 1–2 sites (γ ∈ [0.02, 1] eV) or Γ = W W† with a random N × k W. */
export function couplingArb(N: number): fc.Arbitrary<Coupling> {
  const gamma = uniform(0.02, 1);
  const local = fc
    .tuple(fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { minLength: 1, maxLength: Math.min(2, N) }), gamma)
    .map(([sites, g]) => localCoupling(N, sites, g));
  // Γ = W W† with a random complex N × k matrix W (k = 1, 2 channels), entries uniform in ±0.7.
  const w = uniform(-0.7, 0.7);
  const full = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.array(w, { minLength: 4 * N, maxLength: 4 * N })).map(([k, vals]) => {
    const wRe = (i: number, c: number) => vals[i * 2 + c];
    const wIm = (i: number, c: number) => 0.5 * vals[2 * N + i * 2 + c];
    const g = cmatrix(N, N);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let sr = 0,
          si = 0;
        for (let c = 0; c < k; c++) {
          // W_ic conj(W_jc)
          sr += wRe(i, c) * wRe(j, c) + wIm(i, c) * wIm(j, c);
          si += wIm(i, c) * wRe(j, c) - wRe(i, c) * wIm(j, c);
        }
        g.re[i * N + j] = sr;
        g.im[i * N + j] = si;
      }
    return matrixCoupling(g);
  });
  return fc.oneof(local, full);
}

/** A random system: N sites, n terminals (2 leads + probes). */
export interface RandomSystem {
  readonly h: CMatrix;
  readonly couplings: Coupling[];
  readonly real: boolean;
}

export function systemArb({ minN = 2, maxN = 12, minTerminals = 3, maxTerminals = 5, realOnly = false } = {}): fc.Arbitrary<RandomSystem> {
  return fc.integer({ min: minN, max: maxN }).chain((N) =>
    fc.tuple(realOnly ? fc.constant(true) : fc.boolean(), fc.integer({ min: minTerminals, max: maxTerminals })).chain(([real, n]) =>
      fc.record({
        h: hermitianArb(N, { real }),
        couplings: fc.array(couplingArb(N), { minLength: n, maxLength: n }),
        real: fc.constant(real),
      }),
    ),
  );
}

/** Temperature in K (50–600) and a chemical potential in eV (−2…2). */
export const temperatureArb = uniform(50, 600);
export const muArb = uniform(-2, 2);

/** Describe a system compactly for counter-example messages. */
export function describeSystem(s: RandomSystem): string {
  const N = s.h.rows;
  return `N=${N} real=${s.real} terminals=${s.couplings.length} channels=[${s.couplings.map((c) => c.channels.cols).join(',')}]`;
}
