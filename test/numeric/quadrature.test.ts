/**
 * The Lorentzian variable of integrateAdaptive (x = c + η tan θ, docs/physics.md §14) and the sparse
 * Onsager quadrature that uses it, against closed forms: ∫ dx/((x − c)² + η²) = [atan((x − c)/η)]/η
 * exactly, and the pole-sum closed form of onsager.ts for a chain small enough for the dense path
 * (here forced through the sparse engine). Each result's own error estimate must bound its actual
 * error; tolerances are relative to the natural scale of each coefficient (docs/physics.md §13).
 */
import { describe, it, expect } from 'vitest';
import { defaultPanelBudget, integrateAdaptive, PANEL_BUDGET_MAX } from '../../src/numeric/quadrature.js';
import { chain } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { fermiWindow, LORENTZIAN_TAIL, lorentzianLayout, onsagerClosedForm, onsagerScales } from '../../src/numeric/onsager.js';
import { sparseFromDense } from '../../src/numeric/sparse.js';
import { sparseChannels, sparseOnsager, sparseResonances, sparseTransmissionEngine } from '../../src/numeric/sparseTransmission.js';
import { K_B_EV } from '../../src/numeric/constants.js';

const lorentz = (c: number, eta: number) => (x: number, out: Float64Array) => {
  out[0] = 1 / ((x - c) * (x - c) + eta * eta);
};
const exact = (c: number, eta: number, a: number, b: number) => (Math.atan((b - c) / eta) - Math.atan((a - c) / eta)) / eta;
const scaleAbs = (est: Float64Array, out: Float64Array) => {
  for (let i = 0; i < est.length; i++) out[i] = Math.abs(est[i]);
};

describe('integrateAdaptive in the Lorentzian variable', () => {
  it('integrates a Lorentzian of any width in one panel to rounding (η = 1e-9 … 1), error bounded', () => {
    // centre 0: x − c is then exact (at c ≠ 0 the resolution of x itself, ulp(c)/η, limits any rule)
    for (const eta of [1e-9, 1e-5, 1e-2, 1]) {
      const c = 0;
      const panel = { lo: c - 4 * eta, hi: c + 4 * eta, centre: c, halfWidth: eta };
      const r = integrateAdaptive(lorentz(c, eta), 1, panel.lo, panel.hi, { rtol: 1e-13, scale: scaleAbs, lorentzian: [panel] });
      const want = exact(c, eta, panel.lo, panel.hi);
      expect(r.converged).toBe(true);
      expect(r.evaluations).toBe(15); // the map makes the integrand constant: one G7/K15 panel
      expect(Math.abs(r.value[0] - want)).toBeLessThanOrEqual(1e-14 * want);
      expect(Math.abs(r.value[0] - want)).toBeLessThanOrEqual(r.error[0] + 4 * Number.EPSILON * want);
      // the same interval in x needs a graded cascade of panels
      const plain = integrateAdaptive(lorentz(c, eta), 1, panel.lo, panel.hi, { rtol: 1e-13, scale: scaleAbs, breakpoints: [c] });
      expect(plain.evaluations).toBeGreaterThan(5 * r.evaluations);
    }
  });

  it('a smooth factor times a Lorentzian over a wide interval: mapped and plain agree, each within its error', () => {
    // f = cos(x)·e^{x/3}/((x − c)² + η²) on [−2, 3]: the map only around c, plain panels elsewhere
    // (c = 0, as above: x − c exact)
    const c = 0,
      eta = 1e-6;
    const f = (x: number, out: Float64Array) => {
      out[0] = (Math.cos(x) * Math.exp(x / 3)) / ((x - c) * (x - c) + eta * eta);
      out[1] = 1 / ((x - c) * (x - c) + eta * eta);
    };
    const lay = { lo: c - eta, hi: c + eta, centre: c, halfWidth: eta };
    const bp = [c - 4 * eta, c + 4 * eta, c - 16 * eta, c + 16 * eta, c - 64 * eta, c + 64 * eta].sort((p, q) => p - q);
    const m = integrateAdaptive(f, 2, -2, 3, { rtol: 1e-12, scale: scaleAbs, breakpoints: bp, lorentzian: [lay] });
    const p = integrateAdaptive(f, 2, -2, 3, { rtol: 1e-12, scale: scaleAbs, breakpoints: [...bp, c].sort((u, v) => u - v) });
    expect(m.converged && p.converged).toBe(true);
    const want1 = exact(c, eta, -2, 3);
    expect(Math.abs(m.value[1] - want1)).toBeLessThanOrEqual(m.error[1] + 8 * Number.EPSILON * want1);
    expect(Math.abs(m.value[1] - want1)).toBeLessThanOrEqual(1e-12 * want1);
    expect(Math.abs(m.value[0] - p.value[0])).toBeLessThanOrEqual(m.error[0] + p.error[0] + 8 * Number.EPSILON * Math.abs(p.value[0]));
    expect(m.evaluations).toBeLessThan(p.evaluations);
  });

  it('without `lorentzian` (or with an empty list) the result is bit for bit the plain one', () => {
    const f = (x: number, out: Float64Array) => {
      out[0] = 1 / (x * x + 1e-4);
      out[1] = Math.exp(-x * x);
    };
    const bp = [-0.5, -0.01, 0, 0.01, 0.5];
    const a = integrateAdaptive(f, 2, -3, 3, { rtol: 1e-12, scale: scaleAbs, breakpoints: bp });
    const b = integrateAdaptive(f, 2, -3, 3, { rtol: 1e-12, scale: scaleAbs, breakpoints: bp, lorentzian: [] });
    expect(Array.from(b.value)).toEqual(Array.from(a.value));
    expect(Array.from(b.error)).toEqual(Array.from(a.error));
    expect(b.evaluations).toBe(a.evaluations);
  });
});

describe('lorentzianLayout', () => {
  it('one mapped panel per resonance of positive width, inside the midpoints to its neighbours', () => {
    const kT = 0.025;
    const res: Array<[number, number]> = [
      [0.01, 1e-3],
      [0.0101, 1e-3], // 1e-4 eV from the first: the panels are clipped at the midpoint
      [0.05, 0], // unknown width: breakpoints only
      [0.9, 1e-4], // deep in the tail (x = 36): no graded breakpoints
    ];
    // in absolute energy (eV): the panels and breakpoints of a resonance do not depend on μ0
    const { panels, breakpoints } = lorentzianLayout(res, 0, kT, 40);
    expect(panels.length).toBe(3);
    const mid = 0.5 * (0.01 + 0.0101);
    expect(panels[0].hi).toBeLessThanOrEqual(mid);
    expect(panels[1].lo).toBeGreaterThanOrEqual(mid);
    for (const p of panels) expect(p.lo <= p.centre && p.centre <= p.hi && p.halfWidth > 0).toBe(true);
    expect(panels[0]).toEqual({ lo: 0.01 - 5e-4, hi: mid, centre: 0.01, halfWidth: 5e-4 });
    expect(breakpoints.some((b) => Math.abs(b - 0.05) < 1e-5 * kT)).toBe(true);
    expect(fermiWindow(0.9 / kT) * (1 + (0.9 / kT) ** 2)).toBeLessThan(LORENTZIAN_TAIL);
    expect(breakpoints.some((b) => Math.abs(b - 0.9) < 0.5 * kT)).toBe(false);
    expect(panels.some((p) => p.centre === 0.9)).toBe(true);
    // another μ0 with these resonances inside its window: the same panels, the same doubles
    const shifted = lorentzianLayout(res, 0.1, kT, 40);
    expect(shifted.panels.slice(0, 2)).toEqual(panels.slice(0, 2));
  });
});

describe('the sparse Onsager quadrature with a narrow and a broad resonance', () => {
  it('a side level of width ~1e-9 k_BT beside chain levels of width ~1 k_BT: within 1e-10 of the closed form and within its own error (the 7-breakpoint layout: not converged, and says so)', () => {
    const N = 60,
      kT = K_B_EV * 300,
      mu = 0.05;
    // a 60-site chain with leads on its ends and a probe in the middle, and site 60 hanging off site 20
    // by a weak hopping: its level sits 0.3 k_BT above μ0 with a width ∝ t_w²
    const H = chain(N + 1, -2.7);
    const n1 = N + 1;
    H.re[(N - 1) * n1 + N] = 0;
    H.re[N * n1 + N - 1] = 0;
    H.re[20 * n1 + N] = 1.8e-5;
    H.re[N * n1 + 20] = 1.8e-5;
    H.re[N * n1 + N] = mu + 0.3 * kT;
    const cs = [localCoupling(n1, [0], 0.5), localCoupling(n1, [N - 1], 0.3), localCoupling(n1, [40], 0.1)];
    const h = sparseFromDense(H);
    const res = sparseResonances(h, cs.map(sparseChannels), mu - 41 * kT, mu + 41 * kT);
    const widths = res.map(([, w]) => w / kT);
    expect(Math.min(...widths)).toBeGreaterThan(1e-10);
    expect(Math.min(...widths)).toBeLessThan(1e-8); // the narrow one is what the test says
    expect(Math.max(...widths)).toBeGreaterThan(0.5); // and a broad one coexists
    const cf = onsagerClosedForm(poleExpansion(H, cs), mu, kT);
    const [s0, s1, s2] = onsagerScales(cf);
    const engine = sparseTransmissionEngine(h, cs.map(sparseChannels));
    for (const lorentzian of [true, false]) {
      const q = sparseOnsager(engine, res, mu, kT, { lorentzian });
      // measured: the 7-breakpoint layout (panels ≥ 1e-6 k_BT wide around a 1e-9 k_BT peak) stops
      // at 4e-10 of the scale and reports converged = false with an estimate of 1.3e-9
      expect(q.converged).toBe(lorentzian);
      (['L0', 'L1', 'L2'] as const).forEach((key, nu) => {
        const s = [s0, s1, s2][nu];
        for (let ab = 0; ab < 9; ab++) {
          if (ab % 4 === 0) continue;
          const d = Math.abs(q[key][ab] - cf[key][ab]);
          if (lorentzian) expect(d).toBeLessThanOrEqual(1e-10 * s[ab]);
          // its own estimate bounds the actual error (plus the closed form's own estimate)
          expect(d).toBeLessThanOrEqual(q.error[key][ab] + (cf.error?.[key][ab] ?? 0) + 1e-15 * s[ab]);
        }
      });
    }
  });

  it('a chain of 200 sites (the structure of the 2000-site benchmark, a tenth of its resonances): the Lorentzian route meets the closed form with fewer evaluations', () => {
    const N = 200,
      kT = K_B_EV * 300,
      mu = 0.1;
    const H = chain(N, -2.7);
    const cs = [localCoupling(N, [0], 0.5), localCoupling(N, [N - 1], 0.5), localCoupling(N, [N >> 1], 0.1)];
    const h = sparseFromDense(H);
    const res = sparseResonances(h, cs.map(sparseChannels), mu - 41 * kT, mu + 41 * kT);
    const cf = onsagerClosedForm(poleExpansion(H, cs), mu, kT);
    const [s0, s1, s2] = onsagerScales(cf);
    const engine = sparseTransmissionEngine(h, cs.map(sparseChannels));
    const evals: number[] = [];
    for (const lorentzian of [true, false]) {
      const q = sparseOnsager(engine, res, mu, kT, { lorentzian });
      expect(q.converged).toBe(true);
      evals.push(q.evaluations);
      (['L0', 'L1', 'L2'] as const).forEach((key, nu) => {
        const s = [s0, s1, s2][nu];
        for (let ab = 0; ab < 9; ab++) {
          if (ab % 4 === 0) continue;
          const d = Math.abs(q[key][ab] - cf[key][ab]);
          expect(d).toBeLessThanOrEqual(1e-10 * s[ab]);
          expect(d).toBeLessThanOrEqual(q.error[key][ab] + (cf.error?.[key][ab] ?? 0) + 1e-15 * s[ab]);
        }
      });
    }
    expect(evals[0]).toBeLessThan(evals[1]);
  });
});

describe('the dense path quadrature in the Lorentzian variable (system.ts)', () => {
  it('a weakly coupled side level (width ~4e-11 k_BT) converges, and meets the closed form to 1e-12 of the natural scale', async () => {
    const { prepareSystem } = await import('../../src/numeric/system.js');
    const { onsagerQuadrature } = await import('../../src/numeric/onsager.js');
    const { cmatrix } = await import('../../src/numeric/linalg.js');
    // a 20-site chain with a side site (ε = 0.05 eV) hanging on site 10 by a 1e-6 eV bond: its level
    // is ~1e-12 eV wide, far below k_BT = 26 meV and below the 7-breakpoint layout's resolution
    const n = 21,
      c = chain(20, -1),
      H = cmatrix(n, n);
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) H.re[i * n + j] = c.re[i * 20 + j];
    H.re[10 * n + 20] = H.re[20 * n + 10] = 1e-6;
    H.re[20 * n + 20] = 0.05;
    const t = (name: string, role: 'lead' | 'VP', sites: number[], g: number) => ({
      name,
      role,
      mu: 0,
      temperature: 300,
      coupling: localCoupling(n, sites, g),
    });
    const p = prepareSystem({ hamiltonian: H, terminals: [t('L', 'lead', [0], 1), t('R', 'lead', [19], 1), t('P', 'VP', [5], 0.1)] });
    const ref = { mu: 0.05, temperature: 300 },
      kT = K_B_EV * 300;
    const cf = p.onsager(ref, 'closed-form');
    const q = p.onsager(ref, 'quadrature');
    const scales = onsagerScales(cf);
    let worst = 0;
    (['L0', 'L1', 'L2'] as const).forEach((key, nu) => q[key].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - cf[key][i]) / scales[nu][i]))));
    expect(worst).toBeLessThan(1e-12);
    // the layout it replaced stalls on this level (and says so: converged = false)
    const pe = p.poles();
    const res = Array.from({ length: pe.poles }, (_, k) => [pe.lambdaRe[k], -2 * pe.lambdaIm[k]] as [number, number]);
    expect(onsagerQuadrature(p.engine(), ref.mu, kT, { resonances: res }).converged).toBe(false);
    expect(onsagerQuadrature(p.engine(), ref.mu, kT, { resonances: res, lorentzian: true }).converged).toBe(true);
  });
});

describe('defaultPanelBudget', () => {
  it('is 4000 for a coarse mesh, 8 per initial panel for a fine one, bounded for memory', () => {
    expect(defaultPanelBudget(1)).toBe(4000);
    expect(defaultPanelBudget(500)).toBe(4000);
    expect(defaultPanelBudget(1000)).toBe(8000);
    expect(defaultPanelBudget(1e6)).toBe(PANEL_BUDGET_MAX);
  });

  it('lets a mesh of many narrow peaks converge where 4000 panels stop short', () => {
    // 2000 unit-area Lorentzians of half-width 1e-4 on [0, 1] at the midpoints of 2000 cells, each
    // cell a panel: ∫ = Σ_k (atan((1 − c_k)/η) + atan(c_k/η))/π, known in closed form
    const K = 2000,
      eta = 1e-4;
    const c = Array.from({ length: K }, (_, k) => (k + 0.5) / K);
    const f = (x: number, out: Float64Array) => {
      let s = 0;
      for (const ck of c) s += eta / Math.PI / ((x - ck) ** 2 + eta * eta);
      out[0] = s;
    };
    const exact = c.reduce((s, ck) => s + (Math.atan((1 - ck) / eta) + Math.atan(ck / eta)) / Math.PI, 0);
    const breakpoints = Array.from({ length: K - 1 }, (_, k) => (k + 1) / K);
    const scale = (_e: Float64Array, out: Float64Array) => {
      out[0] = exact;
    };
    const capped = integrateAdaptive(f, 1, 0, 1, { rtol: 1e-10, scale, breakpoints, maxPanels: 4000 });
    const budget = integrateAdaptive(f, 1, 0, 1, { rtol: 1e-10, scale, breakpoints });
    expect(capped.converged).toBe(false);
    expect(budget.converged).toBe(true);
    // K15 errors are upper estimates here: the value is within the reported error
    expect(Math.abs(budget.value[0] - exact)).toBeLessThanOrEqual(budget.error[0] + 4 * Number.EPSILON * exact);
  }, 60_000);
});
