/**
 * Finite bias: currents with the full Fermi functions of every terminal and self-consistent probes
 * (docs/physics.md §10). At one energy the particle current into terminal α is
 *
 *   i_α(E) = Σ_β T_αβ(E) [f_β(E) − f_α(E)],   f_α = 1/(1 + e^{(E−μ_α)/k_BT_α}),
 *
 * (ER probes eliminated energy by energy first: T → T^eff, energyResolved.ts), and
 *   h J^N_α = ∫ i_α dE,  h J^E_α = ∫ E i_α dE,  h J^Q_α = ∫ (E − μ_α) i_α dE.
 * Unknowns as in linear response (src/model: VP μ_P from J^N_P = 0; VTP μ_P, T_P from
 * J^N_P = J^Q_P = 0; thermal circuit: every lead's μ but the gauge's from J^N = 0), solved by a
 * damped Newton iteration started from the linear-response solution, with the Jacobian integrated
 * alongside the currents (∂f/∂μ = f(1−f)/k_BT, ∂f/∂T = f(1−f)(E−μ)/(k_BT²)). Σ_α i_α(E) = 0 at every
 * energy (sum rules), so Σ_α J^N_α = Σ_α J^E_α = 0 at any bias; Ṡ = Σ_α J^Q_α/T_α ≥ 0.
 *
 * Error control: every integral by adaptive Gauss–Kronrod (rtol 1e-11 against the largest current
 * of its kind), the window [min(μ − 40 k_BT), max(μ + 40 k_BT)] (tails < 4e-18 relative), Newton
 * converged when every probe current is ≤ 1e-10 of the gross flow through that probe (Σ_β ∫ T_Pβ |f_β − f_P|, energy-weighted for J^Q).
 */
import { K_B_EV } from './constants.js';
import type { Reference } from './onsager.js';
import { integrateAdaptive } from './quadrature.js';
import { CircuitSpecError, prepareCircuit, type CircuitKind, type CircuitResult } from './circuit.js';
import type { TransmissionEngine } from './transmission.js';
import type { PreparedSystem } from './system.js';
import { energyResolvedElimination, type ErElimination } from './energyResolved.js';
import { isEnergyResolved, isTestProbe, solvedVariables } from '../model/probeModels.js';
import { chargeCurrentSI, heatCurrentSI, particleCurrentSI, type SpinFactor } from '../model/units.js';

/** Newton failed or no solution exists; names the terminal (exit 2 at the CLI). */
export class NonlinearSolveError extends CircuitSpecError {
  constructor(message: string, field: string) {
    super(`${field}: ${message}`, field);
    this.name = 'NonlinearSolveError';
  }
}

/** Options of {@link solveNonlinear}. */
export interface NonlinearOptions {
  /** Newton tolerance: every probe current ≤ tol × its own gross flow Σ_β ∫T_αβ|f_β − f_α| of its kind (default 1e-10). */
  readonly tolerance?: number;
  /** Relative tolerance of the quadratures (default 1e-11). */
  readonly quadratureRtol?: number;
  /** Maximum Newton iterations (default 50). */
  readonly maxIterations?: number;
}

/** The solved nonlinear circuit (SI units, currents into each terminal). */
export interface NonlinearResult {
  readonly response: 'nonlinear';
  readonly kind: CircuitKind;
  readonly reference: Reference;
  readonly terminals: readonly string[];
  /** μ (eV) and T (K) of every terminal; for an ER probe the moment μ, T of its distribution (§8). */
  readonly mu: Float64Array;
  readonly temperature: Float64Array;
  readonly particleCurrent: Float64Array;
  readonly chargeCurrent: Float64Array;
  readonly heatCurrent: Float64Array;
  /** Energy current J^E (W). */
  readonly energyCurrent: Float64Array;
  /** Ṡ = Σ_α J^Q_α/T_α (W/K). */
  readonly entropyProduction: number;
  /** −(μ_R − μ_L)/(e(T_R − T_L)) between the first two leads (V/K); null when `seebeckReason` says why. */
  readonly seebeck: number | null;
  /**
   * Why `seebeck` is null in a thermal circuit: at T_R = T_L the finite-bias ratio is 0/0 and, unlike
   * linear response (where S is the circuit's coefficient, circuit.ts `seebeckFromMatrix`), has no
   * bias-independent value to take its place.
   */
  readonly seebeckReason?: string;
  readonly spin: SpinFactor;
  /** Newton iterations used (0: the linear start already solved it). */
  readonly iterations: number;
  /** Largest scaled probe-current residual at the end. */
  readonly residual: number;
  /** Integrand evaluations of the transmission (cached per energy). */
  readonly transmissionEvaluations: number;
  /** The linear-response solution Newton started from. */
  readonly linear: CircuitResult;
}

/** Fermi function, overflow-free. */
export function fermi(energy: number, mu: number, kT: number): number {
  const x = (energy - mu) / kT;
  if (x > 0) {
    const e = Math.exp(-x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(x));
}

/**
 * f_b(E) − f_a(E) for the Fermi functions of (μ_b, T_b) and (μ_a, T_a), free of cancellation
 * (docs/physics.md §10). With x = (E − μ)/k_BT, f(x_b) − f(x_a) = −expm1(x_b − x_a)·f(x_b)·f(−x_a),
 * and x_b − x_a = [(E − μ_a)·k_B(T_a − T_b) + (μ_a − μ_b)·k_BT_a]/(k_BT_a·k_BT_b) is formed from the
 * differences μ_a − μ_b and T_a − T_b themselves (the caller forms them from the deviations from
 * the reference, not from rounded absolute values), so the result is within a few ulps of itself
 * however small the bias. Subtracting two Fermi functions of order 1 leaves an absolute error
 * ~1e-16: 1e-11 of the ~4e-6 difference that a 0.1 µeV bias makes at 300 K, all of it at 1e-17 eV.
 * For |x_b − x_a| > 1 the plain difference is as accurate (it loses at most a factor 1/(1 − e⁻¹))
 * and cannot overflow.
 * @param eA E − μ_a (eV)
 * @param muAB μ_a − μ_b (eV)
 * @param tAB T_a − T_b (K)
 * @param fb f(x_b); `fa` f(x_a); `ga` f(−x_a) = 1 − f(x_a) computed without cancellation
 */
export function fermiDifference(eA: number, kTa: number, kTb: number, muAB: number, tAB: number, fb: number, fa: number, ga: number): number {
  if (muAB === 0 && tAB === 0) return 0;
  const d = (eA * (K_B_EV * tAB) + muAB * kTa) / (kTa * kTb);
  if (!(Math.abs(d) <= 1)) return fb - fa;
  return -Math.expm1(d) * fb * ga;
}

/**
 * The energy window outside which every T_αβ is negligible (levels of H ± 30 widths, lead bands):
 * a lead whose f is 0 or 1 across all of it has a bias beyond what the model can describe.
 */
function transmissionWindow(engine: TransmissionEngine): [number, number] {
  let lo = Infinity,
    hi = -Infinity,
    wmax = 0;
  for (const [e, w] of engine.resonances) {
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
    wmax = Math.max(wmax, w);
  }
  return [lo - 30 * wmax, hi + 30 * wmax];
}

/**
 * Solve the circuit of a prepared system at finite bias (the given μ_α, T_α of the leads, no
 * expansion). Starts from the linear-response solution around `reference`.
 * @throws NonlinearSolveError naming the terminal when the bias is beyond the model or Newton fails
 */
export function solveNonlinear(prepared: PreparedSystem, reference: Reference, kind: CircuitKind, options: NonlinearOptions = {}): NonlinearResult {
  const system = prepared.system;
  const terms = system.terminals;
  const n = terms.length;
  const spin: SpinFactor = system.spin ?? 1;
  const tol = options.tolerance ?? 1e-10;
  const qrtol = options.quadratureRtol ?? 1e-11;
  const maxIt = options.maxIterations ?? 50;
  const T0 = reference.temperature,
    mu0 = reference.mu,
    kT0 = K_B_EV * T0;
  // The finite-bias quadrature is laid out on the dense engine's resonances (levels ± widths) and
  // its window on their extent; the sparse engine (docs/physics.md §14) reports none, which made
  // every bias look "beyond the model": refuse plainly instead.
  if (prepared.path === 'sparse')
    throw new NonlinearSolveError(
      `finite-bias (nonlinear) response needs the dense engine's resonances; this system (${system.hamiltonian.rows} sites, sparse H) takes the sparse path of docs/physics.md §14, which has linear response only — use "response": "linear"`,
      'response',
    );
  const linearOnsager = prepared.onsager(reference);
  const linear = prepareCircuit(terms, reference, kind, spin).solve(linearOnsager);
  const engine = prepared.engine();
  const test = terms.map(isTestProbe);
  const er = terms.map((t, a) => (isEnergyResolved(t.role) ? a : -1)).filter((a) => a >= 0);
  const elim: ErElimination | null = er.length ? energyResolvedElimination(n, er, test) : null;
  const leads = terms.map((t, a) => (t.role === 'lead' ? a : -1)).filter((a) => a >= 0);

  // Bias beyond the model: a lead's f is 0/1 (to rounding) everywhere T(E) is not negligible.
  const [wlo, whi] = transmissionWindow(engine);
  for (const a of leads) {
    const t = terms[a];
    const kT = K_B_EV * (t.temperature ?? T0),
      mu = t.mu ?? mu0;
    if (mu + 37 * kT < wlo || mu - 37 * kT > whi) {
      throw new NonlinearSolveError(
        `bias so large that f is ${mu - 37 * kT > whi ? 1 : 0} everywhere in the transmission window [${wlo.toPrecision(4)}, ${whi.toPrecision(4)}] eV (μ = ${mu} eV, T = ${t.temperature} K): no Fermi edge left, nonlinear response is undefined`,
        `terminals[${a}].mu`,
      );
    }
  }

  // Unknowns (same table as the linear circuit), state vector x = (μ_α, T_α) absolute.
  const gauge = leads[0];
  const unknown: number[] = [];
  // The state is kept as deviations from the reference, δμ_α = μ_α − μ0 (eV) and δT_α = T_α − T0 (K):
  // an absolute μ or T resolves a deviation only to u·|μ0| or u·T0 (at a 1e-8 relative bias that
  // is all of 2e-8 of it, and Newton could not get the probe currents below that); μ, T follow.
  const dmu = new Float64Array(n),
    dT = new Float64Array(n);
  const mu = new Float64Array(n),
    temp = new Float64Array(n);
  const sync = () => {
    for (let a = 0; a < n; a++) {
      mu[a] = mu0 + dmu[a];
      temp[a] = T0 + dT[a];
    }
  };
  terms.forEach((t, a) => {
    if (isEnergyResolved(t.role)) return;
    const s = solvedVariables(t.role, kind, a === gauge);
    if (s.mu) unknown.push(a);
    if (s.temperature) unknown.push(n + a);
  });
  unknown.sort((p, q) => p - q);
  const nu = unknown.length;
  // given values as given (their difference from the reference exactly rounded), the rest from the linear start
  terms.forEach((t, a) => {
    dmu[a] = !unknown.includes(a) && t.mu !== undefined ? t.mu - mu0 : linear.mu[a] - mu0;
    dT[a] = !unknown.includes(n + a) && t.temperature !== undefined ? t.temperature - T0 : linear.temperature[a] - T0;
  });
  sync();
  const active = terms.map((_, a) => !test[a] && !er.includes(a)); // terminals that carry current
  // a coherent-limit (test) probe carries none, but its own row (first order in its γ) fixes its μ and T
  const hasRow = terms.map((_, a) => !er.includes(a));

  // T^eff(E) and w(E), cached per energy (the Newton iterates reuse the quadrature nodes).
  const cache = new Map<number, { t: Float64Array; w: Float64Array }>();
  const traw = new Float64Array(n * n);
  let evaluations = 0;
  const transmission = (e: number) => {
    let c = cache.get(e);
    if (!c) {
      if (cache.size > 200_000) cache.clear();
      engine.evaluate(e, traw);
      evaluations++;
      const t = new Float64Array(n * n),
        w = new Float64Array(n * n);
      if (elim) elim.apply(traw, t, w);
      else t.set(traw);
      c = { t, w };
      cache.set(e, c);
    }
    return c;
  };

  // Integrand: [i_α, (E−μ0) i_α] (2n), Jacobian [∂i_α/∂u_j, (E−μ0)∂i_α/∂u_j] (2n·nu), ER moments
  // [f_P − f0, (E−μ0)(f_P − f0)] (2·|ER|), and the gross flows [Σ_β T_αβ|f_β − f_α|, |E−μ0|·same] (2n):
  // the scale of the currents before they cancel (in a thermal circuit every J^N vanishes).
  const gross0 = 2 * n * (1 + nu) + 2 * er.length;
  const dim = gross0 + 2 * n;
  const f = new Float64Array(n),
    fc = new Float64Array(n),
    df = new Float64Array(n),
    dfT = new Float64Array(n),
    dRef = new Float64Array(n);
  // f_b − f_a without cancellation (a tiny bias is not lost to the rounding of f ≈ 1)
  const kTs = new Float64Array(n);
  const diff = (e1: number, b: number, a: number) => fermiDifference(e1 - dmu[a], kTs[a], kTs[b], dmu[a] - dmu[b], dT[a] - dT[b], f[b], f[a], fc[a]);
  function integrate(lo: number, hi: number) {
    const g = (E: number, out: Float64Array) => {
      const { t, w } = transmission(E);
      const e1 = E - mu0;
      for (let a = 0; a < n; a++) {
        const kT = K_B_EV * temp[a],
          ea = e1 - dmu[a]; // E − μ_a
        kTs[a] = kT;
        f[a] = fermi(ea, 0, kT);
        fc[a] = fermi(-ea, 0, kT); // 1 − f_a
        const ff = f[a] * fc[a];
        df[a] = ff / kT;
        dfT[a] = (ff * ea) / (kT * temp[a]);
      }
      for (let a = 0; a < n; a++) {
        let i = 0,
          gsum = 0;
        if (hasRow[a])
          for (let b = 0; b < n; b++)
            if (b !== a && active[b]) {
              const d = t[a * n + b] * diff(e1, b, a);
              i += d;
              gsum += Math.abs(d);
            }
        out[a] = i;
        out[n + a] = e1 * i;
        out[gross0 + a] = gsum;
        out[gross0 + n + a] = Math.abs(e1) * gsum;
      }
      for (let j = 0; j < nu; j++) {
        const u = unknown[j],
          c = u % n,
          d = u < n ? df[c] : dfT[c];
        const base = 2 * n * (1 + j);
        let diag = 0;
        for (let b = 0; b < n; b++) if (b !== c && active[b]) diag += t[c * n + b];
        for (let a = 0; a < n; a++) {
          const coef = a === c ? (hasRow[a] ? -diag : 0) : active[a] && active[c] ? t[a * n + c] : 0;
          out[base + a] = coef * d;
          out[base + n + a] = e1 * coef * d;
        }
      }
      if (er.length) {
        const f0 = fermi(e1, 0, kT0),
          g0 = fermi(-e1, 0, kT0);
        for (let b = 0; b < n; b++) if (active[b]) dRef[b] = fermiDifference(e1, kT0, kTs[b], -dmu[b], -dT[b], f[b], f0, g0);
      }
      er.forEach((p, k) => {
        // f_P − f0 = Σ_β w_Pβ (f_β − f0) (every row of w sums to 1, energyResolved.ts)
        let fp = 0;
        for (let b = 0; b < n; b++) if (active[b]) fp += w[p * n + b] * dRef[b];
        const base = 2 * n * (1 + nu) + 2 * k;
        out[base] = fp;
        out[base + 1] = e1 * fp;
      });
    };
    const scale = (est: Float64Array, out: Float64Array) => {
      // group scales: particle, energy, and each Jacobian block; ER moments against k_BT0
      // per terminal: its own gross flow (a probe's currents are judged against what flows through
      // it, not against the leads': a weakly coupled probe's μ_P must still be right)
      for (let a = 0; a < n; a++) {
        const sN = Math.max(Math.abs(est[a]), est[gross0 + a]);
        const sE = Math.max(Math.abs(est[n + a]), est[gross0 + n + a], sN * kT0);
        out[a] = Math.max(sN, Number.MIN_VALUE);
        out[n + a] = Math.max(sE, Number.MIN_VALUE);
      }
      // the gross flows only set scales: |f_β − f_α| has kinks, so they are not refined for accuracy
      for (let a = 0; a < 2 * n; a++) out[gross0 + a] = Number.MAX_VALUE;
      for (let j = 0; j < nu; j++) {
        const base = 2 * n * (1 + j);
        let s1 = 0,
          s2 = 0;
        for (let a = 0; a < n; a++) {
          s1 = Math.max(s1, Math.abs(est[base + a]));
          s2 = Math.max(s2, Math.abs(est[base + n + a]));
        }
        // natural scales of one Jacobian column: ∂J^N and ∂J^E/k_BT0 are of one size (as (k_BT)^ν L0 in §3);
        // ∂J^N/∂T alone can nearly cancel (particle–hole symmetry), so it is judged against ∂J^E/k_BT0
        s2 = Math.max(s2, s1 * kT0);
        s1 = Math.max(s1, s2 / kT0);
        for (let a = 0; a < n; a++) {
          out[base + a] = Math.max(s1, Number.MIN_VALUE);
          out[base + n + a] = Math.max(s2, Number.MIN_VALUE);
        }
      }
      for (let k = 0; k < er.length; k++) {
        const base = 2 * n * (1 + nu) + 2 * k;
        out[base] = Math.max(Math.abs(est[base]), 1e-6 * kT0);
        out[base + 1] = Math.max(Math.abs(est[base + 1]), 1e-6 * kT0 * kT0);
      }
    };
    const bps: number[] = [];
    for (const [e, width] of engine.resonances) for (const s of [-2, 0, 2]) bps.push(e + s * width);
    // given leads only (fixed nodes, so the cached T(E) is reused across Newton iterations)
    for (const a of leads) if (!unknown.includes(a)) for (const s of [-10, -3, 0, 3, 10]) bps.push(mu[a] + s * K_B_EV * temp[a]);
    for (const t of terms) for (const b of t.lead?.breakpoints ?? []) bps.push(b);
    bps.sort((p, q) => p - q);
    return integrateAdaptive(g, dim, lo, hi, { rtol: qrtol, scale, breakpoints: bps, maxPanels: 4000 });
  }

  // The integration window covers every active terminal's μ ± 40 k_BT; it is kept fixed (padded by
  // 10 k_BT) while the iterates stay inside, so the quadrature nodes and the cached T(E) are reused.
  let win: [number, number] | null = null;
  const window = (): [number, number] => {
    let lo = Infinity,
      hi = -Infinity,
      kTmax = 0;
    for (let a = 0; a < n; a++) {
      if (!hasRow[a]) continue;
      const kT = K_B_EV * temp[a];
      kTmax = Math.max(kTmax, kT);
      lo = Math.min(lo, mu[a] - 40 * kT);
      hi = Math.max(hi, mu[a] + 40 * kT);
    }
    if (!win || lo < win[0] || hi > win[1]) win = [lo - 10 * kTmax, hi + 10 * kTmax];
    terms.forEach((t, a) => {
      if (!t.lead) return;
      const [dlo, dhi] = t.lead.domain;
      if (lo < dlo || hi > dhi)
        throw new NonlinearSolveError(
          `the tabulated self-energy covers [${dlo}, ${dhi}] eV but the bias window needs [${lo}, ${hi}] eV (every μ ± 40 k_BT)`,
          `terminals[${a}].coupling.selfEnergy.energies`,
        );
      win = [Math.max(win![0], dlo), Math.min(win![1], dhi)];
    });
    return win;
  };

  // Residuals r_j (hJ^N for μ unknowns, hJ^Q for T unknowns) and Jacobian from one integration.
  const r = new Float64Array(nu),
    J = new Float64Array(nu * nu);
  let last: ReturnType<typeof integrate> | null = null;
  let scaleN = 0,
    scaleQ = 0;
  function evaluate(): number {
    const [lo, hi] = window();
    last = integrate(lo, hi);
    const v = last.value;
    scaleN = 0;
    scaleQ = 0;
    for (const a of leads) {
      scaleN = Math.max(scaleN, Math.abs(v[a]), v[gross0 + a]);
      scaleQ = Math.max(scaleQ, Math.abs(v[n + a] - dmu[a] * v[a]), v[gross0 + n + a]);
    }
    scaleQ = Math.max(scaleQ, scaleN * kT0);
    let worst = 0;
    for (let j = 0; j < nu; j++) {
      const u = unknown[j],
        c = u % n;
      r[j] = u < n ? v[c] : v[n + c] - dmu[c] * v[c];
      for (let k = 0; k < nu; k++) {
        const base = 2 * n * (1 + k);
        const dN = v[base + c],
          dE = v[base + n + c];
        // ∂(hJ^Q_c)/∂u_k = ∂(hJ^E − μ0 hJ^N)/∂u_k − (μ_c − μ0) ∂hJ^N/∂u_k − δ(u_k = μ_c) hJ^N_c
        J[j * nu + k] = u < n ? dN : dE - dmu[c] * dN - (unknown[k] === c ? v[c] : 0);
      }
      // the residual against the terminal's own gross flow (and, for the leads of a thermal circuit, the leads')
      const gN = Math.max(v[gross0 + c], leads.includes(c) ? scaleN : 0),
        gQ = Math.max(v[gross0 + n + c], gN * kT0, leads.includes(c) ? scaleQ : 0);
      const s = u < n ? gN : gQ;
      worst = Math.max(worst, s > 0 ? Math.abs(r[j]) / s : Math.abs(r[j]) === 0 ? 0 : Infinity);
    }
    return worst;
  }

  const name = (j: number) => `terminals[${unknown[j] % n}]`;
  let res = evaluate();
  let it = 0;
  const step = new Float64Array(nu);
  while (res > tol && nu > 0) {
    if (it >= maxIt) break;
    it++;
    // Newton step: J Δ = −r (Gaussian elimination, partial pivoting)
    const A = J.slice(),
      b = Array.from(r, (x) => -x);
    if (!gaussSolve(A, nu, b)) {
      let j0 = 0;
      for (let j = 1; j < nu; j++) if (Math.abs(r[j]) > Math.abs(r[j0])) j0 = j;
      throw new NonlinearSolveError(
        `no finite-bias solution for "${terms[unknown[j0] % n].name}": the Jacobian of the probe currents is singular after ${it - 1} Newton steps (residual ${res.toExponential(2)})`,
        name(j0),
      );
    }
    step.set(b);
    const mu1 = Float64Array.from(dmu),
      t1 = Float64Array.from(dT);
    let lambda = 1,
      accepted = false;
    for (let k = 0; k < 30; k++) {
      for (let j = 0; j < nu; j++) {
        const u = unknown[j];
        if (u < n) dmu[u] = mu1[u] + lambda * step[j];
        else dT[u - n] = t1[u - n] + lambda * step[j];
      }
      sync();
      if (unknown.every((u) => u < n || temp[u - n] > 0)) {
        const trial = evaluate();
        if (trial < res || trial <= tol) {
          res = trial;
          accepted = true;
          break;
        }
      }
      lambda /= 2;
    }
    if (!accepted) {
      dmu.set(mu1);
      dT.set(t1);
      sync();
      evaluate();
      let j0 = 0;
      for (let j = 1; j < nu; j++) if (Math.abs(r[j]) > Math.abs(r[j0])) j0 = j;
      throw new NonlinearSolveError(
        `Newton failed for "${terms[unknown[j0] % n].name}": no step reduces the probe currents (scaled residual ${res.toExponential(2)} after ${it} iterations); the finite-bias solution may not exist`,
        name(j0),
      );
    }
  }
  if (res > tol) {
    let j0 = 0;
    for (let j = 1; j < nu; j++) if (Math.abs(r[j]) > Math.abs(r[j0])) j0 = j;
    throw new NonlinearSolveError(
      `Newton did not converge for "${terms[unknown[j0] % n].name}" in ${maxIt} iterations (scaled residual ${res.toExponential(2)} > ${tol})`,
      name(j0),
    );
  }
  if (!last!.converged) throw new NonlinearSolveError(`the current integrals did not reach rtol ${qrtol} (quadrature panel limit)`, 'response');

  const v = last!.value;
  const particle = new Float64Array(n),
    charge = new Float64Array(n),
    heat = new Float64Array(n),
    energy = new Float64Array(n);
  let sdot = 0;
  for (let a = 0; a < n; a++) {
    // a test probe's row is first order in its γ = 0: it carries no current (as in linear response)
    const hN = active[a] ? v[a] : 0,
      hE = active[a] ? v[n + a] + mu0 * v[a] : 0,
      hQ = active[a] ? v[n + a] - dmu[a] * v[a] : 0;
    particle[a] = particleCurrentSI(hN, spin);
    charge[a] = chargeCurrentSI(hN, spin);
    heat[a] = heatCurrentSI(hQ, spin);
    energy[a] = heatCurrentSI(hE, spin);
    if (active[a]) sdot += heat[a] / temp[a];
  }
  // ER probes: the Fermi function with the same particle number and energy (exact for a flat band):
  // μ_P − μ0 = ∫(f_P − f0),  π²k²T_P²/6 = ∫(E−μ0)(f_P − f0) − (μ_P − μ0)²/2 + π²k²T0²/6  (docs/physics.md §8)
  er.forEach((p, k) => {
    const base = 2 * n * (1 + nu) + 2 * k;
    const m1 = v[base];
    dmu[p] = m1;
    // (k_BT_P)² − (k_BT0)², and T_P − T0 from it without cancellation (exactly T0 at zero bias)
    const dkT2 = (6 / (Math.PI * Math.PI)) * (v[base + 1] - (m1 * m1) / 2);
    const kT2 = dkT2 + kT0 * kT0;
    dT[p] = kT2 > 0 ? dkT2 / (K_B_EV * (Math.sqrt(kT2) + kT0)) : 0;
    mu[p] = mu0 + dmu[p];
    temp[p] = T0 + dT[p];
  });
  let seebeck: number | null = null;
  let seebeckReason: string | undefined;
  if (kind === 'thermal' && leads.length >= 2) {
    const [l, rr] = leads;
    const dTlr = dT[rr] - dT[l];
    if (dTlr !== 0)
      seebeck = -(dmu[rr] - dmu[l]) / dTlr; // docs/physics.md §11, paper Eq. 31 (μ in eV → volts)
    else
      seebeckReason = `T_${terms[rr].name} = T_${terms[l].name}: at finite bias S = −(μ_R − μ_L)/(e(T_R − T_L)) is defined only for T_R ≠ T_L (the linear-response coefficient, the limit T_R − T_L → 0, is that of "response": "linear")`;
  }
  return {
    response: 'nonlinear',
    kind,
    reference,
    terminals: terms.map((t) => t.name),
    mu,
    temperature: temp,
    particleCurrent: particle,
    chargeCurrent: charge,
    heatCurrent: heat,
    energyCurrent: energy,
    entropyProduction: sdot,
    seebeck,
    ...(seebeckReason === undefined ? {} : { seebeckReason }),
    spin,
    iterations: it,
    residual: res,
    transmissionEvaluations: evaluations,
    linear,
  };
}

/** Solve A x = b in place (b ← x); false when singular. */
function gaussSolve(A: Float64Array, k: number, b: number[]): boolean {
  let scale = 0;
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(A[i]));
  for (let c = 0; c < k; c++) {
    let p = c,
      best = Math.abs(A[c * k + c]);
    for (let i = c + 1; i < k; i++) {
      const v = Math.abs(A[i * k + c]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > 1e-14 * scale)) return false;
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        const x = A[c * k + j];
        A[c * k + j] = A[p * k + j];
        A[p * k + j] = x;
      }
      const x = b[c];
      b[c] = b[p];
      b[p] = x;
    }
    for (let i = c + 1; i < k; i++) {
      const l = A[i * k + c] / A[c * k + c];
      for (let j = c; j < k; j++) A[i * k + j] -= l * A[c * k + j];
      b[i] -= l * b[c];
    }
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < k; j++) s -= A[i * k + j] * b[j];
    b[i] = s / A[i * k + i];
  }
  return true;
}
