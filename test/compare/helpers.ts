/** Helpers for the compare tests: fixtures, configs, and probecheck's own outputs as "their" files. */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, siteCoupling, type ParsedConfig } from '../../src/config.js';
import { scan, linspace } from '../../src/scan.js';
import { prepareSystem } from '../../src/numeric/system.js';
import { toCsv } from '../../src/cli/format.js';
import { runCompare, type CompareOptions, type CompareReport } from '../../src/compare/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'compare');

export function fixture(rel: string): string {
  return join(FIXTURES, rel);
}

export function fixtureText(rel: string): string {
  return readFileSync(fixture(rel), 'utf8');
}

export function fixtureConfig(dir: string): ParsedConfig {
  return parseConfig(JSON.parse(fixtureText(`${dir}/config.json`)));
}

export const BENZENE = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.3, T: 300 },
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.305, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.295, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};

export function config(raw: object = BENZENE): ParsedConfig {
  return parseConfig(JSON.parse(JSON.stringify(raw)));
}

/** probecheck's own scan as CSV text (the `scan` command's columns). */
export function ownScanCsv(cfg: ParsedConfig, mu0: number[], gamma?: { terminal: string; values: number[] }): string {
  const g = gamma ? { terminal: gamma.terminal, sites: siteCoupling(cfg.config.terminals.find((t) => t.name === gamma.terminal)!.coupling)!.sites, values: gamma.values } : undefined;
  const points = scan(cfg.system, cfg.reference, cfg.circuit, { mu0, gamma: g });
  const names = cfg.system.terminals.map((t) => t.name);
  const header = ['mu0', ...(g ? [`gamma_${g.terminal}`] : [])];
  for (const nm of names) header.push(`mu_${nm}`, `T_${nm}`, `particle_${nm}`, `charge_${nm}`, `heat_${nm}`);
  header.push('entropyProduction');
  if (cfg.circuit === 'thermal') header.push('seebeck');
  const rows = points.map((p) => {
    const c = p.solution.circuit;
    const row: Array<number | null> = [p.mu0, ...(g ? [p.gamma] : [])];
    names.forEach((_, a) => row.push(c.mu[a], c.temperature[a], c.particleCurrent[a], c.chargeCurrent[a], c.heatCurrent[a]));
    row.push(c.entropyProduction);
    if (cfg.circuit === 'thermal') row.push(c.seebeck);
    return row;
  });
  return toCsv(header, rows);
}

/** probecheck's own transmissions as CSV text (the `transmission` command's columns). */
export function ownTransmissionCsv(cfg: ParsedConfig, emin: number, emax: number, k: number, energyFactor = 1, header = 'E'): string {
  const names = cfg.system.terminals.map((t) => t.name);
  const n = names.length;
  const engine = prepareSystem(cfg.system).engine();
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) pairs.push([a, b]);
  const t = new Float64Array(n * n);
  // as `probecheck transmission`: a probe in the coherent limit (γ = 0) transmits nothing
  const test = cfg.system.terminals.map((term) => term.role !== 'lead' && term.test === true);
  const rows = linspace(emin, emax, k).map((e) => {
    engine.evaluate(e, t);
    return [e * energyFactor, ...pairs.map(([a, b]) => (test[a] || test[b] ? 0 : t[a * n + b]))];
  });
  return toCsv([header, ...pairs.map(([a, b]) => `T_${names[a]}_${names[b]}`)], rows);
}

/** Edit one CSV column with f(value, row). */
export function editColumn(csv: string, column: string, f: (v: number, row: number) => number): string {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0].split(',');
  const k = header.findIndex((h) => h === column || h.startsWith(`${column}[`));
  if (k < 0) throw new Error(`no column ${column}`);
  return [lines[0], ...lines.slice(1).map((l, i) => {
    const cells = l.split(',');
    cells[k] = String(f(Number(cells[k]), i));
    return cells.join(',');
  })].join('\n') + '\n';
}

/** Rename a header cell. */
export function renameColumn(csv: string, from: string, to: string): string {
  const [head, ...rest] = csv.split('\n');
  return [head.split(',').map((h) => (h === from ? to : h)).join(','), ...rest].join('\n');
}

export function compareTexts(cfg: ParsedConfig, files: Record<string, string>, opts: CompareOptions = {}): CompareReport {
  return runCompare(cfg, Object.entries(files).map(([name, text]) => ({ name, text })), opts);
}

export function codes(r: CompareReport): string[] {
  return r.diagnostics.map((d) => d.code);
}

export function failedKeys(r: CompareReport): string[] {
  return r.quantities.filter((q) => !q.pass).map((q) => q.key);
}
