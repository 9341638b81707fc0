/**
 * The shared route of a coherent-limit (γ = 0) probe map — every site's Onsager row from ONE vector
 * quadrature (docs/physics.md §15, src/analysis/thermometer.ts) — against the independent per-site
 * route (one closed-form `solveSystem` per site), site by site, on random small systems (fast-check,
 * seed printed by test/setup.ts). Also: the projected poles seed the narrow peaks that first-order
 * widths miss (a degenerate cluster), and an unconverged quadrature says so.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hermitianArb, couplingArb, uniform, propertyRuns } from '../arbitraries.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { probeMap } from '../../src/analysis/map.js';
import { thermometerRows, windowPoles } from '../../src/analysis/thermometer.js';
import { sparseFromDense } from '../../src/numeric/sparse.js';
import { sparseChannels } from '../../src/numeric/sparseTransmission.js';
import { cmatrix, generalEigen } from '../../src/numeric/linalg.js';
import type { TransportSystem } from '../../src/numeric/system.js';
import { integrateAdaptive } from '../../src/numeric/quadrature.js';

const systemArb = fc.integer({ min: 3, max: 9 }).chain((N) =>
  fc.record({
    N: fc.constant(N),
    h: hermitianArb(N, { real: false }),
    real: fc.boolean(),
    hr: hermitianArb(N, { real: true }),
    L: couplingArb(N),
    R: couplingArb(N),
    extra: fc.boolean(), // a second, finite-γ VP probe in G
    gX: uniform(0.05, 0.5),
    mu: uniform(-1.5, 1.5),
    T: uniform(150, 450),
    dTL: uniform(-30, 30),
    dTR: uniform(-30, 30),
    dmu: uniform(-0.003, 0.003),
  }),
);

describe('shared thermometer map (one quadrature) = per-site solveSystem', () => {
  it('site by site, VP and VTP (random H, couplings, extra probe; tolerances relative to each deviation)', () => {
    let compared = 0;
    fc.assert(
      fc.property(systemArb, (c) => {
        const N = c.N;
        const terminals: TransportSystem['terminals'][number][] = [
          { name: 'L', role: 'lead', mu: c.mu + c.dmu, temperature: c.T + c.dTL, coupling: c.L },
          { name: 'R', role: 'lead', mu: c.mu, temperature: c.T + c.dTR, coupling: c.R },
          { name: 'P', role: 'VTP', test: true, coupling: localCoupling(N, [0], 1) },
        ];
        if (c.extra) terminals.push({ name: 'X', role: 'VP', coupling: localCoupling(N, [N - 1], c.gX) });
        const sys: TransportSystem = { hamiltonian: c.real ? c.hr : c.h, terminals };
        const ref = { mu: c.mu, temperature: c.T };
        const sites = Array.from({ length: N }, (_, s) => s);
        const fast = probeMap(sys, ref, 'electronic', 'P', { route: 'shared', sites, rtol: 1e-10 }); // tighter than the default 1e-6
        const slow = probeMap(sys, ref, 'electronic', 'P', { route: 'per-site', sites });
        expect(fast.route).toBe('shared');
        expect(slow.route).toBe('per-site');
        expect(fast.quadrature!.maxError).toBeGreaterThanOrEqual(0);
        // an unconverged quadrature says so (maxError > rtol); it is not compared
        fc.pre(fast.quadrature!.converged);
        compared++;
        // rtol 1e-10 against each site's row scale: T_P − T0 and μ_P − μ0 are weighted averages of the
        // terminals' deviations, so their error is ≲ (terminals)·rtol·(largest deviation); 1e-8 leaves
        // a margin of ~30 over that and of ~1e6 over the closed form's own 5e-11 target
        const dT = Math.max(Math.abs(c.dTL), Math.abs(c.dTR), 1e-3);
        const dmu = Math.max(Math.abs(c.dmu), 1e-6);
        for (let k = 0; k < N; k++) {
          expect(Math.abs(fast.temperatureVTP[k] - slow.temperatureVTP[k])).toBeLessThanOrEqual(1e-8 * dT);
          expect(fast.temperatureVP[k]).toBe(slow.temperatureVP[k]);
          expect(Math.abs(fast.muVTP[k] - slow.muVTP[k])).toBeLessThanOrEqual(1e-8 * (dmu + (dT / c.T) * 0.1));
          expect(Math.abs(fast.muVP[k] - slow.muVP[k])).toBeLessThanOrEqual(1e-8 * (dmu + (dT / c.T) * 0.1));
          // Ṡ involves the unmoved (lead–lead) block too: relative to itself
          expect(Math.abs(fast.entropyVTP[k] - slow.entropyVTP[k])).toBeLessThanOrEqual(1e-7 * slow.entropyVTP[k] + 1e-300);
          expect(Math.abs(fast.entropyVP[k] - slow.entropyVP[k])).toBeLessThanOrEqual(1e-7 * slow.entropyVP[k] + 1e-300);
          expect(fast.heatVP[k]).toBe(0);
        }
      }),
      { numRuns: propertyRuns(25) },
    );
    expect(compared).toBeGreaterThan(10);
  }, 120_000);

  it('projected poles equal the eigenvalues of H_eff when every level is in the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((N) => fc.tuple(hermitianArb(N, { real: false }), couplingArb(N), couplingArb(N))),
        ([h, a, b]) => {
          const N = h.rows;
          const chans = [...sparseChannels(a), ...sparseChannels(b)];
          const poles = windowPoles(sparseFromDense(h), chans, -1e3, 1e3).filter(([, w]) => w > 0 || true);
          // H_eff = H − (i/2)(Γ_a + Γ_b), dense
          const heff = cmatrix(N, N);
          for (let i = 0; i < N * N; i++) {
            heff.re[i] = h.re[i] + 0.5 * (a.gamma.im[i] + b.gamma.im[i]);
            heff.im[i] = h.im[i] - 0.5 * (a.gamma.re[i] + b.gamma.re[i]);
          }
          const ev = generalEigen(heff);
          const exact = Array.from({ length: N }, (_, k) => [ev.values.re[k], -2 * ev.values.im[k]]).sort((x, y) => x[0] - y[0]);
          // windowPoles returns the m projected poles and the m levels (width 0): with every level in the
          // window the projection is exact (U spans C^N), so the poles match to rounding of ‖H_eff‖
          const nrm = 3 * N + 2;
          for (const [re, w] of exact) {
            const best = Math.min(...poles.map(([pr, pw]) => Math.hypot(pr - re, pw - w)));
            expect(best).toBeLessThan(1e-9 * nrm);
          }
        },
      ),
      { numRuns: propertyRuns(30) },
    );
  });

  it('an unconverged quadrature is reported (maxError > rtol), never silent', () => {
    const N = 4;
    const h = cmatrix(N, N);
    for (let i = 0; i + 1 < N; i++) h.re[i * N + i + 1] = h.re[(i + 1) * N + i] = -1;
    const sys: TransportSystem = {
      hamiltonian: h,
      terminals: [
        { name: 'L', role: 'lead', mu: 0.001, temperature: 310, coupling: localCoupling(N, [0], 0.5) },
        { name: 'R', role: 'lead', mu: 0, temperature: 290, coupling: localCoupling(N, [N - 1], 0.5) },
        { name: 'P', role: 'VTP', test: true, coupling: localCoupling(N, [1], 1) },
      ],
    };
    const ok = thermometerRows(sys, 2, { mu: 0, temperature: 300 });
    expect(ok.converged).toBe(true);
    expect(ok.maxError).toBeLessThanOrEqual(ok.rtol);
    expect(Math.max(...ok.siteError)).toBeLessThanOrEqual(ok.rtol);
    // a tolerance below the rounding of the integrand cannot be met: converged false, maxError above it
    const tight = thermometerRows(sys, 2, { mu: 0, temperature: 300 }, { rtol: 1e-17 });
    expect(tight.converged).toBe(false);
    expect(tight.maxError).toBeGreaterThan(1e-17);
    // and per site: which rows missed
    expect(tight.siteError).toHaveLength(N);
    expect(tight.siteError.some((e) => e > 1e-17)).toBe(true);
    expect(Math.max(...tight.siteError)).toBeLessThanOrEqual(tight.maxError);
  });
});

describe('integrateAdaptive with a feature below the resolution of x (the sub-resolution poles of a flake)', () => {
  it('keeps refining the other panels and reports the unresolvable one', () => {
    // component 0: a Gaussian of width 1e-3 (needs refinement); component 1: a Lorentzian of half-width
    // 1e-16 at 0.3 (narrower than any panel the integrator may form: ~1e-13 of |x|)
    const g = 1e-16;
    const f = (x: number, out: Float64Array) => {
      out[0] = Math.exp(-(((x + 0.5) / 1e-3) ** 2));
      out[1] = g / ((x - 0.3) ** 2 + g * g) / Math.PI;
    };
    const res = integrateAdaptive(f, 2, -1, 1, {
      rtol: 1e-10,
      scale: (est, out) => {
        out[0] = Math.abs(est[0]);
        out[1] = Math.abs(est[1]);
      },
      breakpoints: [-0.5, 0.3 - 1e-12, 0.3, 0.3 + 1e-12],
      maxPanels: 4000,
    });
    const exact = Math.sqrt(Math.PI) * 1e-3;
    // before the fix the integration stopped when the spike's panel could not be bisected, leaving the
    // Gaussian unrefined; now it converges to the tolerance, and the spike's component says it did not
    expect(Math.abs(res.value[0] - exact)).toBeLessThan(1e-9 * exact);
    expect(res.error[0]).toBeLessThanOrEqual(1e-10 * Math.abs(res.value[0]));
    expect(res.converged).toBe(false);
    expect(res.error[1]).toBeGreaterThan(1e-10 * Math.abs(res.value[1]));
  });
});
