/** Helpers for the compare tests: fixtures, configs, and probecheck's own outputs as "their" files. */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, siteCoupling, type ParsedConfig } from '../../src/config.js';
import { scan, linspace } from '../../src/scan.js';
import { toCsv, scanTable, transmissionTable } from '../../src/cli/format.js';
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

/** probecheck's own scan as CSV text (the `scan` command's table). */
export function ownScanCsv(cfg: ParsedConfig, mu0: number[], gamma?: { terminal: string; values: number[] }): string {
  const g = gamma
    ? { terminal: gamma.terminal, sites: siteCoupling(cfg.config.terminals.find((t) => t.name === gamma.terminal)!.coupling)!.sites, values: gamma.values }
    : undefined;
  const points = scan(cfg.system, cfg.reference, cfg.circuit, { mu0, gamma: g });
  const t = scanTable(
    points,
    cfg.system.terminals.map((x) => x.name),
    cfg.circuit,
    g?.terminal,
  );
  return toCsv(t.header, t.rows);
}

/** probecheck's own transmissions as CSV text (the `transmission` command's table), energies optionally rescaled. */
export function ownTransmissionCsv(cfg: ParsedConfig, emin: number, emax: number, k: number, energyFactor = 1, header = 'E'): string {
  const t = transmissionTable(cfg.system, linspace(emin, emax, k));
  return toCsv(
    [header, ...t.header.slice(1)],
    t.rows.map((r) => [(r[0] as number) * energyFactor, ...r.slice(1)]),
  );
}

/** Edit one CSV column with f(value, row). */
export function editColumn(csv: string, column: string, f: (v: number, row: number) => number): string {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0].split(',');
  const k = header.findIndex((h) => h === column || h.startsWith(`${column}[`));
  if (k < 0) throw new Error(`no column ${column}`);
  return (
    [
      lines[0],
      ...lines.slice(1).map((l, i) => {
        const cells = l.split(',');
        cells[k] = String(f(Number(cells[k]), i));
        return cells.join(',');
      }),
    ].join('\n') + '\n'
  );
}

/** Rename a header cell. */
export function renameColumn(csv: string, from: string, to: string): string {
  const [head, ...rest] = csv.split('\n');
  return [
    head
      .split(',')
      .map((h) => (h === from ? to : h))
      .join(','),
    ...rest,
  ].join('\n');
}

export function compareTexts(cfg: ParsedConfig, files: Record<string, string>, opts: CompareOptions = {}): CompareReport {
  return runCompare(
    cfg,
    Object.entries(files).map(([name, text]) => ({ name, text })),
    opts,
  );
}

export function codes(r: CompareReport): string[] {
  return r.diagnostics.map((d) => d.code);
}

export function failedKeys(r: CompareReport): string[] {
  return r.quantities.filter((q) => !q.pass).map((q) => q.key);
}

/** Numbers of a fixture grouped by quantity family (CSV header prefix / JSON key), in file order. */
export function numbersByFamily(path: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (fam: string, v: number) => out.set(fam, [...(out.get(fam) ?? []), v]);
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const walk = (v: unknown, fam: string): void => {
      if (typeof v === 'number') add(fam, v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, fam));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, /^(L|R|P\d?)$/.test(k) ? fam : k);
    };
    walk(JSON.parse(text), '');
  } else {
    const [head, ...rows] = text.trim().split('\n');
    const fams = head.split(',').map((h) => h.split(/[_[]/)[0]);
    for (const r of rows) r.split(',').forEach((c, k) => add(fams[k], Number(c)));
  }
  return out;
}
