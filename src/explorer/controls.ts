/**
 * Which controls the explorer offers for a config, their labels (LaTeX, typeset by KaTeX when the
 * page is built), units and slider ranges. Pure; names and effects are those of
 * {@link applyControl} (model.ts). A control exists only where the config has the field in a form
 * the explorer can vary: `hamiltonian.hopping` for model Hamiltonians, `coupling.gamma` and
 * `coupling.sites` for local ("sites"/"gamma") couplings with one width, `bias` with two leads.
 */
import { controlValue, probeNames, scalarGamma, siteCount, bias, type ExplorerState } from './model.js';

/** One control. */
export interface ControlSpec {
  /** The form element's `name`: its CONFIG path (or `bias`, `explore.*`, see docs/explorer.md). */
  readonly name: string;
  /** Label as LaTeX (inline). */
  readonly latex: string;
  /** What it is, in words (tooltip, docs). */
  readonly text: string;
  readonly unit: string;
  readonly kind: 'number' | 'select' | 'models';
  /** Slider range of a number control (none: a number field only). */
  readonly slider?: { readonly min: number; readonly max: number; readonly step: number };
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly group: string;
  /** Initial value (as the input shows it). */
  readonly value: string;
}

/** Most sites a site picker lists one by one (beyond, the sites are typed as a list). */
export const MAX_PICKER_SITES = 2000;

const tempSlider = (T: number) => ({ min: 10, max: Math.max(600, Math.ceil(2 * T)), step: 1 });

/** The controls for a state (in display order). */
export function controlSpecs(state: ExplorerState): ControlSpec[] {
  const c = state.config;
  const out: ControlSpec[] = [];
  const v = (name: string) => controlValue(state, name);
  const hasModel = typeof c.hamiltonian.model === 'string';
  if (hasModel) {
    const t = Number(v('hamiltonian.hopping'));
    const lo = Math.min(2 * t, 0.25 * t),
      hi = Math.max(2 * t, 0.25 * t);
    out.push({
      name: 'hamiltonian.hopping',
      latex: 't',
      text: 'nearest-neighbour hopping',
      unit: 'eV',
      kind: 'number',
      slider: { min: round(lo), max: round(hi), step: 0.01 },
      group: 'System',
      value: v('hamiltonian.hopping'),
    });
  }
  const eps = hasModel ? Number(v('hamiltonian.onsite')) : undefined;
  out.push({
    name: 'reference.mu',
    latex: eps === 0 ? '\\mu_0 - \\varepsilon_0' : '\\mu_0',
    text: `reference chemical potential μ0 (level alignment μ0 − ε0${eps !== undefined ? `, ε0 = ${eps} eV` : ''}); lead biases move along`,
    unit: 'eV',
    kind: 'number',
    slider: { min: state.view.mu0.min, max: state.view.mu0.max, step: 0.001 },
    group: 'System',
    value: v('reference.mu'),
  });
  out.push({
    name: 'reference.T',
    latex: 'T_0',
    text: 'reference temperature',
    unit: 'K',
    kind: 'number',
    slider: tempSlider(c.reference.T),
    group: 'System',
    value: v('reference.T'),
  });
  out.push({
    name: 'circuit',
    latex: '\\text{circuit}',
    text: 'electronic (lead μ and T given) or pure thermal (every particle current zero)',
    unit: '',
    kind: 'select',
    options: [
      { value: 'electronic', label: 'electronic' },
      { value: 'thermal', label: 'thermal' },
    ],
    group: 'System',
    value: v('circuit'),
  });

  const leads = c.terminals.filter((t) => t.probe === undefined);
  for (const t of leads) {
    const g = scalarGamma(t);
    if (g !== undefined)
      out.push({
        name: `terminals.${t.name}.coupling.gamma`,
        latex: `\\Gamma_{\\mathrm{${tex(t.name)}}}`,
        text: `coupling width of lead ${t.name}`,
        unit: 'eV',
        kind: 'number',
        slider: { min: 0.01, max: Math.max(2, round(2 * g)), step: 0.01 },
        group: 'Leads',
        value: String(g),
      });
  }
  for (const t of leads)
    out.push({
      name: `terminals.${t.name}.T`,
      latex: `T_{\\mathrm{${tex(t.name)}}}`,
      text: `temperature of lead ${t.name}`,
      unit: 'K',
      kind: 'number',
      slider: tempSlider(t.T ?? c.reference.T),
      group: 'Leads',
      value: v(`terminals.${t.name}.T`),
    });
  if (leads.length >= 2) {
    // in a thermal circuit only the first lead has a μ: the control waits (disabled) at 0 until the electronic circuit
    const b = bias(state) ?? 0;
    const span = Math.max(0.1, 2 * Math.abs(b));
    out.push({
      name: 'bias',
      latex: '\\Delta V',
      text: `bias μ_${leads[0].name} − μ_${leads[1].name} (μ_${leads[0].name} = μ0 + ΔV/2, μ_${leads[1].name} = μ0 − ΔV/2; electronic circuit)`,
      unit: 'V',
      kind: 'number',
      slider: { min: -span, max: span, step: 0.0005 },
      group: 'Leads',
      value: String(b),
    });
  }

  const n = siteCount(c);
  for (const p of probeNames(c)) {
    const t = c.terminals.find((x) => x.name === p)!;
    const group = `Probe ${p}`;
    out.push({
      name: `terminals.${p}.probe`,
      latex: '\\text{model}',
      text: `probe model of ${p} in the CONFIG (the numbers in "this CONFIG")`,
      unit: '',
      kind: 'select',
      options: [
        { value: 'VP', label: 'VP (voltage probe)' },
        { value: 'VTP', label: 'VTP (voltage–temperature probe)' },
        { value: 'ER', label: 'ER (energy-resolved probe; slower)' },
      ],
      group,
      value: v(`terminals.${p}.probe`),
    });
    const g = scalarGamma(t);
    if (g !== undefined) {
      out.push({
        name: `terminals.${p}.coupling.gamma`,
        latex: `\\gamma_{\\mathrm{${tex(p)}}}`,
        text: `probe coupling width (0 = coherent limit)`,
        unit: 'eV',
        kind: 'number',
        slider: { min: 0, max: Math.max(1, round(2 * g)), step: 0.001 },
        group,
        value: String(g),
      });
      const sites = t.coupling.sites ?? [];
      if (n <= MAX_PICKER_SITES) {
        const options = Array.from({ length: n }, (_, k) => ({ value: String(k), label: `site ${k}` }));
        const all = Array.from({ length: n }, (_, k) => k).join(',');
        options.push({ value: all, label: `all ${n} sites (flat probe)` });
        const cur = sites.join(',');
        if (!options.some((o) => o.value === cur)) options.push({ value: cur, label: `sites ${cur}` });
        out.push({
          name: `terminals.${p}.coupling.sites`,
          latex: '\\text{site}',
          text: 'where the probe couples (click a site on the drawing)',
          unit: '',
          kind: 'select',
          options,
          group,
          value: cur,
        });
      } else {
        out.push({
          name: `terminals.${p}.coupling.sites`,
          latex: '\\text{sites}',
          text: 'where the probe couples (comma-separated)',
          unit: '',
          kind: 'number',
          group,
          value: sites.join(','),
        });
      }
    }
    out.push({
      name: `terminals.${p}.T`,
      latex: `T_{\\mathrm{VP}}`,
      text: `temperature of ${p} as a VP (the VTP solves its own)`,
      unit: 'K',
      kind: 'number',
      slider: tempSlider(Number(v(`terminals.${p}.T`))),
      group,
      value: v(`terminals.${p}.T`),
    });
  }

  out.push({
    name: 'explore.mu0.min',
    latex: '\\mu_0^{\\min}',
    text: 'start of the μ0 scan',
    unit: 'eV',
    kind: 'number',
    group: 'Scan',
    value: v('explore.mu0.min'),
  });
  out.push({
    name: 'explore.mu0.max',
    latex: '\\mu_0^{\\max}',
    text: 'end of the μ0 scan',
    unit: 'eV',
    kind: 'number',
    group: 'Scan',
    value: v('explore.mu0.max'),
  });
  out.push({
    name: 'explore.mu0.points',
    latex: 'N_{\\mu_0}',
    text: 'points of the μ0 scan',
    unit: '',
    kind: 'number',
    group: 'Scan',
    value: v('explore.mu0.points'),
  });
  if (probeNames(c).length)
    out.push({
      name: 'explore.models',
      latex: '\\text{shown}',
      text: 'probe models drawn',
      unit: '',
      kind: 'models',
      options: [
        { value: 'VP', label: 'VP' },
        { value: 'VTP', label: 'VTP' },
        { value: 'ER', label: 'ER' },
      ],
      group: 'Scan',
      value: v('explore.models'),
    });
  return out;
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

/** A terminal name safe inside \mathrm{…}. */
export function tex(name: string): string {
  return name.replace(/[\\{}$&#^_%~]/g, (ch) => `\\${ch === '\\' ? 'backslash' : ch}`);
}
