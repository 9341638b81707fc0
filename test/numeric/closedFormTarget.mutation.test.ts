/**
 * The closed form hands over to quadrature exactly where its own error estimate passes the documented
 * target, 5e-11 of the natural scale (docs/physics.md §13) — not at 2× or 10× that (docs/mutation.md:
 * the estimates are 1–50× above the actual errors, so a looser target would pass every accuracy test).
 *
 * Benzene with a probe of γ = 1e-9 eV (the accuracy table's system) at the antiresonance and the
 * node: a T0 grid locates the hand-overs, bisection pins each; where the estimate varies
 * continuously the last accepted point has an estimate just below 5e-11 and its refused neighbour
 * one just above — between the target and 10× the target, where a looser target would accept it.
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
  const at = (mu: number, T: number) => prepared.onsager({ mu, temperature: T });

  it('at the antiresonance and the node, 1–4000 K: hand-overs where the estimate crosses 5e-11, never beyond', () => {
    // Where the estimate varies continuously in T0, the last accepted point of a hand-over must be
    // just below 5e-11 (a looser target would move the hand-over to where the estimate is looser);
    // some hand-overs are jumps (a tier's subtraction stops applying), so at least one, not every
    // hand-over, must be such a crossing. (Measured 2026-12-02: μ0 = −2.64 eV at 59.06 K, μ0 = 0 at 1631 K.)
    let crossings = 0;
    for (const mu of [-2.64, 0]) {
      const grid = Array.from({ length: 29 }, (_, k) => 10 ** (k / 8)); // 1 K … 4217 K
      const methods = grid.map((T) => at(mu, T).method);
      for (let k = 0; k + 1 < grid.length; k++) {
        if (methods[k] === methods[k + 1]) continue;
        let [acc, ref] = methods[k] === 'closed-form' ? [grid[k], grid[k + 1]] : [grid[k + 1], grid[k]];
        while (Math.abs(acc / ref - 1) > 1e-9) {
          const m = Math.sqrt(acc * ref);
          if (at(mu, m).method === 'closed-form') acc = m;
          else ref = m;
        }
        const e = worstRelativeError(at(mu, acc));
        expect(e, `μ0 = ${mu} eV, T0 = ${acc} K`).toBeLessThanOrEqual(DOCUMENTED_TARGET);
        expect(at(mu, ref).method).toBe('quadrature');
        if (e > 0.9 * DOCUMENTED_TARGET) crossings++;
      }
    }
    expect(crossings).toBeGreaterThanOrEqual(1);
  });

  it('every accepted closed form on a T0 grid states an estimate ≤ the target', () => {
    for (const mu of [-2.64, 0, 0.7])
      for (let k = 0; k <= 34; k++) {
        const o = at(mu, 10 ** (-3 + k * 0.2)); // 1 mK … 10 kK
        if (o.method === 'closed-form') expect(worstRelativeError(o)).toBeLessThanOrEqual(DOCUMENTED_TARGET);
      }
  });
});
