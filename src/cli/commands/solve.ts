/** `probecheck solve CONFIG.json` — one JSON object on stdout (the contract in the README). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { prepareSystem, solveSystem, withProbeModel, type OnsagerMethod, type TransportSystem } from '../../numeric/system.js';
import { solveNonlinear } from '../../numeric/nonlinear.js';
import type { CircuitKind } from '../../numeric/circuit.js';
import type { Reference } from '../../numeric/onsager.js';
import { PROBE_MODELS, isProbe } from '../../model/probeModels.js';
import { circuitJson, nonlinearJson, solutionJson } from '../format.js';
import { parseMethod } from './options.js';
import { assertFiniteJson } from '../../io/json.js';
import { worstRelativeError } from '../../numeric/onsager.js';
import { ONSAGER_ACCURACY } from '../../limits.js';
import { isUnallocated } from '../../numeric/unallocated.js';

/**
 * The same system with every probe as VP, as VTP and as ER (couplings unchanged), side by side:
 * currents, probe μ/T and Ṡ of each (docs/physics.md §8). Empty without probes.
 */
export function probeModelsJson(
  system: TransportSystem,
  reference: Reference,
  kind: CircuitKind,
  response: 'linear' | 'nonlinear',
  method: OnsagerMethod,
): Record<string, unknown> {
  if (!system.terminals.some((t) => isProbe(t.role))) return {};
  const out: Record<string, unknown> = {};
  for (const model of PROBE_MODELS) {
    if (model === 'ER' && isUnallocated(system.hamiltonian)) {
      // docs/config.md "Ranges and limits": ER probes need the dense solver (docs/physics.md §8, §14)
      out[model] = { unavailable: `ER probes need the dense solver; this system (${system.hamiltonian.rows} sites) is held in sparse form only` };
      continue;
    }
    const sys = withProbeModel(system, model);
    if (response === 'nonlinear') {
      out[model] = circuitJson(sys, solveNonlinear(prepareSystem(sys), reference, kind));
    } else {
      const sol = solveSystem(sys, reference, kind, method);
      out[model] = { ...circuitJson(sys, sol.circuit), method: sol.onsager.method ?? method };
    }
  }
  return { probeModels: out };
}

export function register(program: Command): void {
  program
    .command('solve')
    .description(
      'solve the circuit of CONFIG.json and print one JSON object (Onsager coefficients, probe μ/T, currents, Ṡ, Seebeck; the probes as VP, VTP and ER side by side)',
    )
    .argument('<config>', 'config file (JSON)')
    .option('--method <m>', 'Onsager coefficients by "closed-form" (trigamma) or "quadrature"', 'closed-form')
    .action((configPath: string, opts: { method: string }) => {
      const method: OnsagerMethod = parseMethod(opts.method);
      const { system, reference, circuit, response } = loadConfig(configPath);
      const prepared = prepareSystem(system);
      const sol = solveSystem(prepared, reference, circuit, method);
      // docs/physics.md §13: the estimated error of the Onsager coefficients relative to their
      // natural scale; beyond the documented accuracy a warning says so (never silently)
      const accuracy = worstRelativeError(sol.onsager);
      if (Number.isFinite(accuracy) && accuracy > ONSAGER_ACCURACY) {
        process.stderr.write(
          `probecheck: warning: Onsager coefficients only accurate to ~${accuracy.toExponential(1)} of their natural scale (documented: ${ONSAGER_ACCURACY}); see docs/physics.md §13\n`,
        );
      }
      const models = probeModelsJson(system, reference, circuit, response, method);
      const extra = { method: sol.onsager.method ?? method, ...models };
      const json =
        response === 'nonlinear' ? nonlinearJson(system, sol.onsager, solveNonlinear(prepared, reference, circuit), extra) : solutionJson(system, sol, extra);
      assertFiniteJson(json);
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    });
}
