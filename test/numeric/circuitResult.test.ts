/**
 * The result object of PreparedCircuit.solve (a class since 2026-12-02, was an object literal with
 * getters) and the closed form's coefficient arrays (six views of one buffer): what a caller sees
 * must not change — fields, the lazily built matrix and M̃, their caching, the JSON written, and
 * six independent n² arrays. Exact comparisons: the same arithmetic on the same inputs.
 */
import { describe, it, expect } from 'vitest';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { closedFormKernel, onsagerClosedForm, onsagerMatrix } from '../../src/numeric/onsager.js';
import { prepareCircuit, physicalOnsagerMatrix, type TerminalState } from '../../src/numeric/circuit.js';
import { schurEliminate } from '../../src/numeric/probes.js';
import { K_B_EV } from '../../src/numeric/constants.js';

const couplings = [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5), localCoupling(6, [3], 0.1)];
const poles = poleExpansion(benzene(-2.64), couplings);
const kT = K_B_EV * 300;
const terminals: TerminalState[] = [
  { name: 'L', role: 'lead', mu: 0.005, temperature: 325 },
  { name: 'R', role: 'lead', mu: -0.005, temperature: 275 },
  { name: 'P', role: 'VTP' },
];

describe('onsagerClosedForm arrays', () => {
  it('are six independent n² arrays holding what the kernel writes into separate arrays', () => {
    const o = onsagerClosedForm(poles, 0.3, kT);
    const err = o.error;
    expect(err).toBeDefined();
    const all = [o.L0, o.L1, o.L2, err?.L0, err?.L1, err?.L2] as Float64Array[];
    for (const a of all) expect(a.length).toBe(9);
    const ref = { L0: new Float64Array(9), L1: new Float64Array(9), L2: new Float64Array(9) };
    const refErr = { L0: new Float64Array(9), L1: new Float64Array(9), L2: new Float64Array(9) };
    closedFormKernel(poles).evaluate(0.3, kT, null, ref.L0, ref.L1, ref.L2, 0, refErr);
    expect(Array.from(o.L0)).toEqual(Array.from(ref.L0));
    expect(Array.from(o.L1)).toEqual(Array.from(ref.L1));
    expect(Array.from(o.L2)).toEqual(Array.from(ref.L2));
    expect(Array.from(err?.L1 ?? [])).toEqual(Array.from(refErr.L1));
    // no two views overlap: writing one leaves the other five alone
    const before = all.map((a) => Array.from(a));
    for (let i = 0; i < all.length; i++) {
      all[i].fill(-7);
      for (let j = 0; j < all.length; j++) if (j !== i) expect(Array.from(all[j])).toEqual(before[j]);
      all[i].set(before[i]);
    }
  });
});

describe('PreparedCircuit.solve result', () => {
  it('builds matrix and M̃ on demand from its own Onsager set, caches them, and writes the same JSON as before', () => {
    const c = prepareCircuit(terminals, { mu: 0, temperature: 300 }, 'electronic');
    const o = onsagerClosedForm(poles, 0.3, kT);
    const r = c.solve(o, 0.3);
    const r2 = c.solve(onsagerClosedForm(poles, -1.1, kT), -1.1); // a second solve reuses the buffers, not r's parts
    expect(r.reference).toEqual({ mu: 0.3, temperature: 300 });
    expect(Array.from(r.matrix)).toEqual(Array.from(physicalOnsagerMatrix(o, [false, false, false])));
    expect(Array.from(r.matrix)).toEqual(Array.from(onsagerMatrix(o)));
    expect(r.matrix).toBe(r.matrix);
    expect(r.schur).toBe(r.schur);
    const s = schurEliminate(physicalOnsagerMatrix(o, [false, false, false]), 6, c.unknown);
    expect(Array.from(r.schur.effective)).toEqual(Array.from(s.effective));
    expect(r2.mu[2]).not.toBe(r.mu[2]);
    // the JSON of the former object literal: its fields in order, matrix and schur evaluated
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'kind',
      'reference',
      'terminals',
      'mu',
      'temperature',
      'particleCurrent',
      'chargeCurrent',
      'heatCurrent',
      'entropyProduction',
      'seebeck',
      'spin',
      'matrix',
      'schur',
    ]);
    expect(json.entropyProduction).toBe(r.entropyProduction);
    // own keys: the data fields (matrix and schur are on the prototype now, built only when read)
    expect(Object.keys(r)).toEqual(Object.keys(json).slice(0, 11));
    expect('matrix' in r && 'schur' in r).toBe(true);
    expect(json.matrix).toEqual(JSON.parse(JSON.stringify(r.matrix)));
    expect(json.schur).toEqual(JSON.parse(JSON.stringify(s)));
  });
});
