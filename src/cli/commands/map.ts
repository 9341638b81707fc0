/**
 * `probecheck map CONFIG.json --probe P [--out DIR|F.csv] [--svg F.svg] [--threads N] [--shard K/N]` — probe P moved over every
 * site, solved as VP and as VTP at each (docs/physics.md §15); CSV + SVG heat map of T_P (VTP).
 */
import type { Command } from 'commander';
import { extname, join } from 'node:path';
import { loadConfigFile } from '../load.js';
import { statSync } from 'node:fs';
import { mapFlagSummary, probeMapTable } from '../../analysis/map.js';
import { autoMapThreads, defaultThreads, probeMapThreaded } from '../../parallel/threads.js';
import { circleLayout, latticeLayout, type SiteLayout } from '../../analysis/geometry.js';
import { mapSvg } from '../../analysis/mapSvg.js';
import type { ParsedConfig } from '../../config.js';
import { toCsv } from '../format.js';
import { writeFilesAtomic, checkOutputFile, checkOutputFileIn, OutputTargetError, type OutputFile } from '../../io/atomic.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';
import { parseMethod } from './options.js';
import { parseShard, runFingerprint, shardLine, shardRange, type Shard } from '../../parallel/shard.js';

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

/**
 * The files `map --out OUT [--svg SVG]` writes: OUT ending in ".csv" is the CSV (and the SVG only
 * with --svg); any other OUT is a directory receiving map.csv and map.svg (--svg moves the SVG). A
 * name with another extension ("x.txt") is refused unless it is an existing directory: it looks
 * like a file, and `map` would make a directory of it. Every target is checked (nothing computed).
 * @throws OutputTargetError naming --out or --svg
 */
export function mapTargets(out: string, svg: string | undefined, shard: boolean): { readonly csv: string; readonly svg?: string } {
  if (out === '') throw new OutputTargetError('--out: empty path (give a directory or a file name ending in .csv)');
  const isCsv = out.endsWith('.csv');
  if (!isCsv && extname(out) !== '' && !isDirectory(out))
    throw new OutputTargetError(
      `--out: "${out}" is neither a file name ending in .csv nor an existing directory (map writes DIR/map.csv and DIR/map.svg, or F.csv)`,
    );
  // a shard is a part of the CSV; the SVG needs the whole map (draw it from a single run)
  if (shard && !isCsv) throw new UsageError(`--shard: needs --out F.csv (a shard writes part of the CSV, no SVG), got "${out}"`);
  if (shard && svg !== undefined) throw new UsageError('--svg: not with --shard (the heat map needs every site; run without --shard)');
  if (svg !== undefined && !svg.endsWith('.svg')) throw new UsageError(`--svg: expected a file name ending in .svg, got "${svg}"`);
  if (isCsv) checkOutputFile(out, '--out');
  else checkOutputFileIn(out, 'map.csv', '--out');
  if (svg !== undefined) checkOutputFile(svg, '--svg');
  else if (!isCsv) checkOutputFile(join(out, 'map.svg'), '--out');
  return { csv: isCsv ? out : join(out, 'map.csv'), svg: svg ?? (isCsv ? undefined : join(out, 'map.svg')) };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function register(program: Command): void {
  program
    .command('map')
    .description('move probe P over every site; T_P, μ_P, VP heat current and Ṡ per site as VP and VTP; CSV + SVG heat map')
    .argument('<config>', 'config file (JSON)')
    .requiredOption('--probe <P>', 'name of the probe to move (a single-site coupling; "gamma": 0 for a thermometer)')
    .option(
      '--out <DIR|F.csv>',
      'output: a file name ending in .csv (the CSV only), or a directory receiving map.csv and map.svg (created if missing; a name with another extension must be an existing directory)',
      'map',
    )
    .option('--svg <F.svg>', 'SVG heat map of T_P (VTP) (default DIR/map.svg when --out is a directory)')
    .option('--method <m>', '"closed-form" or "quadrature"', 'closed-form')
    .option('--quiet', 'no progress bar')
    .option('--threads <N>', 'worker threads (default: all cores for a large map, else 1); results are bit-identical for every N')
    .option('--shard <K/N>', 'compute only the K-th of N contiguous parts of the sites (CSV only; join them with `probecheck merge`)')
    .action(
      async (configPath: string, opts: { probe: string; out: string; svg?: string; method: string; quiet?: boolean; threads?: string; shard?: string }) => {
        const method = parseMethod(opts.method);
        const targets = mapTargets(opts.out, opts.svg, opts.shard !== undefined); // before any computing
        const { parsed, json: configJson, text: configText } = loadConfigFile(configPath);
        // default: all cores only when the work (N sites × an N³ solve each) repays the workers' start-up
        const N = parsed.system.hamiltonian.rows;
        const threads = opts.threads === undefined ? autoMapThreads(N) : parseThreads(opts.threads);
        if (parsed.response === 'nonlinear')
          throw new UsageError('response: "nonlinear" is supported by `probecheck solve` only; map computes linear response');
        let shard: Shard | undefined;
        try {
          shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
        } catch (e) {
          throw new UsageError(`--shard: ${(e as Error).message}`);
        }
        const csvPath = targets.csv;
        const svgPath = targets.svg;
        if (!parsed.system.terminals.some((t) => t.name === opts.probe))
          throw new UsageError(`--probe: no terminal named "${opts.probe}" (have ${parsed.system.terminals.map((t) => t.name).join(', ')})`);
        const range = shard ? shardRange(N, shard) : ([0, N] as [number, number]);
        const bar = progressBar(range[1] - range[0], 'map', opts.quiet);
        let map;
        try {
          // the config was read and validated by loadConfig; each worker parses the same JSON
          map = await probeMapThreaded(configJson, opts.probe, { method, threads, range, onSite: () => bar.tick() });
        } finally {
          bar.stop();
        }
        const q = map.quadrature;
        const flags = mapFlagSummary(map);
        if (flags)
          process.stderr.write(
            `probecheck: warning: the map's shared route (window poles + quadrature): ${flags}; flagged sites: column rowError of the CSV, grey in the SVG\n`,
          );
        const layout = configLayout(parsed);
        const table = probeMapTable(map, layout);
        let csv = toCsv(table.header, table.rows);
        if (shard) csv = shardLine(shard, range, N, runFingerprint(['map', configText, opts.probe, method])) + '\n' + csv;
        const svg = svgPath
          ? mapSvg(parsed.system.sparseHamiltonian ?? parsed.system.hamiltonian, layout, map.sites, map.temperatureVTP, {
              title: `T_${opts.probe} (VTP) [K]`,
              centre: parsed.reference.temperature,
              flagged: q ? Array.from(q.siteError, (e) => !(e <= q.rtol)) : undefined,
            })
          : undefined;
        // the CSV and the SVG all or nothing (never the CSV alone when the SVG cannot be written)
        const files: OutputFile[] = [{ path: csvPath, content: csv, option: '--out' }];
        if (svgPath && svg) files.push({ path: svgPath, content: svg, option: opts.svg !== undefined ? '--svg' : '--out' });
        writeFilesAtomic(files);
        process.stderr.write(
          `wrote ${table.rows.length} sites to ${csvPath}${shard ? ` (shard ${shard.k}/${shard.n}: sites ${range[0]}-${range[1]} of ${N})` : ''}${svgPath ? ` and ${svgPath}` : ''}${layout.kind === 'circle' ? ' (no lattice geometry: sites on a circle)' : ''}\n`,
        );
      },
    );
}
