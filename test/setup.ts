/**
 * Global test setup: fast-check runs with a fixed seed so CI is reproducible. Override with
 * PROBECHECK_SEED=<int> (or PROBECHECK_SEED=random) to explore; a failing property prints its
 * counter-example and the seed/path to replay it.
 */
import fc from 'fast-check';

const env = process.env.PROBECHECK_SEED;
const seed = env === 'random' ? Date.now() ^ (Math.random() * 2 ** 31) : env ? Number(env) : 20261124;
fc.configureGlobal({ seed, numRuns: Number(process.env.PROBECHECK_RUNS ?? 60) });
