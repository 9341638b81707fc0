/**
 * The numeric routes of Appendices B and C and of the ER probe can fail (issue 12 §4,
 * docs/mutation.md): each passes with the solver and is refused by a solver that is wrong by a little
 * more than the tolerance — in either direction (a check that drops |·| would see only one sign)
 * and in one family of cases at a time (so that each check, not another one, has to catch it).
 * NaN from a broken solver fails a route (it is never skipped by a `>` comparison).
 */
import { describe, it, expect } from 'vitest';
import { numericCases, SOLVER, WorstError, type NumericCase, type NumericSolver } from '../../proofs/lib.js';
import { eq26to32Numeric } from '../../proofs/eq26-32-thermal-circuit.js';
import { appBNumeric } from '../../proofs/appB-nodal-ratio.js';
import { appCNumeric } from '../../proofs/appC-flat-probe.js';
import { erVtpNumeric } from '../../proofs/er-probe.js';
import { brokenReciprocityNumeric } from '../../proofs/broken-reciprocity-entropy.js';
import type { CircuitResult, Onsager, Reference, TerminalState, TransportSystem } from '../../src/index.js';

/** Total width Tr Γ of terminal a (eV). */
const width = (s: TransportSystem, a: number): number => {
  const g = s.terminals[a].coupling.gamma;
  let t = 0;
  for (let i = 0; i < g.rows; i++) t += g.re[i * g.rows + i];
  return t;
};

type Tweak = (r: CircuitResult, states: readonly TerminalState[]) => CircuitResult;

/** The solver, with `tweak` applied to the circuits of the systems that `pick` selects. */
function wrongWhere(pick: (s: TransportSystem, ref: Reference) => boolean, tweak: Tweak): NumericSolver {
  const marked = new WeakSet<Onsager>();
  return {
    onsager: (s, ref) => {
      const o = SOLVER.onsager(s, ref);
      if (pick(s, ref)) marked.add(o);
      return o;
    },
    solve: (o, states, kind, ref) => {
      const r = SOLVER.solve(o, states, kind, ref);
      return marked.has(o) ? tweak(r, states) : r;
    },
  };
}

/** Scale one entry of a current of the probe's given role by (1 + δ). */
const scaleCurrent =
  (field: 'heatCurrent' | 'chargeCurrent', a: number, delta: number, role: 'VP' | 'VTP' | 'ER'): Tweak =>
  (r, states) => {
    if (states[2].role !== role) return r;
    const x = Float64Array.from(r[field]);
    x[a] *= 1 + delta;
    return { ...r, [field]: x };
  };

describe('WorstError', () => {
  it('keeps the largest error and where it was; NaN is the worst possible', () => {
    const w = new WorstError();
    w.note(1e-12, 'a');
    w.note(3e-12, 'b');
    w.note(2e-12, 'c');
    expect([w.maxError, w.worst]).toEqual([3e-12, 'b']);
    w.note(Number.NaN, 'd');
    w.note(1, 'e');
    expect([w.maxError, w.worst]).toEqual([Infinity, 'd']);
  });
});

describe('Appendix B numeric route: r = (J_VP − J_VTP)/J_VP against the exact formula', () => {
  const right = appBNumeric();
  it('passes with the solver (rounding, far below the tolerance)', () => {
    expect(right.tolerance).toBe(1e-9);
    expect(right.maxError).toBeLessThan(0.01 * right.tolerance);
  });
  // J^Q_R,VTP off by ±1e-7 of itself moves r by ≈ ∓1.3e-7 ≫ 1e-9, in one family of cases only.
  const families: Array<[string, (s: TransportSystem, ref: Reference) => boolean]> = [
    ['the γ scan (γ = 0.001 eV)', (s) => width(s, 2) === 0.001],
    ['the Γ_L, Γ_R scan (Γ_R = 0.6 eV)', (s) => width(s, 1) === 0.6],
    ['the temperature scan (T0 = 30 K)', (_, ref) => ref.temperature === 30],
  ];
  for (const [label, pick] of families)
    for (const delta of [1e-7, -1e-7])
      it(`refuses J^Q_R,VTP off by ${delta} in ${label}`, () => {
        const w = appBNumeric(wrongWhere(pick, scaleCurrent('heatCurrent', 1, delta, 'VTP')));
        expect(w.maxError).toBeGreaterThan(w.tolerance);
      });
  it('refuses a NaN current', () => {
    const w = appBNumeric(wrongWhere((_, ref) => ref.temperature === 100, scaleCurrent('heatCurrent', 1, Number.NaN, 'VTP')));
    expect(w.maxError).toBe(Infinity);
  });
});

describe('Appendix C numeric route: the flat probe', () => {
  const right = appCNumeric();
  it('passes with the solver', () => {
    expect(right.maxError).toBeLessThan(0.1 * right.tolerance);
  });
  for (const delta of [2e-9, -2e-9])
    it(`refuses L^(0)_RP ≠ L^(0)_LP by ${delta} at μ0 = 0 (only the L_LP = L_RP check sees it there: L^(1) ≡ 0)`, () => {
      const n = 3;
      const solver: NumericSolver = {
        ...SOLVER,
        onsager: (s, ref) => {
          const o = SOLVER.onsager(s, ref);
          if (ref.mu !== 0) return o;
          const L0 = Float64Array.from(o.L0);
          L0[1 * n + 2] *= 1 + delta;
          L0[2 * n + 1] *= 1 + delta;
          return { ...o, L0 };
        },
      };
      const w = appCNumeric(solver);
      expect(w.maxError).toBeGreaterThan(w.tolerance);
      expect(w.worst).toMatch(/^L_LP vs L_RP, μ0=0,/);
    });
  for (const delta of [1e-8, -1e-8])
    it(`refuses I_R,VTP ≠ I_R,VP by ${delta} under thermal asymmetry`, () => {
      const w = appCNumeric(
        wrongWhere(
          () => true,
          (r, st) => (st[0].temperature === 350 ? scaleCurrent('chargeCurrent', 1, delta, 'VTP')(r, st) : r),
        ),
      );
      expect(w.maxError).toBeGreaterThan(w.tolerance);
      expect(w.worst).toMatch(/^I_R VP vs VTP \(thermal asym\.\)/);
    });
});

describe('ER probe numeric route (d): ER = VTP when T_PL/T_PR is constant', () => {
  const right = erVtpNumeric();
  it('passes with the solver; the control (probe on site 3) differs', () => {
    expect(right.maxEq).toBeLessThan(1e-10);
    expect(right.minOther).toBeGreaterThan(1e3 * Math.max(right.maxEq, 1e-15));
  });
  const onSite1 = (s: TransportSystem) => s.terminals[2].coupling.gamma.re[1 * 6 + 1] > 0;
  for (const field of ['heatCurrent', 'chargeCurrent'] as const)
    for (const delta of [1e-8, -1e-8])
      it(`refuses an ER ${field} into R off by ${delta}`, () => {
        const w = erVtpNumeric(wrongWhere(onSite1, scaleCurrent(field, 1, delta, 'ER')));
        expect(w.maxEq).toBeGreaterThan(1e-9);
        expect(w.worst).toMatch(field === 'heatCurrent' ? /^J\^Q_R/ : /^I_R/);
      });
  it('a NaN in the control is no evidence that ER and VTP differ', () => {
    const w = erVtpNumeric(wrongWhere((s) => !onSite1(s), scaleCurrent('heatCurrent', 1, Number.NaN, 'ER')));
    expect(w.minOther).toBe(0);
  });
});

describe('Eqs. 26–32 numeric route (thermal circuit)', () => {
  const cases = numericCases({ mus: [0.6, 1.8], gammas: [0.5] });
  /** The same junction with the leads' labels exchanged (L ↔ R): w = κ_LP/(κ_LP + κ_RP) becomes 1 − w. */
  const relabelled = (c: NumericCase): NumericCase => {
    const [l, r, p] = c.system.terminals;
    const b = c.bias;
    return { ...c, system: { ...c.system, terminals: [r, l, p] }, bias: { ...b, muL: b.muR, muR: b.muL, TL: b.TR, TR: b.TL } };
  };
  const right = eq26to32Numeric(SOLVER, cases);
  const swapped = eq26to32Numeric(SOLVER, cases.map(relabelled));
  it('passes with the solver, whatever the leads are called', () => {
    expect(right.maxError).toBeLessThan(0.1 * right.tolerance);
    expect(swapped.maxError).toBeLessThan(0.1 * swapped.tolerance);
  });
  it('the smallest Eq. 26 weight min(w, 1 − w) is a property of the junction, not of the labels, and ≤ 1/2', () => {
    expect(right.minWeight).toBeGreaterThan(0);
    expect(right.minWeight).toBeLessThanOrEqual(0.5);
    expect(Math.abs(swapped.minWeight - right.minWeight)).toBeLessThan(1e-12);
  });
  for (const delta of [1e-7, -1e-7])
    it(`refuses a VTP temperature whose shift from T0 is off by ${delta} of itself`, () => {
      const w = eq26to32Numeric(
        wrongWhere(
          () => true,
          (r, st) => {
            if (st[2].role !== 'VTP') return r;
            const temperature = Float64Array.from(r.temperature);
            temperature[2] += delta * (temperature[2] - r.reference.temperature);
            return { ...r, temperature };
          },
        ),
        cases,
      );
      expect(w.maxError).toBeGreaterThan(w.tolerance);
    });
});

describe('broken reciprocity numeric route: Eq. 33 in its reciprocal form must miss under a flux', () => {
  const right = brokenReciprocityNumeric();
  it('passes with the solver: the general relation holds, the reciprocal form misses', () => {
    expect(right.maxGeneral).toBeLessThan(0.1 * right.tolerance);
    expect(right.minEq33Error).toBeGreaterThan(1e-4);
  });
  it('a solver that loses the field (L symmetrised) makes the reciprocal form hold: the route sees it', () => {
    const sym = (a: Float64Array, n: number) => Float64Array.from(a, (v, i) => 0.5 * (v + a[(i % n) * n + Math.floor(i / n)]));
    const solver: NumericSolver = {
      ...SOLVER,
      onsager: (s, ref) => {
        const o = SOLVER.onsager(s, ref);
        return { ...o, L0: sym(o.L0, o.terminals), L1: sym(o.L1, o.terminals), L2: sym(o.L2, o.terminals) };
      },
    };
    const w = brokenReciprocityNumeric(solver);
    expect(w.minEq33Error).toBeLessThan(1e-9);
  });
});
