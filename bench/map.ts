/**
 * Benchmark section: probe maps and worker threads (issue 13 items 3–4; docs/physics.md §15,
 * docs/scale.md). Not a test: nothing here asserts a time.
 *  - thermometer (γ = 0) map of a graphene flake on the sparse path (25 × 40 = 1000 sites; quick: 10 × 30):
 *    the shared route (window poles in closed form + one vector quadrature of the remainder, docs/physics.md §15),
 *    its energies, poles, flagged sites, its own error and the unresolved poles that cause the flags
 *    (docs/physics.md §15 "zero modes");
 *  - finite-γ map of an 80-site flake (dense path, one solve per site) on 1 and on 2 worker threads;
 *  - `probecheck scan` of one paper configuration at paper size (601 μ0 × 6 γ, benzene VTP) with
 *    --threads 1 and 2 (CLI end to end: config parse, workers, CSV).
 */
import { parseConfig } from '../src/config.js';
import { probeMap } from '../src/analysis/map.js';
import { probeMapThreaded } from '../src/parallel/threads.js';
import { fmt } from './stats.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
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
  const tm = probeMap(p.system, p.reference, p.circuit, 'P');
  const thermo = performance.now() - t0;
  const q = tm.quadrature;
  metric('map.thermometer.wallMs', thermo, 'ms', 'lower', `thermometer map, ${rows * cols}-site flake (sparse path, one shared quadrature, 1 thread)`);
  metric('map.thermometer.perSiteMs', thermo / (rows * cols), 'ms', 'lower', 'thermometer map, time per site');
  if (q) {
    metric('map.thermometer.energies', q.evaluations, '', 'lower', 'energies (sparse LU + solves) of the shared quadrature');
    metric('map.thermometer.perEnergyMs', thermo / q.evaluations, 'ms', 'lower', 'thermometer map, time per energy');
    metric('map.thermometer.maxError', q.maxError, '', 'lower', `largest error / row scale (tolerance ${q.rtol}; converged: ${q.converged})`);
    metric('map.thermometer.poles', q.poles ?? 0, '', 'higher', `window poles in closed form (method ${q.method ?? 'quadrature'}, docs/physics.md §15)`);
    metric(
      'map.thermometer.flaggedSites',
      Array.from(q.siteError).filter((e) => !(e <= q.rtol)).length,
      '',
      'lower',
      'sites whose row error exceeds the tolerance (flagged)',
    );
  }
  log(
    `  thermometer map, ${rows}×${cols} flake: ${fmt(thermo)} ms, ${fmt(thermo / (rows * cols))} ms/site, 1 thread (target < 10 000 ms for 1000 sites)` +
      (q
        ? `; ${q.evaluations} energies, ${fmt(thermo / q.evaluations)} ms each, converged ${q.converged} (max error/scale ${q.maxError.toExponential(2)})`
        : ''),
  );
  if (q?.unresolved) {
    // the flags' reason (docs/physics.md §15 "zero modes"): poles whose terminal split double precision does not fix
    metric(
      'map.thermometer.unresolvedPoles',
      q.unresolved.length,
      '',
      'lower',
      "window poles neither subtracted nor integrable (their weight is in the flagged sites' error)",
    );
    if (q.unresolved.length)
      log(
        `  unresolved poles (the flags' reason): ${q.unresolved.map((u) => `${u.energy.toExponential(2)} eV (width ${u.width.toExponential(1)}, ${u.sites} sites)`).join(', ')}`,
      );
  }
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
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-bench-threads-'));
  const scanCfg = join(dir, 'c.json');
  writeFileSync(
    scanCfg,
    JSON.stringify({
      hamiltonian: { model: 'benzene', hopping: -2.64 },
      reference: { mu: 0, T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 300 },
        { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: -0.0005, T: 300 },
        { name: 'P', probe: 'VTP', coupling: { sites: [2], gamma: 0.1 } },
      ],
    }),
  );
  const scanMs = async (k: number) => {
    const t = performance.now();
    const code = await main([
      'scan',
      scanCfg,
      '--mu0',
      '-3:3:601',
      '--gamma',
      'P=0,0.01,0.05,0.1,0.5,1',
      '--threads',
      String(k),
      '--quiet',
      '--out',
      join(dir, `s${k}.csv`),
    ]);
    if (code !== 0) throw new Error(`scan --threads ${k} exited ${code}`);
    return performance.now() - t;
  };
  const s1 = await scanMs(1),
    s2 = await scanMs(2);
  rmSync(dir, { recursive: true, force: true });
  metric('scan.cli.threads1.wallMs', s1, 'ms', 'lower', 'probecheck scan, 601 μ0 × 6 γ (benzene VTP), 1 thread');
  metric('scan.cli.threads2.wallMs', s2, 'ms', 'lower', 'probecheck scan, 601 μ0 × 6 γ (benzene VTP), 2 worker threads');
  metric('ratio.scanThreads1Over2', s1 / s2, '×', 'higher', 'scan speed-up, 2 threads over 1 (worker start-up included)');
  log(`  scan 601 × 6 (CLI): 1 thread ${fmt(s1)} ms, 2 threads ${fmt(s2)} ms (${fmt(s1 / s2)}×)`);
  log();
}
