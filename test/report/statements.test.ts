/**
 * The paper's qualitative statements (src/paper/statements.ts) on a coarse grid (121 points) and
 * three γ: every verdict follows from its stated rule, and the physics behind the measurements
 * holds — the Onsager ratios do not depend on temperatures (exactly: M̃ depends on the couplings and
 * μ0 only), the open-circuit comparison splits exactly at mid-gap (particle–hole symmetry of the
 * ring makes the ΔV part of the electronic heat current odd in μ0 − ε0), and with T_VP = T_R the
 * VP's nodal heat current is γ-independent to first order (App. A) but not at large γ.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { DEFAULT_PARAMETERS, SweepCache, paperStatements, type Statement } from '../../src/paper/index.js';

const P = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 121 }, gammas: [0, 0.01, 0.05, 0.5] };
let st: Map<string, Statement>;

beforeAll(() => {
  st = new Map(paperStatements(P, new SweepCache(P.mu0, P.T0)).map((s) => [s.id, s]));
});

describe('paper statements', () => {
  it('cover the claims the headline numbers leave out, each with a rule and a verdict', () => {
    expect([...st.keys()]).toEqual([
      'sym-vp-heat-vanishes',
      'sym-coupling-node-error',
      'fig3a',
      'fig3b',
      'fig4c-broader',
      'open-circuit-larger',
      'seebeck-robust',
      'appA-large-gamma',
      'four-orders',
      'extended-similar',
    ]);
    for (const s of st.values()) {
      expect(s.rule.length).toBeGreaterThan(10);
      expect(['holds', 'holds only in part', 'does not hold']).toContain(s.verdict);
      for (const v of Object.values(s.values)) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('the Onsager ratios are the same under thermal asymmetry (exactly) and change under tunnel asymmetry', () => {
    expect(st.get('fig3a')!.values.ratioDiff).toBe(0);
    expect(st.get('fig3b')!.values.ratioChange).toBeGreaterThan(0.05);
  });

  it('the VP at the midpoint takes no heat only near the node (symmetric case)', () => {
    const s = st.get('sym-vp-heat-vanishes')!;
    expect(s.values.atNode).toBeLessThan(1e-3);
    expect(s.values.max).toBeGreaterThan(0.1);
    expect(s.verdict).toBe('does not hold');
  });

  it('open circuit against electronic: larger on exactly half the grid (particle–hole symmetry)', () => {
    const v = st.get('open-circuit-larger')!.values;
    for (const c of ['symmetric', 'thermal', 'tunnel']) expect(v[`${c}_fraction`]).toBeCloseTo(0.5, 2);
    expect(st.get('open-circuit-larger')!.verdict).toBe('does not hold');
  });

  it('App. A: with T_VP = T_R the nodal VP heat current is nearly γ-independent at small γ, not at large γ', () => {
    const v = st.get('appA-large-gamma')!.values;
    expect(Math.abs(v['T_R_0.01'] - 1)).toBeLessThan(0.05);
    expect(v['T_R_2']).toBeGreaterThan(10);
    expect(v['ambient_0.01']).toBeGreaterThan(2); // at 300 K the VP drives heat through the node at once
  });

  it("extended probes: the tunnel-asymmetry node error is Eq. 34's −1/3 for every probe shape", () => {
    const v = st.get('extended-similar')!.values;
    for (const q of ['local', 'flat', 'extended']) expect(Math.abs(v[`${q}_tunnelNode`] + 1 / 3)).toBeLessThan(0.02);
  });
});
