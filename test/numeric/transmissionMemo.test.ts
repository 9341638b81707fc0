/**
 * The T_αβ(E) memo of one reference point (src/numeric/transmissionMemo.ts) and the probe models of
 * one device sharing it (PreparedSystem.withProbeModel, docs/physics.md §14 "Probe models side by
 * side"). The memo is exact by construction (a hit is a copy of the value computed at that very
 * energy), so the shared route must give the fresh route's numbers bit for bit: compared with
 * Object.is on every coefficient, no tolerance.
 */
import { describe, expect, it } from 'vitest';
import { transmissionMemo } from '../../src/numeric/transmissionMemo.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import type { TransmissionEngine } from '../../src/numeric/transmission.js';
import { chain, benzene } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { prepareSystem, selfEnergyFlags, withProbeModel, type TransportSystem } from '../../src/numeric/system.js';
import type { ErOnsager } from '../../src/numeric/energyResolved.js';
import type { Onsager } from '../../src/numeric/onsager.js';
import type { SparseTransmissionEngine } from '../../src/numeric/sparseTransmission.js';

/** A 2-terminal engine with T(E) = 1/(1 + E²) that counts its evaluations. */
function countingEngine(): TransmissionEngine & { calls: number } {
  const e = {
    terminals: 2,
    channels: 2,
    levels: new Float64Array(0),
    resonances: [] as Array<[number, number]>,
    calls: 0,
    evaluate(energy: number, out: Float64Array) {
      e.calls++;
      const t = 1 / (1 + energy * energy);
      out[0] = 0;
      out[1] = t;
      out[2] = t;
      out[3] = 0;
    },
  };
  return e;
}

function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const differ = [...a].flatMap((v, i) => (Object.is(v, b[i]) ? [] : [`[${i}] ${v} vs ${b[i]}`]));
  expect(differ).toEqual([]);
}

function expectSameOnsager(a: Onsager, b: Onsager): void {
  expectSameBits(a.L0, b.L0);
  expectSameBits(a.L1, b.L1);
  expectSameBits(a.L2, b.L2);
}

describe('transmissionMemo', () => {
  it('answers a repeated energy from the memo with the same value, and a new energy from the engine', () => {
    const engine = countingEngine();
    const memo = transmissionMemo(engine);
    const m = memo.at(0, 300);
    const out = new Float64Array(4),
      again = new Float64Array(4);
    m.evaluate(0.3, out);
    m.evaluate(0.3, again);
    expect(engine.calls).toBe(1);
    expectSameBits(again, out);
    m.evaluate(0.30000000000000004, again); // the next double: a different energy, not a hit
    expect(engine.calls).toBe(2);
    expect(memo.stats).toEqual({ stored: 2, hits: 1 });
  });

  it('keeps the energies of the previous reference point, not older ones (memory bounded by two points)', () => {
    const engine = countingEngine();
    const memo = transmissionMemo(engine);
    const out = new Float64Array(4);
    memo.at(0, 300).evaluate(0.1, out);
    memo.at(0, 300).evaluate(0.5, out);
    memo.at(0, 300).evaluate(0.1, out);
    expect(engine.calls).toBe(2);
    // the next point of a scan: the previous point's energies are hits, and are carried over
    memo.at(0.05, 300).evaluate(0.1, out);
    expect(engine.calls).toBe(2);
    expect(out[1]).toBe(1 / (1 + 0.1 * 0.1));
    memo.at(0.05, 300).evaluate(0.2, out);
    expect(engine.calls).toBe(3);
    memo.at(0.1, 300).evaluate(0.1, out); // asked for at the last point: still there
    expect(engine.calls).toBe(3);
    memo.at(0.1, 300).evaluate(0.5, out); // last asked for two points ago: gone
    expect(engine.calls).toBe(4);
    memo.at(0.1, 301).evaluate(0.7, out);
    memo.at(0.1, 302).evaluate(0.2, out); // two points back again
    expect(engine.calls).toBe(6);
    expect(memo.stats.stored).toBe(1);
  });

  it('stops storing at its byte limit and still answers every call correctly', () => {
    const engine = countingEngine();
    const memo = transmissionMemo(engine, 2 * 3 * 4 * 8); // room for 3 energies of n² = 4 doubles per generation
    const m = memo.at(0, 300);
    const out = new Float64Array(4);
    for (let k = 0; k < 10; k++) m.evaluate(k, out);
    expect(memo.stats.stored).toBe(3);
    for (let k = 0; k < 10; k++) {
      m.evaluate(k, out);
      expect(out[1]).toBe(1 / (1 + k * k));
    }
    expect(engine.calls).toBe(10 + 7);
    // the next point: the 3 stored energies carried over, the rest from the engine
    const n = memo.at(1, 300);
    for (let k = 0; k < 10; k++) {
      n.evaluate(k, out);
      expect(out[1]).toBe(1 / (1 + k * k));
    }
    expect(engine.calls).toBe(17 + 7);
  });

  it('refuses an engine that estimates its rounding noise (it would store half the answer)', () => {
    expect(() => transmissionMemo({ ...countingEngine(), estimatesNoise: true })).toThrow(/noise/);
  });
});

/** A disordered chain above SPARSE_MIN_SITES (sparse path), probe P on site 123. */
function disorderedChain(n: number, role: 'VTP' | 'ER', test = false): TransportSystem {
  const h = chain(n, -1);
  let s = 271828;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    h.re[i * n + i] = 0.4 * (s / 2 ** 31 - 0.5);
  }
  return {
    hamiltonian: h,
    terminals: [
      { name: 'L', role: 'lead', mu: 0.3001, temperature: 31, coupling: localCoupling(n, [0], 0.5) },
      { name: 'R', role: 'lead', mu: 0.2999, temperature: 29, coupling: localCoupling(n, [n - 1], 0.5) },
      { name: 'P', role, coupling: localCoupling(n, [123], 0.1) },
      ...(test ? [{ name: 'S', role: 'VP' as const, test: true, coupling: localCoupling(n, [200], 0.01) }] : []),
    ],
  };
}

describe('PreparedSystem.withProbeModel: the probe models of one device share its engine and T(E)', () => {
  const reference = { mu: 0.3, temperature: 30 };

  it('sparse path: the ER variant equals a fresh ER preparation bit for bit and costs < 10 % of its evaluations', () => {
    const system = disorderedChain(400, 'VTP');
    const prepared = prepareSystem(system);
    expect(prepared.path).toBe('sparse');
    const plain = prepared.onsager(reference);
    const engine = prepared.engine() as SparseTransmissionEngine;
    const afterPlain = engine.evaluations;
    const er = prepared.withProbeModel('ER');
    expect(er.engine()).toBe(engine); // one factorisation set-up for the device
    const shared = er.onsager(reference) as ErOnsager;
    const added = engine.evaluations - afterPlain;

    const freshPrepared = prepareSystem(withProbeModel(system, 'ER'));
    const fresh = freshPrepared.onsager(reference) as ErOnsager;
    const freshEvaluations = (freshPrepared.engine() as SparseTransmissionEngine).evaluations;
    expectSameOnsager(shared, fresh);
    expectSameBits(shared.energyResolved.A0, fresh.energyResolved.A0);
    expectSameBits(shared.energyResolved.A1, fresh.energyResolved.A1);
    expect(shared.converged).toBe(true);
    // the two quadratures start from the same mesh (onsager.ts quadratureMesh) and refine mostly the
    // same panels; measured 3 % new energies on the 2000-site chain of BENCHMARKS.md
    expect(added).toBeLessThan(0.1 * freshEvaluations);
    // the plain set is unchanged by the memo (same energies, same values, same order)
    expectSameOnsager(prepareSystem(system).onsager(reference), plain);
  });

  it('sparse path, neighbouring μ0 of a scan: the second point reuses most energies of the first and equals a fresh device bit for bit', () => {
    // the mesh is in absolute energy and the levels come from H's own bisection tree (onsager.ts
    // quadratureMesh, sparseTransmission.ts sparseLevelsCanonical): where two Fermi windows overlap
    // their quadratures sample T at the same doubles E
    // 300 K: ~90 levels in the window μ0 ± 40 k_BT0 (at 30 K only ~10, and the panels split by the
    // breakpoints tied to μ0, at x = 0, ±2, …, ±20, weigh more)
    const system = disorderedChain(400, 'ER');
    const first = { mu: 0.3, temperature: 300 };
    const next = { mu: 0.3 + 2 * K_B_EV * 300, temperature: 300 };
    const scanning = prepareSystem(system);
    expect(scanning.path).toBe('sparse');
    scanning.onsager(first);
    const engine = scanning.engine() as SparseTransmissionEngine;
    const afterFirst = engine.evaluations;
    const second = scanning.onsager(next) as ErOnsager;
    const added = engine.evaluations - afterFirst;
    const freshPrepared = prepareSystem(system);
    const fresh = freshPrepared.onsager(next) as ErOnsager;
    const freshEvaluations = (freshPrepared.engine() as SparseTransmissionEngine).evaluations;
    expectSameOnsager(second, fresh);
    expectSameBits(second.energyResolved.A0, fresh.energyResolved.A0);
    expect(second.converged).toBe(true);
    // a window shifted by 2 of its 80 k_BT0: measured 19 % new energies here (3270 of 17 415)
    expect(added).toBeLessThan(0.3 * freshEvaluations);
  });

  it('sparse path, VP variant: the same Onsager set as the VTP system (roles enter only the circuit)', () => {
    const prepared = prepareSystem(disorderedChain(400, 'VTP'));
    const vtp = prepared.onsager(reference);
    expectSameOnsager(prepared.withProbeModel('VP').onsager(reference), vtp);
  });

  it('dense path: the variant shares the engine and pole expansion and equals a fresh preparation', () => {
    const system: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: 0.0005, temperature: 310, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead', mu: -0.0005, temperature: 290, coupling: localCoupling(6, [2], 0.25) },
        { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.1) },
      ],
    };
    const prepared = prepareSystem(system);
    expect(prepared.path).toBe('dense');
    const ref = { mu: 0.2, temperature: 300 };
    prepared.onsager(ref);
    const er = prepared.withProbeModel('ER');
    expect(er.engine()).toBe(prepared.engine());
    expect(er.poles()).toBe(prepared.poles());
    expectSameOnsager(er.onsager(ref), prepareSystem(withProbeModel(system, 'ER')).onsager(ref));
  });

  it('keeps the self-energy of every terminal (the invariant the sharing rests on), test probes included', () => {
    const system = disorderedChain(400, 'VTP', true);
    const flags = selfEnergyFlags(system);
    expect(flags).toEqual([true, true, true, false]);
    for (const model of ['VP', 'VTP', 'ER'] as const) expect(selfEnergyFlags(withProbeModel(system, model))).toEqual(flags);
  });
});
