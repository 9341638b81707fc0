/**
 * Currents to full precision (docs/physics.md §4 "Currents to full precision"; src/numeric/probes.ts
 * `currentsCancel`, `accurateCurrents`): an ill-conditioned circuit — a probe coupled 10⁴–10¹² times
 * more strongly to one lead than to the other — against the same circuit solved in exact rational
 * arithmetic (src/symbolic/circuitExact.ts, an independent elimination) from the very doubles the
 * numeric route reads: the off-diagonal L^(ν)_αβ (the diagonal is minus the row's sum, exactly) and
 * the fixed variables x_F as prepareCircuit forms them.
 *
 * Tolerance: a current whose exact value is at least 2⁻⁴⁰ of its gross flow Σ_j |M_ij x_j| is
 * within 2⁻²⁸ (≈ 3.7e-9) of itself. Untriggered, the double route's error is ≲ 2m·u of the gross flow
 * and the gross flow is < 2²⁰ |y| (else the check triggers): 2m·u·2²⁰ ≈ 1.4e-9 for m = 8; triggered,
 * it is a few u of |y|. Below 2⁻⁴⁰ of its gross flow a current is zero to rounding: within 64·u of
 * the circuit's largest gross flow (a current zero by construction is the sum of the others'
 * rounding). Ṡ likewise, within 2⁻²⁸ of itself. Before the precise route, the 10⁹-ratio cases missed by ~1e-6.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prepareCircuit, type CircuitKind, type TerminalState } from '../../src/numeric/circuit.js';
import { circuitKernel, circuitColumns, physicalMatrixInto } from '../../src/numeric/circuitKernels.js';
import type { Onsager } from '../../src/numeric/onsager.js';
import { RationalField } from '../../src/symbolic/field.js';
import { fromNumber, toNumber, type Rational } from '../../src/symbolic/rational.js';
import { solveExactCircuit, type ExactRole } from '../../src/symbolic/circuitExact.js';
import { E_CHARGE, H_EV_S } from '../../src/numeric/constants.js';
import { uniform } from '../arbitraries.js';

const U = 2 ** -53;
const F = RationalField;

/** An admissible reciprocal Onsager set: per pair L0 > 0, L2 > 0, L1² < L0 L2; pair (hot) scaled by `ratio`. */
function onsagerSet(n: number, pairs: readonly (readonly [number, number, number])[], hot: readonly [number, number], ratio: number): Onsager {
  const L0 = new Float64Array(n * n),
    L1 = new Float64Array(n * n),
    L2 = new Float64Array(n * n);
  let k = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const [g, r, w] = pairs[k++];
      const s = (a === hot[0] && b === hot[1]) || (a === hot[1] && b === hot[0]) ? ratio : 1;
      const l0 = g * s,
        l2 = l0 * w * w,
        l1 = r * Math.sqrt(l0 * l2);
      L0[a * n + b] = L0[b * n + a] = l0;
      L1[a * n + b] = L1[b * n + a] = l1;
      L2[a * n + b] = L2[b * n + a] = l2;
    }
  return { terminals: n, L0, L1, L2 };
}

/** The exact Onsager matrix of the set: off-diagonal entries as given, diagonals minus the row sums. */
function exactMatrix(o: Onsager): Rational[][] {
  const n = o.terminals,
    m = 2 * n;
  const M: Rational[][] = Array.from({ length: m }, () => Array.from({ length: m }, () => F.zero));
  for (const [blk, L] of [
    [0, o.L0],
    [1, o.L1],
    [2, o.L1],
    [3, o.L2],
  ] as const) {
    const r0 = blk >= 2 ? n : 0,
      c0 = blk & 1 ? n : 0;
    for (let a = 0; a < n; a++) {
      let d = F.zero;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const v = fromNumber(L[a * n + b]);
        M[r0 + a][c0 + b] = v;
        d = F.sub(d, v);
      }
      M[r0 + a][c0 + a] = d;
    }
  }
  return M;
}

const caseArb = fc.record({
  n: fc.constantFrom(3, 4),
  kind: fc.constantFrom<CircuitKind>('electronic', 'thermal'),
  roles: fc.array(fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), { minLength: 2, maxLength: 2 }),
  pairs: fc.array(fc.tuple(uniform(0.05, 2), uniform(-0.9, 0.9), uniform(0.02, 0.2)), { minLength: 6, maxLength: 6 }),
  hotLead: fc.constantFrom(0, 1),
  log10ratio: uniform(4, 12),
  dmu: uniform(-2e-3, 2e-3),
  tr: uniform(0.9, 1.1),
  tvp: uniform(0.95, 1.05),
});

describe('currents to full precision in ill-conditioned circuits', () => {
  it('every current and Ṡ against exact rational arithmetic on the same doubles (2⁻²⁸ of itself)', () => {
    let triggered = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const { n, kind } = c;
        const mu0 = 0.2,
          T0 = 300;
        const terminals: TerminalState[] = Array.from({ length: n }, (_, a) => {
          if (a === 0) return { name: 'L', role: 'lead', mu: mu0 + c.dmu, temperature: T0 * c.tr };
          if (a === 1)
            return kind === 'thermal'
              ? { name: 'R', role: 'lead', temperature: T0 / c.tr }
              : { name: 'R', role: 'lead', mu: mu0 - c.dmu / 3, temperature: T0 / c.tr };
          const role = c.roles[a - 2];
          return role === 'VP' ? { name: `P${a}`, role, temperature: T0 * c.tvp } : { name: `P${a}`, role };
        });
        // the first probe is strongly coupled to one lead: its potential follows that lead's to 1/ratio
        const o = onsagerSet(n, c.pairs, [c.hotLead, 2], 10 ** c.log10ratio);
        const reference = { mu: mu0, temperature: T0 };
        const r = prepareCircuit(terminals, reference, kind).solve(o);
        // the exact route from the same doubles: x_F as prepareCircuit forms it
        const m = 2 * n;
        const given: Rational[] = Array.from({ length: m }, (_, i) => {
          const t = terminals[i % n];
          if (i < n) return fromNumber(t.mu === undefined ? 0 : t.mu - mu0);
          return fromNumber(t.temperature === undefined ? 0 : (t.temperature - T0) / T0);
        });
        const roles: ExactRole[] = terminals.map((t) => (t.role === 'lead' ? 'lead' : (t.role as ExactRole)));
        const Mx = exactMatrix(o);
        const ex = solveExactCircuit(F, Mx, roles, kind, given);
        const x = ex.x.map(toNumber);
        const hJ = [...r.particleCurrent].map((v) => v * H_EV_S).concat([...r.heatCurrent].map((v) => (v / E_CHARGE) * H_EV_S));
        let anyLoss = false;
        const grossOf = (i: number) => Mx[i].reduce((s, v, j) => s + Math.abs(toNumber(v) * x[j]), 0);
        const maxGross = Math.max(...Array.from({ length: m }, (_, i) => grossOf(i)));
        for (let i = 0; i < m; i++) {
          const yx = toNumber(ex.y[i]);
          const gross = grossOf(i);
          if (Math.abs(yx) < 2 ** -20 * gross && Math.abs(yx) > 2 ** -44 * gross) anyLoss = true;
          const err = Math.abs(hJ[i] - yx);
          // hJ: the SI current times h; the conversion's own rounding is a few u of the value
          // (a current zero by construction, like the gauge lead's J^N of a thermal circuit, is the sum
          // of the others' rounding: zero to rounding of the circuit's largest gross flow)
          const bound = Math.abs(yx) >= 2 ** -40 * gross ? 2 ** -28 * Math.abs(yx) : 64 * U * maxGross;
          if (!(err <= bound))
            throw new Error(
              `row ${i} (${i < n ? 'J^N' : 'J^Q'} of ${terminals[i % n].name}): ${hJ[i]} vs exact ${yx}, error ${(err / Math.abs(yx)).toExponential(2)} of itself, gross/|y| = ${(gross / Math.abs(yx)).toExponential(2)}`,
            );
        }
        if (anyLoss) triggered++;
        // Ṡ = −xᵀMx·e/(h T0) in W/K against the exact quadratic form
        let xy = F.zero;
        for (let i = 0; i < m; i++) xy = F.add(xy, F.mul(ex.x[i], ex.y[i]));
        const sExact = -toNumber(xy);
        const sNum = (r.entropyProduction / E_CHARGE) * H_EV_S * T0;
        expect(Math.abs(sNum - sExact), 'Ṡ').toBeLessThanOrEqual(2 ** -28 * Math.abs(sExact));
        // the scan's kernel hands such a point over, or solves it within the same relative bound; its
        // zero-by-construction currents are Cramer's rule's rounding, ≤ 256·u·κ(M_UU) of the gross flow
        // with κ < 2¹² (KERNEL_MIN_DET_RATIO, else it hands over): 2⁻³³ of the largest
        const k = circuitKernel(terminals, reference, kind);
        const cols = circuitColumns(kind, k.terminals, 1);
        const M = physicalMatrixInto(o.L0, o.L1, o.L2, 0, n, k.test, new Float64Array(m * m));
        if (k.solveInto(M, mu0, cols, 0))
          for (let a = 0; a < n; a++) {
            const yx = toNumber(ex.y[a]);
            const e = Math.abs(cols.particleCurrent[a] * H_EV_S - yx);
            expect(e, `kernel J^N of ${terminals[a].name}`).toBeLessThanOrEqual(
              Math.abs(yx) >= 2 ** -40 * grossOf(a) ? 2 ** -28 * Math.abs(yx) : 2 ** -33 * maxGross,
            );
          }
      }),
      { numRuns: 150 },
    );
    // the property is about the precise route: most cases must have needed it
    expect(triggered).toBeGreaterThan(50);
  });
});
