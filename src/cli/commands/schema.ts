/** `probecheck schema` — print the config's JSON Schema (generated from the validator). */
import type { Command } from 'commander';
import { configJsonSchema } from '../../config.js';
import { writeStdout } from '../../io/stdout.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of CONFIG.json')
    .action(async () => {
      await writeStdout(JSON.stringify(configJsonSchema(), null, 2) + '\n');
    });
}
