/**
 * The explorer's state is a CONFIG.json: every control sequence must leave a config that
 * parseConfig accepts and that means what the controls say (bias kept when μ0 moves, the bias
 * restored after a thermal detour, a VP's T only where the config allows one), and each control
 * must read back what was set.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseConfig } from '../../src/config.js';
import { applyControl, controlValue, ControlError, initialState, paperConfig, withProbeModel, bias, type ExplorerState } from '../../src/explorer/model.js';
import { controlSpecs } from '../../src/explorer/controls.js';
import { uniform } from '../arbitraries.js';

const view = { min: -3, max: 3, points: 61 };
const fresh = () => initialState(paperConfig(), view);

/** One control change with a valid value. */
const changeArb: fc.Arbitrary<[string, string]> = fc.oneof(
  uniform(-3, -1).map((v) => ['hamiltonian.hopping', String(v)] as [string, string]),
  uniform(-1, 1).map((v) => ['reference.mu', String(v)] as [string, string]),
  uniform(50, 600).map((v) => ['reference.T', String(v)] as [string, string]),
  fc.constantFrom('electronic', 'thermal').map((v) => ['circuit', v] as [string, string]),
  uniform(-0.05, 0.05).map((v) => ['bias', String(v)] as [string, string]),
  fc.tuple(fc.constantFrom('L', 'R'), uniform(0.05, 1.5)).map(([t, v]) => [`terminals.${t}.coupling.gamma`, String(v)] as [string, string]),
  fc.tuple(fc.constantFrom('L', 'R', 'P'), uniform(50, 600)).map(([t, v]) => [`terminals.${t}.T`, String(v)] as [string, string]),
  uniform(0, 1).map((v) => ['terminals.P.coupling.gamma', String(v)] as [string, string]),
  fc.constantFrom('1', '3', '4', '5', '0,1,2,3,4,5').map((v) => ['terminals.P.coupling.sites', v] as [string, string]),
  fc.constantFrom('VP', 'VTP').map((v) => ['terminals.P.probe', v] as [string, string]),
);

function apply(s: ExplorerState, changes: ReadonlyArray<[string, string]>): ExplorerState {
  return changes.reduce((st, [n, v]) => applyControl(st, n, v), s);
}

describe('explorer state = a CONFIG.json', () => {
  it("starts as the paper's benzene junction, unchanged", () => {
    const s = fresh();
    expect(s.config).toEqual(paperConfig());
    expect(parseConfig(s.config).system.terminals.map((t) => t.role)).toEqual(['lead', 'lead', 'VP']);
    expect(bias(s)).toBeCloseTo(0.01, 15);
  });

  it('any sequence of control changes leaves a valid config that reads back what was set', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { minLength: 1, maxLength: 12 }), (changes) => {
        const s = apply(fresh(), changes);
        const p = parseConfig(s.config); // throws if not a valid CONFIG
        const last = new Map(changes);
        for (const [name, value] of last) {
          if (name === 'bias' && s.config.circuit === 'thermal') continue;
          expect(Number(controlValue(s, name)) || controlValue(s, name), name).toEqual(Number(value) || value);
        }
        // leads carry μ0 + offset; in the thermal circuit only the first lead (the gauge)
        const mu0 = p.reference.mu;
        const [L, R] = s.config.terminals;
        expect(L.mu! - mu0).toBeCloseTo(s.leadOffsets.L, 12);
        if (s.config.circuit === 'thermal') expect(R.mu).toBeUndefined();
        else expect(R.mu! - mu0).toBeCloseTo(s.leadOffsets.R, 12);
        // a VTP has no T in the config, a VP has its comparison temperature (or none: T0)
        const P = s.config.terminals[2];
        if (P.probe === 'VTP') expect(P.T).toBeUndefined();
        else expect(P.T).toBe(s.vpT.P);
      }),
    );
  });

  it('moving μ0 keeps the bias; a thermal detour restores it exactly', () => {
    fc.assert(
      fc.property(uniform(-2, 2), uniform(-0.05, 0.05), (mu0, dV) => {
        const s0 = apply(fresh(), [
          ['bias', String(dV)],
          ['reference.mu', String(mu0)],
        ]);
        const [L, R] = s0.config.terminals;
        expect(L.mu! - R.mu!).toBeCloseTo(dV, 12);
        expect((L.mu! + R.mu!) / 2).toBeCloseTo(mu0, 12);
        const s1 = apply(s0, [
          ['circuit', 'thermal'],
          ['circuit', 'electronic'],
        ]);
        expect(s1.config).toEqual(s0.config);
      }),
    );
  });

  it('the VP and VTP variants differ only in the probe model (and the VP temperature)', () => {
    const s = apply(fresh(), [
      ['terminals.P.probe', 'VTP'],
      ['terminals.P.T', '310'],
    ]);
    expect(s.config.terminals[2]).not.toHaveProperty('T');
    expect(withProbeModel(s, 'VP').terminals[2]).toMatchObject({ probe: 'VP', T: 310 });
    expect(withProbeModel(s, 'VTP').terminals[2]).not.toHaveProperty('T');
    const back = applyControl(s, 'terminals.P.probe', 'VP');
    expect(back.config.terminals[2]).toMatchObject({ probe: 'VP', T: 310 });
    // without a chosen T_VP the VP follows T0 (no T in the config)
    const t0 = initialState(
      { ...paperConfig(), terminals: paperConfig().terminals.map((t) => (t.probe ? { ...t, probe: 'VTP' as const, T: undefined } : t)) },
      view,
    );
    expect(withProbeModel(t0, 'VP').terminals[2]).not.toHaveProperty('T');
    expect(controlValue(t0, 'terminals.P.T')).toBe('300');
  });

  it("rejects what is not a number or not a control with one line naming it; range checks are parseConfig's", () => {
    const s = fresh();
    expect(() => applyControl(s, 'terminals.P.coupling.gamma', 'abc')).toThrow(new ControlError('terminals.P.coupling.gamma', 'expected a number (got "abc")'));
    expect(() => applyControl(s, 'terminals.Q.T', '300')).toThrow('terminals.Q.T: no terminal named "Q"');
    expect(() => applyControl(s, 'terminals.L.probe', 'VP')).toThrow('"L" is a lead, not a probe');
    expect(() => applyControl(s, 'explore.mu0.points', '1e7')).toThrow('explore.mu0.points: expected an integer from 2 to 5001');
    expect(() => applyControl(s, 'explore.mu0.min', '5')).toThrow('the μ0 range needs min < max');
    expect(() => applyControl(s, 'nonsense', '1')).toThrow('nonsense: unknown control');
    const neg = applyControl(s, 'terminals.P.coupling.gamma', '-0.1');
    expect(() => parseConfig(neg.config)).toThrow('terminals[2].coupling.gamma: γ must be ≥ 0 (got -0.1)');
  });

  it('offers a control for every field the issue names, each with a valid initial value', () => {
    const s = fresh();
    const names = controlSpecs(s).map((c) => c.name);
    for (const n of [
      'hamiltonian.hopping',
      'reference.mu',
      'reference.T',
      'circuit',
      'terminals.L.coupling.gamma',
      'terminals.R.coupling.gamma',
      'terminals.P.coupling.gamma',
      'terminals.P.coupling.sites',
      'terminals.L.T',
      'terminals.R.T',
      'terminals.P.T',
      'bias',
      'terminals.P.probe',
      'explore.models',
    ]) {
      expect(names, n).toContain(n);
    }
    for (const c of controlSpecs(s)) {
      expect(applyControl(s, c.name, c.value).config, c.name).toEqual(s.config); // setting the shown value changes nothing
      if (c.slider) expect(Number(c.value) >= c.slider.min && Number(c.value) <= c.slider.max, `${c.name} inside its slider`).toBe(true);
    }
  });
});
