/**
 * The pole-subtraction route of the thermometer map (docs/physics.md §15, src/numeric/poleSubtraction.ts,
 * src/analysis/thermometer.ts): window poles of H_eff refined on the sparse solver and integrated in
 * closed form, the remainder by quadrature. Checked against two independent routes where both
 * converge: the whole-T quadrature of the same module (`method: "quadrature"`) and a dense direct
 * evaluation per site (transmission.ts engine + onsager.ts quadrature), row by row relative to each
 * site's row scale; plus a degenerate cluster, a narrow pole, the refusal of a non-symmetric H_eff and
 * the flagging of a pole whose weight cannot be split in double precision.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hermitianArb, uniform, propertyRuns } from '../arbitraries.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { thermometerRows } from '../../src/analysis/thermometer.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { onsagerClosedForm, onsagerQuadrature } from '../../src/numeric/onsager.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { cmatrix, type CMatrix } from '../../src/numeric/linalg.js';
import { sparseFromDense, sparseSolver } from '../../src/numeric/sparse.js';
import { effectiveHamiltonian, localChannels } from '../../src/numeric/sparseTransmission.js';
import { refineWindowPoles } from '../../src/numeric/poleSubtraction.js';
import { generalEigen } from '../../src/numeric/linalg.js';
import type { TransportSystem } from '../../src/numeric/system.js';
import type { Reference } from '../../src/numeric/onsager.js';

/** Two leads and a test probe P (index 2) on site 0. */
function withLeads(h: CMatrix, sL: number[], gL: number, sR: number[], gR: number): TransportSystem {
  const N = h.rows;
  return {
    hamiltonian: h,
    terminals: [
      { name: 'L', role: 'lead', mu: 0.001, temperature: 310, coupling: localCoupling(N, sL, gL) },
      { name: 'R', role: 'lead', mu: 0, temperature: 290, coupling: localCoupling(N, sR, gR) },
      { name: 'P', role: 'VTP', test: true, coupling: localCoupling(N, [0], 1) },
    ],
  };
}

/** Dense direct row of site s: L^(ν)_Pβ by onsagerQuadrature over the dense engine with P on s. */
function denseRow(sys: TransportSystem, s: number, ref: Reference) {
  const N = sys.hamiltonian.rows;
  const couplings = sys.terminals.map((t, a) => (a === 2 ? localCoupling(N, [s], 1) : t.coupling));
  const engine = transmissionEngine(sys.hamiltonian, couplings, { inSelfEnergy: [true, true, false] });
  return onsagerQuadrature(engine, ref.mu, K_B_EV * ref.temperature, { rtol: 1e-11 });
}

/** Dense closed form of the same row (poles.ts eigen-decomposition + trigamma): exact for narrow poles. */
function denseClosedRow(sys: TransportSystem, s: number, ref: Reference) {
  const N = sys.hamiltonian.rows;
  const couplings = sys.terminals.map((t, a) => (a === 2 ? localCoupling(N, [s], 1) : t.coupling));
  return onsagerClosedForm(poleExpansion(sys.hamiltonian, couplings, { inSelfEnergy: [true, true, false] }), ref.mu, K_B_EV * ref.temperature);
}

/** Largest |a − b| over the row entries (β = L, R; ν = 0, 1, 2), over the row scale max_β |L^(0)| (k_BT)^ν. */
function rowDiff(a: { L0: Float64Array; L1: Float64Array; L2: Float64Array }, b: typeof a, kT: number): number {
  const n = 3;
  const scale = Math.max(Math.abs(b.L0[2 * n]), Math.abs(b.L0[2 * n + 1]));
  let worst = 0;
  (['L0', 'L1', 'L2'] as const).forEach((key, nu) => {
    for (const beta of [0, 1]) worst = Math.max(worst, Math.abs(a[key][2 * n + beta] - b[key][2 * n + beta]) / (scale * kT ** nu));
  });
  return worst;
}

describe('pole subtraction = whole-T quadrature = dense direct evaluation', () => {
  it('random real H, local leads: every site, where all three converge (1e-8 of the row scale)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }).chain((N) =>
          fc.record({
            h: hermitianArb(N, { real: true }),
            sL: fc.integer({ min: 0, max: N - 1 }),
            sR: fc.integer({ min: 0, max: N - 1 }),
            gL: uniform(0.02, 1),
            gR: uniform(0.02, 1),
            mu: uniform(-2, 2),
            T: uniform(100, 450),
          }),
        ),
        (c) => {
          fc.pre(c.sL !== c.sR);
          const sys = withLeads(c.h, [c.sL], c.gL, [c.sR], c.gR);
          const ref = { mu: c.mu, temperature: c.T };
          const kT = K_B_EV * c.T;
          const poles = thermometerRows(sys, 2, ref, { rtol: 1e-10 });
          const quad = thermometerRows(sys, 2, ref, { rtol: 1e-10, method: 'quadrature' });
          expect(poles.method).toBe('pole-subtraction');
          expect(quad.method).toBe('quadrature');
          fc.pre(poles.converged && quad.converged);
          for (let s = 0; s < c.h.rows; s++) {
            const dense = denseRow(sys, s, ref);
            if (!dense.converged) continue;
            compared++;
            expect(rowDiff(poles.onsager(s), dense, kT)).toBeLessThan(1e-8);
            expect(rowDiff(quad.onsager(s), dense, kT)).toBeLessThan(1e-8);
            // the unmoved lead–lead coefficients too (relative to themselves)
            const o = poles.onsager(s);
            expect(Math.abs(o.L0[1] - dense.L0[1])).toBeLessThan(1e-8 * Math.abs(dense.L0[1]) + 1e-300);
          }
        },
      ),
      { numRuns: propertyRuns(25) },
    );
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('a degenerate cluster (two-level molecule, both levels coupled by one lead): one broad and one narrow pole', () => {
    // sites 1 and 2 degenerate at ε = 0.05 eV, both coupled to site 0 (lead L) with the same hopping:
    // the lead couples only their symmetric combination, the antisymmetric one couples through R only
    // weakly — a cluster of levels split by far less than the broad width
    const N = 5;
    const h = cmatrix(N, N);
    const set = (i: number, j: number, v: number) => {
      h.re[i * N + j] = v;
      h.re[j * N + i] = v;
    };
    h.re[0] = 0.3;
    h.re[1 * N + 1] = 0.05;
    h.re[2 * N + 2] = 0.05 + 1e-7;
    set(0, 1, -0.4);
    set(0, 2, -0.4);
    set(1, 3, -0.01);
    set(2, 3, 0.01 + 1e-4);
    set(3, 4, -1);
    h.re[3 * N + 3] = 1.5;
    h.re[4 * N + 4] = -1.2;
    const sys = withLeads(h, [0], 0.8, [4], 0.6);
    const ref = { mu: 0.05, temperature: 300 };
    const kT = K_B_EV * 300;
    const poles = thermometerRows(sys, 2, ref, { rtol: 1e-9 });
    const quad = thermometerRows(sys, 2, ref, { rtol: 1e-9, method: 'quadrature' });
    expect(poles.method).toBe('pole-subtraction');
    expect(poles.poles).toBeGreaterThanOrEqual(2);
    expect(quad.converged).toBe(true);
    // every site's row met the tolerance (the lead–lead entries carry a looser estimate: see maxError)
    expect(Math.max(...poles.siteError)).toBeLessThanOrEqual(1e-9);
    for (let s = 0; s < N; s++) {
      const dense = denseRow(sys, s, ref);
      expect(dense.converged).toBe(true);
      expect(rowDiff(poles.onsager(s), dense, kT)).toBeLessThan(1e-7);
      expect(rowDiff(quad.onsager(s), dense, kT)).toBeLessThan(1e-7);
      const o = poles.onsager(s);
      // the estimate covers the actual error of the unmoved coefficient
      expect(Math.abs(o.L0[1] - dense.L0[1])).toBeLessThanOrEqual(Math.max(poles.maxError, 1e-9) * Math.abs(dense.L0[1]));
    }
    // the subtraction leaves a smooth remainder: far fewer energies than the whole-T quadrature
    expect(poles.evaluations).toBeLessThan(quad.evaluations);
  });

  it('a narrow pole (a side level coupled by 1e-4 eV, width ~1e-8 k_BT): closed form where the quadrature has to chase it', () => {
    const N = 5;
    const h = cmatrix(N, N);
    for (let i = 0; i + 2 < N; i++) h.re[i * N + i + 1] = h.re[(i + 1) * N + i] = -1;
    h.re[4 * N + 4] = 0.02; // side level near μ0
    h.re[1 * N + 4] = h.re[4 * N + 1] = 1e-4;
    const sys = withLeads(h, [0], 0.5, [3], 0.5);
    const ref = { mu: 0, temperature: 300 };
    const kT = K_B_EV * 300;
    const poles = thermometerRows(sys, 2, ref, { rtol: 1e-9 });
    const quad = thermometerRows(sys, 2, ref, { rtol: 1e-9, method: 'quadrature' });
    expect(Math.max(...poles.siteError)).toBeLessThanOrEqual(1e-9);
    for (let s = 0; s < N; s++) {
      const dense = denseClosedRow(sys, s, ref);
      expect(rowDiff(poles.onsager(s), dense, kT)).toBeLessThan(1e-7);
      if (quad.siteError[s] <= 1e-9) expect(rowDiff(quad.onsager(s), dense, kT)).toBeLessThan(1e-7);
    }
    // the side site's row is carried by the narrow pole: it is there
    expect(poles.onsager(4).L0[2 * 3]).toBeGreaterThan(1e-3);
    expect(poles.evaluations).toBeLessThan(quad.evaluations);
  });

  it('a chain of 20 close levels (longer than one block): split into blocks, still equal to the dense closed form', () => {
    const M = 20,
      N = 4 + M;
    const h = cmatrix(N, N);
    for (let i = 0; i + 1 < 4; i++) h.re[i * N + i + 1] = h.re[(i + 1) * N + i] = -1;
    for (let k = 0; k < M; k++) {
      const s = 4 + k;
      h.re[s * N + s] = 0.01 + 5e-5 * k + 1e-6 * Math.sin(k); // spacing 5e-5 eV: one chain at the 2e-3 eV gap
      const to = 1 + (k % 2);
      h.re[s * N + to] = h.re[to * N + s] = 0.002 * (1 + 0.1 * k);
    }
    const sys = withLeads(h, [0], 0.5, [3], 0.5);
    const ref = { mu: 0.01, temperature: 300 };
    const kT = K_B_EV * 300;
    const rows = thermometerRows(sys, 2, ref, { rtol: 1e-8 });
    expect(rows.method).toBe('pole-subtraction');
    for (let s = 0; s < N; s++) {
      if (!(rows.siteError[s] <= 1e-8)) continue; // flagged rows are not compared
      expect(rowDiff(rows.onsager(s), denseClosedRow(sys, s, ref), kT)).toBeLessThan(1e-6);
    }
    expect(Array.from(rows.siteError).filter((e) => e <= 1e-8).length).toBeGreaterThan(N / 2);
  });

  it('the refined poles are the eigenvalues of H_eff (dense), and rᵀr = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }).chain((N) => fc.tuple(hermitianArb(N, { real: true }), fc.integer({ min: 0, max: N - 1 }), uniform(0.05, 0.8))),
        ([h, sL, g]) => {
          const N = h.rows;
          const sR = (sL + 1) % N;
          const chans = [localChannels([sL], g), localChannels([sR], g)];
          const K = effectiveHamiltonian(sparseFromDense(h), chans);
          const solver = sparseSolver(K);
          const levels: number[] = [];
          const heff = cmatrix(N, N);
          for (let i = 0; i < N * N; i++) {
            heff.re[i] = K.re.length ? 0 : 0;
          }
          for (let i = 0; i < N; i++)
            for (let p = K.rowPtr[i]; p < K.rowPtr[i + 1]; p++) {
              heff.re[i * N + K.col[p]] = K.re[p];
              heff.im[i * N + K.col[p]] = K.im[p];
            }
          const ev = generalEigen(heff);
          // the levels of H as seeds
          const eh = generalEigen(h);
          for (let k = 0; k < N; k++) levels.push(eh.values.re[k]);
          const set = refineWindowPoles(
            K,
            solver,
            levels.sort((a, b) => a - b),
            chans.flat(),
          );
          for (const q of set.poles) {
            const best = Math.min(...Array.from(ev.values.re, (re, k) => Math.hypot(re - q.re, ev.values.im[k] - q.im)));
            expect(best).toBeLessThan(1e-9 * (1 + Math.abs(q.re)));
            let tr = 0,
              ti = 0;
            for (let i = 0; i < N; i++) {
              tr += q.rRe[i] * q.rRe[i] - q.rIm[i] * q.rIm[i];
              ti += 2 * q.rRe[i] * q.rIm[i];
            }
            expect(Math.abs(tr - 1) + Math.abs(ti)).toBeLessThan(1e-12);
            expect(q.im).toBeLessThan(0);
          }
        },
      ),
      { numRuns: propertyRuns(30) },
    );
  });

  it('refuses a non-symmetric H_eff (flux): the whole-T quadrature, as before', () => {
    const N = 4;
    const h = cmatrix(N, N);
    for (let i = 0; i < N; i++) {
      const j = (i + 1) % N;
      // ring with a Peierls phase: H_ij = −e^{iφ}, H_ji = conj
      h.re[i * N + j] = -Math.cos(0.3);
      h.im[i * N + j] = -Math.sin(0.3);
      h.re[j * N + i] = -Math.cos(0.3);
      h.im[j * N + i] = Math.sin(0.3);
    }
    const sys = withLeads(h, [0], 0.5, [2], 0.5);
    const rows = thermometerRows(sys, 2, { mu: 0.1, temperature: 300 });
    expect(rows.method).toBe('quadrature');
    expect(rows.poles).toBe(0);
  });

  it('a level decoupled from the terminals (its split between them is undefined): its site is flagged, not guessed', () => {
    // site 3 carries a level at 0.01 eV coupled to the chain by 1e-13 eV: its width (~1e-26 eV) is far
    // below rounding, its weight at site 3 is finite (2π |u(3)|² in the γ → 0 limit) and its split
    // between L and R is rounding
    const N = 4;
    const h = cmatrix(N, N);
    h.re[1] = h.re[N] = -1;
    h.re[N + 2] = h.re[2 * N + 1] = -1;
    h.re[3 * N + 3] = 0.01;
    h.re[1 * N + 3] = h.re[3 * N + 1] = 1e-13;
    const sys = withLeads(h, [0], 0.5, [2], 0.5);
    const rows = thermometerRows(sys, 2, { mu: 0, temperature: 300 }, { rtol: 1e-8 });
    expect(rows.converged).toBe(false);
    expect(rows.siteError[3]).toBeGreaterThan(1e-2);
    // the chain sites do not see it: converged there
    expect(rows.siteError[0]).toBeLessThanOrEqual(1e-8);
    expect(rows.siteError[1]).toBeLessThanOrEqual(1e-6);
  });
});
