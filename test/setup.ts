/**
 * Global test setup: fast-check runs with a fixed seed so CI is reproducible. Override with
 * PROBECHECK_SEED=<integer> (or PROBECHECK_SEED=random, which prints the seed it drew so that a
 * failure can be replayed) and PROBECHECK_RUNS=<positive integer> (every property honours it,
 * through {@link propertyRuns} where a property sets its own default). Anything else is an error,
 * never a silent fallback.
 */
import fc from 'fast-check';
import { seedFromEnv, runsFromEnv } from './arbitraries.js';

const seed = seedFromEnv(process.env.PROBECHECK_SEED);
if (process.env.PROBECHECK_SEED === 'random')
  process.stderr.write(`[probecheck tests] PROBECHECK_SEED=random drew seed ${seed} (replay with PROBECHECK_SEED=${seed})\n`);
fc.configureGlobal({ seed, numRuns: runsFromEnv(process.env.PROBECHECK_RUNS) ?? 60 });
