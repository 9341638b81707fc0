/**
 * Ranking the causes of a discrepancy (docs/compare.md §Diagnostics). Every hypothesis predicts
 * their values (probecheck's pipeline under a changed convention or model); its score is the
 * fraction of the discrepancy it explains,
 *
 *   explained = 1 − Σ_c Σ_i ((theirs − predicted)/s_c)² / Σ_c Σ_i ((theirs − probecheck)/s_c)²,
 *
 * summed over every compared column c of the table (s_c: the column family's tolerance scale, so
 * that columns of different units weigh alike), and it is *exact* when every column then passes
 * the verdict's tolerance on a significant signal. Hypotheses are reported best first; at equal
 * score a named cause (a spin factor, Σ = −iγ, a probe model, a missing probe path) comes before
 * an unnamed constant factor.
 */
import type { ParsedConfig } from '../config.js';
import { chargeCurrentSI, heatCurrentSI, particleCurrentSI } from '../model/units.js';
import type { Column } from './resolve.js';
import { compared, type TableRun } from './run.js';
import { matchesSignificantly, type Tolerance } from './check.js';
import { spinOf, type PointState } from './evaluate.js';

/** A hypothesis' predictions: column → their values if the hypothesis were the whole story (canonical units). */
export type Predictions = Map<Column, Float64Array>;

/** The score of a hypothesis on one table. */
export interface Score {
  /** Fraction of the discrepancy explained, in [0, 1]. */
  readonly fraction: number;
  /** Every compared column passes under the predictions, and a predicted one is a significant signal. */
  readonly exact: boolean;
}

/** Score predictions against a table's verdicts (columns without a prediction keep probecheck's value). */
export function score(run: TableRun, preds: Predictions, tol: Tolerance, judged?: readonly Column[]): Score {
  let d0 = 0,
    d1 = 0,
    allPass = true,
    significant = false;
  const judge = new Set(judged ?? compared(run.table));
  for (const c of compared(run.table)) {
    const ours = run.ours.get(c)!,
      off = run.offsets.get(c) ?? null,
      s = run.scales.get(c.family)!;
    const p = preds.get(c) ?? ours;
    for (let i = 0; i < ours.length; i++) {
      const y = c.values[i];
      d0 += ((y - ours[i]) / s[i]) ** 2;
      d1 += ((y - p[i]) / s[i]) ** 2;
      const o = off ? off[i] : 0;
      if (judge.has(c) && !(Math.abs(y - p[i]) <= tol.atol * s[i] + tol.rtol * Math.abs(p[i] - o))) allPass = false;
    }
    if (preds.has(c) && matchesSignificantly(c.values, p, off, s, tol)) significant = true;
  }
  const fraction = d0 > 0 && Number.isFinite(d1) ? Math.max(0, Math.min(1, 1 - d1 / d0)) : 0;
  return { fraction, exact: allPass && significant };
}

/** "explains 100 % of the discrepancy" (rounded down, so that 99.97 % is not printed as 100 %). */
export function fractionText(s: Score): string {
  const pct = s.exact ? 100 : Math.floor(1000 * s.fraction) / 10;
  return `explains ${pct} % of the discrepancy${s.exact ? ' (every quantity then matches)' : ''}`;
}

const isLead = (cfg: ParsedConfig, t: number) => cfg.system.terminals[t].role === 'lead';

/**
 * The coherent-only current: the currents into the leads from the lead–lead terms alone,
 * h J^N_α = Σ_{β lead} [L0_αβ (μ_β − μ_α) + L1_αβ (T_β − T_α)/T0] (and J^Q with L1, L2; docs/physics.md
 * §3) — the Landauer ∫T_αβ(f_β − f_α) with the dephased T(E) but without the path through the
 * probes. Predictions for their lead currents (particle, charge, heat, I).
 */
export function coherentOnlyPredictions(run: TableRun, cfg: ParsedConfig): Predictions {
  const out: Predictions = new Map();
  const states = run.states;
  if (!states) return out;
  const n = cfg.system.terminals.length;
  const leads = cfg.system.terminals.map((_, i) => i).filter((i) => isLead(cfg, i));
  const per = states.map((s) => coherentCurrents(s, leads, n));
  for (const c of compared(run.table)) {
    const q = c.quantity;
    if ((q.kind === 'particle' || q.kind === 'charge' || q.kind === 'heat') && isLead(cfg, q.t)) {
      out.set(
        c,
        Float64Array.from(per, (p) => p[q.kind][q.t]),
      );
    } else if (q.kind === 'current') {
      out.set(
        c,
        Float64Array.from(per, (p) => -p.charge[leads[1]]),
      );
    }
  }
  return out;
}

function coherentCurrents(s: PointState, leads: readonly number[], n: number): { particle: Float64Array; charge: Float64Array; heat: Float64Array } {
  const o = s.solution.onsager,
    c = s.solution.circuit;
  const mu0 = s.reference.mu,
    T0 = s.reference.temperature;
  const particle = new Float64Array(n),
    charge = new Float64Array(n),
    heat = new Float64Array(n);
  for (const a of leads) {
    let hN = 0,
      hQ = 0;
    for (const b of leads) {
      if (a === b) continue;
      const dmu = c.mu[b] - mu0 - (c.mu[a] - mu0),
        dth = (c.temperature[b] - c.temperature[a]) / T0;
      hN += o.L0[a * n + b] * dmu + o.L1[a * n + b] * dth;
      hQ += o.L1[a * n + b] * dmu + o.L2[a * n + b] * dth;
    }
    // docs/physics.md §1, §11: the one h·J → SI conversion (src/model/units.ts), I = −e J^N
    particle[a] = particleCurrentSI(hN, spinOf(s));
    charge[a] = chargeCurrentSI(hN, spinOf(s));
    heat[a] = heatCurrentSI(hQ, spinOf(s));
  }
  return { particle, charge, heat };
}

/** A least-squares power law |Δ| ∝ |bias|^p over rows where both are resolvable. */
export interface PowerFit {
  readonly exponent: number;
  readonly rows: number;
  /** Largest |log residual| of the fit (natural log). */
  readonly maxResidual: number;
}

/** Fit |d_i| = C |b_i|^p on rows with |d_i| > floor_i and b_i ≠ 0 (≥ 3 rows, |b| spread ≥ 2×), else null. */
export function powerFit(bias: ArrayLike<number>, dev: ArrayLike<number>, floor: ArrayLike<number>): PowerFit | null {
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < bias.length; i++) {
    const b = Math.abs(bias[i]),
      d = Math.abs(dev[i]);
    if (b > 0 && d > floor[i] && Number.isFinite(d)) {
      xs.push(Math.log(b));
      ys.push(Math.log(d));
    }
  }
  if (xs.length < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length,
    my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0,
    sxy = 0;
  for (let k = 0; k < xs.length; k++) {
    sxx += (xs[k] - mx) ** 2;
    sxy += (xs[k] - mx) * (ys[k] - my);
  }
  if (Math.max(...xs) - Math.min(...xs) < Math.log(2) || sxx === 0) return null;
  const p = sxy / sxx;
  let maxResidual = 0;
  for (let k = 0; k < xs.length; k++) maxResidual = Math.max(maxResidual, Math.abs(ys[k] - (my + p * (xs[k] - mx))));
  return { exponent: p, rows: xs.length, maxResidual };
}
