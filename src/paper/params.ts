/**
 * The benzene junction of the paper's §IV (Figs. 1–6) and every parameter the reproduction uses
 * (docs/physics.md §7). Parameters the paper states are marked `stated`; parameters it does not state
 * (their values were lost or never given) are our documented choices, and the headline table
 * (headline.ts) searches a small stated set of alternatives for them.
 *
 * Geometry (docs/physics.md §7): sites 0…5 around the ring (site 0 = carbon 1 of the paper); L on
 * site 0, R on site 2 (meta to L), the probe P on site 3 (para to L, ortho to R).
 * Energies in eV, temperatures in K, ΔV in V (μ_L − μ_R = e ΔV, so in eV it is the same number).
 */

/** One of the paper's three bias/coupling configurations. */
export type ConfigurationId = 'symmetric' | 'thermal' | 'tunnel';

/** Couplings and lead temperatures of a configuration (docs/physics.md §7). */
export interface Configuration {
  readonly id: ConfigurationId;
  /** Short name used in the report. */
  readonly name: string;
  /** Γ_L (eV) on site 0. */
  readonly gammaL: number;
  /** Γ_R (eV) on site 2. */
  readonly gammaR: number;
  /** T_L (K). */
  readonly TL: number;
  /** T_R (K). */
  readonly TR: number;
}

/** docs/physics.md §7: Fig. 1 / 4(a) symmetric, Fig. 2(a) / 4(b) thermal asymmetry, Fig. 2(b) / 4(c) tunnel asymmetry. */
export const CONFIGURATIONS: Readonly<Record<ConfigurationId, Configuration>> = {
  symmetric: { id: 'symmetric', name: 'symmetric', gammaL: 0.5, gammaR: 0.5, TL: 325, TR: 275 },
  thermal: { id: 'thermal', name: 'thermal asymmetry', gammaL: 0.5, gammaR: 0.5, TL: 350, TR: 275 },
  tunnel: { id: 'tunnel', name: 'tunnel asymmetry', gammaL: 0.5, gammaR: 0.25, TL: 325, TR: 275 },
};

/** Sites of the junction (0-based). */
export const SITES = { L: 0, R: 2, P: 3, flat: [0, 1, 2, 3, 4, 5] as readonly number[] } as const;

/** Terminal order of every junction system: L, R, P. */
export const TERMINAL = { L: 0, R: 1, P: 2 } as const;

/**
 * How the VP temperature is fixed. `ambient`: T_VP = T0 = 300 K (the captions, §IV); the other
 * rules are candidates the headline search tries (docs/physics.md §7): T_R, T_L, (T_L + T_R)/2.
 */
export type VpTemperatureRule = 'ambient' | 'T_R' | 'T_L' | 'mid';

/** The VP temperature (K) for a rule and a configuration. */
export function vpTemperature(rule: VpTemperatureRule, c: Configuration, T0: number): number {
  switch (rule) {
    case 'ambient':
      return T0;
    case 'T_R':
      return c.TR;
    case 'T_L':
      return c.TL;
    case 'mid':
      return (c.TL + c.TR) / 2;
  }
}

/** Human-readable VP temperature rule. */
export function vpTemperatureLabel(rule: VpTemperatureRule): string {
  return { ambient: 'T_VP = T0 = 300 K', T_R: 'T_VP = T_R', T_L: 'T_VP = T_L', mid: 'T_VP = (T_L + T_R)/2' }[rule];
}

/**
 * Normalisation of the flat probe of Appendix C (Eq. 64): `gammaI` gives Γ_P = γ·I (each of the six
 * sites an independent channel of width γ; localCoupling(6, [0…5], γ)), `gammaOver6I` gives
 * Γ_P = (γ/6)·I (the same total width γ spread over the ring).
 */
export type FlatNormalisation = 'gammaI' | 'gammaOver6I';

/**
 * Which current a relative error is divided by: `VP` gives (J_VP − J_VTP)/J_VP (the paper's
 * Appendix B, Eqs. 59–63), `VTP` gives (J_VP − J_VTP)/J_VTP.
 */
export type ErrorReference = 'VP' | 'VTP';

/** Every parameter of the reproduction. */
export interface PaperParameters {
  /** Hückel hopping t (eV). Not in the extracted text; ref. 52's value −2.64 eV is the default (docs/physics.md §2). */
  readonly hopping: number;
  /** On-site energy ε0 (eV); the x axis is μ0 − ε0. */
  readonly onsite: number;
  /** Reference (ambient) temperature T0 (K); stated: 300 K. */
  readonly T0: number;
  /** How the VP temperature is fixed; stated: 300 K. */
  readonly vpTemperature: VpTemperatureRule;
  /** Electrical bias ΔV (V) of the electronic circuit, μ_L = μ0 + ΔV/2, μ_R = μ0 − ΔV/2; lost from the paper. */
  readonly deltaV: number;
  /** Level-alignment grid μ0 − ε0 (eV): `points` evenly spaced values from `min` to `max`. */
  readonly mu0: { readonly min: number; readonly max: number; readonly points: number };
  /** Probe couplings γ (eV) drawn in every figure; 0 is the coherent limit (a zero-coupling test probe). */
  readonly gammas: readonly number[];
  /** Flat-probe normalisation (Fig. 6). */
  readonly flatNormalisation: FlatNormalisation;
  /** Relative-error definition. */
  readonly errorReference: ErrorReference;
  /**
   * Points of the μ0 grid closer than this (eV) to a sign change of the reference current are left
   * out of a "peak relative error": there the denominator crosses zero and the ratio is meaningless.
   */
  readonly zeroCrossingWindow: number;
}

/** The reproduction's defaults: the paper's stated values and our documented choices for the rest. */
export const DEFAULT_PARAMETERS: PaperParameters = {
  hopping: -2.64,
  onsite: 0,
  T0: 300,
  vpTemperature: 'ambient',
  deltaV: 0.01,
  mu0: { min: -3, max: 3, points: 1201 },
  gammas: [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
  flatNormalisation: 'gammaI',
  errorReference: 'VP',
  zeroCrossingWindow: 0.025,
};

/** Which parameters the paper states and which are our choices (for the report's parameters section). */
export const PARAMETER_PROVENANCE: ReadonlyArray<{ readonly name: string; readonly value: (p: PaperParameters) => string; readonly source: string }> = [
  { name: 'Hückel hopping t', value: (p) => `${p.hopping} eV`, source: "not in the extracted text; the value of the paper's ref. 52 fit (docs/physics.md §2)" },
  { name: 'on-site energy ε0', value: (p) => `${p.onsite} eV (x axis: μ0 − ε0)`, source: 'our choice (only μ0 − ε0 matters)' },
  { name: 'reference temperature T0', value: (p) => `${p.T0} K`, source: 'stated (§IV)' },
  { name: 'VP temperature', value: (p) => vpTemperatureLabel(p.vpTemperature), source: 'stated (§IV: "VP probe temperature set to ambient temperature")' },
  { name: 'Γ_L, Γ_R, T_L, T_R', value: () => 'per configuration, see below', source: 'stated (figure captions; docs/physics.md §7)' },
  {
    name: 'electrical bias ΔV',
    value: (p) => `${(p.deltaV * 1000).toFixed(3).replace(/\.?0+$/, '')} mV: μ_L = μ0 + ΔV/2, μ_R = μ0 − ΔV/2`,
    source: 'lost from the paper; our choice',
  },
  {
    name: 'level alignment μ0 − ε0',
    value: (p) => `${p.mu0.min} … ${p.mu0.max} eV, ${p.mu0.points} points (step ${(((p.mu0.max - p.mu0.min) / (p.mu0.points - 1)) * 1000).toFixed(1)} meV)`,
    source: 'our choice (the node μ0 = ε0 is on the grid)',
  },
  {
    name: 'probe couplings γ',
    value: (p) => p.gammas.map((g) => (g === 0 ? '0 (coherent)' : String(g))).join(', ') + ' eV',
    source: 'legend values lost; our choice',
  },
  {
    name: 'flat-probe normalisation',
    value: (p) => (p.flatNormalisation === 'gammaI' ? 'Γ_P = γ·I (six independent channels of width γ)' : 'Γ_P = (γ/6)·I'),
    source: 'Eq. 64 lost; our choice',
  },
  {
    name: 'relative error',
    value: (p) => (p.errorReference === 'VP' ? '(J_VP − J_VTP)/J_VP' : '(J_VP − J_VTP)/J_VTP'),
    source: 'paper Appendix B, Eqs. 59–63',
  },
  {
    name: 'peak relative error',
    value: (p) => `max over the grid of |ΔJ|/|J_ref|, leaving out points within ${p.zeroCrossingWindow * 1000} meV of a sign change of J_ref`,
    source: 'our definition (a ratio whose denominator crosses zero is meaningless)',
  },
];
