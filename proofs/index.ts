/**
 * Every machine-checked claim of the paper (one file per claim). Pure: no file writes, no console
 * output — `npm run proofs` (proofs/run.ts) and the HTML report both call {@link runAllProofs}.
 */
import type { ProofResult } from './types.js';
import { proveEq12 } from './eq12-schur-sum-rules.js';
import { proveEq8And13 } from './eq8-13-probe-potential-temperature.js';
import { proveEq17To19 } from './eq17-19-vp-vtp-shifts.js';
import { proveThermalCircuit } from './eq26-32-thermal-circuit.js';
import { proveEq33 } from './eq33-entropy.js';
import { proveAppendixA } from './appA-node-heat-current.js';
import { proveAppendixB } from './appB-nodal-ratio.js';
import { proveAppendixC } from './appC-flat-probe.js';
import { proveErProbe } from './er-probe.js';
import { proveBrokenReciprocity } from './broken-reciprocity-entropy.js';
import { anchorCheck, type AnchorResult } from './anchor.js';
import { verdictOf } from './lib.js';

/** A proof: its stable id and the function that runs it. */
export interface Proof {
  readonly id: string;
  readonly run: () => Promise<ProofResult>;
}

/** All proofs, in the order of the paper. */
export const proofs: readonly Proof[] = [
  { id: 'eq12-schur-sum-rules', run: proveEq12 },
  { id: 'eq8-13-probe-potential-temperature', run: proveEq8And13 },
  { id: 'eq17-19-vp-vtp-shifts', run: proveEq17To19 },
  { id: 'eq26-32-thermal-circuit', run: proveThermalCircuit },
  { id: 'eq33-entropy', run: proveEq33 },
  { id: 'appA-node-heat-current', run: proveAppendixA },
  { id: 'appB-nodal-ratio', run: proveAppendixB },
  { id: 'appC-flat-probe', run: proveAppendixC },
  { id: 'er-probe', run: proveErProbe },
  { id: 'broken-reciprocity-entropy', run: proveBrokenReciprocity },
];

/**
 * Run every proof in order. A proof that throws is reported as a 'failed' ProofResult (with the
 * error in its notes), never as an exception.
 */
export async function runAllProofs(opts: { onProgress?: (id: string) => void; anchor?: () => AnchorResult } = {}): Promise<ProofResult[]> {
  const out: ProofResult[] = [];
  // The numeric routes evaluate formulas on the solver's own L's: they count only if the solver
  // itself agrees with values it did not compute (proofs/anchor.ts).
  let anchor: AnchorResult;
  try {
    anchor = (opts.anchor ?? anchorCheck)();
  } catch (e) {
    anchor = { ok: false, detail: `independent anchor could not run: ${(e as Error).message}`, worst: { constants: NaN, onsager: NaN, circuit: NaN } };
  }
  for (const p of proofs) {
    opts.onProgress?.(p.id);
    const t = performance.now();
    try {
      const r = await p.run();
      const numeric = { ...r.numeric, ok: anchor.ok ? r.numeric.ok : false, detail: `${r.numeric.detail} | ${anchor.detail}` };
      const verdict = anchor.ok ? r.verdict : verdictOf(r.symbolic, r.rational, numeric);
      out.push({ ...r, numeric, verdict });
    } catch (e) {
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const failed = { ok: false, detail: `the proof threw: ${msg}` } as const;
      out.push({
        id: p.id,
        claim: p.id,
        source: '',
        statementLatex: '\\text{(proof failed to run)}',
        derivationLatex: [],
        symbolic: failed,
        rational: { ...failed, points: 0, failureProbabilityBound: 'n/a' },
        numeric: { ...failed, maxError: Number.NaN, tolerance: Number.NaN },
        verdict: 'failed',
        notes: [msg],
        seconds: (performance.now() - t) / 1000,
      });
    }
  }
  return out;
}
