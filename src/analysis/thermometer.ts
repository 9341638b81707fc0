/**
 * The shared route of a coherent-limit (test) probe map (docs/physics.md §15): every site's Onsager
 * row from ONE adaptive quadrature of a vector integrand, instead of one Onsager set per site. Pure.
 *
 * A test probe is not in G, and the circuit drops every other terminal's coupling to it, so the
 * system with the probe on site s differs from the unmoved one only in the probe's own row,
 *   L^(ν)_Pβ(s) = ∫ dE (E − μ0)^ν (−∂f/∂E) T_sβ(E),  T_sβ(E) = Σ_{w ∈ β} |(G(E) w)_s|²
 * (unit Γ̂_P = e_s e_sᵀ; β a terminal in G). The columns X = G(E) W at the channels of the terminals
 * in G give T_sβ(E) for every s at once (one sparse LU and r solves per energy, §14), and the same
 * columns give the unmoved system's T_αβ = Σ |w_i† X_j|². The quadrature's tolerance is per site:
 * the entries of site s's row are converged to rtol of the row's largest entry (what μ_P and T_P,
 * weighted averages over the row, need), not each to its own magnitude.
 */
import { K_B_EV } from '../numeric/constants.js';
import { fermiWindow, QUADRATURE_RESOLUTION, type Onsager, type Reference } from '../numeric/onsager.js';
import { integrateAdaptive } from '../numeric/quadrature.js';
import { sparseSolver, SparseAccuracyError, type SparseSolver } from '../numeric/sparse.js';
import { effectiveHamiltonian, sparseLevels, SPARSE_MAX_FALLBACK_WORK, SPARSE_WINDOW, type SparseChannel } from '../numeric/sparseTransmission.js';
import { cmatrix, generalEigen, nudgedEnergy } from '../numeric/linalg.js';
import { fermiWindowKernels } from '../numeric/polygamma.js';
import { conjugateColumns, refineWindowPoles, sparseNormInf, type RefinedPole } from '../numeric/poleSubtraction.js';
import { isComplexSymmetric } from '../numeric/sparseTransmission.js';
import type { SparseMatrix } from '../numeric/sparse.js';
import { hasEnergyDependentLeads, selfEnergyFlags, systemChannels, systemSparseHamiltonian, type TransportSystem } from '../numeric/system.js';
import { CircuitSpecError } from '../numeric/circuit.js';

/** Default relative tolerance of the shared map quadrature (against each site's row scale). */
export const THERMOMETER_RTOL = 1e-6;

/** Breakpoints around each seed, in its half-widths (as the Onsager quadrature, §3). */
const SEED_MULTIPLES = [-8, -2, -0.5, 0, 0.5, 2, 8];

/** Result of {@link thermometerRows}: every site's probe row and the unmoved system's coefficients. */
export interface ThermometerRows {
  readonly terminals: number;
  /** The moved probe's terminal index. */
  readonly probe: number;
  /** The Onsager set with the probe on site s (terminal order of the system). */
  onsager(site: number): Onsager;
  /** Energies at which G(E) W was solved. */
  readonly evaluations: number;
  /** Every component met its tolerance (else `maxError` says by how much it missed). */
  readonly converged: boolean;
  /** Largest estimated error of any coefficient over its scale (the row scale · (k_BT)^ν), ≤ rtol when converged. */
  readonly maxError: number;
  /** Per site: the largest estimated error of its row's coefficients over the row scale (≤ rtol when converged). */
  readonly siteError: Float64Array;
  readonly rtol: number;
  /**
   * "pole-subtraction": the refined window poles integrated in closed form, the remainder by
   * quadrature; "quadrature": the whole T by quadrature (non-symmetric H_eff, or asked for).
   */
  readonly method: 'pole-subtraction' | 'quadrature';
  /** Poles subtracted (pole-subtraction), and LU factorisations spent on them. */
  readonly poles: number;
  /**
   * Window poles that could be neither subtracted nor integrated (docs/physics.md §15, "refused
   * poles"): a mode whose width and split between the terminals are rounding-determined in double
   * precision (a zero mode of a bipartite flake: level splitting and width below ε‖K‖). Their whole
   * possible weight is in the error of every site that sees them; these are the flagged sites' reason.
   * Energy (eV), the width as computed (2|Im λ|, eV; rounding-determined) and the sites where that
   * weight alone exceeds the tolerance.
   */
  readonly unresolved: ReadonlyArray<{ readonly energy: number; readonly width: number; readonly sites: number }>;
  readonly poleFactorisations: number;
}

/**
 * The probe rows of a test probe `index` on every site, by one vector quadrature (module comment).
 * Works for any size (the sparse solver is exact for small N too); `prepareSystem` decides elsewhere
 * whether this route is the cheaper one.
 */
export function thermometerRows(
  system: TransportSystem,
  index: number,
  reference: Reference,
  opts: { readonly rtol?: number; readonly method?: 'auto' | 'quadrature' } = {},
): ThermometerRows {
  const rtol = opts.rtol ?? THERMOMETER_RTOL;
  // the rows come from one K = H − (i/2)ΣΓ: a lead's Σ(E) (docs/physics.md §9) would enter as its
  // wide-band stand-in, silently (measured: T_P off by 1.5 mK of a 2.6 K deviation on a 4-site ring)
  if (hasEnergyDependentLeads(system))
    throw new CircuitSpecError(
      'the shared map route needs wide-band couplings; a system with energy-dependent leads (chain, selfEnergy) is mapped site by site (route "per-site")',
      'route',
    );
  const n = system.terminals.length;
  // the sparse forms the system holds (a config above the dense limit), else built from the dense ones
  const h = systemSparseHamiltonian(system);
  const N = h.n;
  const inSelfEnergy = selfEnergyFlags(system);
  const channels = systemChannels(system);
  const K = effectiveHamiltonian(h, channels, inSelfEnergy);
  const solver = sparseSolver(K);
  let banded: SparseSolver | null = null;
  // the terminals in G (a test probe exchanges nothing with another test probe at first order)
  const inG: number[] = [];
  for (let b = 0; b < n; b++) if (inSelfEnergy[b] && b !== index) inG.push(b);
  const nB = inG.length;
  const chans: Array<{ w: (typeof channels)[number][number]; col: number }> = [];
  inG.forEach((b, col) => channels[b].forEach((w) => chans.push({ w, col })));
  const r = chans.length;
  const bRe = new Float64Array(N * r),
    bIm = new Float64Array(N * r),
    xRe = new Float64Array(N * r),
    xIm = new Float64Array(N * r);
  chans.forEach(({ w }, c) => {
    for (let x = 0; x < w.index.length; x++) {
      bRe[c * N + w.index[x]] = w.re[x];
      bIm[c * N + w.index[x]] = w.im[x];
    }
  });
  const factorAt = (sv: SparseSolver, energy: number) => {
    if (sv.factor(energy, 0) < -0.5) sv.factor(nudgedEnergy(energy), 0); // exactly zero pivot: nudge (§14)
  };
  const solveAt = (energy: number) => {
    factorAt(solver, energy);
    try {
      solver.solve(bRe, bIm, r, xRe, xIm);
    } catch (e) {
      // as the sparse engine (§14): the banded LU's partial pivoting over the whole column, or the error
      if (!(e instanceof SparseAccuracyError) || solver.method === 'banded') throw e;
      banded ??= sparseSolver(K, { method: 'banded' });
      if (banded.stats.work > SPARSE_MAX_FALLBACK_WORK) throw e;
      factorAt(banded, energy);
      banded.solve(bRe, bIm, r, xRe, xIm);
    }
  };
  // components: T_sβ (s·nB + col) for every site, then the unmoved system's T_αβ (α ≠ the moved
  // probe, β in G, α ≠ β) = Σ_{i ∈ α, j ∈ β} |w_i† X_j|², as in the sparse engine
  const rows: Array<{ w: (typeof channels)[number][number]; a: number }> = [];
  channels.forEach((cs, a) => {
    if (a !== index) cs.forEach((w) => rows.push({ w, a }));
  });
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) if (a !== index) for (let c = 0; c < nB; c++) if (inG[c] !== a) pairs.push([a, c]);
  const pairOf = new Int32Array(n * nB).fill(-1);
  pairs.forEach(([a, c], p) => (pairOf[a * nB + c] = p));
  const base = N * nB;
  const d = base + pairs.length;
  const t = new Float64Array(d);
  let evaluations = 0;
  const transmissions = (energy: number) => {
    t.fill(0);
    if (r === 0) return;
    solveAt(energy);
    evaluations++;
    for (let c = 0; c < r; c++) {
      const off = c * N,
        col = chans[c].col;
      for (let s = 0; s < N; s++) t[s * nB + col] += xRe[off + s] * xRe[off + s] + xIm[off + s] * xIm[off + s];
      for (const { w, a } of rows) {
        const p = pairOf[a * nB + col];
        if (p < 0) continue;
        let sr = 0,
          si = 0;
        for (let x = 0; x < w.index.length; x++) {
          const v = w.index[x],
            wr = w.re[x],
            wi = -w.im[x],
            yr = xRe[off + v],
            yi = xIm[off + v];
          sr += wr * yr - wi * yi;
          si += wr * yi + wi * yr;
        }
        t[base + p] += sr * sr + si * si;
      }
    }
  };
  const mu = reference.mu,
    kT = K_B_EV * reference.temperature;
  const X = SPARSE_WINDOW;
  const lo = mu - (X + 1) * kT,
    hi = mu + (X + 1) * kT;
  // docs/physics.md §15 "pole subtraction": the window poles in closed form, T minus their part by
  // quadrature. Needs K = Kᵀ (G = Σ r rᵀ/(z − λ)); otherwise, or when asked, the whole T by quadrature.
  const subtract = (opts.method ?? 'auto') === 'auto' && r > 0 && isComplexSymmetric(K);
  let poles: RefinedPole[] = [];
  let resonances: Array<[number, number]>;
  let poleFactorisations = 0;
  // per pole and component: residue ρ (re, im) and its estimated absolute error
  let rhoRe = new Float64Array(0),
    rhoIm = new Float64Array(0),
    rhoErr = new Float64Array(0),
    rhoErrIm = new Float64Array(0);
  const knorm = sparseNormInf(K);
  // poles not subtracted because their eigen-data are rounding-determined: the quadrature cannot see
  // a peak this narrow, so their whole weight is added to the error (below)
  const dropped: Array<{ readonly re: number; readonly im: number; readonly rRe: Float64Array; readonly rIm: Float64Array }> = [];
  if (subtract) {
    const levels = sparseLevels(h, lo, hi, 1e-4);
    const set = refineWindowPoles(
      K,
      solver,
      levels,
      chans.map((c) => c.w),
      { window: [lo, hi] },
    );
    poles = set.poles;
    poleFactorisations = set.factorisations;
    // unresolved levels stay in the remainder: seeded as the narrowest peaks
    resonances = set.unresolved.map((e) => [e, 0] as [number, number]);
    const cols = conjugateColumns(
      solver,
      poles,
      chans.map((c) => c.w),
      N,
      knorm,
    );
    poleFactorisations += cols.factorisations;
    // A pole whose own width is rounding-determined (δb/b > 1e-2: an edge or zero mode coupled to the
    // terminals below the solves' rounding), or with a twin closer than its error (a degenerate pair
    // whose eigenvectors are arbitrary within their span), is not subtracted: it stays in the
    // remainder, seeded, where the quadrature's own error estimate reports it (docs/physics.md §15).
    const keep = poles.map((pk, k) => {
      if (!(cols.selfError[k] <= 1e-2)) return false;
      return !poles.some((q, j) => j !== k && q.cluster === pk.cluster && Math.hypot(q.re - pk.re, q.im - pk.im) <= 1e3 * (pk.reError + q.reError));
    });
    // a refused pole wide enough for the quadrature is seeded and left to it; a narrower one (below
    // 1e-6 k_BT: no node ever falls inside, chasing it only costs energies) is not seeded and its
    // whole weight goes into the error (below)
    const drop = (q: (typeof dropped)[number]) => {
      if (-2 * q.im >= 1e-6 * kT) resonances.push([q.re, -2 * q.im]);
      else dropped.push(q);
    };
    poles.forEach((pk, k) => {
      if (!keep[k]) drop(pk);
    });
    for (const q of set.rejected) drop(q);
    const kept = poles.flatMap((pk, k) => (keep[k] ? [{ pk, y: k }] : []));
    poles = kept.map((q) => q.pk);
    const yOf = kept.map((q) => q.y);
    const P = poles.length;
    rhoRe = new Float64Array(P * d);
    rhoIm = new Float64Array(P * d);
    rhoErr = new Float64Array(P * d);
    rhoErrIm = new Float64Array(P * d);
    poles.forEach((pk, k) => {
      const yr = cols.yRe[yOf[k]],
        yi = cols.yIm[yOf[k]],
        ye = cols.yError[yOf[k]];
      const o = k * d;
      for (let c = 0; c < r; c++) {
        const { w, col } = chans[c];
        // c_w = r_kᵀ w and its error
        let cr = 0,
          ci = 0,
          dc = 0;
        for (let x = 0; x < w.index.length; x++) {
          const v = w.index[x];
          cr += pk.rRe[v] * w.re[x] - pk.rIm[v] * w.im[x];
          ci += pk.rRe[v] * w.im[x] + pk.rIm[v] * w.re[x];
          dc += pk.rError[v] * Math.hypot(w.re[x], w.im[x]);
        }
        // the solves' rounding at the coupled sites of a narrow pole (from G_rest w; docs/physics.md §15)
        dc += cols.cwError[yOf[k]][c];
        const ca = Math.hypot(cr, ci),
          off = c * N;
        // sites: ρ = r_s c conj(y_s). Errors: the own part of y, r c/(2ib), gives the purely imaginary
        // i|r_s c|²/(2b), whose errors (δr, δc, δb) stay imaginary (rhoErrIm); the rest of y
        // (|y − r c/(2ib)|) and its error ye enter isotropically (rhoErr)
        const b2 = -2 * pk.im;
        for (let s = 0; s < N; s++) {
          const ar = pk.rRe[s] * cr - pk.rIm[s] * ci,
            ai = pk.rRe[s] * ci + pk.rIm[s] * cr;
          const br = yr[off + s],
            bi = -yi[off + s];
          const i = o + s * nB + col;
          rhoRe[i] += ar * br - ai * bi;
          rhoIm[i] += ar * bi + ai * br;
          const ra = Math.hypot(pk.rRe[s], pk.rIm[s]);
          // y_rest = y − r c/(2ib) = y + i r c/(2b)
          const restR = yr[off + s] - ai / b2,
            restI = yi[off + s] + ar / b2;
          const ya = Math.hypot(restR, restI);
          rhoErr[i] += pk.rError[s] * ca * ya + ra * dc * ya + ra * ca * ye[off + s];
          const own = (ra * ra * ca * ca) / b2;
          rhoErrIm[i] +=
            own * (cols.selfError[yOf[k]] + (2 * dc) / Math.max(ca, Number.MIN_VALUE)) + ((2 * ra * pk.rError[s] + pk.rError[s] ** 2) * ca * ca) / b2;
        }
        // the unmoved pairs: ρ = (w_i†r) c conj(w_i†y)
        for (const { w: u, a } of rows) {
          const p = pairOf[a * nB + col];
          if (p < 0) continue;
          let ur = 0,
            ui = 0,
            vr = 0,
            vi = 0,
            du = 0,
            dy = 0;
          for (let x = 0; x < u.index.length; x++) {
            const v = u.index[x],
              wr = u.re[x],
              wi = -u.im[x];
            ur += wr * pk.rRe[v] - wi * pk.rIm[v];
            ui += wr * pk.rIm[v] + wi * pk.rRe[v];
            vr += wr * yr[off + v] - wi * yi[off + v];
            vi += wr * yi[off + v] + wi * yr[off + v];
            const m = Math.hypot(wr, wi);
            du += m * pk.rError[v];
            dy += m * ye[off + v];
          }
          const ar = ur * cr - ui * ci,
            ai = ur * ci + ui * cr;
          const i = o + base + p;
          rhoRe[i] += ar * vr + ai * vi;
          rhoIm[i] += ai * vr - ar * vi;
          const ua = Math.hypot(ur, ui);
          const ya = Math.hypot(vr - ai / b2, vi + ar / b2);
          rhoErr[i] += du * ca * ya + ua * dc * ya + ua * ca * dy;
          rhoErrIm[i] +=
            ((ua * ua * ca * ca) / b2) * (cols.selfError[yOf[k]] + (2 * dc) / Math.max(ca, Number.MIN_VALUE)) + ((2 * ua * du + du * du) * ca * ca) / b2;
        }
      }
    });
  } else {
    resonances = windowPoles(
      h,
      chans.map((c) => c.w),
      lo,
      hi,
    );
  }
  const P = poles.length;
  // the pole part at energy E: Σ_k 2 Re[ρ_k/(E − λ_k)], subtracted from T before the quadrature
  const inv = new Float64Array(2 * P);
  const polePart = (energy: number) => {
    if (P === 0) return;
    for (let k = 0; k < P; k++) {
      const dr = energy - poles[k].re,
        di = -poles[k].im,
        dd = dr * dr + di * di;
      inv[2 * k] = (2 * dr) / dd;
      inv[2 * k + 1] = (-2 * di) / dd;
    }
    for (let k = 0; k < P; k++) {
      const ir = inv[2 * k],
        ii = inv[2 * k + 1],
        o = k * d;
      for (let i = 0; i < d; i++) t[i] -= rhoRe[o + i] * ir - rhoIm[o + i] * ii;
    }
  };
  // the pole part's integrals L^(ν) = Σ_k 2 Re[ρ_k Φ_ν(λ_k − μ0)] (onsager.ts kernels), their
  // ∂/∂μ0 (central difference of Φ: needed only roughly, for the resolution floor) and errors
  const poleL = new Float64Array(3 * d),
    poleS = new Float64Array(3 * d),
    poleE = new Float64Array(3 * d);
  {
    const phi = new Float64Array(6),
      pp = new Float64Array(6),
      pm = new Float64Array(6),
      tmp = new Float64Array(2);
    for (let k = 0; k < P; k++) {
      const pk = poles[k];
      const wr = pk.re - mu,
        wi = pk.im;
      fermiWindowKernels(wr, wi, kT, phi, tmp);
      const hd = 1e-4 * Math.max(kT, Math.abs(wr));
      fermiWindowKernels(wr + hd, wi, kT, pp, tmp);
      fermiWindowKernels(wr - hd, wi, kT, pm, tmp);
      // a displaced pole changes Φ by ≈ |Φ| δλ / max(|λ − μ0|, πk_BT), as in onsager.ts; rounding of each term
      const dist = Math.max(Math.hypot(wr, wi), Math.PI * kT);
      const pos = (pk.reError + pk.imError) / dist + 8 * Number.EPSILON * (1 + Math.max(Math.abs(mu), Math.abs(pk.re)) / dist);
      const o = k * d;
      for (let nu = 0; nu < 3; nu++) {
        const fr = phi[2 * nu],
          fi = phi[2 * nu + 1],
          fa = Math.hypot(fr, fi),
          sr = (pm[2 * nu] - pp[2 * nu]) / (2 * hd),
          si = (pm[2 * nu + 1] - pp[2 * nu + 1]) / (2 * hd);
        for (let i = 0; i < d; i++) {
          const ar = rhoRe[o + i],
            ai = rhoIm[o + i];
          poleL[nu * d + i] += 2 * (ar * fr - ai * fi);
          poleS[nu * d + i] += 2 * (ar * sr - ai * si);
          poleE[nu * d + i] += 2 * fa * (rhoErr[o + i] + Math.hypot(ar, ai) * pos) + 2 * Math.abs(fi) * rhoErrIm[o + i];
        }
      }
    }
  }
  // A dropped pole's peak in T_sβ integrates to 2π|r_s|² Γ_β/Γ ≤ 2π|r_s|² (r with rᵀr = 1, so
  // |r_s|² = |r̂_s|²/|r̂ᵀr̂| for the unit vector r̂): the quadrature may count any part of it, so the
  // whole bound 2π|r_s|² |a − μ0|^ν (−f′(a)) enters the error of every entry of the row (a = Re λ).
  for (const q of dropped) {
    let qr = 0,
      qi = 0,
      nn = 0;
    for (let i = 0; i < N; i++) {
      qr += q.rRe[i] * q.rRe[i] - q.rIm[i] * q.rIm[i];
      qi += 2 * q.rRe[i] * q.rIm[i];
      nn += q.rRe[i] * q.rRe[i] + q.rIm[i] * q.rIm[i];
    }
    const cond = Math.min(nn / Math.max(Math.hypot(qr, qi), Number.MIN_VALUE), 1e3);
    const xa = (q.re - mu) / kT;
    const wgt = (2 * Math.PI * fermiWindow(xa)) / kT;
    for (let nu = 0; nu < 3; nu++) {
      const m = wgt * Math.abs(q.re - mu) ** nu * (cond / nn);
      for (let s = 0; s < N; s++) {
        const ws = (q.rRe[s] * q.rRe[s] + q.rIm[s] * q.rIm[s]) * m;
        for (let c = 0; c < nB; c++) poleE[nu * d + s * nB + c] += ws;
      }
      for (const { w: u, a } of rows)
        for (let c = 0; c < nB; c++) {
          const p = pairOf[a * nB + c];
          if (p < 0) continue;
          let ur = 0,
            ui = 0;
          for (let x = 0; x < u.index.length; x++) {
            const v = u.index[x];
            ur += u.re[x] * q.rRe[v] + u.im[x] * q.rIm[v];
            ui += u.re[x] * q.rIm[v] - u.im[x] * q.rRe[v];
          }
          poleE[nu * d + base + p] += (ur * ur + ui * ui) * m;
        }
    }
  }
  // L^(0,1,2) and the sensitivities ∂/∂μ0 (for the input-resolution floor, as onsagerQuadrature)
  const f = (x: number, out: Float64Array) => {
    transmissions(mu + x * kT);
    polePart(mu + x * kT);
    const wgt = fermiWindow(x),
      e1 = x * kT,
      th = Math.tanh(0.5 * x) / kT;
    for (let i = 0; i < d; i++) {
      const v = t[i] * wgt;
      out[i] = v;
      out[d + i] = v * e1;
      out[2 * d + i] = v * e1 * e1;
      out[3 * d + i] = v * th;
      out[4 * d + i] = v * e1 * th;
      out[5 * d + i] = v * e1 * e1 * th;
    }
  };
  let eScale = Math.abs(mu);
  for (const [e, w] of resonances) eScale = Math.max(eScale, Math.abs(e), w);
  for (const pk of poles) eScale = Math.max(eScale, Math.abs(pk.re));
  const resolution = QUADRATURE_RESOLUTION * Number.EPSILON * eScale;
  const sens = new Float64Array(3 * d);
  // the sensitivities of the whole (remainder + pole part)
  const derivative = (est: Float64Array, into: Float64Array) => {
    for (let i = 0; i < d; i++) {
      into[i] = est[3 * d + i] + poleS[i];
      into[d + i] = est[4 * d + i] - est[i] + poleS[d + i];
      into[2 * d + i] = est[5 * d + i] - 2 * est[d + i] + poleS[2 * d + i];
    }
  };
  const rowScale = new Float64Array(d);
  const full = new Float64Array(3 * d);
  // scales from the whole coefficients (remainder estimate + pole part)
  const scale = (est: Float64Array, out: Float64Array) => {
    for (let k = 0; k < 3 * d; k++) full[k] = est[k] + poleL[k];
    let max0 = 0;
    for (let i = 0; i < d; i++) max0 = Math.max(max0, Math.abs(full[i]));
    for (let s = 0; s < N; s++) {
      let m = 0;
      for (let c = 0; c < nB; c++) m = Math.max(m, Math.abs(full[s * nB + c]));
      for (let c = 0; c < nB; c++) rowScale[s * nB + c] = Math.max(m, 1e-12 * max0);
    }
    for (let p = base; p < d; p++) rowScale[p] = Math.max(Math.abs(full[p]), 1e-12 * max0);
    derivative(est, sens);
    for (let i = 0; i < d; i++) {
      for (let nu = 0; nu < 3; nu++) {
        const k = nu * d + i;
        // the pole part's own error is spent first: the remainder gets what is left (at least half)
        out[k] = Math.max(rowScale[i] * kT ** nu, (resolution * Math.abs(sens[k])) / rtol) * Math.max(0.5, 1 - poleE[k] / (rtol * rowScale[i] * kT ** nu));
        out[3 * d + k] = Infinity; // the sensitivities are only needed roughly
      }
    }
  };
  const breakpoints: number[] = [0];
  for (const [e0, width] of resonances) {
    const xc = (e0 - mu) / kT,
      hw = Math.max(width / kT, 1e-6);
    for (const m of SEED_MULTIPLES) {
      const xb = xc + m * hw;
      if (xb > -X && xb < X) breakpoints.push(xb);
    }
  }
  for (const xb of [-20, -10, -5, -2, 2, 5, 10, 20]) breakpoints.push(xb);
  breakpoints.sort((a, b) => a - b);
  const res = integrateAdaptive(f, 6 * d, -X, X, { rtol, scale, breakpoints, maxPanels: 20000 });
  const v = res.value;
  for (let k = 0; k < 3 * d; k++) v[k] += poleL[k];
  const sc = new Float64Array(6 * d);
  scale(
    v.map((x, k) => (k < 3 * d ? x - poleL[k] : x)),
    sc,
  );
  derivative(
    v.map((x, k) => (k < 3 * d ? x - poleL[k] : x)),
    sens,
  );
  let maxError = 0;
  const siteError = new Float64Array(N);
  for (let k = 0; k < 3 * d; k++) {
    const i = k % d,
      nu = Math.floor(k / d);
    const s0 = Math.max(rowScale[i] * kT ** nu, (resolution * Math.abs(sens[k])) / rtol);
    let e = (res.error[k] + poleE[k] + resolution * Math.abs(sens[k])) / s0;
    if (Number.isNaN(e)) e = Infinity;
    maxError = Math.max(maxError, e);
    if (i < base) {
      const s = Math.floor(i / nB);
      siteError[s] = Math.max(siteError[s], e);
    }
  }
  // the reason of the flags: per dropped pole, the sites where its possible weight alone exceeds rtol
  const droppedSummary = dropped.map((q) => {
    let nn = 0;
    for (let i = 0; i < N; i++) nn += q.rRe[i] * q.rRe[i] + q.rIm[i] * q.rIm[i];
    const wgt = (2 * Math.PI * fermiWindow((q.re - mu) / kT)) / kT / (nn || 1);
    let count = 0;
    for (let s = 0; s < N; s++) {
      const ws = (q.rRe[s] * q.rRe[s] + q.rIm[s] * q.rIm[s]) * wgt;
      let worst = 0;
      for (let nu = 0; nu < 3; nu++) worst = Math.max(worst, (ws * Math.abs(q.re - mu) ** nu) / (rowScale[s * nB] * kT ** nu));
      if (worst > rtol) count++;
    }
    return { energy: q.re, width: -2 * q.im, sites: count };
  });
  // the unmoved system's coefficients (columns: terminals in G; a column of a test probe is 0)
  const L = [0, 1, 2].map((nu) => {
    const m = new Float64Array(n * n);
    pairs.forEach(([a, c], p) => (m[a * n + inG[c]] = v[nu * d + base + p]));
    return m;
  });
  return {
    terminals: n,
    probe: index,
    evaluations,
    method: subtract ? 'pole-subtraction' : 'quadrature',
    poles: P,
    poleFactorisations,
    unresolved: droppedSummary,
    converged: res.converged && maxError <= rtol * 1.000001,
    maxError,
    siteError,
    rtol,
    onsager(site: number): Onsager {
      const [L0, L1, L2] = L.map((m) => m.slice());
      inG.forEach((b, c) => {
        L0[index * n + b] = v[site * nB + c];
        L1[index * n + b] = v[d + site * nB + c];
        L2[index * n + b] = v[2 * d + site * nB + c];
      });
      return { terminals: n, L0, L1, L2, method: 'sparse-quadrature' };
    },
  };
}

/**
 * Seeds for the quadrature (docs/physics.md §15): the poles z_k of H_eff = H − (i/2) Σ w w† inside
 * [lo, hi], as (Re z_k, 2|Im z_k|) pairs, from the projection of H_eff on the levels of H in the
 * window. First-order widths Σ|w† u_k|² of single levels are wrong inside a cluster of levels split
 * by less than their widths (the zero modes of a graphene flake): the leads couple the cluster
 * through a rank-r self-energy, which leaves r broad poles and the rest narrow — peaks of T_sβ(E)
 * far narrower than any single level's width. The m × m matrix Uᴴ H_eff U (U the orthonormalised
 * inverse-iteration vectors of the m levels) has those poles to within the second-order coupling to
 * the levels outside the window. Seeds only: the quadrature's error estimate decides convergence.
 */
export function windowPoles(h: SparseMatrix, chans: readonly SparseChannel[], lo: number, hi: number, tol = 1e-9): Array<[number, number]> {
  const N = h.n;
  const levels = sparseLevels(h, lo, hi, tol);
  const m = levels.length;
  if (m === 0) return [];
  const solver = sparseSolver(h);
  const uRe: Float64Array[] = [],
    uIm: Float64Array[] = [];
  const bR = new Float64Array(N),
    bI = new Float64Array(N),
    xR = new Float64Array(N),
    xI = new Float64Array(N);
  const orthonormalise = (k: number) => {
    // against the earlier vectors of nearby levels (a degenerate or near-degenerate cluster), twice
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < k; j++) {
        if (Math.abs(levels[j] - levels[k]) > 1e-2) continue;
        let cr = 0,
          ci = 0;
        for (let i = 0; i < N; i++) {
          cr += uRe[j][i] * bR[i] + uIm[j][i] * bI[i];
          ci += uRe[j][i] * bI[i] - uIm[j][i] * bR[i];
        }
        for (let i = 0; i < N; i++) {
          bR[i] -= cr * uRe[j][i] - ci * uIm[j][i];
          bI[i] -= cr * uIm[j][i] + ci * uRe[j][i];
        }
      }
      let nrm = 0;
      for (let i = 0; i < N; i++) nrm += bR[i] * bR[i] + bI[i] * bI[i];
      nrm = Math.sqrt(nrm);
      if (!(nrm > 0)) return false;
      for (let i = 0; i < N; i++) {
        bR[i] /= nrm;
        bI[i] /= nrm;
      }
    }
    return true;
  };
  let last = NaN;
  for (let k = 0; k < m; k++) {
    const e = levels[k];
    // deterministic start vector with weight on every site, different for each member of a cluster
    for (let i = 0; i < N; i++) {
      bR[i] = 1 + ((i * 7919 + k * 104729) % 13) / 13;
      bI[i] = ((i * 31 + k * 17) % 7) / 7;
    }
    try {
      if (e !== last) solver.factor(e, tol);
      last = e;
      for (let it = 0; it < 2; it++) {
        if (!orthonormalise(k)) break;
        solver.solve(bR, bI, 1, xR, xI);
        bR.set(xR);
        bI.set(xI);
      }
    } catch {
      // a failed solve leaves the start vector: the projection is still a valid (poorer) seed
    }
    orthonormalise(k);
    uRe.push(Float64Array.from(bR));
    uIm.push(Float64Array.from(bI));
  }
  // M = Uᴴ H U − (i/2) Σ_c (Uᴴ w_c)(Uᴴ w_c)ᴴ
  const M = cmatrix(m, m);
  const hr = new Float64Array(N),
    hi2 = new Float64Array(N);
  for (let b = 0; b < m; b++) {
    for (let i = 0; i < N; i++) {
      let sr = 0,
        si = 0;
      for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) {
        const j = h.col[p];
        sr += h.re[p] * uRe[b][j] - h.im[p] * uIm[b][j];
        si += h.re[p] * uIm[b][j] + h.im[p] * uRe[b][j];
      }
      hr[i] = sr;
      hi2[i] = si;
    }
    for (let a = 0; a < m; a++) {
      let sr = 0,
        si = 0;
      for (let i = 0; i < N; i++) {
        sr += uRe[a][i] * hr[i] + uIm[a][i] * hi2[i];
        si += uRe[a][i] * hi2[i] - uIm[a][i] * hr[i];
      }
      M.re[a * m + b] = sr;
      M.im[a * m + b] = si;
    }
  }
  for (const w of chans) {
    const ar = new Float64Array(m),
      ai = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      for (let x = 0; x < w.index.length; x++) {
        const v = w.index[x];
        // (Uᴴ w)_a = Σ conj(u_a) w
        ar[a] += uRe[a][v] * w.re[x] + uIm[a][v] * w.im[x];
        ai[a] += uRe[a][v] * w.im[x] - uIm[a][v] * w.re[x];
      }
    }
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        // −(i/2) · x_a conj(x_b)
        const pr = ar[a] * ar[b] + ai[a] * ai[b],
          pi = ai[a] * ar[b] - ar[a] * ai[b];
        M.re[a * m + b] += 0.5 * pi;
        M.im[a * m + b] -= 0.5 * pr;
      }
  }
  const ev = generalEigen(M);
  const out: Array<[number, number]> = [];
  for (let k = 0; k < m; k++) out.push([ev.values.re[k], 2 * Math.abs(ev.values.im[k])]);
  // the levels themselves too (exact positions; a narrow pole sits next to its level)
  for (const e of levels) out.push([e, 0]);
  return out.sort((a, b) => a[0] - b[0]);
}
