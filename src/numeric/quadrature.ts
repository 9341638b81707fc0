/**
 * Globally adaptive Gauss–Kronrod (G7/K15) quadrature of a vector-valued integrand.
 *
 * The error of a panel is |K15 − G7| per component (unscaled: pessimistic, so the reported
 * error is an upper estimate for smooth integrands). The panel with the largest normalised error
 * is bisected until every component meets `err_i ≤ rtol · scale_i`, where the caller supplies
 * the scale (e.g. the natural magnitude of each Onsager coefficient). Panels whose error stops
 * falling under bisection (the integrand's own rounding noise) stop being refined and enter the
 * error root-sum-square (see {@link NOISE_GENERATIONS}); the error is still reported.
 *
 * Opt-in (`lorentzian`): listed intervals are integrated in θ with x = c + η tan θ, dx = η(1 + tan²θ) dθ
 * (docs/physics.md §14), which turns a Lorentzian 1/((x − c)² + η²) into a constant: a resonance of
 * half-width η at c then costs one or two panels instead of a graded cascade of them. Bisection of
 * such a panel halves its θ range; the rule, the error estimate and the stopping test are unchanged.
 */

// Nodes/weights on [-1, 1] (QUADPACK qk15).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/** Bisections without the panel error halving after which a panel counts as noise-dominated. */
export const NOISE_GENERATIONS = 3;

/**
 * A panel counts as noise-dominated only if its error is below this fraction of ∫|f| over it:
 * an unresolved peak has an error of the order of the integral itself, rounding noise of an
 * integrand computed to ~1e-8 relative (T = |K|² near a node at 1 mK) far below.
 */
export const NOISE_FRACTION = 1e-5;

/** Vector integrand: write f(x) into `out` (length = dimension). */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

/**
 * Default most panels of {@link integrateAdaptive}, given the panels of the initial mesh: 4000, or
 * PANEL_BUDGET_PER_INITIAL per initial panel when the mesh is finer, at most PANEL_BUDGET_MAX (a
 * bound on memory: 2^16 panels of a 3-terminal Onsager integrand, 54 components, hold ~60 MB). A
 * fixed 4000 gave a mesh seeded with 800 resonances (an 800-site chain at 3000 K, every level in
 * the Fermi window) 5 panels each, and it stopped at 2e-10 of the natural scale instead of 1e-12.
 */
export function defaultPanelBudget(initialPanels: number): number {
  return Math.max(4000, Math.min(PANEL_BUDGET_PER_INITIAL * initialPanels, PANEL_BUDGET_MAX));
}
/** Panels allowed per panel of the initial mesh (measured: 8 brought the 800-site chain above to 2.7e-13). */
export const PANEL_BUDGET_PER_INITIAL = 8;
/** Upper bound of {@link defaultPanelBudget}. */
export const PANEL_BUDGET_MAX = 2 ** 16;

/** Options for {@link integrateAdaptive}. */
export interface AdaptiveOptions {
  /** Relative tolerance against the caller's scale. */
  readonly rtol: number;
  /** Per-component reference magnitudes computed from the current integral estimate. */
  readonly scale: (estimate: Float64Array, out: Float64Array) => void;
  /** Initial breakpoints (sorted, inside [a, b]); panels are formed between consecutive points. */
  readonly breakpoints?: readonly number[];
  /** Maximum number of panels before giving up (the result is still returned, flagged); default {@link defaultPanelBudget} of the initial mesh. */
  readonly maxPanels?: number;
  /**
   * Intervals integrated in the Lorentzian variable θ, x = centre + halfWidth·tan θ (sorted, disjoint,
   * inside [a, b], halfWidth > 0); their ends act as breakpoints. Default: none (every panel in x).
   */
  readonly lorentzian?: ReadonlyArray<LorentzianPanel>;
  /**
   * The variable's origin and natural unit (defaults 0 and 1): a panel narrower than
   * 1e-13·(|x0 − origin| + |x1 − origin| + unit) is not bisected again. The Onsager quadratures
   * integrate in E (eV) and pass μ0 and k_BT0, the same limit as in x = (E − μ0)/k_BT0.
   */
  readonly origin?: number;
  readonly unit?: number;
  /**
   * Optional: `f` at two points at once, each `out` bit for bit what `f` writes (an integrand whose
   * evaluation is faster in pairs). The symmetric nodes c ± dx of each panel are sampled through it;
   * the sums are formed in the same order either way.
   */
  readonly pair?: (x1: number, x2: number, out1: Float64Array, out2: Float64Array) => void;
}

/** An interval [lo, hi] of x integrated in θ with x = centre + halfWidth·tan θ (see {@link AdaptiveOptions.lorentzian}). */
export interface LorentzianPanel {
  readonly lo: number;
  readonly hi: number;
  readonly centre: number;
  readonly halfWidth: number;
}

/** Result of {@link integrateAdaptive}. */
export interface AdaptiveResult {
  readonly value: Float64Array;
  /** Per-component error estimate (sum of panel |K15 − G7|). */
  readonly error: Float64Array;
  readonly evaluations: number;
  readonly panels: number;
  /** Panels left unrefined because their error stopped falling (rounding noise of the integrand). */
  readonly noisyPanels: number;
  /** Every component met its tolerance (with noise-dominated panels counted root-sum-square). */
  readonly converged: boolean;
}

/** Integrate a vector function over [a, b]; see the module comment. */
export function integrateAdaptive(f: VectorIntegrand, dim: number, a: number, b: number, opts: AdaptiveOptions): AdaptiveResult {
  const origin = opts.origin ?? 0,
    unit = opts.unit ?? 1;
  const fx = new Float64Array(dim),
    fy = new Float64Array(dim);
  let lo: number[] = [],
    hi: number[] = [];
  let kr: Float64Array[] = [],
    er: Float64Array[] = [];
  let evaluations = 0;
  const kron = new Float64Array(dim),
    gauss = new Float64Array(dim),
    absK = new Float64Array(dim);
  let lastAbs = new Float64Array(dim);
  // A panel is [t0, t1] in its own variable: x itself (map < 0) or θ of Lorentzian map `map`,
  // x = centre + halfWidth·tan θ, where f is sampled with the Jacobian halfWidth·(1 + tan²θ).
  const mapC: number[] = [],
    mapH: number[] = [];
  const toX = (t: number, m: number): number => (m < 0 ? t : mapC[m] + mapH[m] * Math.tan(t));
  const sample = (t: number, m: number, out: Float64Array): void => {
    if (m < 0) {
      f(t, out);
      return;
    }
    const tn = Math.tan(t);
    f(mapC[m] + mapH[m] * tn, out);
    const jac = mapH[m] * (1 + tn * tn);
    for (let i = 0; i < dim; i++) out[i] *= jac;
  };
  const pair = opts.pair;
  /** {@link sample} at t1 and t2 (into fx, fy), through `pair` when given. */
  const sample2 = (t1: number, t2: number, m: number): void => {
    if (!pair) {
      sample(t1, m, fx);
      sample(t2, m, fy);
      return;
    }
    if (m < 0) {
      pair(t1, t2, fx, fy);
      return;
    }
    const tn1 = Math.tan(t1),
      tn2 = Math.tan(t2);
    pair(mapC[m] + mapH[m] * tn1, mapC[m] + mapH[m] * tn2, fx, fy);
    const jac1 = mapH[m] * (1 + tn1 * tn1),
      jac2 = mapH[m] * (1 + tn2 * tn2);
    for (let i = 0; i < dim; i++) {
      fx[i] *= jac1;
      fy[i] *= jac2;
    }
  };
  function panel(x0: number, x1: number, m: number): [Float64Array, Float64Array] {
    const c = 0.5 * (x0 + x1),
      h = 0.5 * (x1 - x0);
    kron.fill(0);
    gauss.fill(0);
    absK.fill(0);
    sample(c, m, fx);
    evaluations++;
    for (let i = 0; i < dim; i++) {
      kron[i] = WGK[7] * fx[i];
      gauss[i] = WG[3] * fx[i];
      absK[i] = WGK[7] * Math.abs(fx[i]);
    }
    for (let j = 0; j < 7; j++) {
      const dx = h * XGK[j];
      sample2(c - dx, c + dx, m);
      evaluations += 2;
      const wk = WGK[j];
      const isGauss = j % 2 === 1;
      const wg = isGauss ? WG[(j - 1) / 2] : 0;
      for (let i = 0; i < dim; i++) {
        const s = fx[i] + fy[i];
        kron[i] += wk * s;
        absK[i] += wk * (Math.abs(fx[i]) + Math.abs(fy[i]));
        if (isGauss) gauss[i] += wg * s;
      }
    }
    const k = new Float64Array(dim),
      e = new Float64Array(dim);
    lastAbs = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      k[i] = kron[i] * h;
      e[i] = Math.abs((kron[i] - gauss[i]) * h);
      lastAbs[i] = absK[i] * h;
    }
    return [k, e];
  }
  // Panels whose error no longer falls under bisection are rounding-noise dominated (the integrand
  // is only known to its own rounding, e.g. T = |K|² near a node): after NOISE_GENERATIONS
  // bisections without the error halving they are no longer refined, and their errors (random,
  // of either sign) are combined as a root-sum-square instead of a sum.
  let stall: number[] = [];
  let mp: number[] = [];
  const maps = (opts.lorentzian ?? []).filter((q) => q.hi > q.lo && q.lo < b && q.hi > a && q.halfWidth > 0);
  // (without maps the breakpoints are taken in the caller's order, as always)
  const inner = [...(opts.breakpoints ?? []), ...maps.flatMap((q) => [q.lo, q.hi])].filter((p) => p > a && p < b);
  if (maps.length) inner.sort((u, v) => u - v);
  const pts = [a, ...inner, b];
  maps.forEach((q) => {
    mapC.push(q.centre);
    mapH.push(q.halfWidth);
  });
  for (let i = 0, q = 0; i + 1 < pts.length; i++) {
    if (pts[i + 1] <= pts[i]) continue;
    // the map whose interval holds this elementary interval (maps sorted and disjoint)
    const mid = 0.5 * (pts[i] + pts[i + 1]);
    while (q < maps.length && maps[q].hi <= mid) q++;
    const m = q < maps.length && maps[q].lo <= mid ? q : -1;
    const t0 = m < 0 ? pts[i] : Math.atan((pts[i] - mapC[m]) / mapH[m]),
      t1 = m < 0 ? pts[i + 1] : Math.atan((pts[i + 1] - mapC[m]) / mapH[m]);
    if (!(t1 > t0)) continue;
    const [k, e] = panel(t0, t1, m);
    lo.push(t0);
    hi.push(t1);
    mp.push(m);
    kr.push(k);
    er.push(e);
    stall.push(0);
  }
  const maxPanels = opts.maxPanels ?? defaultPanelBudget(kr.length);
  const total = new Float64Array(dim),
    totalErr = new Float64Array(dim),
    noise2 = new Float64Array(dim),
    scale = new Float64Array(dim);
  let converged = false;
  let noisyPanels = 0;
  const panelNorm = (e: Float64Array) => {
    let m = 0;
    for (let i = 0; i < dim; i++) {
      const s = scale[i] > 0 ? scale[i] : Number.MIN_VALUE;
      m = Math.max(m, e[i] / s);
    }
    return m;
  };
  for (;;) {
    total.fill(0);
    totalErr.fill(0);
    noise2.fill(0);
    noisyPanels = 0;
    for (let p = 0; p < kr.length; p++) {
      const noisy = stall[p] >= NOISE_GENERATIONS;
      if (noisy) noisyPanels++;
      for (let i = 0; i < dim; i++) {
        total[i] += kr[p][i];
        if (noisy) noise2[i] += er[p][i] * er[p][i];
        else totalErr[i] += er[p][i];
      }
    }
    opts.scale(total, scale);
    let ok = true,
      noiseBound = true;
    for (let i = 0; i < dim; i++) {
      const rss = Math.sqrt(noise2[i]);
      if (!(totalErr[i] + rss <= opts.rtol * scale[i])) {
        ok = false;
        // refining the smooth panels cannot help a component whose error is the noise's
        if (!(totalErr[i] <= 0.25 * rss)) noiseBound = false;
      }
      totalErr[i] += rss;
    }
    if (ok) {
      converged = true;
      break;
    }
    if (noiseBound) break;
    if (kr.length >= maxPanels) break;
    // bisect the panel with the largest normalised error (and every panel within 1/4 of it)
    let worst = 0;
    const norm = new Float64Array(kr.length);
    for (let p = 0; p < kr.length; p++) {
      norm[p] = stall[p] >= NOISE_GENERATIONS ? 0 : panelNorm(er[p]);
      worst = Math.max(worst, norm[p]);
    }
    const nlo: number[] = [],
      nhi: number[] = [],
      nm: number[] = [],
      nk: Float64Array[] = [],
      ne: Float64Array[] = [],
      ns: number[] = [];
    let changed = false;
    for (let p = 0; p < kr.length; p++) {
      const wanted = norm[p] >= 0.25 * worst && norm[p] > 0;
      const m = mp[p];
      const x0 = toX(lo[p], m),
        x1 = toX(hi[p], m);
      const o = m < 0 ? origin : 0; // a panel in x itself, or in θ
      if (
        wanted &&
        !(x1 - x0 > 1e-13 * (Math.abs(x0 - origin) + Math.abs(x1 - origin) + unit) && hi[p] - lo[p] > 1e-13 * (Math.abs(lo[p] - o) + Math.abs(hi[p] - o)))
      ) {
        // too narrow to bisect (a feature below the resolution of x, e.g. a pole narrower than the
        // spacing of doubles): it is not refined again and its error stays in the estimate
        // (root-sum-square, as a noise-dominated panel), while the other panels go on being refined
        nlo.push(lo[p]);
        nhi.push(hi[p]);
        nm.push(m);
        nk.push(kr[p]);
        ne.push(er[p]);
        ns.push(NOISE_GENERATIONS);
        changed = true;
      } else if (wanted) {
        changed = true;
        const mid = 0.5 * (lo[p] + hi[p]);
        const [k1, e1] = panel(lo[p], mid, m);
        const a1 = lastAbs;
        const [k2, e2] = panel(mid, hi[p], m);
        const a2 = lastAbs;
        const sum = new Float64Array(dim);
        // noise, not an unresolved feature: the error is a small fraction of ∫|f| over the panel
        let small = true;
        for (let i = 0; i < dim; i++) {
          sum[i] = e1[i] + e2[i];
          if (!(sum[i] <= NOISE_FRACTION * (a1[i] + a2[i]))) small = false;
        }
        const st = small && panelNorm(sum) > 0.5 * norm[p] ? stall[p] + 1 : 0;
        nlo.push(lo[p], mid);
        nhi.push(mid, hi[p]);
        nm.push(m, m);
        nk.push(k1, k2);
        ne.push(e1, e2);
        ns.push(st, st);
      } else {
        nlo.push(lo[p]);
        nhi.push(hi[p]);
        nm.push(m);
        nk.push(kr[p]);
        ne.push(er[p]);
        ns.push(stall[p]);
      }
    }
    if (!changed) break; // cannot refine further
    lo = nlo;
    hi = nhi;
    mp = nm;
    kr = nk;
    er = ne;
    stall = ns;
  }
  return { value: total, error: totalErr, evaluations, panels: kr.length, noisyPanels, converged };
}
