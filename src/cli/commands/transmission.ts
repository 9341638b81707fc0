/** `probecheck transmission CONFIG.json --emin A --emax B --n K` — CSV of E and every T_αβ(E). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { linspace } from '../../scan.js';
import { toCsv, transmissionTable } from '../format.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { parseEnergy, parseGridCount, checkTableSize } from './options.js';
import { UsageError } from '../errors.js';

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
      const emin = parseEnergy('--emin', opts.emin),
        emax = parseEnergy('--emax', opts.emax);
      const k = parseGridCount('--n', opts.n);
      if (!(emax >= emin)) throw new UsageError(`--emax (${emax}) must be ≥ --emin (${emin})`);
      if (opts.out) checkOutputFile(opts.out);
      const { system } = loadConfig(configPath);
      const nt = system.terminals.length;
      checkTableSize('transmission', k, 1 + nt * (nt - 1));
      const table = transmissionTable(system, linspace(emin, emax, k));
      const csv = toCsv(table.header, table.rows);
      if (opts.out) writeFileAtomic(opts.out, csv);
      else process.stdout.write(csv);
    });
}
