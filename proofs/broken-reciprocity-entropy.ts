/**
 * docs/physics.md §12 (paper Eq. 33 without reciprocity): with a magnetic flux L^(ν)_αβ(B) ≠ L^(ν)_βα(B),
 * only the Onsager–Casimir relation L^(ν)_αβ(B) = L^(ν)_βα(−B) holds, i.e. M(−B) = M(B)ᵀ. Then
 *
 *   h T0 (Ṡ_VP − Ṡ_VTP) = h J^Q_P,VP (θ_P^VTP − θ_P^VP) − dᵀ M(−B) x_VTP(B),   d = x_VP − x_VTP,
 *
 * and Eq. 33 in its reciprocal form (the first term alone) and its sign need M(−B) = M(B).
 * Routes: symbolic (non-symmetric L(B) with the sum rules, L(−B) its own matrix linked by the
 * substitution L_αβ(−B) := L_βα(B)), exact rationals, and the solver on a ring with flux
 * (including a VP temperature at which Ṡ_VP < Ṡ_VTP: the VTP no longer minimises Ṡ).
 */
import type { ProofResult } from './types.js';
import type { Field } from '../src/symbolic/field.js';
import { solveExactCircuit } from '../src/symbolic/circuitExact.js';
import { fmt, rationalRoute, symbolicRoute, timer, verdictOf, SOLVER, WorstError, type NumericSolver, type Residuals } from './lib.js';
import { entropyForm } from './threeTerminal.js';
import { localCoupling, ring, type TerminalState } from '../src/index.js';
import { excessEntropy } from '../src/numeric/entropy.js';

const T = ['L', 'R', 'P'] as const;

/**
 * Non-reciprocal Onsager matrix of L, R, P over F. Free symbols per ν: B{ν}LR, B{ν}RL, B{ν}LP,
 * B{ν}RP; the sum rules (every row and column of 𝓛^(ν) sums to 0) fix L_PL = L_LR + L_LP − L_RL and
 * L_PR = L_RL + L_RP − L_LR. `prefix` B for the field +B, R for the reversed field −B.
 */
export function nonReciprocalMatrix<F>(F: Field<F>, v: (s: string) => F, prefix = 'B'): F[][] {
  const M: F[][] = Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => F.zero));
  for (let nu = 0; nu < 3; nu++) {
    const s = (a: string, b: string) => v(`${prefix}${nu}${a}${b}`);
    const L: Record<string, F> = { LR: s('L', 'R'), RL: s('R', 'L'), LP: s('L', 'P'), RP: s('R', 'P') };
    L.PL = F.sub(F.add(L.LR, L.LP), L.RL);
    L.PR = F.sub(F.add(L.RL, L.RP), L.LR);
    const blocks: Array<[number, number]> =
      nu === 0
        ? [[0, 0]]
        : nu === 1
          ? [
              [0, 3],
              [3, 0],
            ]
          : [[3, 3]];
    for (const [r0, c0] of blocks) {
      for (let a = 0; a < 3; a++) {
        let diag = F.zero;
        for (let b = 0; b < 3; b++) {
          if (a === b) continue;
          const val = L[T[a] + T[b]];
          M[r0 + a][c0 + b] = val;
          diag = F.sub(diag, val);
        }
        M[r0 + a][c0 + a] = diag;
      }
    }
  }
  return M;
}

/** The link L_αβ(−B) := L_βα(B) as a substitution of the R-symbols by B-expressions: M(−B) = M(B)ᵀ. */
function linkedReversed<F>(MB: F[][]): F[][] {
  return MB.map((row, i) => row.map((_, j) => MB[j][i]));
}

function circuits<F>(F: Field<F>, M: F[][], v: (s: string) => F) {
  const given = [v('muL'), v('muR'), F.zero, v('thL'), v('thR'), v('thP')];
  return {
    vp: solveExactCircuit(F, M, ['lead', 'lead', 'VP'], 'electronic', given),
    vtp: solveExactCircuit(F, M, ['lead', 'lead', 'VTP'], 'electronic', given),
  };
}

/** Both sides of the general relation over F, from M(B) and M(−B). */
function relation<F>(F: Field<F>, MB: F[][], MmB: F[][], v: (s: string) => F): { lhs: F; eq33: F; correction: F } {
  const { vp, vtp } = circuits(F, MB, v);
  const lhs = F.sub(entropyForm(F, MB, vp.x), entropyForm(F, MB, vtp.x));
  const eq33 = F.mul(vp.y[5], F.sub(vtp.x[5], vp.x[5]));
  // −dᵀ M(−B) x_VTP
  let c = F.zero;
  for (let i = 0; i < 6; i++) {
    const d = F.sub(vp.x[i], vtp.x[i]);
    let row = F.zero;
    for (let j = 0; j < 6; j++) row = F.add(row, F.mul(MmB[i][j], vtp.x[j]));
    c = F.sub(c, F.mul(d, row));
  }
  return { lhs, eq33, correction: c };
}

const general: Residuals = <F>(F: Field<F>, v: (s: string) => F): F[] => {
  const MB = nonReciprocalMatrix(F, v, 'B');
  const r = relation(F, MB, linkedReversed(MB), v);
  return [F.sub(r.lhs, F.add(r.eq33, r.correction))];
};

/** With reciprocity (L(B) symmetric, so M(−B) = M(B)) the correction vanishes: paper Eq. 33. */
const reciprocalLimit: Residuals = <F>(F: Field<F>, v: (s: string) => F): F[] => {
  // L_RL := L_LR; with the sum rules this makes L_PL = L_LP and L_PR = L_RP: M symmetric
  const sym = (s: string) => {
    const m = /^B(\d)RL$/.exec(s);
    return v(m ? `B${m[1]}LR` : s);
  };
  const MB = nonReciprocalMatrix(F, sym, 'B');
  const r = relation(F, MB, MB, v);
  return [r.correction, F.sub(r.lhs, r.eq33)];
};

/**
 * Numeric route: a ring threaded by a flux (L on 0, R on 2, P on 4): the general relation between
 * Ṡ_VP − Ṡ_VTP and the VP's heat current holds, Eq. 33 in its reciprocal form misses, and a VP
 * temperature with Ṡ_VP < Ṡ_VTP exists. `solver` is injectable: a solver that loses the field
 * (symmetric L) must fail the "misses" check (test/proofs/numericRoutes.mutation.test.ts).
 */
export function brokenReciprocityNumeric(solver: NumericSolver = SOLVER) {
  const ref = { mu: 0.5, temperature: 300 };
  const states = (role: 'VP' | 'VTP', TP?: number): TerminalState[] => [
    { name: 'L', role: 'lead', mu: 0.505, temperature: 320 },
    { name: 'R', role: 'lead', mu: 0.495, temperature: 290 },
    { name: 'P', role, temperature: TP },
  ];
  const general = new WorstError();
  let minEq33Error = Infinity,
    maxDefect = 0,
    counter = '';
  const tolerance = 1e-9; // the relation is exact; the two Ṡ differ by O(1e-2) of Ṡ and each carries ~1e-15 relative rounding
  for (const flux of [0.05, 0.1, 0.25, 0.4]) {
    const sys = {
      hamiltonian: ring(6, -2.7, 0, flux),
      terminals: [
        { name: 'L', role: 'lead' as const, mu: 0.505, temperature: 320, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead' as const, mu: 0.495, temperature: 290, coupling: localCoupling(6, [2], 0.4) },
        { name: 'P', role: 'VP' as const, coupling: localCoupling(6, [4], 0.2) },
      ],
    };
    const o = solver.onsager(sys, ref);
    const vtp = solver.solve(o, states('VTP'), 'electronic', ref);
    for (const TP of [280, 300, 320]) {
      const vp = solver.solve(o, states('VP', TP), 'electronic', ref);
      const e = excessEntropy(vp, vtp, [2]);
      maxDefect = Math.max(maxDefect, e.reciprocityDefect);
      general.note(Math.abs(e.direct - e.reciprocal - e.correction) / Math.abs(e.direct), `flux ${flux} Φ0, T_P = ${TP} K`);
      const miss = Math.abs(e.direct - e.reciprocal) / Math.abs(e.direct);
      if (!(miss >= minEq33Error)) minEq33Error = Number.isNaN(miss) ? 0 : miss; // NaN: no evidence that Eq. 33 misses
    }
    if (!counter) {
      for (const dT of [-0.1, 0.1]) {
        const vp = solver.solve(o, states('VP', vtp.temperature[2] + dT), 'electronic', ref);
        if (vp.entropyProduction < vtp.entropyProduction)
          counter = `flux ${flux} Φ0: a VP held at T_P^VTP ${dT > 0 ? '+' : '−'} 0.1 K produces Ṡ_VP − Ṡ_VTP = ${fmt(vp.entropyProduction - vtp.entropyProduction, 3)} W/K < 0`;
      }
    }
  }
  return { tolerance, maxGeneral: general.maxError, worst: general.worst, minEq33Error, maxDefect, counter };
}

export async function proveBrokenReciprocity(): Promise<ProofResult> {
  const elapsed = timer();
  const parts = [
    { name: 'general relation (L(B) non-symmetric, L(−B) = L(B)ᵀ)', res: general },
    { name: 'reciprocal limit = Eq. 33', res: reciprocalLimit },
  ];
  const symbolic = symbolicRoute(parts, 71);
  const rational = rationalRoute(parts, 8, 7301);

  // Numeric: ring with flux Φ (Peierls phases), L on 0, R on 2, P on 4.
  const { tolerance, maxGeneral, minEq33Error, maxDefect, counter } = brokenReciprocityNumeric();
  const numeric = {
    ok: maxGeneral <= tolerance && minEq33Error > 1e-4 && counter !== '',
    detail: `ring with flux 0.05–0.4 Φ0 (max|M − Mᵀ|/max|M| up to ${fmt(maxDefect, 2)}), VP at 280/300/320 K: the general relation holds to ${fmt(maxGeneral, 2)} of |Ṡ_VP − Ṡ_VTP|; Eq. 33 in its reciprocal form misses by ≥ ${fmt(minEq33Error, 2)}; ${counter || 'no VP temperature below Ṡ_VTP found'}`,
    maxError: maxGeneral,
    tolerance,
  };
  return {
    id: 'broken-reciprocity-entropy',
    claim:
      'With a magnetic flux Eq. 33 becomes Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP)/T0² − dᵀM(−B)x_VTP/(hT0); the reciprocal form and its sign need L(B) = L(B)ᵀ',
    source: 'paper Eqs. 7, 33 (generalised); docs/physics.md §12',
    statementLatex: String.raw`\dot S_{\mathrm{VP}}-\dot S_{\mathrm{VTP}} = \frac{J^Q_{P,\mathrm{VP}}\big(T_P^{\mathrm{VTP}}-T_P^{\mathrm{VP}}\big)}{T_0^2} - \frac{d^{\mathsf T} M(-B)\, x_{\mathrm{VTP}}(B)}{h T_0},\qquad d = x_{\mathrm{VP}}-x_{\mathrm{VTP}},\quad M(-B) = M(B)^{\mathsf T}`,
    derivationLatex: [
      String.raw`h T_0 \dot S = -x^{\mathsf T} M x,\quad x_{\mathrm{VP}} = x_{\mathrm{VTP}} + d,\quad d \text{ supported on } (\mu_P, \theta_P)`,
      String.raw`d^{\mathsf T} M x_{\mathrm{VTP}} = d^{\mathsf T} y_{\mathrm{VTP}} = 0,\qquad d^{\mathsf T} M d = d^{\mathsf T} y_{\mathrm{VP}} = (\theta_P^{\mathrm{VP}}-\theta_P^{\mathrm{VTP}})\, h J^Q_{P,\mathrm{VP}}`,
      String.raw`-x_{\mathrm{VP}}^{\mathsf T} M x_{\mathrm{VP}} + x_{\mathrm{VTP}}^{\mathsf T} M x_{\mathrm{VTP}} = -d^{\mathsf T} M d - x_{\mathrm{VTP}}^{\mathsf T} M d = h J^Q_{P,\mathrm{VP}}(\theta_P^{\mathrm{VTP}}-\theta_P^{\mathrm{VP}}) - d^{\mathsf T} M^{\mathsf T} x_{\mathrm{VTP}}`,
      String.raw`M^{\mathsf T}(B) = M(-B)\ \ (L^{(\nu)}_{\alpha\beta}(B) = L^{(\nu)}_{\beta\alpha}(-B));\quad \text{reciprocity } M(-B) = M(B) \Rightarrow d^{\mathsf T} M(-B) x_{\mathrm{VTP}} = d^{\mathsf T} y_{\mathrm{VTP}} = 0 \ \text{(Eq. 33)}`,
    ],
    symbolic,
    rational,
    numeric,
    verdict: verdictOf(symbolic, rational, numeric),
    notes: [
      'Claims that need reciprocity (L(B) = L(B)ᵀ): Eq. 33 as an equality, its sign Ṡ_VP ≥ Ṡ_VTP, and "the VTP minimises Ṡ over the probe temperature" (with flux the minimum of Ṡ sits where the symmetric part (M + Mᵀ)x vanishes at the probe, not where the currents do); the symmetry part of Eq. 12 becomes the Onsager–Casimir relation M̃(B)ᵀ = M̃(−B).',
      'Claims that do not: the sum rules (Eq. 9, 12), the VP potential and VTP temperature (Eqs. 8, 13–14: they use the probe rows only), κ_P ≥ 0 (Cauchy–Schwarz on Σ_β T_Pβ ≥ 0), the VP–VTP current shifts (Eqs. 18–19: linearity), Ṡ ≥ 0 (−(M + Mᵀ)/2 ⪰ 0).',
      'probecheck report uses the general relation and says so when max|M − Mᵀ|/max|M| > 1e-10.',
    ],
    seconds: elapsed(),
  };
}
