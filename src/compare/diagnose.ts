/**
 * Diagnostics that localise a failure (docs/compare.md §Diagnostics): Green's function vs energy
 * integration vs probe solve vs current assembly vs probe model vs inputs. Every hypothesis is
 * tested by recomputing with probecheck's own pipeline (a probe made a VP or a VTP, held at another
 * temperature, one block of the Onsager matrix negated, their own probe μ/T inserted) and
 * accepted only if it reproduces their values within the same tolerance as the verdict, on values
 * that are not just noise around zero.
 */
import type { ParsedConfig } from '../config.js';
import { chargeCurrentSI, entropyProductionSI, heatCurrentSI, particleCurrentSI } from '../model/units.js';
import type { OnsagerMethod, Terminal } from '../numeric/system.js';
import type { Reference } from '../numeric/onsager.js';
import { evaluateEnergy, evaluatePoints, type PointState, type SystemCache, type Variant } from './evaluate.js';
import type { Column, Quantity } from './resolve.js';
import { compared, pointValues, type TableRun } from './run.js';
import { matchesSignificantly, type RowScales, type Tolerance } from './check.js';
import { coherentOnlyPredictions, fractionText, powerFit, score, type Predictions, type Score } from './hypotheses.js';
import { effectiveAt, spinOf } from './evaluate.js';
import { isTestProbe } from '../model/probeModels.js';

/** One finding. `error`: a located cause of a failure; `warning`: suspicious; `info`: context. */
export interface Diagnostic {
  readonly level: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  /**
   * For a hypothesis about the cause: the fraction of the table's discrepancy it explains (0…1;
   * hypotheses.ts) and whether every quantity then matches. Hypotheses are listed best first.
   */
  readonly explained?: number;
  readonly exact?: boolean;
}

/** A hypothesis diagnostic before ranking. */
export interface Ranked {
  readonly d: Diagnostic;
  readonly score: Score;
  /** A named cause (false only for an unnamed constant factor). */
  readonly named: boolean;
}

export function ranked(level: Diagnostic['level'], code: string, message: string, sc: Score, named = true): Ranked {
  return { d: { level, code, message: `${message} — ${fractionText(sc)}`, explained: sc.fraction, exact: sc.exact }, score: sc, named };
}

/** Best first: exact before partial, then by the fraction explained, a named cause before an unnamed one at equal score. */
export function rank(rs: Ranked[]): Diagnostic[] {
  // Once a cause reproduces everything, near misses (partial, information only) are noise.
  const anyExact = rs.some((r) => r.score.exact);
  return rs
    .filter((r) => !anyExact || r.score.exact || r.d.level !== 'info')
    .sort(
      (x, y) =>
        Number(y.score.exact) - Number(x.score.exact) ||
        (y.score.fraction - x.score.fraction > 1e-9 ? 1 : x.score.fraction - y.score.fraction > 1e-9 ? -1 : 0) ||
        Number(y.named) - Number(x.named),
    )
    .map((r) => r.d);
}

/** Compact number formatting for messages. */
export function fmt(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
}

/**
 * A factor for a message: fmt's 4 digits, except that a factor within 1e-3 (and beyond rounding,
 * 1e-9) of a 3-digit number is written as that number plus the difference (1.0000063 → "1 + 6.3e-6",
 * never a bare "1").
 */
export function fmtFactor(r: number): string {
  if (r === 0 || !Number.isFinite(r)) return String(r);
  const near = Number(r.toPrecision(3)),
    d = r - near;
  // below 1e-9 the difference is rounding (the ratio test itself resolves factors to ≥ 1e-9)
  if (Math.abs(d) <= 1e-9 * Math.abs(r) || Math.abs(d) > 1e-3 * Math.abs(r)) return fmt(r);
  return `${near} ${d > 0 ? '+' : '−'} ${Math.abs(d).toExponential(1)}`;
}

const isCurrent = (q: Quantity) => q.kind === 'particle' || q.kind === 'charge' || q.kind === 'heat';
const isCircuit = (c: Column) => c.role === 'output' && c.quantity.kind !== 'onsager';

function failing(run: TableRun, pred: (c: Column) => boolean): Column[] {
  return [...run.results].filter(([c, r]) => pred(c) && !r.pass).map(([c]) => c);
}

/** Every compared column of `cols` passes against `values`, and at least one matches a significant signal. */
function explains(
  _run: TableRun,
  cols: readonly Column[],
  values: (c: Column) => Float64Array,
  offsets: (c: Column) => Float64Array | null,
  scales: Map<string, RowScales>,
  tol: Tolerance,
): boolean {
  if (cols.length === 0) return false;
  let significant = false;
  for (const c of cols) {
    const ours = values(c),
      off = offsets(c),
      s = scales.get(c.family)!;
    for (let i = 0; i < ours.length; i++) {
      const o = off ? off[i] : 0;
      const d = Math.abs(c.values[i] - ours[i]);
      if (!(d <= tol.atol * s[i] + tol.rtol * Math.abs(ours[i] - o))) return false;
    }
    if (matchesSignificantly(c.values, ours, off, s, tol)) significant = true;
  }
  return significant;
}

/** A probe-model hypothesis. */
interface Hypothesis {
  readonly probe: number;
  readonly label: string;
  readonly variant: Variant;
}

function vpAt(p: number, temperature: (terms: Terminal[], ref: Reference, row: number) => number, rowOf: { row: number }): Variant {
  return (terms, ref) => {
    terms[p] = { ...terms[p], role: 'VP', temperature: temperature(terms, ref, rowOf.row) };
    return terms;
  };
}

/** Probe-model hypotheses for a point table: VP↔VTP, a VP held at T0, at a lead's T, at their T_P. */
function hypotheses(run: TableRun, cfg: ParsedConfig): Array<Hypothesis & { rowOf: { row: number } }> {
  const terms = cfg.system.terminals;
  const T0 = cfg.reference.temperature;
  const out: Array<Hypothesis & { rowOf: { row: number } }> = [];
  terms.forEach((t, p) => {
    if (t.role === 'lead') return;
    const seen = new Set<string>();
    const add = (label: string, key: string, make: (rowOf: { row: number }) => Variant) => {
      if (seen.has(key)) return;
      seen.add(key);
      const rowOf = { row: 0 };
      out.push({ probe: p, label, variant: make(rowOf), rowOf });
    };
    const cfgT = t.role === 'VP' ? (t.temperature ?? T0) : undefined;
    if (t.role === 'VP') {
      seen.add(`T=${cfgT}`);
      add(`a VTP (no heat current into it); CONFIG makes ${t.name} a VP held at ${fmt(cfgT!)} K`, 'VTP', () => (ts) => {
        ts[p] = { ...ts[p], role: 'VTP', temperature: undefined };
        return ts;
      });
    }
    const lead = (what: string) =>
      t.role === 'VTP'
        ? `CONFIG makes ${t.name} a VTP (J^Q_${t.name} = 0)`
        : t.role === 'ER'
          ? `CONFIG makes ${t.name} an energy-resolved probe (ER)`
          : `CONFIG holds it at ${fmt(cfgT!)} K${cfgT === T0 ? ' (= T0)' : ''}; ${what}`;
    const was = t.role === 'VP' ? `a VP held at ${fmt(cfgT!)} K` : `a ${t.role}`;

    add(`a VP held at T0 = ${fmt(T0)} K; ${lead('the probe temperature is wrong')}`, `T=${T0}`, (rowOf) => vpAt(p, (_, ref) => ref.temperature, rowOf));
    terms.forEach((l, a) => {
      if (l.role !== 'lead' || l.temperature === undefined) return;
      add(`a VP held at T_${l.name} = ${fmt(l.temperature)} K; ${lead('the probe temperature is wrong')}`, `T=${l.temperature}`, (rowOf) =>
        vpAt(p, (ts) => ts[a].temperature!, rowOf),
      );
    });
    const col = run.table.columns.find((c) => c.quantity.kind === 'temperature' && c.quantity.t === p);
    if (col) {
      const v = col.values;
      add(
        `a VP held at the T_${t.name} your file reports (${fmt(v[0])} K${v.some((x) => x !== v[0]) ? ' …' : ''}); ${lead('the probe temperature is wrong')}`,
        `col`,
        (rowOf) => vpAt(p, (_, __, row) => v[row], rowOf),
      );
    }
    // Last (the costliest, and at low temperature the closest to a VP): the other probe models.
    if (t.role !== 'ER') {
      // docs/physics.md §8: no particle current into the probe at any energy (Büttiker's multi-probe elimination of T(E))
      add(`an energy-resolved probe (ER: no current into it at any energy, f_P(E) not a Fermi function); CONFIG makes ${t.name} ${was}`, 'ER', () => (ts) => {
        ts[p] = { ...ts[p], role: 'ER', temperature: undefined };
        return ts;
      });
    } else {
      add(`a VTP (μ_P, T_P from the integrated currents J^N_P = J^Q_P = 0); CONFIG makes ${t.name} an energy-resolved probe (ER)`, 'VTP', () => (ts) => {
        ts[p] = { ...ts[p], role: 'VTP', temperature: undefined };
        return ts;
      });
    }
  });
  return out;
}

/**
 * A VP held at a temperature of its own: in linear response every output is affine in
 * θ_P = (T_P − T0)/T0 (μ_P, the currents y = M x, the thermal circuit's μ and S) except the
 * entropy production Ṡ = −xᵀMx/(hT0), which is quadratic in it (docs/physics.md §5). Each output
 * is therefore exactly f(δ) = f0 + b δ + c δ² in the shift δ of T_P (three evaluations: CONFIG's
 * T_P and T_P ± 1 K; c = 0 but for Ṡ), and the T_P that best explains their values is the
 * least-squares δ over every compared column (the minimum of a quartic, found exactly).
 * Offered as a hypothesis when it differs from CONFIG's T_P.
 */
function fittedTemperatureHypotheses(
  run: TableRun,
  cfg: ParsedConfig,
  method: OnsagerMethod,
  cache: SystemCache,
  cols: readonly Column[],
): Array<Hypothesis & { rowOf: { row: number } }> {
  const out: Array<Hypothesis & { rowOf: { row: number } }> = [];
  if (cfg.response !== 'linear' || !run.states) return out;
  cfg.system.terminals.forEach((t, p) => {
    if (t.role !== 'VP') return;
    const T0 = cfg.reference.temperature,
      cfgT = t.temperature ?? T0;
    const at = (shift: number) => {
      const h: Hypothesis & { rowOf: { row: number } } = {
        probe: p,
        label: '',
        variant: (ts) => {
          ts[p] = { ...ts[p], temperature: (ts[p].temperature ?? T0) + shift };
          return ts;
        },
        rowOf: { row: 0 },
      };
      const states = evaluateHypothesis(run, cfg, method, cache, h);
      return states ? pointValues(run.table, states, cfg).ours : null;
    };
    const up = at(1),
      down = at(-1);
    if (!up || !down) return;
    // per column and row: residual at δ = 0, slope b and curvature c, all in units of the family scale
    const terms: Array<{ r0: number; b: number; c: number }> = [];
    for (const col of cols) {
      const ours = run.ours.get(col)!,
        s = run.scales.get(col.family)!,
        u = up.get(col)!,
        d = down.get(col)!;
      for (let i = 0; i < ours.length; i++) {
        const b = (u[i] - d[i]) / (2 * s[i]),
          c = col.quantity.kind === 'entropyProduction' ? (u[i] + d[i] - 2 * ours[i]) / (2 * s[i]) : 0;
        terms.push({ r0: (col.values[i] - ours[i]) / s[i], b, c });
      }
    }
    // F(δ) = Σ (r0 − b δ − c δ²)² is a quartic: its minimum over T_P > 0 (and T_P ≤ 10× CONFIG's) is at a
    // real root of the cubic F'(δ)/2 = A δ³ + B δ² + C δ + D or at an end of that range — found exactly,
    // with no start value (Ṡ alone has two branches, δ on either side of its minimum).
    let A = 0,
      B = 0,
      C = 0,
      D = 0;
    for (const x of terms) {
      A += 2 * x.c * x.c;
      B += 3 * x.b * x.c;
      C += x.b * x.b - 2 * x.r0 * x.c;
      D -= x.r0 * x.b;
    }
    const F = (d: number) => terms.reduce((sum, x) => sum + (x.r0 - x.b * d - x.c * d * d) ** 2, 0);
    const dT = quarticLeastSquares(A, B, C, D, -cfgT * (1 - 1e-9), 9 * cfgT, F);
    if (dT === null) return;
    const Tfit = cfgT + dT;
    if (!(Tfit > 0) || Math.abs(dT) < 1e-9 * T0) return;
    out.push({
      probe: p,
      rowOf: { row: 0 },
      label: `a VP held at T_${t.name} = ${Tfit.toPrecision(7)} K (fitted to your values); CONFIG holds it at ${fmt(cfgT)} K${cfgT === T0 ? ' (= T0)' : ''}: the probe temperature is wrong`,
      variant: (ts) => {
        ts[p] = { ...ts[p], temperature: (ts[p].temperature ?? T0) + dT };
        return ts;
      },
    });
  });
  return out;
}

/**
 * The δ in [lo, hi] minimising F, given F'(δ)/2 = A δ³ + B δ² + C δ + D: the best of the cubic's real
 * roots in the range (bisection on its monotone pieces, split at the roots of its derivative) and the
 * ends. null when F is flat (nothing depends on δ).
 */
function quarticLeastSquares(A: number, B: number, C: number, D: number, lo: number, hi: number, F: (d: number) => number): number | null {
  if (A === 0 && B === 0 && !(C > 0)) return null;
  if (A === 0 && B === 0) return Math.min(hi, Math.max(lo, -D / C));
  const g = (d: number) => ((A * d + B) * d + C) * d + D;
  // the derivative 3A δ² + 2B δ + C: its real roots split [lo, hi] into pieces where g is monotone
  const cuts: number[] = [lo, hi];
  if (A !== 0) {
    const disc = 4 * B * B - 12 * A * C;
    if (disc >= 0) for (const sgn of [-1, 1]) cuts.push((-2 * B + sgn * Math.sqrt(disc)) / (6 * A));
  } else cuts.push(-C / (2 * B));
  const xs = cuts.filter((x) => Number.isFinite(x) && x >= lo && x <= hi).sort((x, y) => x - y);
  const candidates = [lo, hi];
  for (let k = 0; k + 1 < xs.length; k++) {
    let a = xs[k],
      b = xs[k + 1];
    if (Math.sign(g(a)) === Math.sign(g(b)) && g(a) !== 0) continue;
    for (let it = 0; it < 200 && b - a > 0; it++) {
      const m = 0.5 * (a + b);
      if (m === a || m === b) break;
      if (Math.sign(g(m)) === Math.sign(g(a))) a = m;
      else b = m;
    }
    candidates.push(Math.abs(g(a)) <= Math.abs(g(b)) ? a : b);
  }
  let best = candidates[0];
  for (const d of candidates) if (F(d) < F(best)) best = d;
  return best;
}

/** Evaluate a point table under a hypothesis (the row index is passed to the variant). */
function evaluateHypothesis(
  run: TableRun,
  cfg: ParsedConfig,
  method: OnsagerMethod,
  cache: SystemCache,
  h: Hypothesis & { rowOf: { row: number } },
): PointState[] | null {
  let row = 0;
  const variant: Variant = (terms, ref) => {
    h.rowOf.row = row++;
    return h.variant(terms, ref);
  };
  try {
    return evaluatePoints(run.table, cfg, method, cache, variant);
  } catch {
    return null; // e.g. a singular circuit under the hypothesis: it explains nothing
  }
}

const BLOCKS = [
  { rows: 0, cols: 0, text: 'the L^(0) term of the particle current: h J^N_α = Σ_β [−L^(0)_αβ (μ_β − μ_α) + L^(1)_αβ (T_β − T_α)/T0]' },
  { rows: 0, cols: 1, text: 'the L^(1) term of the particle current: h J^N_α = Σ_β [L^(0)_αβ (μ_β − μ_α) − L^(1)_αβ (T_β − T_α)/T0]' },
  { rows: 1, cols: 0, text: 'the L^(1) term of the heat current: h J^Q_α = Σ_β [−L^(1)_αβ (μ_β − μ_α) + L^(2)_αβ (T_β − T_α)/T0]' },
  { rows: 1, cols: 1, text: 'the L^(2) term of the heat current: h J^Q_α = Σ_β [L^(1)_αβ (μ_β − μ_α) − L^(2)_αβ (T_β − T_α)/T0]' },
] as const;

/**
 * Their probe state x (μ, T/T0 of every terminal) at a row: probecheck's state with every solved
 * unknown replaced by their value. Null unless their file gives all of them.
 */
function theirX(run: TableRun, cfg: ParsedConfig, row: number): Float64Array | null {
  const s = run.states![row];
  const c = s.solution.circuit,
    n = c.terminals.length;
  const x = new Float64Array(2 * n);
  const mu0 = s.reference.mu,
    T0 = s.reference.temperature;
  for (let a = 0; a < n; a++) {
    x[a] = c.mu[a] - mu0;
    x[n + a] = (c.temperature[a] - T0) / T0;
  }
  const terms = s.system.terminals;
  const leads = terms.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  const col = (kind: 'mu' | 'temperature', t: number) => run.table.columns.find((k) => k.quantity.kind === kind && (k.quantity as { t: number }).t === t);
  for (let a = 0; a < n; a++) {
    const t = terms[a];
    const needMu = t.role !== 'lead' || (cfg.circuit === 'thermal' && a !== leads[0]);
    if (needMu) {
      const m = col('mu', a);
      if (!m) return null;
      x[a] = m.values[row] - mu0;
    }
    if (t.role !== 'lead') {
      const k = col('temperature', a);
      if (t.role === 'VTP' && !k) return null;
      if (k) x[n + a] = (k.values[row] - T0) / T0;
    }
  }
  return x;
}

/** Currents and Ṡ from y = M' x (M' = M with one block negated, or M itself), canonical units. */
function currentsFrom(
  s: PointState,
  x: Float64Array,
  flip: (typeof BLOCKS)[number] | null,
): { particle: Float64Array; charge: Float64Array; heat: Float64Array; sdot: number } {
  const c = s.solution.circuit,
    n = c.terminals.length,
    m = 2 * n,
    M = c.matrix;
  const test = s.system.terminals.map(isTestProbe);
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (test[i % n]) continue;
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const neg = flip && Math.floor(i / n) === flip.rows && Math.floor(j / n) === flip.cols ? -1 : 1;
      acc += neg * M[i * m + j] * x[j];
    }
    y[i] = acc;
  }
  let xy = 0;
  for (let i = 0; i < m; i++) xy += x[i] * y[i];
  const particle = new Float64Array(n),
    charge = new Float64Array(n),
    heat = new Float64Array(n);
  const sp = spinOf(s);
  for (let a = 0; a < n; a++) {
    // docs/physics.md §1, §11: the one h·J → SI conversion (src/model/units.ts), I = −e J^N
    particle[a] = particleCurrentSI(y[a], sp);
    charge[a] = chargeCurrentSI(y[a], sp);
    heat[a] = heatCurrentSI(y[n + a], sp);
  }
  // docs/physics.md §5: Ṡ = −(1/T0) Σ_α [(μ_α − μ0) J^N_α + J^Q_α (T_α − T0)/T0] = −x·y/(h T0)
  return { particle, charge, heat, sdot: entropyProductionSI(-xy, s.reference.temperature, sp) };
}

/**
 * Probe conditions violated by their state x (docs/physics.md §4): J^N_P = 0 for every probe, J^Q_P = 0
 * for a VTP, and J^N = 0 for the open-circuit leads of a thermal circuit; judged against the
 * family scale with the verdict's tolerance.
 */
function probeConditionViolations(run: TableRun, cfg: ParsedConfig, xs: readonly Float64Array[], tol: Tolerance): string[] {
  const out = new Set<string>();
  const terms = cfg.system.terminals;
  const leads = terms.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  const sN = run.scales.get('particle')!,
    sQ = run.scales.get('heat')!;
  run.states!.forEach((s, i) => {
    const y = currentsFrom(s, xs[i], null);
    terms.forEach((t, a) => {
      if (isTestProbe(t)) return;
      const needN = t.role !== 'lead' || (cfg.circuit === 'thermal' && a !== leads[0]);
      if (needN && Math.abs(y.particle[a]) > tol.atol * sN[i]) out.add(`J^N_${t.name} = 0`);
      if (t.role === 'VTP' && Math.abs(y.heat[a]) > tol.atol * sQ[i]) out.add(`J^Q_${t.name} = 0`);
    });
  });
  return [...out];
}

/** Current assembly vs probe solve, with their own probe μ/T (docs/physics.md §3–§4). */
function assemblyDiagnostics(run: TableRun, cfg: ParsedConfig, tol: Tolerance): Diagnostic[] {
  const cur = compared(run.table).filter((c) => c.role === 'output' && (isCurrent(c.quantity) || c.quantity.kind === 'entropyProduction'));
  if (!cur.some((c) => !run.results.get(c)!.pass)) return [];
  const xs: Float64Array[] = [];
  for (let i = 0; i < run.table.rows; i++) {
    const x = theirX(run, cfg, i);
    if (!x) return [];
    xs.push(x);
  }
  const predict = (flip: (typeof BLOCKS)[number] | null) => {
    const per = run.states!.map((s, i) => currentsFrom(s, xs[i], flip));
    return (c: Column) =>
      Float64Array.from(per, (p) => {
        const q = c.quantity;
        if (q.kind === 'entropyProduction') return p.sdot;
        return p[q.kind as 'particle' | 'charge' | 'heat'][(q as { t: number }).t];
      });
  };
  const none = () => null;
  const probeCols = run.table.columns.filter((c) => (c.quantity.kind === 'mu' || c.quantity.kind === 'temperature') && c.role === 'output');
  const probesOk = probeCols.every((c) => run.results.get(c)!.pass);
  if (explains(run, cur, predict(null), none, run.scales, tol)) {
    // Their currents are M x for their own x. Does their x satisfy the probe conditions y_U = 0 (docs/physics.md §4)?
    const violated = probeConditionViolations(run, cfg, xs, tol);
    const inputsBad = compared(run.table).some((c) => c.role === 'input' && !run.results.get(c)!.pass);
    if (violated.length === 0) {
      return [
        {
          level: inputsBad ? 'info' : 'error',
          code: 'probe-solve',
          message: `your currents are probecheck's Onsager matrix applied to your own probe μ/T (y = M x, docs/physics.md §3), and your probe μ/T satisfy the probe conditions for the probe temperatures you used: currents and probe solve are right${inputsBad ? '; the difference comes from the inputs (see input-mismatch / vp-temperature)' : ', so the difference is in the state you report (check the bias and the probe temperatures)'}`,
        },
      ];
    }
    return [
      {
        level: 'error',
        code: 'probe-solve',
        message: `your currents are exactly probecheck's Onsager matrix applied to YOUR probe μ/T (y = M x, docs/physics.md §3): the currents are assembled correctly, the error is in your probe solve — with your ${
          probeCols
            .filter((c) => !run.results.get(c)!.pass)
            .map((c) => c.key)
            .join(', ') || 'probe values'
        } the probe conditions ${violated.join(', ')} are not met (docs/physics.md §4)`,
      },
    ];
  }
  for (const b of BLOCKS) {
    if (explains(run, cur, predict(b), none, run.scales, tol)) {
      return [
        {
          level: 'error',
          code: 'onsager-sign',
          message: `your currents are probecheck's Onsager relations with one sign flipped — ${b.text} (docs/physics.md §3, paper Eq. 1 has + for every term) — applied to your own probe μ/T${probesOk ? '' : ', which were solved with the same wrong sign'}`,
        },
      ];
    }
  }
  return [
    {
      level: 'error',
      code: 'current-assembly',
      message:
        "your currents are not probecheck's Onsager matrix applied to your own probe μ/T (y = M x, docs/physics.md §3), nor that with one term's sign flipped: the error is in how the currents are assembled from L^(ν) (a factor, a missing or misplaced term)",
    },
  ];
}

/** Heat into a probe and the excess entropy production it implies (docs/physics.md §5, paper Eq. 33). */
function probeHeatDiagnostics(run: TableRun, cfg: ParsedConfig, tol: Tolerance, method: OnsagerMethod, cache: SystemCache): Diagnostic[] {
  const out: Diagnostic[] = [];
  const terms = cfg.system.terminals;
  const scale = run.scales.get('heat')!;
  for (const c of run.table.columns) {
    if (c.quantity.kind !== 'heat' || terms[c.quantity.t].role === 'lead' || c.role !== 'output') continue;
    const p = c.quantity.t,
      name = terms[p].name;
    let row = -1,
      best = 0;
    c.values.forEach((v, i) => {
      if (Math.abs(v) > best) {
        best = Math.abs(v);
        row = i;
      }
    });
    if (row < 0 || best <= tol.atol * scale[row]) continue;
    // The VP-effective matrix M̃ (μ_P eliminated, T_P free) at that row: the VP state itself, or the
    // VTP's probe made a VP (M̃ does not depend on the VP's temperature, only on the circuit).
    let s: PointState | undefined = run.states![row];
    if (terms[p].role === 'VTP') {
      let k = 0;
      const v: Variant = (ts) => {
        if (k++ === row) ts[p] = { ...ts[p], role: 'VP', temperature: undefined };
        return ts;
      };
      try {
        s = evaluatePoints(run.table, cfg, method, cache, v)[row];
      } catch {
        s = undefined;
      }
    }
    if (!s) continue;
    const sch = s.solution.circuit.schur,
      n = terms.length;
    const k = sch.free.indexOf(n + p),
      nf = sch.free.length;
    if (k < 0) continue;
    const mtt = sch.effective[k * nf + k]; // eV²: ∂(h J^Q_P)/∂(T_P/T0)
    const J = c.values[row],
      T0 = s.reference.temperature;
    const hJ = J / heatCurrentSI(1, spinOf(s)); // W → h·J^Q of one spin channel (eV²): M̃ is per spin
    const dT = (-T0 * hJ) / mtt; // docs/physics.md §5: T_P^VTP − T_P^VP = −T0 h J^Q_P,VP / M̃_(Q,P),(T,P)
    const excess = (J * dT) / (T0 * T0); // docs/physics.md §5, paper Eq. 33: Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP)/T0²
    const sdot = run.states![row].solution.circuit.entropyProduction;
    const at = run.where(row);
    if (terms[p].role === 'VTP') {
      out.push({
        level: 'error',
        code: 'vp-heat',
        message: `${name}: your heat current into the probe is J^Q_${name} = ${fmt(J)} W at ${at}; a VTP carries none (CONFIG makes ${name} a VTP), so your ${name} acts as a VP. A VP with this heat current produces Ṡ_VP − Ṡ_VTP = J^Q_P (T_P^VTP − T_P^VP)/T0² = ${fmt(excess)} W/K of excess entropy production (docs/physics.md §5, paper Eq. 33; T_P^VTP − T_P^VP = ${fmt(dT)} K), ${fmt((100 * excess) / sdot)} % of probecheck's Ṡ = ${fmt(sdot)} W/K there`,
      });
    } else {
      out.push({
        level: 'info',
        code: 'vp-heat',
        message: `${name} is a VP in CONFIG and exchanges heat: your J^Q_${name} = ${fmt(J)} W at ${at} (probecheck: ${fmt(run.ours.get(c)![row])} W). It implies Ṡ_VP − Ṡ_VTP = ${fmt(excess)} W/K (docs/physics.md §5, paper Eq. 33): a VTP there would sit ${fmt(dT)} K away and produce that much less entropy`,
      });
    }
  }
  return out;
}

const KNOWN_FACTORS: ReadonlyArray<readonly [number, string]> = [
  [-1, 'the opposite sign at every row'],
  [
    2,
    'a factor 2 at every row: a spin degeneracy — your code sums over spin, probecheck counts one spin channel (h J = Σ L ΔX, paper Eq. 1); pass --spin-degeneracy 2',
  ],
  [0.5, 'a factor 1/2 at every row: if CONFIG or --spin-degeneracy says 2, your code counts one spin channel'],
  [-2, 'a factor −2 at every row: spin degeneracy and sign together — pass --spin-degeneracy 2, and your sign convention is the opposite (see the sign hint)'],
  [-0.5, 'a factor −1/2 at every row: one spin channel where 2 were declared, and the opposite sign'],
  [2 * Math.PI, 'a factor 2π at every row (h vs ħ?)'],
  [1 / (2 * Math.PI), 'a factor 1/(2π) at every row (h vs ħ?)'],
  [4, 'a factor 4 at every row'],
  [0.25, 'a factor 1/4 at every row'],
];

/** Their values are a constant multiple of probecheck's (over rows where probecheck's are significant). */
function constantRatio(c: Column, ours: Float64Array, off: Float64Array | null, scale: RowScales, tol: Tolerance): number | null {
  let r: number | null = null;
  let count = 0;
  for (let i = 0; i < ours.length; i++) {
    const o = off ? off[i] : 0;
    const x = ours[i] - o,
      y = c.values[i] - o;
    if (Math.abs(x) < 1e-3 * scale[i]) {
      if (Math.abs(y) > 1e-2 * scale[i]) return null;
      continue;
    }
    const q = y / x;
    if (r === null) r = q;
    else if (!(Math.abs(q - r) <= Math.max(10 * tol.rtol, 1e-9) * Math.abs(r) + 1e-3 * tol.atol)) return null;
    count++;
  }
  if (r === null || count === 0 || Math.abs(r - 1) <= 10 * tol.rtol) return null;
  // One or two numbers are always "a constant multiple": an unnamed factor needs ≥ 3 rows.
  if (count < 3 && !KNOWN_FACTORS.some(([f]) => Math.abs(r! - f) <= 1e-6 * Math.abs(f))) return null;
  return r;
}

function signHint(run: TableRun, cols: readonly Column[], cfg: ParsedConfig): string {
  const names = cfg.system.terminals.map((t) => t.name);
  const allCurrents = cols.every((c) => isCurrent(c.quantity) || c.quantity.kind === 'current');
  const particleOk =
    cols.every((c) => c.quantity.kind === 'charge') && run.table.columns.some((k) => k.quantity.kind === 'particle' && run.results.get(k)?.pass);
  if (cols.every((c) => c.quantity.kind === 'current'))
    return ": probecheck's I is the Landauer current from the first lead to the second, I = (e/h)∫T(f_L − f_R) dE = e J^N into R, positive when electrons flow L→R; the charge current INTO R is charge_R = −I (docs/compare.md §Signs)";
  if (cols.every((c) => c.quantity.kind === 'seebeck'))
    return ": probecheck's S = −(μ_R − μ_L)/(e(T_R − T_L)) (paper Eq. 31) is +L1/(e T0 L0) for two terminals, the opposite of the textbook S = −L1/(e T0 L0) (docs/physics.md §11): flip the sign of yours";
  if (particleOk) return ": probecheck's charge current is I = −e J^N (electrons, docs/physics.md §1)";
  if (allCurrents)
    return ': probecheck counts currents INTO each terminal (docs/physics.md §1); if yours are counted out of it, pass --currents-out; a current "L→R" is I (Landauer sign), not charge_R';
  if (cols.some((c) => c.quantity.kind === 'onsager' && c.quantity.nu === 1)) return ": probecheck's L^(1) = ∫(E − μ0) T(E)(−∂f0/∂E) dE (docs/physics.md §3)";
  return ` (terminals ${names.join(', ')})`;
}

function factorDiagnostics(run: TableRun, tol: Tolerance, cfg: ParsedConfig, explained: Set<Column>): Ranked[] {
  const out: Ranked[] = [];
  const byRatio = new Map<string, { r: number; cols: Column[] }>();
  for (const [c, res] of run.results) {
    if (res.pass || explained.has(c) || c.role !== 'output') continue;
    const r = constantRatio(c, run.ours.get(c)!, run.offsets.get(c) ?? null, run.scales.get(c.family)!, tol);
    if (r === null) continue;
    const known = KNOWN_FACTORS.find(([f]) => Math.abs(r - f) <= 1e-6 * Math.abs(f));
    const key = known ? String(known[0]) : r.toPrecision(6);
    const g = byRatio.get(key) ?? { r: known ? known[0] : r, cols: [] };
    g.cols.push(c);
    byRatio.set(key, g);
  }
  // A failing column too small for its own ratio test (every row below 1e-3 of the family scale, e.g.
  // L1_R_P next to L1_L_R) belongs to a factor found on the others when that factor reproduces it
  // at every row: otherwise the cause would claim "every quantity then matches" without it.
  for (const g of byRatio.values()) {
    for (const [c, res] of run.results) {
      if (res.pass || explained.has(c) || c.role !== 'output' || g.cols.includes(c) || !g.cols.some((k) => k.family === c.family)) continue;
      if ([...byRatio.values()].some((h) => h.cols.includes(c))) continue;
      const ours = run.ours.get(c)!,
        off = run.offsets.get(c) ?? null,
        sc = run.scales.get(c.family)!;
      const fits = ours.every((x, i) => {
        const o = off ? off[i] : 0;
        const p = o + g.r * (x - o);
        return Math.abs(c.values[i] - p) <= tol.atol * sc[i] + tol.rtol * Math.abs(p - o);
      });
      if (fits) g.cols.push(c);
    }
  }
  for (const [key, { r, cols }] of byRatio) {
    const known = KNOWN_FACTORS.find(([f]) => String(f) === key);
    const list = cols.map((c) => c.key).join(', ');
    const preds: Predictions = new Map(
      cols.map((c) => {
        const ours = run.ours.get(c)!,
          off = run.offsets.get(c) ?? null;
        return [
          c,
          Float64Array.from(ours, (x, i) => {
            const o = off ? off[i] : 0;
            return o + r * (x - o);
          }),
        ] as const;
      }),
    );
    const sc = score(run, preds, tol, cols);
    if (sc.exact) cols.forEach((c) => explained.add(c));
    const hint = known && known[0] < 0 ? signHint(run, cols, cfg) : '';
    out.push(
      known
        ? ranked('error', 'constant-factor', `${list}: ${known[1]} relative to probecheck${hint}`, sc)
        : ranked(
            'warning',
            'constant-factor',
            `${cols.map((c) => (c.quantity.kind === 'mu' ? `${c.key} − μ0` : c.quantity.kind === 'temperature' ? `${c.key} − T0` : c.key)).join(', ')}: a constant factor ${fmtFactor(r)} at every row (${run.table.rows} rows) relative to probecheck — a normalisation, unless a named cause above accounts for it`,
            sc,
            false,
          ),
    );
  }
  return out;
}

/** Input columns that disagree with CONFIG (their run used other inputs). */
function inputDiagnostics(run: TableRun, cfg: ParsedConfig, tol: Tolerance, explained: Set<Column>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const terms = cfg.system.terminals;
  for (const [c, res] of run.results) {
    if (res.pass) continue;
    const q = c.quantity;
    const at = res.worst.at;
    if (q.kind === 'temperature' && terms[q.t].role === 'VP') {
      const theirs = res.worst.theirs,
        s = run.states![res.worst.row];
      const same = (T: number) =>
        Math.abs(T - theirs) <= tol.atol * run.scales.get('temperature')![res.worst.row] + tol.rtol * Math.abs(T - s.reference.temperature);
      const named = [
        ['T0', s.reference.temperature] as const,
        ...terms.flatMap((t, a) => (t.role === 'lead' ? [[`T_${t.name}`, s.solution.circuit.temperature[a]] as const] : [])),
      ].find(([, T]) => same(T));
      const cfgT = res.worst.ours;
      const cfgNamed = [
        ['T0', s.reference.temperature] as const,
        ...terms.flatMap((t, a) => (t.role === 'lead' ? [[`T_${t.name}`, s.solution.circuit.temperature[a]] as const] : [])),
      ].find(([, T]) => T === cfgT);
      out.push({
        level: 'error',
        code: 'vp-temperature',
        message: `T_P fixed at the wrong temperature: your VP ${terms[q.t].name} is held at ${fmt(theirs)} K${named ? ` (= ${named[0]})` : ''} at ${at}, CONFIG holds it at ${fmt(cfgT)} K${cfgNamed ? ` (= ${cfgNamed[0]})` : ''}`,
      });
      explained.add(c);
      continue;
    }
    if (c.role !== 'input' && q.kind !== 'mu') continue;
    if (q.kind === 'mu' && run.states) {
      // Relative μ: their μ_X + μ0 = probecheck's absolute μ_X at every row.
      const rel = Float64Array.from(c.values, (v, i) => v + run.states![i].reference.mu);
      if (matchesSignificantly(rel, run.ours.get(c)!, run.offsets.get(c) ?? null, run.scales.get('mu')!, tol)) {
        out.push({
          level: 'error',
          code: 'mu-relative',
          message: `${c.key}: your values are μ − μ0; probecheck's mu columns are absolute chemical potentials (eV): add μ0 (mu_X = μ0 + bias)`,
        });
        explained.add(c);
        continue;
      }
    }
    if (c.role === 'input') {
      const u = res.canonicalUnit === '1' ? '' : ` ${res.canonicalUnit}`;
      out.push({
        level: 'error',
        code: 'input-mismatch',
        message: `${c.key} = ${fmt(res.worst.theirs)}${u} at ${at} but CONFIG gives ${fmt(res.worst.ours)}${u}: your run used different inputs (every output is compared at CONFIG's value)`,
      });
      explained.add(c);
    }
  }
  return out;
}

/** Transmission diagnostics: Green's-function localisation, transposed convention (ranked). */
function transmissionDiagnostics(runs: readonly TableRun[], cache: SystemCache, tol: Tolerance, explained: Set<Column>, hyps: Ranked[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad: Column[] = [];
  for (const run of runs) {
    if (run.table.kind !== 'energy') continue;
    const fail = failing(run, (c) => c.quantity.kind === 'transmission');
    if (fail.length === 0) continue;
    bad.push(...fail);
    const swapped = {
      ...run.table,
      columns: run.table.columns.map((c) =>
        c.quantity.kind === 'transmission' ? { ...c, quantity: { kind: 'transmission' as const, a: c.quantity.b, b: c.quantity.a } } : c,
      ),
    };
    const tr = evaluateEnergy(swapped, cache);
    const scale = run.scales.get('transmission')!;
    const transposed: Column[] = [];
    const preds: Predictions = new Map();
    swapped.columns.forEach((c, k) => {
      const orig = run.table.columns[k];
      if (c.quantity.kind !== 'transmission' || !fail.includes(orig)) return;
      preds.set(orig, tr.get(c)!);
      if (matchesSignificantly(orig.values, tr.get(c)!, null, scale, tol)) transposed.push(orig);
    });
    if (transposed.length > 0) {
      transposed.forEach((c) => explained.add(c));
      hyps.push(
        ranked(
          'error',
          'transposed-transmission',
          `${transposed.map((c) => c.key).join(', ')}: your T_ab is probecheck's T_ba — probecheck's T_αβ(E) = Tr[Γ^α G Γ^β G†] (docs/physics.md §2); the two differ only without time-reversal symmetry (a flux / complex H), so the error shows only for systems with complex hoppings or a flux`,
          score(run, preds, tol, transposed),
        ),
      );
    }
  }
  if (bad.length === 0) return out;
  out.push({
    level: 'error',
    code: 'greens-function',
    message: `transmissions differ (${bad.map((c) => c.key).join(', ')}): the error is upstream of any integration or probe solve — in G(E) = [E − H + (i/2)ΣΓ]⁻¹, the couplings Γ^α or the sites they attach to (docs/physics.md §2, paper Eqs. 3, 5)`,
  });
  return out;
}

/**
 * Energy-dependent leads (docs/physics.md §9): does their T(E) need Re Σ(E)? Failing: their T(E)
 * matches with Re Σ dropped (Γ(E) kept) → "your code drops Re Σ". Passing: with Re Σ dropped it
 * would not match → information that the agreement rests on Re Σ.
 */
function realSelfEnergy(run: TableRun, cfg: ParsedConfig, tol: Tolerance, cache: SystemCache, explained: Set<Column>): { hyps: Ranked[]; info: Diagnostic[] } {
  const leads = cfg.system.terminals.filter((t) => t.lead !== undefined).map((t) => t.name);
  if (run.table.kind !== 'energy' || leads.length === 0) return { hyps: [], info: [] };
  let preds: Predictions;
  try {
    preds = evaluateEnergy(run.table, cache, 1, 1, true);
  } catch {
    return { hyps: [], info: [] };
  }
  for (const c of [...preds.keys()]) if (c.role !== 'output') preds.delete(c);
  const failingNow = [...run.results.values()].some((r) => !r.pass);
  const sc = score(run, preds, tol);
  const names = leads.join(', ');
  if (failingNow) {
    if (!sc.exact) return { hyps: [], info: [] };
    preds.forEach((_, c) => explained.add(c));
    return {
      hyps: [
        ranked(
          'error',
          're-self-energy',
          `your T(E) matches only if Re Σ(E) of the energy-dependent lead${leads.length > 1 ? 's' : ''} ${names} is DROPPED: your code keeps Γ(E) = −2 Im Σ(E) but not the level shift Re Σ(E); probecheck keeps the full Σ(E) = t_c² g(E) (docs/physics.md §9)`,
          sc,
        ),
      ],
      info: [],
    };
  }
  // Passing: how far would the Re Σ-free T(E) be?
  let worst = 0;
  for (const [c, p] of preds) {
    const s = run.scales.get(c.family)!;
    c.values.forEach((y, i) => {
      worst = Math.max(worst, Math.abs(y - p[i]) / s[i]);
    });
  }
  if (worst <= tol.atol) return { hyps: [], info: [] };
  return {
    hyps: [],
    info: [
      {
        level: 'info',
        code: 're-self-energy',
        message: `your T(E) matches only if Re Σ(E) of the energy-dependent lead${leads.length > 1 ? 's' : ''} ${names} is kept (with Re Σ dropped it would deviate by up to ${fmt(worst)} of the transmission scale): your code keeps the level shift, as probecheck does (docs/physics.md §9)`,
      },
    ],
  };
}

/** The Σ = −iγ hypothesis: every Γ^α scaled by 2 (or ½) reproduces their values (docs/physics.md §2). */
function couplingConvention(run: TableRun, cfg: ParsedConfig, tol: Tolerance, method: OnsagerMethod, cache: SystemCache, explained: Set<Column>): Ranked[] {
  const out: Ranked[] = [];
  if (![...run.results.values()].some((r) => !r.pass)) return out;
  for (const f of [2, 0.5]) {
    let preds: Predictions;
    try {
      if (run.table.kind === 'energy') {
        preds = evaluateEnergy(run.table, cache, 1, f);
      } else {
        const states = evaluatePoints(run.table, cfg, method, cache, undefined, f);
        preds = pointValues(run.table, states, cfg).ours;
      }
    } catch {
      continue;
    }
    // Only the quantities Γ changes (not the inputs, which stay CONFIG's).
    for (const c of [...preds.keys()]) if (c.role !== 'output') preds.delete(c);
    const sc = score(run, preds, tol);
    if (!sc.exact && sc.fraction < 0.9) continue;
    const cols = [...preds.keys()].filter((c) => !run.results.get(c)!.pass);
    if (sc.exact) cols.forEach((c) => explained.add(c));
    const what = run.table.kind === 'energy' ? 'every transmission' : 'every quantity';
    out.push(
      ranked(
        sc.exact ? 'error' : 'info',
        'coupling-convention',
        f === 2
          ? `your couplings are in the Σ = −iγ convention (Γ = 2γ): with every Γ^α of CONFIG doubled, ${what} matches; probecheck's γ is Γ itself, Σ = −(i/2)Γ (docs/physics.md §2) — write gamma = 2γ in CONFIG (or halve your γ)`
          : `your couplings are half of CONFIG's (Γ = γ/2): with every Γ^α halved, ${what} matches — if CONFIG's widths were doubled for a Σ = −iγ code, this code uses Σ = −(i/2)γ; write gamma = γ`,
        sc,
      ),
    );
    if (sc.exact) break;
  }
  return out;
}

/** Their lead currents are the coherent part only (no path through the probes). */
function coherentOnly(run: TableRun, cfg: ParsedConfig, tol: Tolerance, explained: Set<Column>): Ranked[] {
  const fails = failing(run, (c) => isCurrent(c.quantity) || c.quantity.kind === 'current');
  if (fails.length === 0 || !cfg.system.terminals.some((t) => t.role !== 'lead' && !isTestProbe(t))) return [];
  const preds = coherentOnlyPredictions(run, cfg);
  const cols = [...preds.keys()];
  const sc = score(run, preds, tol, cols);
  if (!sc.exact && sc.fraction < 0.9) return [];
  if (sc.exact) cols.forEach((c) => explained.add(c));
  const probes = cfg.system.terminals.filter((t) => t.role !== 'lead' && !isTestProbe(t)).map((t) => t.name);
  return [
    ranked(
      sc.exact ? 'error' : 'info',
      'coherent-only',
      `your current leaves out the path through the probe${probes.length > 1 ? 's' : ''} (${probes.join(', ')}): your ${cols.map((c) => c.key).join(', ')} ${cols.length > 1 ? 'equal' : 'equals'} the coherent part alone, (1/h)∫T_αβ(E)(f_β − f_α) dE between the leads (T(E) with the probe's self-energy in G, docs/physics.md §2–§3); a current-conserving probe re-emits what it absorbs, so the current into a lead also carries Σ_P (1/h)∫T_αP(E)(f_P − f_α) dE — add that term (with the solved μ_P${cfg.system.terminals.some((t) => t.role === 'VTP') ? ', T_P' : ''})`,
      sc,
    ),
  ];
}

/** Their bare L^(ν) columns are the effective coefficients of the leads (probes eliminated). */
function effectiveAsBare(run: TableRun, cfg: ParsedConfig, tol: Tolerance, explained: Set<Column>): Ranked[] {
  if (!run.states) return [];
  const cols = failing(
    run,
    (c) =>
      c.quantity.kind === 'onsager' &&
      c.quantity.a !== c.quantity.b &&
      cfg.system.terminals[c.quantity.a].role === 'lead' &&
      cfg.system.terminals[c.quantity.b].role === 'lead',
  );
  if (cols.length === 0 || !cfg.system.terminals.some((t) => t.role !== 'lead' && !isTestProbe(t))) return [];
  let preds: Predictions;
  try {
    preds = new Map(
      cols.map((c) => {
        const q = c.quantity as { nu: 0 | 1 | 2; a: number; b: number };
        return [c, Float64Array.from(run.states!, (s) => effectiveAt(s, q.nu, q.a, q.b))] as const;
      }),
    );
  } catch {
    return [];
  }
  const good = cols.filter((c) => matchesSignificantly(c.values, preds.get(c)!, null, run.scales.get(c.family)!, tol));
  if (good.length === 0) return [];
  good.forEach((c) => explained.add(c));
  const sc = score(run, new Map(good.map((c) => [c, preds.get(c)!])), tol, good);
  const rename = good.map((c) => `${c.header}=${c.key.replace(/^L/, 'Leff')}`).join(',');
  return [
    ranked(
      'error',
      'effective-as-bare',
      `your ${good.map((c) => c.key).join(', ')} are the effective coefficients L̃^(ν) of the leads after eliminating the probes (docs/physics.md §4, paper Eqs. 11, 16), not the bare L^(ν): name them ${good.map((c) => c.key.replace(/^L/, 'Leff')).join(', ')} (or --map ${rename})`,
      sc,
    ),
  ];
}

/**
 * Finite bias in a linear-response comparison: along their own bias sweep the deviation grows as
 * a power ≥ 2 of the bias (the first nonlinear term of I(V) is O(V²), O(V³) at particle–hole
 * symmetry), fitted per failing column.
 */
function finiteBias(run: TableRun, cfg: ParsedConfig, tol: Tolerance, method: OnsagerMethod, cache: SystemCache, explained: Set<Column>): Ranked[] {
  if (!run.states || cfg.circuit !== 'electronic' || cfg.response !== 'linear') return [];
  const leads = cfg.system.terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  if (leads.length < 2) return [];
  const bias = run.states.map((s) => s.solution.circuit.mu[leads[0]] - s.solution.circuit.mu[leads[1]]);
  if (!bias.some((b) => b !== bias[0])) return [];
  const fits: Array<{ c: Column; p: number; rows: number }> = [];
  for (const c of failing(run, (k) => k.role === 'output')) {
    const ours = run.ours.get(c)!,
      s = run.scales.get(c.family)!;
    const f = powerFit(
      bias,
      Float64Array.from(ours, (x, i) => c.values[i] - x),
      Float64Array.from(s, (v) => tol.atol * v),
    );
    if (f && f.maxResidual < 0.35) fits.push({ c, p: f.exponent, rows: f.rows });
  }
  const superlinear = fits.filter((f) => f.p >= 1.6 && f.p <= 3.4);
  if (superlinear.length === 0 || superlinear.length * 2 < fits.length) return [];
  const ps = superlinear.map((f) => f.p).sort((a, b) => a - b);
  const p = ps[Math.floor(ps.length / 2)];
  const order = p < 2.5 ? 'bias²' : 'bias³ (the bias² term vanishes here, e.g. at particle–hole symmetry)';
  const message = `your code is at finite bias: the deviation scales as ${order} (fitted exponent ${p.toFixed(2)} over ${Math.max(...superlinear.map((f) => f.rows))} rows of your bias sweep; ${superlinear.map((f) => `${f.c.key} ${f.p.toFixed(2)}`).join(', ')}) — probecheck's CONFIG is linear response; use "response": "nonlinear" in CONFIG or a smaller bias`;
  // The nonlinear solution itself as the prediction (docs/physics.md §10).
  let sc: Score = { fraction: 0, exact: false };
  let solved = false;
  try {
    const states = evaluatePoints(run.table, cfg, method, cache, undefined, 1, 'nonlinear');
    const ours = pointValues(run.table, states, cfg).ours;
    for (const c of [...ours.keys()]) if (c.role !== 'output') ours.delete(c);
    sc = score(run, ours, tol);
    solved = true;
    if (sc.exact) ours.forEach((_, c) => explained.add(c));
  } catch {
    // the nonlinear solve does not converge at their bias: the power law alone is the evidence
  }
  const tail = !solved
    ? " (probecheck's nonlinear solve does not converge at your largest bias)"
    : sc.exact
      ? '; with "response": "nonlinear" probecheck reproduces your values'
      : '';
  return [ranked('error', 'finite-bias', message + tail, solved ? sc : { fraction: 0, exact: false })];
}

/** CONFIG asks for the nonlinear solution; their values are the linear-response ones. */
function linearInsteadOfNonlinear(
  run: TableRun,
  cfg: ParsedConfig,
  tol: Tolerance,
  method: OnsagerMethod,
  cache: SystemCache,
  explained: Set<Column>,
): Ranked[] {
  if (!run.states || cfg.response !== 'nonlinear' || ![...run.results.values()].some((r) => !r.pass)) return [];
  const states = evaluatePoints(run.table, cfg, method, cache, undefined, 1, 'linear');
  const ours = pointValues(run.table, states, cfg).ours;
  for (const c of [...ours.keys()])
    if (c.role !== 'output' || c.quantity.kind === 'onsager' || c.quantity.kind === 'effective' || c.quantity.kind === 'conductance') ours.delete(c);
  const sc = score(run, ours, tol, [...ours.keys()]);
  if (!sc.exact) return [];
  ours.forEach((_, c) => explained.add(c));
  return [
    ranked(
      'error',
      'linear-response',
      'your values are the linear-response ones (Onsager, around the reference): CONFIG says "response": "nonlinear", the full finite-bias solution — compare with "response": "linear", or run your code at finite bias',
      sc,
    ),
  ];
}

/** All diagnostics for a set of compared tables. */
export function diagnose(allRuns: readonly TableRun[], cfg: ParsedConfig, tol: Tolerance, method: OnsagerMethod, cache: SystemCache): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hyps: Ranked[] = [];
  const explained = new Set<Column>();
  const skipped = new Set<TableRun>();
  for (const run of allRuns)
    for (const n of run.table.notes)
      out.push({ level: n.startsWith('the file declares') ? 'warning' : 'info', code: 'note', message: `${run.table.label}: ${n}` });
  // The side-by-side probe-model columns (scan --probe-models) get a verdict but no cause is tested on
  // them: the hypotheses are about CONFIG's own probe models, and the table of CONFIG's columns has them.
  for (const run of allRuns) {
    if (!run.table.model) continue;
    const bad = failing(run, () => true);
    if (bad.length > 0)
      out.push({
        level: 'info',
        code: 'probe-models',
        message: `${run.table.label}: ${bad.map((c) => c.header).join(', ')} differ from probecheck's solution with every probe made ${run.table.model === 'ER' ? 'an' : 'a'} ${run.table.model}; no cause is tested for the side-by-side columns (the table of CONFIG's own columns is diagnosed)`,
      });
  }
  const runs = allRuns.filter((r) => !r.table.model);
  // "current-assembly" errors, checked again once every cause is known (see the end)
  const assemblyOf = new Map<Diagnostic, TableRun>();

  const has = (pred: (c: Column) => boolean) => runs.some((r) => [...r.results.keys()].some(pred));
  const allPass = (pred: (c: Column) => boolean) => runs.every((r) => [...r.results].every(([c, res]) => !pred(c) || res.pass));
  const isT = (c: Column) => c.quantity.kind === 'transmission' || c.quantity.kind === 'teff';
  const isL = (c: Column) => c.quantity.kind === 'onsager';

  out.push(...transmissionDiagnostics(runs, cache, tol, explained, hyps));
  for (const run of runs) if (run.table.kind === 'points') hyps.push(...effectiveAsBare(run, cfg, tol, explained));
  const tGiven = has(isT),
    tOk = allPass(isT),
    lGiven = has(isL),
    lOk = allPass(isL);
  const lUnexplained = runs.some((r) => [...r.results].some(([c, res]) => isL(c) && !res.pass && !explained.has(c)));

  if (lGiven && !lOk && lUnexplained) {
    out.push(
      tGiven && tOk
        ? {
            level: 'error',
            code: 'integration',
            message:
              "your transmissions match but your Onsager coefficients L^(ν) do not: the error is in the energy integration (grid or window, the Fermi window −∂f0/∂E at (μ0, T0), the weight (E − μ0)^ν; docs/physics.md §3), not in your Green's function",
          }
        : tGiven
          ? { level: 'info', code: 'integration', message: 'your Onsager coefficients differ too; fix the transmissions first (they enter every L^(ν))' }
          : {
              level: 'info',
              code: 'integration',
              message:
                'your Onsager coefficients differ: the error is in the transmission or in its integration — give T(E) on an energy grid as well to tell them apart',
            },
    );
  }

  for (const run of runs) {
    if (run.table.kind !== 'points') continue;
    out.push(...inputDiagnostics(run, cfg, tol, explained));
    const circuitFail = failing(run, isCircuit);
    // Their run used other parameters (μ0, T0, γ, a lead's μ or T, the bias): every output is compared at
    // CONFIG's, so no convention or model explains the rest — say so once instead of testing hypotheses.
    const otherInputs = failing(run, (c) => c.role === 'input' && !(c.quantity.kind === 'temperature' && cfg.system.terminals[c.quantity.t].role === 'VP'));
    if (otherInputs.length > 0) {
      skipped.add(run);
      if (circuitFail.length > 0)
        out.push({
          level: 'info',
          code: 'hypotheses-skipped',
          message: `${run.table.label}: ${otherInputs.map((c) => c.key).join(', ')} differ from CONFIG, so the outputs are not tested against conventions or probe models; rerun with CONFIG's inputs (or fix CONFIG) first`,
        });
    } else if (circuitFail.length > 0) {
      const upstream = [tGiven ? 'transmissions' : '', lGiven ? 'Onsager coefficients' : ''].filter(Boolean).join(' and ');
      if (upstream && (!tGiven || tOk) && (!lGiven || lOk)) {
        out.push({
          level: 'error',
          code: 'localisation',
          message: `your ${upstream} match probecheck's but ${circuitFail.map((c) => c.key).join(', ')} do not: the error is in your ${lGiven ? '' : 'energy integration or your '}probe solve / current assembly, not in your Green's function`,
        });
      } else if (!upstream) {
        out.push({
          level: 'info',
          code: 'localisation',
          message: `${circuitFail.map((c) => c.key).join(', ')} differ; give T(E) (and L0/L1/L2) too, to tell a Green's-function error from an integration or probe-solve error`,
        });
      }
      const assembly = cfg.response === 'linear' ? assemblyDiagnostics(run, cfg, tol) : []; // y = M x holds in linear response only
      hyps.push(...coherentOnly(run, cfg, tol, explained));
      // Probe-model hypotheses: does a VP/VTP swap or another VP temperature reproduce them all?
      const cols = compared(run.table).filter((c) => isCircuit(c) || (c.quantity.kind === 'temperature' && cfg.system.terminals[c.quantity.t].role !== 'lead'));
      let partial: Ranked | null = null;
      let modelFound = false;
      for (const h of [...hypotheses(run, cfg), ...fittedTemperatureHypotheses(run, cfg, method, cache, cols)]) {
        const states = evaluateHypothesis(run, cfg, method, cache, h);
        if (!states) continue;
        const { ours, offsets } = pointValues(run.table, states, cfg);
        const preds: Predictions = new Map(cols.map((c) => [c, ours.get(c)!]));
        const name = cfg.system.terminals[h.probe].name;
        if (
          explains(
            run,
            cols,
            (c) => ours.get(c)!,
            (c) => offsets.get(c) ?? null,
            run.scales,
            tol,
          )
        ) {
          hyps.push(
            ranked(
              'error',
              'probe-model',
              `your probe ${name} behaves like ${h.label}: with that probe model probecheck reproduces every probe μ/T, current, Ṡ and effective coefficient you report`,
              { ...score(run, preds, tol, cols), exact: true },
            ),
          );
          cols.forEach((c) => explained.add(c));
          partial = null;
          modelFound = true;
          break;
        }
        const sc = score(run, preds, tol, cols);
        if (sc.fraction >= 0.9 && (!partial || sc.fraction > partial.score.fraction)) {
          partial = ranked('info', 'probe-model', `your probe ${name} is closest to ${h.label}, but that does not reproduce every value`, sc);
        }
      }
      if (partial) hyps.push(partial);
      // An exact probe model contradicts "the currents are not M x for your probe values" (those were CONFIG's T_P).
      const kept = assembly.filter((d) => !(modelFound && d.code === 'current-assembly'));
      out.push(...kept);
      for (const d of kept) if (d.code === 'current-assembly') assemblyOf.set(d, run);
      hyps.push(...finiteBias(run, cfg, tol, method, cache, explained));
      hyps.push(...linearInsteadOfNonlinear(run, cfg, tol, method, cache, explained));
    }
    out.push(...probeHeatDiagnostics(run, cfg, tol, method, cache));
  }
  for (const run of runs) {
    const r = realSelfEnergy(run, cfg, tol, cache, explained);
    hyps.push(...r.hyps);
    out.push(...r.info);
  }
  for (const run of runs) if (!skipped.has(run)) hyps.push(...couplingConvention(run, cfg, tol, method, cache, explained));
  for (const run of runs) if (!skipped.has(run)) hyps.push(...factorDiagnostics(run, tol, cfg, explained));
  // "your currents are not M x" is not the story when exact causes (a sign, a factor, a model) account
  // for every failing circuit quantity of the table: their currents are M x once those are undone.
  const stale = new Set([...assemblyOf].filter(([, run]) => failing(run, isCircuit).every((c) => explained.has(c))).map(([d]) => d));
  return [...out.filter((d) => !stale.has(d)), ...rank(hyps)];
}
