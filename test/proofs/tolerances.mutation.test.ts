/**
 * The proofs' numeric tolerances are pinned from both sides (docs/mutation.md, issue 12 §4): the
 * correct solver passes, and a solver that is wrong by just more than the tolerance — but by less
 * than a 10× looser tolerance or floor would allow — is caught. A tolerance or floor that could be
 * loosened tenfold unnoticed would let such a wrong claim through.
 */
import { describe, it, expect } from 'vitest';
import { numericCases, solveStates, SOLVER, withSolve } from '../../proofs/lib.js';
import { eq17to19Numeric } from '../../proofs/eq17-19-vp-vtp-shifts.js';

describe('Eqs. 17–19 numeric route: the tolerance 1e-8 and the floor 1e-6·|current|', () => {
  // μ0 = 0 is the particle–hole-symmetric node (L1 ≡ 0): there the VP→VTP shift of every particle
  // current vanishes and the check is absolute, |ΔJ^N| ≤ 1e-8 · 1e-6 |J^N| = 1e-14 |J^N|. μ0 = 0.6 eV
  // has non-zero shifts, judged relative to the shift.
  const cases = numericCases({ mus: [0, 0.6], gammas: [0.5], random: false });
  const right = eq17to19Numeric(SOLVER, cases);

  it('the solver passes with a margin (its error is rounding, ≥ 10× below the tolerance)', () => {
    expect(right.tolerance).toBe(1e-8);
    expect(right.maxError).toBeLessThan(0.1 * right.tolerance);
  });

  it('a spurious VTP particle-current shift of 3e-14 |J^N| at the node is caught (a 1e-5 floor would accept it)', () => {
    // e = 3e-14 |J| / (1e-6 |J|) = 3e-8 > 1e-8; with a floor of 1e-5 |J| it would be 3e-9 < 1e-8.
    const wrong: typeof solveStates = (o, states, kind, ref) => {
      const r = solveStates(o, states, kind, ref);
      if (states[2].role !== 'VTP' || ref?.mu !== 0) return r;
      const particleCurrent = Float64Array.from(r.particleCurrent);
      particleCurrent[0] *= 1 + 3e-14;
      return { ...r, particleCurrent };
    };
    const w = eq17to19Numeric(withSolve(wrong), cases);
    expect(w.maxError).toBeGreaterThan(w.tolerance);
    expect(w.maxError).toBeLessThan(10 * w.tolerance); // just beyond: the floor is what decides
    expect(w.worst).toMatch(/μ0=0 /);
  });

  it('a VTP temperature shift off by 3e-8 of itself is caught (a tolerance of 1e-7 would accept it)', () => {
    const wrong: typeof solveStates = (o, states, kind, ref) => {
      const r = solveStates(o, states, kind, ref);
      if (states[2].role !== 'VTP' || !ref || ref.mu === 0) return r;
      const vp = solveStates(
        o,
        states.map((s, a) => (a === 2 ? { ...s, role: 'VP' as const, temperature: ref.temperature } : s)),
        kind,
        ref,
      );
      const temperature = Float64Array.from(r.temperature);
      temperature[2] += 3e-8 * (r.temperature[2] - vp.temperature[2]);
      return { ...r, temperature };
    };
    const w = eq17to19Numeric(withSolve(wrong), cases);
    expect(w.maxError).toBeGreaterThan(w.tolerance);
    expect(w.maxError).toBeLessThan(10 * w.tolerance);
  });
});
