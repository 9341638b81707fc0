/** `probecheck solve CONFIG.json` — one JSON object on stdout (the contract in the README). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { solveSystem, type OnsagerMethod } from '../../numeric/system.js';
import { solutionJson } from '../format.js';
import { parseMethod } from './options.js';
import { assertFiniteJson } from '../../io/json.js';
import { worstRelativeError } from '../../numeric/onsager.js';
import { ONSAGER_ACCURACY } from '../../limits.js';

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
      // docs/physics.md §13: the estimated error of the Onsager coefficients relative to their
      // natural scale; beyond the documented accuracy a warning says so (never silently)
      const accuracy = worstRelativeError(sol.onsager);
      if (Number.isFinite(accuracy) && accuracy > ONSAGER_ACCURACY) {
        process.stderr.write(`probecheck: warning: Onsager coefficients only accurate to ~${accuracy.toExponential(1)} of their natural scale (documented: ${ONSAGER_ACCURACY}); see docs/physics.md §13\n`);
      }
      const out = solutionJson(system, sol, { method: sol.onsager.method ?? method, ...(Number.isFinite(accuracy) ? { onsagerError: accuracy } : {}) });
      assertFiniteJson(out);
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    });
}
