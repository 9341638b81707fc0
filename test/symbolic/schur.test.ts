import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Q from '../../src/symbolic/rational.js';
import { Poly, RatFunc } from '../../src/symbolic/polynomial.js';
import { DegreeField, NumberField, PolyRing, RationalField, RatFuncField, DEGREE_VARIABLE } from '../../src/symbolic/field.js';
import { borderedSchur, determinant, schurComplement, schurComplementCramer, SingularExactError } from '../../src/symbolic/schur.js';
import { onsagerSymbols, symbolicOnsagerMatrix } from '../../src/symbolic/onsagerSymbolic.js';
import { solveExactCircuit } from '../../src/symbolic/circuitExact.js';
import { onsagerMatrix, schurEliminate } from '../../src/index.js';
import { propertyRuns } from '../arbitraries.js';

const q = (n: number, d = 1) => Q.rat(n, d);
const qm = (rows: number[][]) => rows.map((r) => r.map((v) => q(v)));

describe('exact Schur complements of small matrices', () => {
  it('2×2: [[a, b], [c, d]] / d = a − bc/d (symbolic)', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'dd'].map((s) => RatFunc.variable(s));
    const s = schurComplement(
      RatFuncField,
      [
        [a, b],
        [c, d],
      ],
      [1],
    );
    expect(s.effective[0][0].sub(a.sub(b.mul(c).div(d))).isZero()).toBe(true);
    expect(s.response[0][0].add(c.div(d)).isZero()).toBe(true);
  });
  it('a hand-computed 3×3 example over Q', () => {
    // M = [[4,1,2],[1,3,0],[2,0,5]], eliminate index 2: M̃ = [[4 − 4/5, 1], [1, 3]] = [[16/5, 1], [1, 3]]
    const s = schurComplement(
      RationalField,
      qm([
        [4, 1, 2],
        [1, 3, 0],
        [2, 0, 5],
      ]),
      [2],
    );
    expect(s.effective).toEqual([
      [q(16, 5), q(1)],
      [q(1), q(3)],
    ]);
    expect(s.response).toEqual([[q(-2, 5), q(0)]]);
    // eliminate 1 and 2: 4 − [1 2] diag(1/3, 1/5) [1 2]ᵀ = 4 − 1/3 − 4/5 = 43/15
    expect(
      schurComplement(
        RationalField,
        qm([
          [4, 1, 2],
          [1, 3, 0],
          [2, 0, 5],
        ]),
        [1, 2],
      ).effective,
    ).toEqual([[q(43, 15)]]);
  });
  it('pivots past a zero and reports a singular block', () => {
    const s = schurComplement(
      RationalField,
      qm([
        [1, 2, 3],
        [2, 0, 1],
        [3, 1, 0],
      ]),
      [1, 2],
    );
    // [[0,1],[1,0]]⁻¹ = itself: 1 − [2 3][[0,1],[1,0]][2 3]ᵀ = 1 − 12 = −11
    expect(s.effective).toEqual([[q(-11)]]);
    expect(() =>
      schurComplement(
        RationalField,
        qm([
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ]),
        [1, 2],
      ),
    ).toThrow(SingularExactError);
  });
  it('determinant: known values and a symbolic Vandermonde', () => {
    expect(
      determinant(
        RationalField,
        qm([
          [2, 0, 1],
          [1, 3, 2],
          [1, 1, 2],
        ]),
      ),
    ).toEqual(q(6));
    const [a, b, c] = ['a', 'b', 'c'].map((s) => Poly.variable(s));
    const V = [
      [Poly.one, a, a.mul(a)],
      [Poly.one, b, b.mul(b)],
      [Poly.one, c, c.mul(c)],
    ];
    expect(determinant(PolyRing, V).equals(b.sub(a).mul(c.sub(a)).mul(c.sub(b)))).toBe(true);
  });
  it('Gauss–Jordan, Cramer and bordered determinants agree at random rational matrices; quotient property', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 25, maxLength: 25 }), (vals) => {
        const M = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => q(vals[i * 5 + j] + (i === j ? 50 : 0))));
        const U = [1, 3];
        const gj = schurComplement(RationalField, M, U);
        const cr = schurComplementCramer(RationalField, M, U);
        const bs = borderedSchur(RationalField, M, U);
        expect(cr.effective).toEqual(gj.effective);
        expect(cr.response).toEqual(gj.response);
        gj.effective.forEach((row, i) => row.forEach((v, j) => expect(Q.div(bs.num[i][j], bs.den)).toEqual(v)));
        const one = schurComplement(RationalField, schurComplement(RationalField, M, [1]).effective, [2]);
        expect(one.effective).toEqual(gj.effective);
      }),
    );
  });
  it('degree bounds dominate the true degrees', () => {
    const M = symbolicOnsagerMatrix(DegreeField, ['L', 'R', 'P'], () => DEGREE_VARIABLE);
    const s = schurComplement(DegreeField, M, [2, 5]);
    const exact = borderedSchur(
      PolyRing,
      symbolicOnsagerMatrix(PolyRing, ['L', 'R', 'P'], (n) => Poly.variable(n)),
      [2, 5],
    );
    expect(s.effective[0][1].num).toBeGreaterThanOrEqual(exact.num[0][1].degree());
  });
});

describe('symbolic Onsager matrix', () => {
  it('has the layout and sum rules of the numeric onsagerMatrix (random values)', () => {
    const names = onsagerSymbols(['L', 'R', 'P']);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 2, noNaN: true }), { minLength: 9, maxLength: 9 }), (vals) => {
        const val = new Map(names.map((n, k) => [n, vals[k]]));
        const S = symbolicOnsagerMatrix(NumberField, ['L', 'R', 'P'], (n) => val.get(n)!);
        const L = (nu: number) => {
          const out = new Float64Array(9);
          for (const [a, b] of [
            [0, 1],
            [0, 2],
            [1, 2],
          ]) {
            const v = val.get(`L${nu}${'LRP'[a]}${'LRP'[b]}`)!;
            out[a * 3 + b] = v;
            out[b * 3 + a] = v;
          }
          return out;
        };
        const N = onsagerMatrix({ terminals: 3, L0: L(0), L1: L(1), L2: L(2) });
        for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(S[i][j]).toBeCloseTo(N[i * 6 + j], 14);
        // the numeric Schur (src/numeric/probes.ts) agrees with ours
        const ns = schurEliminate(N, 6, [2, 5]);
        const ss = schurComplement(NumberField, S, [2, 5]);
        ss.effective.flat().forEach((v, k) => expect(v).toBeCloseTo(ns.effective[k], 10));
      }),
      { numRuns: propertyRuns(20) },
    );
  });
  it('exact circuit: the VTP has J^N_P = J^Q_P = 0 and the thermal circuit J^N = 0', () => {
    const v = (s: string) => RatFunc.variable(s);
    const M = symbolicOnsagerMatrix(RatFuncField, ['L', 'R', 'P'], v);
    const given = [v('muL'), v('muR'), RatFunc.constant(0), v('thL'), v('thR'), v('thP')];
    const vtp = solveExactCircuit(RatFuncField, M, ['lead', 'lead', 'VTP'], 'electronic', given);
    expect(vtp.y[2].isZero() && vtp.y[5].isZero()).toBe(true);
    const th = solveExactCircuit(RatFuncField, M, ['lead', 'lead', 'VP'], 'thermal', given);
    expect([0, 1, 2].every((r) => th.y[r].isZero())).toBe(true);
    expect(th.y[5].isZero()).toBe(false); // the VP exchanges heat
  });
});

import { symbolicEffective } from '../../src/symbolic/probesSymbolic.js';

describe('symbolic effective coefficients (Eqs. 11, 16)', () => {
  const V = (s: string) => RatFunc.variable(s);
  it('VP: L̃0_LR = L0_LR + L0_LP L0_RP/(L0_LP + L0_RP) (conductances in series through the probe)', () => {
    const e = symbolicEffective(['L', 'R', 'P'], ['lead', 'lead', 'VP']);
    const want = V('L0LR').add(
      V('L0LP')
        .mul(V('L0RP'))
        .div(V('L0LP').add(V('L0RP'))),
    );
    expect(e.coefficient(0, 'L', 'R').sub(want).isZero()).toBe(true);
    // the VP keeps its θ column: L̃2_RP = L2_RP − S1 L1_RP/S0
    const S0 = V('L0LP').add(V('L0RP')),
      S1 = V('L1LP').add(V('L1RP'));
    expect(
      e
        .coefficient(2, 'R', 'P')
        .sub(V('L2RP').sub(S1.mul(V('L1RP')).div(S0)))
        .isZero(),
    ).toBe(true);
    expect(() => e.coefficient(0, 'L', 'P')).toThrow(RangeError);
  });
  it('VTP with L1 = 0 reduces to series combinations in each block', () => {
    const e = symbolicEffective(['L', 'R', 'P'], ['lead', 'lead', 'VTP']);
    const at = new Map<string, Poly>([
      ['L1LR', Poly.zero],
      ['L1LP', Poly.zero],
      ['L1RP', Poly.zero],
    ]);
    const c = e.coefficient(2, 'L', 'R');
    const got = new RatFunc(c.num.substitute(at), c.den.substitute(at));
    const want = V('L2LR').add(
      V('L2LP')
        .mul(V('L2RP'))
        .div(V('L2LP').add(V('L2RP'))),
    );
    expect(got.sub(want).isZero()).toBe(true);
    expect(e.coefficientLatex(1, 'L', 'R')).toMatch(/^\\tilde L\^\{\(1\)\}_\{LR\} = \\frac/);
  });
});
