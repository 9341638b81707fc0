/**
 * Cross-check against an independent implementation: docs/physics.md §7 quotes numbers an independent
 * NumPy code obtained at fully specified parameters. probecheck recomputes each one at the same
 * parameters (nothing is copied: the quoted value is only compared with), so agreement here tests
 * the solver and our definitions, independently of what the paper's parameters were.
 */
import { CONFIGURATIONS, vpTemperature, type ConfigurationId, type PaperParameters, type VpTemperatureRule } from './params.js';
import type { Bias, Geometry, SweepCache } from './junction.js';
import { peakRelativeError, thermopowerDeviation } from './metrics.js';

/** One quoted number and ours. */
export interface CrossCheck {
  readonly id: string;
  readonly what: string;
  readonly parameters: string;
  /** The value docs/physics.md §7 quotes (percent) and how precisely ("14,723.12", "about 50"). */
  readonly quoted: number;
  readonly quotedText: string;
  /** Accepted difference (percentage points): half a unit of the quoted last digit, or ±5 for "about". */
  readonly tolerance: number;
  readonly ours: number;
  readonly agrees: boolean;
  /** Ours on a coarser grid (half the points), when asked for: peaks between nodes depend on the grid. */
  readonly oursCoarse: number | null;
  readonly coarseStep: number | null;
  readonly agreesCoarse: boolean | null;
}

interface Spec {
  readonly id: string;
  readonly what: string;
  readonly config: ConfigurationId;
  readonly kind: Bias['kind'];
  readonly quantity: 'charge' | 'heat' | 'seebeck';
  readonly hopping: number;
  readonly vp: VpTemperatureRule;
  readonly quoted: number;
  readonly quotedText: string;
  readonly tolerance: number;
}

/** The numbers docs/physics.md §7 quotes from the independent NumPy implementation (γ = 0.05 eV, ΔV = 10 mV, μ0 − ε0 ∈ [−3, 3] eV). */
const SPECS: readonly Spec[] = [
  { id: 'numpy-14723', what: 'pure thermal circuit, thermal asymmetry: peak |δJ^Q_R|', config: 'thermal', kind: 'thermal', quantity: 'heat', hopping: -2.7, vp: 'T_R', quoted: 14723.12, quotedText: '14,723.12 %', tolerance: 0.005 },
  { id: 'numpy-14073', what: 'the same with t = −2.64 eV', config: 'thermal', kind: 'thermal', quantity: 'heat', hopping: -2.64, vp: 'T_R', quoted: 14073, quotedText: '14,073 %', tolerance: 0.5 },
  { id: 'numpy-50', what: 'the same with the VP at 300 K (as the captions read)', config: 'thermal', kind: 'thermal', quantity: 'heat', hopping: -2.7, vp: 'ambient', quoted: 50, quotedText: 'about 50 %', tolerance: 5 },
  { id: 'numpy-sym-charge', what: 'symmetric electronic circuit: peak |δI_R|', config: 'symmetric', kind: 'electronic', quantity: 'charge', hopping: -2.7, vp: 'ambient', quoted: 2.51, quotedText: '2.51 %', tolerance: 0.005 },
  { id: 'numpy-sym-heat', what: 'symmetric electronic circuit: peak |δJ^Q_R|', config: 'symmetric', kind: 'electronic', quantity: 'heat', hopping: -2.7, vp: 'ambient', quoted: 8.2, quotedText: '8.2 %', tolerance: 0.05 },
  { id: 'numpy-sym-thermal', what: 'symmetric pure thermal circuit: peak |δJ^Q_R|', config: 'symmetric', kind: 'thermal', quantity: 'heat', hopping: -2.7, vp: 'ambient', quoted: 5.3, quotedText: '5.3 %', tolerance: 0.05 },
  { id: 'numpy-sym-seebeck', what: 'symmetric thermopower: max|ΔS| / max|S|', config: 'symmetric', kind: 'thermal', quantity: 'seebeck', hopping: -2.7, vp: 'ambient', quoted: 7.4, quotedText: '7.4 %', tolerance: 0.05 },
];

/** Gamma of every cross-check (docs/physics.md §7). */
export const CROSS_CHECK_GAMMA = 0.05;

/**
 * Recompute every quoted number with probecheck on the grid of `cache`, and on `coarse` too when
 * given (the independent code's grid is not stated, and a peak at a resonance depends on it).
 */
export function crossChecks(p: PaperParameters, cache: SweepCache, coarse?: SweepCache): CrossCheck[] {
  const fine = evaluate(p, cache);
  const rough = coarse ? evaluate(p, coarse) : null;
  const step = coarse ? coarse.mu0[1] - coarse.mu0[0] : null;
  return fine.map((c, i) => ({
    ...c,
    oursCoarse: rough ? rough[i].ours : null,
    coarseStep: step,
    agreesCoarse: rough ? rough[i].agrees : null,
  }));
}

function evaluate(p: PaperParameters, cache: SweepCache): Array<Omit<CrossCheck, 'oursCoarse' | 'coarseStep' | 'agreesCoarse'>> {
  return SPECS.map((s) => {
    const c = CONFIGURATIONS[s.config];
    const g: Geometry = { hopping: s.hopping, onsite: p.onsite, gammaL: c.gammaL, gammaR: c.gammaR, probe: 'local', gamma: CROSS_CHECK_GAMMA, flatNormalisation: p.flatNormalisation };
    const b = (role: 'VP' | 'VTP'): Bias => ({ kind: s.kind, role, TL: c.TL, TR: c.TR, TP: vpTemperature(s.vp, c, p.T0), deltaV: 0.01 });
    const a = cache.sweep(g, b('VP')), v = cache.sweep(g, b('VTP'));
    const ours = s.quantity === 'seebeck'
      ? 100 * thermopowerDeviation(a.seebeck, v.seebeck, a.mu0, 'VP').value
      : 100 * Math.abs(peakRelativeError(s.quantity === 'charge' ? a.chargeR : a.heatR, s.quantity === 'charge' ? v.chargeR : v.heatR, a.mu0, 'VP', p.zeroCrossingWindow).value);
    const parameters = `t = ${s.hopping} eV, γ = ${CROSS_CHECK_GAMMA} eV, ${s.vp === 'ambient' ? 'T_VP = 300 K' : `T_VP = T_R = ${c.TR} K`}${s.kind === 'electronic' ? ', ΔV = 10 mV' : ''}, ${c.name} (${c.TL} K / ${c.TR} K), error relative to the VP`;
    return { id: s.id, what: s.what, parameters, quoted: s.quoted, quotedText: s.quotedText, tolerance: s.tolerance, ours, agrees: Math.abs(ours - s.quoted) <= s.tolerance };
  });
}
