/** `probecheck schema` — print the config's JSON Schema (generated from the validator). */
import type { Command } from 'commander';
import { configJsonSchema } from '../../config.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of CONFIG.json')
    .action(() => {
      process.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + '\n');
    });
}
