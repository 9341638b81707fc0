/**
 * `probecheck map CONFIG.json --probe P [--out DIR|F.csv] [--svg F.svg]` — probe P moved over every
 * site, solved as VP and as VTP at each (docs/physics.md §15); CSV + SVG heat map of T_P (VTP).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../load.js';
import { readFileSync } from 'node:fs';
import { probeMapTable } from '../../analysis/map.js';
import { autoThreads, defaultThreads, probeMapThreaded } from '../../parallel/threads.js';
import { circleLayout, latticeLayout, type SiteLayout } from '../../analysis/geometry.js';
import { mapSvg } from '../../analysis/mapSvg.js';
import type { ParsedConfig } from '../../config.js';
import { toCsv } from '../format.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';
import { parseMethod } from './options.js';

/** Site coordinates of the config's Hamiltonian: the builder geometry, else a circle. */
export function configLayout(parsed: ParsedConfig): SiteLayout {
  const h = parsed.config.hamiltonian as Record<string, unknown>;
  switch (h.model) {
    case 'benzene':
      return latticeLayout({ model: 'benzene' });
    case 'ring':
      return latticeLayout({ model: 'ring', sites: h.sites as number });
    case 'chain':
      return latticeLayout({ model: 'chain', sites: h.sites as number });
    case 'graphene':
      return latticeLayout({ model: 'graphene', rows: h.rows as number, cols: h.cols as number });
    default:
      return circleLayout(parsed.system.hamiltonian.rows);
  }
}

/** Parse `--threads N` (a positive integer; default all cores). */
export function parseThreads(text: string | undefined): number {
  if (text === undefined) return defaultThreads();
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1) throw new UsageError(`--threads: expected a positive integer, got "${text}"`);
  return n;
}

export function register(program: Command): void {
  program
    .command('map')
    .description('move probe P over every site; T_P, μ_P, VP heat current and Ṡ per site as VP and VTP; CSV + SVG heat map')
    .argument('<config>', 'config file (JSON)')
    .requiredOption('--probe <P>', 'name of the probe to move (a single-site coupling; "gamma": 0 for a thermometer)')
    .option('--out <DIR|F.csv>', 'output: a .csv file, or a directory receiving map.csv and map.svg', 'map')
    .option('--svg <F.svg>', 'SVG heat map of T_P (VTP) (default DIR/map.svg when --out is a directory)')
    .option('--method <m>', '"closed-form" or "quadrature"', 'closed-form')
    .option('--quiet', 'no progress bar')
    .option('--threads <N>', 'worker threads (default: all cores for a large map, else 1); results are bit-identical for every N')
    .action(async (configPath: string, opts: { probe: string; out: string; svg?: string; method: string; quiet?: boolean; threads?: string }) => {
      const method = parseMethod(opts.method);
      const parsed = loadConfig(configPath);
      // default: all cores only when the work (N sites × an N³ solve each) repays the workers' start-up
      const N = parsed.system.hamiltonian.rows;
      const threads = opts.threads === undefined ? autoThreads(N ** 4) : parseThreads(opts.threads);
      if (parsed.response === 'nonlinear') throw new UsageError('response: "nonlinear" is supported by `probecheck solve` only; map computes linear response');
      const csvPath = opts.out.endsWith('.csv') ? opts.out : join(opts.out, 'map.csv');
      const svgPath = opts.svg ?? (opts.out.endsWith('.csv') ? undefined : join(opts.out, 'map.svg'));
      if (svgPath !== undefined && !svgPath.endsWith('.svg')) throw new UsageError(`--svg: expected a file name ending in .svg, got "${svgPath}"`);
      if (!parsed.system.terminals.some((t) => t.name === opts.probe))
        throw new UsageError(`--probe: no terminal named "${opts.probe}" (have ${parsed.system.terminals.map((t) => t.name).join(', ')})`);
      const bar = progressBar(parsed.system.hamiltonian.rows, 'map', opts.quiet);
      let map;
      try {
        // the config was read and validated by loadConfig; each worker parses the same JSON
        map = await probeMapThreaded(JSON.parse(readFileSync(configPath, 'utf8')), opts.probe, { method, threads, onSite: () => bar.tick() });
      } finally {
        bar.stop();
      }
      const layout = configLayout(parsed);
      const table = probeMapTable(map, layout);
      const csv = toCsv(table.header, table.rows);
      const svg = svgPath
        ? mapSvg(parsed.system.hamiltonian, layout, map.sites, map.temperatureVTP, { title: `T_${opts.probe} (VTP) [K]`, centre: parsed.reference.temperature })
        : undefined;
      writeFileAtomic(csvPath, csv);
      if (svgPath && svg) writeFileAtomic(svgPath, svg);
      process.stderr.write(
        `wrote ${table.rows.length} sites to ${csvPath}${svgPath ? ` and ${svgPath}` : ''}${layout.kind === 'circle' ? ' (no lattice geometry: sites on a circle)' : ''}\n`,
      );
    });
}
