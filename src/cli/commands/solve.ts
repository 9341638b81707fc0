/** `probecheck solve CONFIG.json` — one JSON object on stdout (the contract in the README). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { solveSystem, type OnsagerMethod } from '../../numeric/system.js';
import { solutionJson } from '../format.js';
import { parseMethod } from './options.js';

export function register(program: Command): void {
  program
    .command('solve')
    .description('solve the circuit of CONFIG.json and print one JSON object (Onsager coefficients, probe μ/T, currents, Ṡ, Seebeck)')
    .argument('<config>', 'config file (JSON)')
    .option('--method <m>', 'Onsager coefficients by "closed-form" (trigamma) or "quadrature"', 'closed-form')
    .action((configPath: string, opts: { method: string }) => {
      const method: OnsagerMethod = parseMethod(opts.method);
      const { system, reference, circuit } = loadConfig(configPath);
      const sol = solveSystem(system, reference, circuit, method);
      process.stdout.write(JSON.stringify(solutionJson(system, sol, { method: sol.onsager.method ?? method }), null, 2) + '\n');
    });
}
