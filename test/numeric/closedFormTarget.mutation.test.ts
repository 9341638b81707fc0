/**
 * The closed form hands over to quadrature exactly where its own error estimate passes the documented
 * target, 5e-11 of the natural scale (docs/physics.md §13) — not at 2× or 10× that (docs/mutation.md:
 * the estimates are 1–50× above the actual errors, so a looser target would pass every accuracy test).
 *
 * Benzene at the antiresonance μ0 = −2.64 eV with a probe of γ = 1e-9 eV (the accuracy table's
 * system): at 56 K the closed form's estimate is above the target (quadrature), at 75 K below it.
 * Bisecting in T0 on the method finds the hand-over; the estimate varies continuously with T0 there,
 * so the last accepted point must have an estimate just below 5e-11, and the first refused point one
 * just above it — between the target and 10× the target, where a looser target would accept it.
 */
import { describe, it, expect } from 'vitest';
import { benzene, localCoupling, prepareSystem, type TransportSystem } from '../../src/index.js';
import { worstRelativeError } from '../../src/numeric/onsager.js';

/** docs/physics.md §13, written here rather than imported: the test pins the documented value. */
const DOCUMENTED_TARGET = 5e-11;

const system: TransportSystem = {
  hamiltonian: benzene(-2.64),
  terminals: [
    { name: 'L', role: 'lead', coupling: localCoupling(6, [0], 0.5), mu: 0, temperature: 300 },
    { name: 'R', role: 'lead', coupling: localCoupling(6, [2], 0.5), mu: 0, temperature: 300 },
    { name: 'P', role: 'VP', coupling: localCoupling(6, [3], 1e-9) },
  ],
};

describe('the closed form hands over to quadrature at its documented target (5e-11)', () => {
  const prepared = prepareSystem(system);
  const mu = -2.64;
  const at = (T: number) => prepared.onsager({ mu, temperature: T });

  it('at the antiresonance between 56 K and 75 K: the last accepted estimate is within 10 % below the target', () => {
    let refused = 56,
      accepted = 75;
    expect(at(refused).method).toBe('quadrature');
    expect(at(accepted).method).toBe('closed-form');
    while (accepted / refused - 1 > 1e-9) {
      const m = Math.sqrt(refused * accepted);
      if (at(m).method === 'closed-form') accepted = m;
      else refused = m;
    }
    const e = worstRelativeError(at(accepted));
    expect(e).toBeLessThanOrEqual(DOCUMENTED_TARGET);
    expect(e).toBeGreaterThan(0.9 * DOCUMENTED_TARGET);
    // the refused neighbour: its estimate (continuous in T0) lies in (target, 10 × target], and it went to quadrature
    expect(at(refused).method).toBe('quadrature');
  });

  it('every accepted closed form on a T0 grid states an estimate ≤ the target', () => {
    for (let k = 0; k <= 24; k++) {
      const o = at(10 ** (-1 + k * 0.2));
      if (o.method === 'closed-form') expect(worstRelativeError(o)).toBeLessThanOrEqual(DOCUMENTED_TARGET);
    }
  });
});
