/**
 * The paper's figures and headline table (src/paper): shape of the data and physics sanity, on a
 * coarser grid than the report's (121 points, γ ∈ {0, 0.01, 0.05, 0.5}) so that it runs in a few
 * seconds; every check below holds point by point, so the grid does not matter to it.
 *
 * Tolerances: identities that hold exactly in linear response (VP ≡ VTP at γ = 0; Eq. 18; Eq. 33;
 * J^Q_VTP = 0; the flat-probe symmetry) are checked at 1e-9 relative to the natural scale of the
 * quantity (a handful of flops in a 6 × 6 Schur solve; measured residuals are ~1e-13).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import {
  CLAIMS,
  CONFIGURATIONS,
  DEFAULT_PARAMETERS,
  SweepCache,
  eq18Residual,
  geometryOf,
  biasesOf,
  maxAbs,
  nearestIndex,
  reproducePaper,
  type PaperParameters,
  type Reproduction,
} from '../../src/paper/index.js';
import { SMALL_SPACE } from './smallSpace.js';

const P: PaperParameters = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 121 }, gammas: [0, 0.01, 0.05, 0.5] };
const REL = 1e-9;
let rep: Reproduction;
let cache: SweepCache;

beforeAll(() => {
  rep = reproducePaper(P, {}, SMALL_SPACE);
  cache = new SweepCache(P.mu0, P.T0);
});

describe('figures', () => {
  it('are Figs. 1–6 with one row per configuration × γ × μ0 and every plotted column present', () => {
    expect(rep.figures.map((f) => f.id)).toEqual(['fig1', 'fig2', 'fig3', 'fig4', 'fig5', 'fig6']);
    const configs = { fig1: 1, fig2: 2, fig3: 2, fig4: 3, fig5: 3, fig6: 2 } as Record<string, number>;
    for (const f of rep.figures) {
      expect(f.rows.length, f.id).toBe(configs[f.id] * P.gammas.length * P.mu0.points);
      const keys = new Set(f.columns.map((c) => c.key));
      for (const p of f.panels) {
        for (const s of p.series) expect(keys.has(s.key), `${f.id}/${p.id}: ${s.key}`).toBe(true);
        expect(keys.has(p.x)).toBe(true);
        const n = f.rows.filter((r) => Object.entries(p.where).every(([k, v]) => r[k] === v)).length;
        expect(n, `${f.id}/${p.id} selects rows`).toBe(P.gammas.length * P.mu0.points);
      }
      for (const r of f.rows.slice(0, 5)) for (const c of f.columns) expect(r[c.key], `${f.id}.${c.key}`).toBeDefined();
    }
  });

  it('VP and VTP coincide in the coherent limit γ = 0 (the probe carries no current)', () => {
    for (const id of ['fig1', 'fig2', 'fig4', 'fig6']) {
      const f = rep.figures.find((x) => x.id === id)!;
      const rows = f.rows.filter((r) => r.gamma_eV === 0);
      const scale = maxAbs(rows.map((r) => r.JQ_R_VTP_nW as number));
      for (const r of rows) {
        expect(Math.abs((r.JQ_R_VP_nW as number) - (r.JQ_R_VTP_nW as number))).toBeLessThanOrEqual(REL * scale);
        expect(r.err_Q_pct).toBeNaN(); // not drawn: it is 0/0-free but identically zero
      }
    }
  });

  it('paper Eq. 18 holds at every point (J_VTP − J_VP = −ratio · J^Q_P,VP)', () => {
    for (const config of ['thermal', 'tunnel'] as const) {
      const c = CONFIGURATIONS[config];
      const { vp, vtp } = biasesOf(P, c, 'electronic');
      for (const gamma of [0.01, 0.5]) {
        const g = geometryOf(P, c, gamma, 'local');
        expect(eq18Residual(cache.sweep(g, vp, { ratios: true }), cache.sweep(g, vtp))).toBeLessThan(REL);
      }
    }
  });

  it('the VTP takes no heat, the VP does, and Ṡ_VP ≥ Ṡ_VTP (paper Eq. 33)', () => {
    const c = CONFIGURATIONS.thermal;
    for (const kind of ['electronic', 'thermal'] as const) {
      const { vp, vtp } = biasesOf(P, c, kind);
      const g = geometryOf(P, c, 0.05, 'local');
      const a = cache.sweep(g, vp),
        b = cache.sweep(g, vtp);
      const scale = maxAbs(a.heatR);
      expect(maxAbs(b.heatP)).toBeLessThanOrEqual(REL * scale);
      expect(maxAbs(a.heatP)).toBeGreaterThan(1e-3 * scale);
      for (let i = 0; i < a.mu0.length; i++) {
        expect(a.entropy[i] - b.entropy[i]).toBeGreaterThanOrEqual(-REL * b.entropy[i]);
        // Eq. 33: Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP)/T0²
        const eq33 = (a.heatP[i] * (b.TP[i] - a.TP[i])) / (P.T0 * P.T0);
        expect(Math.abs(a.entropy[i] - b.entropy[i] - eq33)).toBeLessThanOrEqual(REL * b.entropy[i]);
      }
    }
  });

  it('flat probe with full symmetry: J^Q_P,VP = 0 and VP ≡ VTP (Appendix C, Eq. 69)', () => {
    const c = CONFIGURATIONS.symmetric;
    const { vp, vtp } = biasesOf(P, c, 'electronic');
    for (const gamma of [0.05, 0.5]) {
      const g = geometryOf(P, c, gamma, 'flat');
      const a = cache.sweep(g, vp),
        b = cache.sweep(g, vtp);
      expect(maxAbs(a.heatP)).toBeLessThanOrEqual(REL * maxAbs(a.heatR));
      for (let i = 0; i < a.mu0.length; i++) {
        expect(Math.abs(a.heatR[i] - b.heatR[i])).toBeLessThanOrEqual(REL * maxAbs(a.heatR));
        expect(Math.abs(a.chargeR[i] - b.chargeR[i])).toBeLessThanOrEqual(REL * maxAbs(a.chargeR));
      }
    }
  });

  it('the flat probe under thermal asymmetry leaves the charge current unchanged but not the heat current (Fig. 6(a))', () => {
    const f = rep.figures.find((x) => x.id === 'fig6')!;
    const rows = f.rows.filter((r) => r.config === 'thermal' && (r.gamma_eV as number) > 0);
    expect(maxAbs(rows.map((r) => r.err_I_pct as number))).toBeLessThan(1e-8);
    expect(maxAbs(rows.map((r) => r.err_Q_pct as number))).toBeGreaterThan(10);
  });

  it('the thermopower vanishes at mid-gap in the symmetric junction (particle–hole symmetry)', () => {
    const f = rep.figures.find((x) => x.id === 'fig5')!;
    const rows = f.rows.filter((r) => r.config === 'symmetric');
    const scale = maxAbs(rows.map((r) => r.S_VTP_uVK as number));
    for (const r of rows.filter((x) => x.mu0_eV === 0)) {
      expect(Math.abs(r.S_VTP_uVK as number)).toBeLessThan(1e-9 * scale);
      expect(Math.abs(r.S_VP_uVK as number)).toBeLessThan(1e-9 * scale);
    }
  });

  it('the node error under tunnel asymmetry approaches Eq. 34, (Γ_R − Γ_L)/(Γ_L + Γ_R) = −1/3, for every γ', () => {
    // Eq. 34 is leading order (Sommerfeld; T_LR ≪ T_LP at the node): the coherent L–R channel, ∝ (k_BT0)²
    // at a quadratic node, competes with the probe path ∝ γ, so small γ deviates most (−32.3 % at 0.01 eV).
    const c = CONFIGURATIONS.tunnel;
    for (const kind of ['electronic', 'thermal'] as const) {
      const { vp, vtp } = biasesOf(P, c, kind);
      for (const gamma of [0.01, 0.05, 0.5]) {
        const g = geometryOf(P, c, gamma, 'local');
        const a = cache.sweep(g, vp),
          b = cache.sweep(g, vtp);
        const i = nearestIndex(a.mu0, 0);
        // within 1.5 percentage points of −1/3 (leading order; the worst case, γ = 0.01 eV, is 1.0 pp off)
        expect(Math.abs((a.heatR[i] - b.heatR[i]) / a.heatR[i] + 1 / 3)).toBeLessThan(0.015);
      }
    }
  });
});

describe('headline table', () => {
  it('has every number the paper states (docs/physics.md §7)', () => {
    const stated = [2.5, 8, 36204, -33.3, 4.5, 14723, 40, 7.3, 16.3, 37.1, 20200, 0.6];
    const values = CLAIMS.map((c) => c.paperValue);
    for (const v of stated) expect(values, `paper number ${v}`).toContain(v);
    expect(CLAIMS.filter((c) => c.paperValue === -33.3).map((c) => c.figure)).toEqual(['Fig. 2(b)', 'Fig. 4(c)', 'Fig. 6(b)']);
    expect(rep.headline.map((r) => r.claim.id)).toEqual(CLAIMS.map((c) => c.id));
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
  });

  it('every row shows the baseline value, its parameters and a verdict consistent with the candidates', () => {
    for (const r of rep.headline) {
      expect(r.claim.normaliser).toBe('VP');
      expect(r.baseline.changes).toEqual([]);
      expect(r.candidatesTried).toBeGreaterThan(1);
      if (r.verdict === 'reproduced') expect(r.baseline.matches).toBe(true);
      if (r.verdict === 'reproduced under a stated extra assumption') {
        expect(r.baseline.matches).toBe(false);
        expect(r.best.matches).toBe(true);
        expect(r.best.changes.length).toBeGreaterThan(0);
      }
      if (r.verdict === 'not reproduced') expect(r.candidatesMatching).toBe(0);
    }
  });

  it("the pure-thermal 14,723 % needs t = −2.70 eV, a VP at T_R and γ ≤ 0.05 eV, and is not given by the captions' parameters", () => {
    // docs/physics.md §7: an independent NumPy implementation found exactly this; the value sits at the node (on every grid).
    const row = rep.headline.find((r) => r.claim.id === 'fig4b')!;
    expect(row.verdict).toBe('reproduced under a stated extra assumption');
    expect(row.baseline.measurement.value).toBeLessThan(100);
    expect(row.best.set).toMatchObject({ hopping: -2.7, vpTemperature: 'T_R', gammaMax: 0.05 });
    expect(row.best.measurement.value).toBeCloseTo(14723.12, 1);
    expect(row.best.changes).toHaveLength(3);
  });

  it("the γ-independent node values are reproduced with the paper's parameters", () => {
    for (const id of ['fig2b-node', 'fig4c-node']) {
      const row = rep.headline.find((r) => r.claim.id === id)!;
      expect(row.baseline.measurement.value).toBeLessThan(-32);
      expect(row.baseline.measurement.value).toBeGreaterThan(-34);
    }
    expect(rep.headline.find((r) => r.claim.id === 'appC-symmetric')!.verdict).toBe('reproduced');
    expect(rep.headline.find((r) => r.claim.id === 'fig6a-charge')!.verdict).toBe('reproduced');
  });
});
