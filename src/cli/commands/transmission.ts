/** `probecheck transmission CONFIG.json --emin A --emax B --n K` — CSV of E and every T_αβ(E). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { prepareSystem } from '../../numeric/system.js';
import { linspace } from '../../scan.js';
import { toCsv } from '../format.js';
import { writeFileAtomic } from '../io.js';
import { parseNumber } from './options.js';
import { UsageError } from '../errors.js';

/** Column name of T_αβ: "T_<α>_<β>". */
export function transmissionColumn(a: string, b: string): string {
  return `T_${a}_${b}`;
}

export function register(program: Command): void {
  program
    .command('transmission')
    .description('transmission functions T_αβ(E) on an energy grid, as CSV (E in eV, then every ordered pair α≠β)')
    .argument('<config>', 'config file (JSON)')
    .requiredOption('--emin <eV>', 'lowest energy (eV)')
    .requiredOption('--emax <eV>', 'highest energy (eV)')
    .option('--n <K>', 'number of energies', '201')
    .option('--out <file>', 'write the CSV to a file (atomically) instead of stdout')
    .action((configPath: string, opts: { emin: string; emax: string; n: string; out?: string }) => {
      const emin = parseNumber('--emin', opts.emin), emax = parseNumber('--emax', opts.emax);
      const k = parseNumber('--n', opts.n, { integer: true, positive: true });
      if (!(emax >= emin)) throw new UsageError(`--emax (${emax}) must be ≥ --emin (${emin})`);
      const { system } = loadConfig(configPath);
      const names = system.terminals.map((t) => t.name);
      const n = names.length;
      const engine = prepareSystem(system).engine();
      const pairs: Array<[number, number]> = [];
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) pairs.push([a, b]);
      // A probe in the coherent limit (γ = 0) transmits nothing: its columns are physically 0
      // (the engine holds its first-order coefficients, which only the circuit solve uses).
      const test = system.terminals.map((term) => term.role !== 'lead' && term.test === true);
      const t = new Float64Array(n * n);
      const rows = linspace(emin, emax, k).map((e) => {
        engine.evaluate(e, t);
        return [e, ...pairs.map(([a, b]) => (test[a] || test[b] ? 0 : t[a * n + b]))];
      });
      const csv = toCsv(['E', ...pairs.map(([a, b]) => transmissionColumn(names[a], names[b]))], rows);
      if (opts.out) writeFileAtomic(opts.out, csv);
      else process.stdout.write(csv);
    });
}
