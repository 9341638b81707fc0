/**
 * The documented accuracy from 1 mK to 3000 K (docs/physics.md §13) against 30-digit mpmath
 * references (test/fixtures/reference, section lowT): the benzene node (μ0 = 0), antiresonance
 * (μ0 = −2.64 eV) and a generic point (0.7 eV) with a probe of γ = 1e-9 eV; a Breit–Wigner level
 * 1e-9 eV wide at 1 mK; two levels 5e-3 eV and 1e-12 eV apart (the pole expansion's degeneracy
 * tolerance merges the latter).
 *
 * Tolerance per coefficient: the automatic choice (closed form in its three tiers, or the
 * hand-over) 1e-10 · s_ν, the natural scale s_ν (onsagerScales) alone; the quadrature alone
 * 1e-10 · s_ν + δE · |∂L^(ν)/∂μ0| with δE = 8ε(max|ε_k| + |μ0|), the resolution of a transmission
 * evaluated in double precision (∂L/∂μ0 from the references; docs/physics.md §13). The closed
 * form's own error estimate must bound its actual error in each tier: plain pole sums, T(μ0) from
 * the double engine subtracted, T(μ0) and T′(μ0) from the double-double point evaluation.
 */
import { describe, it, expect } from 'vitest';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { cmatrix, type CMatrix } from '../../src/numeric/linalg.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { prepareSystem, CLOSED_FORM_TARGET, type TransportSystem } from '../../src/numeric/system.js';
import { onsagerClosedForm, onsagerScales, type Onsager } from '../../src/numeric/onsager.js';
import { pointTransmissionBuffer, pointTransmissionEngine, type PointTransmission } from '../../src/numeric/pointTransmission.js';

/** δE in units of ε(max|ε_k| + |μ0|): stated here, independently of the solver's own constant. */
const RESOLUTION = 8;
import { K_B_EV } from '../../src/numeric/constants.js';
import { reference } from '../fixtures/reference/load.js';

type Entry = (typeof reference.lowT)[number];

function systemOf(e: Entry): TransportSystem {
  let h: CMatrix;
  let cs;
  if (e.system === 'benzene') {
    h = benzene(-2.64);
    cs = [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5), localCoupling(6, [3], 1e-9)];
  } else if (e.system === 'breitWigner') {
    h = cmatrix(1, 1);
    h.re[0] = e.eps!;
    cs = [localCoupling(1, [0], e.gammaL!), localCoupling(1, [0], e.gammaR!)];
  } else {
    h = cmatrix(2, 2);
    h.re[0] = 0.1 - e.split! / 2;
    h.re[3] = 0.1 + e.split! / 2;
    cs = [localCoupling(2, [0], 0.02), localCoupling(2, [1], 0.03), localCoupling(2, [0, 1], 0.01)];
  }
  const names = ['L', 'R', 'P'];
  return { hamiltonian: h, terminals: cs.map((coupling, a) => ({ name: names[a], role: a < 2 ? ('lead' as const) : ('VP' as const), coupling })) };
}

function referenceOnsager(e: Entry, n: number): Onsager {
  const o = { terminals: n, L0: new Float64Array(n * n), L1: new Float64Array(n * n), L2: new Float64Array(n * n) };
  for (const [key, L] of Object.entries(e.pairs)) {
    const a = Number(key[0]),
      b = Number(key[1]);
    for (const ab of [a * n + b, b * n + a]) {
      o.L0[ab] = L[0];
      o.L1[ab] = L[1];
      o.L2[ab] = L[2];
    }
  }
  return o;
}

/** Worst |ΔL|/tolerance and worst |ΔL|/s_ν over every coefficient. */
function compare(got: Onsager, e: Entry, deltaE: number): { ratio: number; relative: number; where: string } {
  const n = got.terminals;
  const ref = referenceOnsager(e, n);
  const s = onsagerScales(ref);
  let ratio = 0,
    relative = 0,
    where = '';
  for (const [key, D] of Object.entries(e.dmu)) {
    const a = Number(key[0]),
      b = Number(key[1]);
    for (const ab of [a * n + b, b * n + a]) {
      (['L0', 'L1', 'L2'] as const).forEach((k, nu) => {
        const d = Math.abs(got[k][ab] - ref[k][ab]);
        const tol = 1e-10 * s[nu][ab] + deltaE * Math.abs(D[nu]);
        if (d / tol > ratio) {
          ratio = d / tol;
          where = `${k}[${a}][${b}]`;
        }
        relative = Math.max(relative, d / s[nu][ab]);
      });
    }
  }
  return { ratio, relative, where };
}

function resolution(system: TransportSystem, mu: number): number {
  const lv = prepareSystem(system).engine().levels;
  let m = Math.abs(mu);
  for (const l of lv) m = Math.max(m, Math.abs(l));
  return RESOLUTION * Number.EPSILON * m;
}

describe('accuracy from 1 mK to 3000 K against 30-digit mpmath', () => {
  const table: string[] = [];
  for (const e of reference.lowT) {
    it(`${e.name}, T0 = ${e.T} K`, () => {
      const system = systemOf(e);
      const prep = prepareSystem(system);
      const ref = { mu: e.mu, temperature: e.T };
      const dE = resolution(system, e.mu);
      const auto = prep.onsager(ref);
      const quad = prep.onsager(ref, 'quadrature');
      const a = compare(auto, e, 0),
        q = compare(quad, e, dE);
      expect(a.ratio, `automatic (${auto.method}) at ${a.where}`).toBeLessThanOrEqual(1);
      expect(q.ratio, `quadrature at ${q.where}`).toBeLessThanOrEqual(1);
      // the closed form's error estimate is honest (bounds its actual error) in every tier, so its
      // hand-over is right
      const n = system.terminals.length;
      const t0 = new Float64Array(n * n);
      prep.engine().evaluate(e.mu, t0);
      const pt = pointTransmissionBuffer(n);
      expect(
        pointTransmissionEngine(
          system.hamiltonian,
          system.terminals.map((t) => t.coupling),
        ).evaluate(e.mu, pt),
      ).toBe(true);
      const rf = referenceOnsager(e, n),
        s = onsagerScales(rf);
      const tiers: Array<[string, Float64Array | PointTransmission | undefined, number]> = [
        ['plain', undefined, dE],
        ['T(μ0) subtracted', t0, dE],
        ['T, T′ (double-double) subtracted', pt, 0],
      ];
      for (const [tier, at, res] of tiers) {
        const cf = onsagerClosedForm(prep.poles(), e.mu, K_B_EV * e.T, at);
        (['L0', 'L1', 'L2'] as const).forEach((k, nu) => {
          for (let i = 0; i < n * n; i++) {
            if (i % (n + 1) === 0) continue;
            const d = Math.abs(cf[k][i] - rf[k][i]);
            const key = `${Math.min(Math.floor(i / n), i % n)}${Math.max(Math.floor(i / n), i % n)}`;
            expect(d, `closed-form (${tier}) ${k}[${i}] estimate ${cf.error![k][i]}`).toBeLessThanOrEqual(
              cf.error![k][i] + 1e-12 * s[nu][i] + res * Math.abs(e.dmu[key][nu]),
            );
          }
        });
      }
      if (auto.method === 'closed-form') expect(a.relative).toBeLessThanOrEqual(1e-10 + CLOSED_FORM_TARGET);
      table.push(
        `${e.name.padEnd(32)} T0=${String(e.T).padEnd(6)} ${auto.method?.padEnd(11)} |ΔL|/s ${a.relative.toExponential(1)}  (vs tolerance ${a.ratio.toExponential(1)})  quadrature alone ${q.relative.toExponential(1)}`,
      );
    });
  }
  it('prints the accuracy table (docs/physics.md §13)', () => {
    if (process.env.PROBECHECK_ACCURACY_TABLE) process.stdout.write(`\n${table.join('\n')}\n`);
    expect(table.length).toBe(reference.lowT.length);
  });
});
