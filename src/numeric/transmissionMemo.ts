/**
 * A memo of T_αβ(E) for the quadratures of one reference point (docs/physics.md §14, "Probe models
 * side by side"). The plain Onsager quadrature of a device and its ER quadrature start from the same
 * mesh (onsager.ts quadratureMesh) and refine mostly the same panels, so at one (μ0, T0) they ask
 * for T(E) at largely the same energies: 97 % of the ER quadrature's 38 580 energies on a 2000-site
 * chain at 300 K. On the sparse path each evaluation is a sparse factorisation, so the second
 * quadrature reads them from here.
 *
 * Neighbouring μ0 of a scan (same T0) share most energies too, since the mesh is laid out in absolute
 * energy (docs/physics.md §14, "Neighbouring μ0"). So the memo keeps the previous reference point's
 * energies beside the current one's, and a hit on them is carried over to the current point.
 *
 * Exact: a hit returns a copy of the value the engine computed at that very energy (the key is the
 * double E itself, no tolerance), so a point's numbers do not depend on which points came before.
 * Bounded: the memo holds two reference points' energies (the older is dropped when a third is
 * asked for), each at most half of {@link TRANSMISSION_MEMO_BYTES}; past that it stops storing and
 * passes the calls through.
 *
 * Out of scope: engines that estimate their rounding noise (the dense engine's δT): the memo
 * refuses them rather than store half the answer.
 */
import type { TransmissionEngine } from './transmission.js';

/** Most bytes of T_αβ(E) values a memo stores (n² doubles per energy). */
export const TRANSMISSION_MEMO_BYTES = 64 * 2 ** 20;

/** A transmission engine whose evaluations at the last two reference points are kept and reused. */
export interface TransmissionMemo {
  /** The engine to integrate at reference (μ0 in eV, T0 in K): the memo of that point. */
  at(mu: number, temperature: number): TransmissionEngine;
  /** Energies stored for the current reference point, and calls answered from them so far. */
  readonly stats: { readonly stored: number; readonly hits: number };
}

export function transmissionMemo(engine: TransmissionEngine, maxBytes = TRANSMISSION_MEMO_BYTES): TransmissionMemo {
  if (engine.estimatesNoise) throw new Error('transmissionMemo: the engine estimates its rounding noise, which the memo does not store');
  const nn = engine.terminals * engine.terminals;
  // two generations: the current reference point's energies and the previous point's, so that
  // neighbouring μ0 of a scan share the energies where their windows overlap (the mesh is in absolute
  // energy: onsager.ts quadratureMesh)
  const capacity = Math.max(0, Math.floor(maxBytes / (16 * nn)));
  let values = new Map<number, Float64Array>(),
    previous = new Map<number, Float64Array>();
  let refMu = NaN,
    refT = NaN,
    hits = 0;
  /** The stored value at `energy`, from this point or the previous one (carried over). */
  const lookup = (energy: number): Float64Array | undefined => {
    let v = values.get(energy);
    if (!v) {
      v = previous.get(energy);
      if (v && values.size < capacity) values.set(energy, v);
    }
    return v;
  };
  const memoized: TransmissionEngine = {
    terminals: engine.terminals,
    channels: engine.channels,
    levels: engine.levels,
    resonances: engine.resonances,
    evaluate(energy: number, out: Float64Array): void {
      const v = lookup(energy);
      if (v) {
        hits++;
        out.set(v);
        return;
      }
      engine.evaluate(energy, out);
      if (values.size < capacity) values.set(energy, out.slice(0, nn));
    },
    // two misses go to the engine's pair evaluation; otherwise one by one, in order
    ...(engine.evaluate2
      ? {
          evaluate2(e1: number, e2: number, out1: Float64Array, out2: Float64Array): void {
            if (e1 === e2 || lookup(e1) || lookup(e2)) {
              memoized.evaluate(e1, out1);
              memoized.evaluate(e2, out2);
              return;
            }
            (engine.evaluate2 as NonNullable<TransmissionEngine['evaluate2']>)(e1, e2, out1, out2);
            if (values.size < capacity) values.set(e1, out1.slice(0, nn));
            if (values.size < capacity) values.set(e2, out2.slice(0, nn));
          },
        }
      : {}),
  };
  return {
    at(mu: number, temperature: number): TransmissionEngine {
      if (mu !== refMu || temperature !== refT) {
        previous = values;
        values = new Map();
        refMu = mu;
        refT = temperature;
      }
      return memoized;
    },
    get stats() {
      return { stored: values.size, hits };
    },
  };
}
