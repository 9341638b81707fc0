/**
 * Benchmark section: probe maps and worker threads (issue 13 items 3–4; docs/physics.md §15,
 * docs/scale.md). Not a test: nothing here asserts a time.
 *  - thermometer (γ = 0) map of a graphene flake on the sparse path (25 × 40 = 1000 sites; quick: 10 × 30);
 *  - finite-γ map of an 80-site flake (dense path, one solve per site) on 1 and on 2 worker threads.
 */
import { parseConfig } from '../src/config.js';
import { probeMap } from '../src/analysis/map.js';
import { probeMapThreaded } from '../src/parallel/threads.js';
import { fmt } from './stats.js';
import type { BenchContext } from './probeModels.js';

function flakeConfig(rows: number, cols: number, gamma: number) {
  const n = rows * cols;
  return {
    hamiltonian: { model: 'graphene', rows, cols, hopping: -2.7 },
    reference: { mu: 0.3, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.301, T: 310 },
      { name: 'R', coupling: { sites: [n - 1], gamma: 0.5 }, mu: 0.3, T: 290 },
      { name: 'P', probe: 'VTP', coupling: { sites: [Math.floor(n / 2)], gamma } },
    ],
  };
}

export async function mapSection(ctx: BenchContext): Promise<void> {
  const { metric, log, quick } = ctx;
  log('Probe maps and worker threads (docs/physics.md §15, docs/scale.md)');
  const [rows, cols] = quick ? [10, 30] : [25, 40];
  const p = parseConfig(flakeConfig(rows, cols, 0));
  let t0 = performance.now();
  probeMap(p.system, p.reference, p.circuit, 'P');
  const thermo = performance.now() - t0;
  metric('map.thermometer.wallMs', thermo, 'ms', 'lower', `thermometer map, ${rows * cols}-site flake (sparse path, shared solves)`);
  log(`  thermometer map, ${rows}×${cols} flake: ${fmt(thermo)} ms (target < 10 000 ms for 1000 sites)`);
  const cfg = flakeConfig(8, 10, 0.05);
  t0 = performance.now();
  await probeMapThreaded(cfg, 'P', { threads: 1 });
  const one = performance.now() - t0;
  t0 = performance.now();
  await probeMapThreaded(cfg, 'P', { threads: 2 });
  const two = performance.now() - t0;
  metric('map.finite.threads1.wallMs', one, 'ms', 'lower', 'finite-γ map, 80-site flake, 1 thread');
  metric('map.finite.threads2.wallMs', two, 'ms', 'lower', 'finite-γ map, 80-site flake, 2 worker threads');
  metric('ratio.mapThreads1Over2', one / two, '×', 'higher', 'map speed-up, 2 threads over 1 (worker start-up included)');
  log(`  finite-γ map, 80-site flake: 1 thread ${fmt(one)} ms, 2 threads ${fmt(two)} ms (${fmt(one / two)}×)`);
  log();
}
