/** `probecheck solve CONFIG.json` — one JSON object on stdout (the contract in the README). */
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { energyResolvedProbes, prepareSystem, solveSystem, type OnsagerMethod, type PreparedSystem, type TransportSystem } from '../../numeric/system.js';
import { CircuitSpecError, probeRowError, solveCircuit, type CircuitKind } from '../../numeric/circuit.js';
import { solveNonlinear } from '../../numeric/nonlinear.js';
import type { Onsager, Reference } from '../../numeric/onsager.js';
import { PROBE_MODELS, isEnergyResolved, isProbe, isTestProbe } from '../../model/probeModels.js';
import { circuitJson, nonlinearJson, onsagerErrorJson, solutionJson } from '../format.js';
import { parseMethod } from './options.js';
import { couplingWidth } from '../../numeric/coupling.js';
import { assertFiniteJson } from '../../io/json.js';
import { writeStdout } from '../../io/stdout.js';
import { worstRelativeError } from '../../numeric/onsager.js';
import { ONSAGER_ACCURACY } from '../../limits.js';

/**
 * The same system with every probe as VP, as VTP and as ER (couplings unchanged), side by side:
 * currents, probe μ/T and Ṡ of each (docs/physics.md §8). Empty without probes.
 * In linear response the VP and VTP variants share one Onsager set (the roles enter only the
 * circuit, docs/physics.md §4): `own`, the system's own set when it has no ER probe, else one set
 * computed for both. Only the ER variant needs its own (T_eff, §8). The variants are prepared on
 * `prepared`'s device (PreparedSystem.withProbeModel: one engine, one set of resonances and, on the
 * sparse path, one memo of T_αβ(E) for all of them, §14).
 */
export function probeModelsJson(
  prepared: PreparedSystem,
  reference: Reference,
  kind: CircuitKind,
  response: 'linear' | 'nonlinear',
  method: OnsagerMethod,
  own?: Onsager,
): Record<string, unknown> {
  const system = prepared.system;
  if (!system.terminals.some((t) => isProbe(t.role))) return {};
  const out: Record<string, unknown> = {};
  let plain = own && energyResolvedProbes(system).length === 0 ? own : undefined;
  const sets = new Map<Onsager, string[]>();
  for (const model of PROBE_MODELS) {
    const variant = prepared.withProbeModel(model);
    const sys = variant.system;
    if (response === 'nonlinear') {
      out[model] = circuitJson(sys, solveNonlinear(variant, reference, kind));
    } else {
      // ER: its own Onsager set (T_eff); VP, VTP: the shared one
      const onsager = model === 'ER' ? variant.onsager(reference, method) : (plain ??= variant.onsager(reference, method));
      const circuit = solveCircuit(onsager, sys.terminals, reference, kind, sys.spin ?? 1);
      // each variant's accuracy as for the main solution (docs/physics.md §13): in the JSON, and a
      // warning beyond the documented accuracy (a side-by-side number is never silently worse)
      out[model] = { ...circuitJson(sys, circuit), method: onsager.method ?? method, ...onsagerErrorJson(onsager) };
      // `own` is warned about by the caller; a set shared by VP and VTP once, naming both
      if (onsager !== own) sets.set(onsager, [...(sets.get(onsager) ?? []), `probeModels.${model}`]);
    }
  }
  for (const [onsager, models] of sets) warnAccuracy(onsager, models.join(', '));
  return { probeModels: out };
}

/** Exit 2 (CircuitSpecError naming the probe's coupling) for a probe whose μ_P, T_P are undetermined. */
function undeterminedProbe(system: TransportSystem, o: Onsager): void {
  const test = system.terminals.map((t) => isTestProbe(t));
  const widths = system.terminals.map((t) => couplingWidth(t.coupling));
  system.terminals.forEach((t, a) => {
    if (!isProbe(t.role) || isEnergyResolved(t.role)) return;
    const e = probeRowError(o, a, test, widths);
    if (!(e < 1)) {
      const S = Array.from({ length: o.terminals }, (_, b) => (b === a ? 0 : Math.abs(o.L0[a * o.terminals + b]))).reduce((x, y) => x + y, 0);
      throw new CircuitSpecError(
        `terminals[${a}].coupling: probe "${t.name}" is coupled to the leads too weakly for double precision (Σ_β L0 = ${S.toExponential(2)} is at the rounding floor of the transmission, relative error estimate ${Number.isFinite(e) ? e.toExponential(2) : 'infinite'} ≥ 1): its μ_P and T_P are not determined; strengthen the hopping that connects its site, or remove it (docs/physics.md §15)`,
        `terminals[${a}].coupling`,
      );
    }
  });
}

/**
 * docs/physics.md §13: the estimated error of Onsager coefficients relative to their natural
 * scale; beyond the documented accuracy one stderr line says so (never silently), naming `what`
 * (the side-by-side variants that share the set) when given.
 */
function warnAccuracy(onsager: Onsager, what?: string): void {
  const accuracy = worstRelativeError(onsager);
  if (Number.isFinite(accuracy) && accuracy > ONSAGER_ACCURACY)
    process.stderr.write(
      `probecheck: warning: ${what ? `${what}: ` : ''}Onsager coefficients only accurate to ~${accuracy.toExponential(1)} of their natural scale (documented: ${ONSAGER_ACCURACY}); see docs/physics.md §13\n`,
    );
}

export function register(program: Command): void {
  program
    .command('solve')
    .description(
      'solve the circuit of CONFIG.json and print one JSON object (Onsager coefficients, probe μ/T, currents, Ṡ, Seebeck; the probes as VP, VTP and ER side by side)',
    )
    .argument('<config>', 'config file (JSON)')
    .option('--method <m>', 'Onsager coefficients by "closed-form" (trigamma) or "quadrature"', 'closed-form')
    .action(async (configPath: string, opts: { method: string }) => {
      const method: OnsagerMethod = parseMethod(opts.method);
      const { system, reference, circuit, response } = loadConfig(configPath);
      const prepared = prepareSystem(system);
      const sol = solveSystem(prepared, reference, circuit, method);
      // docs/physics.md §15 "Isolated sites": a probe whose row is below the rounding floor of the
      // transmission has μ_P, T_P that the coefficients do not determine (the config check catches
      // the structurally isolated ones; this, a coupling too weak for double precision)
      undeterminedProbe(system, sol.onsager);
      warnAccuracy(sol.onsager);
      const models = probeModelsJson(prepared, reference, circuit, response, method, sol.onsager);
      const extra = { method: sol.onsager.method ?? method, ...models };
      const json =
        response === 'nonlinear' ? nonlinearJson(system, sol.onsager, solveNonlinear(prepared, reference, circuit), extra) : solutionJson(system, sol, extra);
      assertFiniteJson(json);
      await writeStdout(JSON.stringify(json, null, 2) + '\n');
    });
}
