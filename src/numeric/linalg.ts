/**
 * Dense complex linear algebra kernels for small-to-medium matrices.
 *
 * Storage: a complex matrix is two row-major `Float64Array`s (`re`, `im`) with `rows × cols`
 * entries; entry (i, j) sits at index `i * cols + j`. No per-element allocation in any kernel.
 *
 * Kernels:
 * - {@link hermitianEigen}: complex Householder tridiagonalisation (as LAPACK zhetrd), a diagonal
 *   phase transform to a real symmetric tridiagonal, then the implicit QL algorithm (EISPACK tql2).
 *   Eigenvectors can be accumulated in full, or only projected onto a few vectors (`X U` for an
 *   `r × N` matrix `X`), which costs O(N² r) instead of O(N³) after the reduction.
 * - {@link generalEigen}: complex Hessenberg reduction + shifted QR (Wilkinson shifts) to Schur
 *   form, right eigenvectors by back substitution, left eigenvectors as rows of R⁻¹.
 * - {@link luFactor}/{@link luSolve}: complex LU with partial pivoting.
 * - {@link realSolve}: real Gaussian elimination with partial pivoting (for Onsager/Schur blocks).
 */

/** A dense complex matrix in split (re, im) row-major storage. */
export interface CMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Machine epsilon for IEEE double precision. */
export const EPS = 2.220446049250313e-16;

/**
 * √(x² + y²) without overflow, bit for bit the value of `Math.hypot(x, y)` in V8 (its builtin
 * scales by max(|x|, |y|) and sums the squares in Kahan's order, which for two arguments is
 * max·√((|x|/max)² + (|y|/max)²), with ±∞ → ∞ before NaN → NaN, and 0 for two zeros), at a
 * fraction of the cost: the builtin's argument handling costs ~40–100 ns a call on this machine
 * (~15 ns here), and the eigen-solvers and pole expansions call it O(N²) times.
 * test/numeric/linalg.test.ts checks the identity on random and special arguments.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x),
    ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return NaN;
  const max = Math.max(ax, ay);
  if (max === 0) return 0;
  const u = ax / max,
    v = ay / max;
  return Math.sqrt(u * u + v * v) * max;
}

/**
 * Allocate a zero `rows × cols` complex matrix. Above 8 entries `re` and `im` are two views of one
 * buffer: a Float64Array of more than 64 bytes gets an off-heap store of its own, and the set-up
 * of a scan makes hundreds of small matrices (half the stores to allocate and to sweep).
 */
export function cmatrix(rows: number, cols: number = rows): CMatrix {
  const k = rows * cols;
  if (k <= 8) return { rows, cols, re: new Float64Array(k), im: new Float64Array(k) };
  const b = new ArrayBuffer(16 * k);
  return { rows, cols, re: new Float64Array(b, 0, k), im: new Float64Array(b, 8 * k, k) };
}

/** `f(v / scale)` of every entry of a complex matrix, as a new matrix (re and im in one buffer, see {@link cmatrix}). */
function scaledCopy(a: CMatrix, scale: number, f: (v: number) => number): CMatrix {
  const out = cmatrix(a.rows, a.cols);
  const k = a.rows * a.cols,
    re = out.re,
    im = out.im;
  for (let i = 0; i < k; i++) {
    re[i] = f(a.re[i] / scale);
    im[i] = f(a.im[i] / scale);
  }
  return out;
}

/** Build a complex matrix from nested arrays (imaginary part optional). */
export function cmatrixFrom(re: ArrayLike<ArrayLike<number>>, im?: ArrayLike<ArrayLike<number>>): CMatrix {
  const rows = re.length;
  const cols = rows > 0 ? re[0].length : 0;
  const m = cmatrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      m.re[i * cols + j] = re[i][j];
      if (im) m.im[i * cols + j] = im[i][j];
    }
  }
  return m;
}

/** Complex identity matrix. */
export function cidentity(n: number): CMatrix {
  const m = cmatrix(n, n);
  for (let i = 0; i < n; i++) m.re[i * n + i] = 1;
  return m;
}

/** Deep copy. */
export function cclone(a: CMatrix): CMatrix {
  const out = cmatrix(a.rows, a.cols);
  out.re.set(a.re);
  out.im.set(a.im);
  return out;
}

/** Matrix product `A B`. */
export function cmatmul(a: CMatrix, b: CMatrix): CMatrix {
  if (a.cols !== b.rows) throw new Error(`cmatmul: shape mismatch ${a.rows}x${a.cols} · ${b.rows}x${b.cols}`);
  const out = cmatrix(a.rows, b.cols);
  const n = a.rows,
    k = a.cols,
    m = b.cols;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < k; l++) {
      const ar = a.re[i * k + l],
        ai = a.im[i * k + l];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < m; j++) {
        const br = b.re[l * m + j],
          bi = b.im[l * m + j];
        out.re[i * m + j] += ar * br - ai * bi;
        out.im[i * m + j] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** Conjugate transpose `A†`. */
export function cadjoint(a: CMatrix): CMatrix {
  const out = cmatrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      out.re[j * a.rows + i] = a.re[i * a.cols + j];
      out.im[j * a.rows + i] = -a.im[i * a.cols + j];
    }
  }
  return out;
}

/** Largest absolute entry modulus, max |A_ij| (a cheap scale). */
export function cmaxAbs(a: CMatrix): number {
  let s = 0;
  for (let i = 0; i < a.re.length; i++) s = Math.max(s, hypot(a.re[i], a.im[i]));
  return s;
}

/** Frobenius norm. */
export function cfrobenius(a: CMatrix): number {
  let s = 0;
  for (let i = 0; i < a.re.length; i++) s += a.re[i] * a.re[i] + a.im[i] * a.im[i];
  return Math.sqrt(s);
}

/** Largest deviation from Hermiticity, max |A_ij − conj(A_ji)|. */
export function hermiticityDefect(a: CMatrix): number {
  if (a.rows !== a.cols) return Infinity;
  const n = a.rows;
  let d = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const dr = a.re[i * n + j] - a.re[j * n + i];
      const di = a.im[i * n + j] + a.im[j * n + i];
      d = Math.max(d, hypot(dr, di));
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Hermitian eigenproblem
// ---------------------------------------------------------------------------------------------

/** Result of {@link hermitianEigen}. */
export interface HermitianEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /**
   * `X U` where U holds the orthonormal eigenvectors as columns (column k ↔ values[k]).
   * With no projector given, X = I and this is U itself (N × N).
   */
  readonly projected: CMatrix;
}

/**
 * Eigen-decomposition of a Hermitian matrix A = U Λ U†.
 *
 * Method: Householder reduction to tridiagonal form T = Q† A Q (complex reflectors
 * H = I − 2vv†), a diagonal unitary phase D making T real (D† T D), then implicit QL with
 * Wilkinson-type shifts (EISPACK tql2) on the real tridiagonal. Eigenvectors U = Q D Z.
 *
 * @param a Hermitian matrix (only the lower triangle and diagonal are read; the diagonal's
 *   imaginary part is ignored).
 * @param project Optional `r × N` matrix X. When given, the result holds `X U` (r × N) and the
 *   full eigenvector matrix is never formed: cost O(4/3 N³ + N² r) instead of O(N³ + N³).
 */
export function hermitianEigen(a: CMatrix, project?: CMatrix): HermitianEigen {
  const n = a.rows;
  if (a.cols !== n) throw new Error('hermitianEigen: matrix must be square');
  // Work on A / max|A_ij| (undone on the eigenvalues at the end): keeps tiny or subnormal
  // inputs away from underflow in the Householder norms and QL convergence tests.
  const amax = cmaxAbs(a);
  const scale = amax > 0 && Number.isFinite(amax) ? amax : 1;
  // Entries below 1e-300 of the largest are flushed to zero (a normwise-negligible perturbation):
  // subnormals carry too few significant bits to keep the reflectors orthogonal.
  const flush = (v: number) => (Math.abs(v) < 1e-300 ? 0 : v);
  const { re, im } = scaledCopy(a, scale, flush);
  // Work on the lower triangle; make the working copy exactly Hermitian from it.
  for (let i = 0; i < n; i++) {
    im[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      re[i * n + j] = re[j * n + i];
      im[i * n + j] = -im[j * n + i];
    }
  }
  const d = new Float64Array(n);
  const offRe = new Float64Array(n); // T_{k+1,k}, complex, k = 0..n-2
  const offIm = new Float64Array(n);
  // Householder vectors stored contiguously: v_k occupies [k·n + k+1, k·n + n) (unit norm).
  const vRe = new Float64Array(n * n);
  const vIm = new Float64Array(n * n);
  const hasV = new Uint8Array(n);
  const pRe = new Float64Array(n),
    pIm = new Float64Array(n);

  let isReal = true;
  for (let i = 0; i < n * n; i++)
    if (im[i] !== 0) {
      isReal = false;
      break;
    }
  if (isReal) realTridiagonalize(n, re, vRe, hasV, offRe, pRe);
  for (let k = 0; k < n - 2 && !isReal; k++) {
    // Tail below the first sub-diagonal entry, summed directly (not as ‖x‖² − |x0|², which
    // cancels): only an exactly zero tail may skip the reflection.
    let tail2 = 0;
    for (let i = k + 2; i < n; i++) tail2 += re[i * n + k] ** 2 + im[i * n + k] ** 2;
    const x0r = re[(k + 1) * n + k],
      x0i = im[(k + 1) * n + k];
    const xnorm2 = tail2 + x0r * x0r + x0i * x0i;
    const xnorm = Math.sqrt(xnorm2);
    if (tail2 === 0) {
      offRe[k] = x0r;
      offIm[k] = x0i;
      continue;
    }
    const x0abs = hypot(x0r, x0i);
    // alpha = -e^{i arg x0} ||x||
    const phr = x0abs === 0 ? 1 : x0r / x0abs,
      phi = x0abs === 0 ? 0 : x0i / x0abs;
    const alr = -phr * xnorm,
      ali = -phi * xnorm;
    // v = x - alpha e1
    let vnorm2 = 0;
    for (let i = k + 1; i < n; i++) {
      let vr = re[i * n + k],
        vi = im[i * n + k];
      if (i === k + 1) {
        vr -= alr;
        vi -= ali;
      }
      vRe[k * n + i] = vr;
      vIm[k * n + i] = vi;
      vnorm2 += vr * vr + vi * vi;
    }
    const vn = Math.sqrt(vnorm2);
    for (let i = k + 1; i < n; i++) {
      vRe[k * n + i] /= vn;
      vIm[k * n + i] /= vn;
    }
    hasV[k] = 1;
    // p = A_sub v  (sub = rows/cols k+1..n-1)
    for (let i = k + 1; i < n; i++) {
      let sr = 0,
        si = 0;
      for (let j = k + 1; j < n; j++) {
        const ar = re[i * n + j],
          ai = im[i * n + j];
        const br = vRe[k * n + j],
          bi = vIm[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      pRe[i] = sr;
      pIm[i] = si;
    }
    // kappa = v† p (real for Hermitian A)
    let kap = 0;
    for (let i = k + 1; i < n; i++) kap += vRe[k * n + i] * pRe[i] + vIm[k * n + i] * pIm[i];
    // w = p - kappa v (stored in p)
    for (let i = k + 1; i < n; i++) {
      pRe[i] -= kap * vRe[k * n + i];
      pIm[i] -= kap * vIm[k * n + i];
    }
    // A_sub <- A_sub - 2 v w† - 2 w v†
    for (let i = k + 1; i < n; i++) {
      const vir = vRe[k * n + i],
        vii = vIm[k * n + i];
      const wir = pRe[i],
        wii = pIm[i];
      for (let j = k + 1; j < n; j++) {
        const vjr = vRe[k * n + j],
          vji = vIm[k * n + j];
        const wjr = pRe[j],
          wji = pIm[j];
        // v_i conj(w_j) + w_i conj(v_j)
        const r1 = vir * wjr + vii * wji,
          i1 = vii * wjr - vir * wji;
        const r2 = wir * vjr + wii * vji,
          i2 = wii * vjr - wir * vji;
        re[i * n + j] -= 2 * (r1 + r2);
        im[i * n + j] -= 2 * (i1 + i2);
      }
    }
    offRe[k] = alr;
    offIm[k] = ali;
  }
  if (n >= 2) {
    offRe[n - 2] = re[(n - 1) * n + (n - 2)];
    offIm[n - 2] = im[(n - 1) * n + (n - 2)];
  }
  for (let i = 0; i < n; i++) d[i] = re[i * n + i];

  // Phases making T real: phi_0 = 1, phi_{k+1} = phi_k * off_k / |off_k|.
  const phRe = new Float64Array(n),
    phIm = new Float64Array(n);
  const e = new Float64Array(n); // tql2 convention: e[i] couples i and i-1, e[0] = 0
  if (n > 0) phRe[0] = 1;
  for (let k = 0; k < n - 1; k++) {
    const ab = hypot(offRe[k], offIm[k]);
    e[k + 1] = ab;
    let ur = 1,
      ui = 0;
    if (ab > 0) {
      ur = offRe[k] / ab;
      ui = offIm[k] / ab;
    }
    phRe[k + 1] = phRe[k] * ur - phIm[k] * ui;
    phIm[k + 1] = phRe[k] * ui + phIm[k] * ur;
  }

  // Y = X Q D  (X = I when no projector)
  const r = project ? project.rows : n;
  if (project && project.cols !== n) throw new Error('hermitianEigen: projector has wrong width');
  const yRe = new Float64Array(r * n),
    yIm = new Float64Array(r * n);
  if (project) {
    yRe.set(project.re);
    yIm.set(project.im);
  } else for (let i = 0; i < n; i++) yRe[i * n + i] = 1;
  // Y <- Y H_k for k = 0..n-3, H_k = I - 2 v v†: Y <- Y - 2 (Y v) v†
  for (let k = 0; k < n - 2; k++) {
    if (!hasV[k]) continue;
    if (isReal) {
      const vo = k * n;
      for (let row = 0; row < r; row++) {
        const ro = row * n;
        let sr = 0,
          si = 0;
        for (let j = k + 1; j < n; j++) {
          const v = vRe[vo + j];
          sr += yRe[ro + j] * v;
          si += yIm[ro + j] * v;
        }
        sr *= 2;
        si *= 2;
        for (let j = k + 1; j < n; j++) {
          const v = vRe[vo + j];
          yRe[ro + j] -= sr * v;
          yIm[ro + j] -= si * v;
        }
      }
      continue;
    }
    for (let row = 0; row < r; row++) {
      let sr = 0,
        si = 0;
      for (let j = k + 1; j < n; j++) {
        const ar = yRe[row * n + j],
          ai = yIm[row * n + j];
        const br = vRe[k * n + j],
          bi = vIm[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      for (let j = k + 1; j < n; j++) {
        const br = vRe[k * n + j],
          bi = -vIm[k * n + j]; // conj(v_j)
        yRe[row * n + j] -= 2 * (sr * br - si * bi);
        yIm[row * n + j] -= 2 * (sr * bi + si * br);
      }
    }
  }
  // Y <- Y D
  for (let row = 0; row < r; row++) {
    for (let j = 0; j < n; j++) {
      const ar = yRe[row * n + j],
        ai = yIm[row * n + j];
      yRe[row * n + j] = ar * phRe[j] - ai * phIm[j];
      yIm[row * n + j] = ar * phIm[j] + ai * phRe[j];
    }
  }
  tql2(n, d, e, r, yRe, yIm);
  for (let i = 0; i < n; i++) d[i] *= scale;
  return { values: d, projected: { rows: r, cols: n, re: yRe, im: yIm } };
}

/**
 * Real symmetric Householder tridiagonalisation (the real case of the loop in hermitianEigen,
 * ~8× fewer flops: real arithmetic, and only the lower triangle is read and updated):
 * A (n × n, row-major, lower triangle overwritten) → T with the diagonal left in A, the
 * sub-diagonal in `off`, reflectors v_k (unit, contiguous at k·n) in `v`.
 */
function realTridiagonalize(n: number, a: Float64Array, v: Float64Array, hasV: Uint8Array, off: Float64Array, p: Float64Array): void {
  for (let k = 0; k < n - 2; k++) {
    let tail2 = 0;
    for (let i = k + 2; i < n; i++) tail2 += a[i * n + k] * a[i * n + k];
    const x0 = a[(k + 1) * n + k];
    if (tail2 === 0) {
      off[k] = x0;
      continue;
    }
    const xnorm = Math.sqrt(tail2 + x0 * x0);
    const alpha = x0 >= 0 ? -xnorm : xnorm;
    const vo = k * n;
    let vn2 = 0;
    for (let i = k + 1; i < n; i++) {
      let x = a[i * n + k];
      if (i === k + 1) x -= alpha;
      v[vo + i] = x;
      vn2 += x * x;
    }
    const inv = 1 / Math.sqrt(vn2);
    for (let i = k + 1; i < n; i++) v[vo + i] *= inv;
    hasV[k] = 1;
    // p = A_sub v from the lower triangle only (row-contiguous, as BLAS dsymv 'L'):
    // each stored a_ij (j < i) contributes to p_i and, by symmetry, to p_j.
    for (let i = k + 1; i < n; i++) p[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const ro = i * n,
        vi = v[vo + i];
      let sum = 0;
      for (let j = k + 1; j < i; j++) {
        const aij = a[ro + j];
        sum += aij * v[vo + j];
        p[j] += aij * vi;
      }
      p[i] += sum + a[ro + i] * vi;
    }
    // kappa = vᵀp; w = p − kappa v; lower triangle of A_sub −= 2 (v wᵀ + w vᵀ)
    let kap = 0;
    for (let i = k + 1; i < n; i++) kap += v[vo + i] * p[i];
    for (let i = k + 1; i < n; i++) p[i] -= kap * v[vo + i];
    for (let i = k + 1; i < n; i++) {
      const ro = i * n,
        vi = 2 * v[vo + i],
        wi = 2 * p[i];
      for (let j = k + 1; j <= i; j++) a[ro + j] -= vi * p[j] + wi * v[vo + j];
    }
    off[k] = alpha;
  }
}

/**
 * Implicit QL on a real symmetric tridiagonal matrix (diag d, sub-diagonal e[1..n-1]; e[0]
 * unused), after EISPACK tql2 / JAMA. The plane rotations are applied to the columns of the
 * complex `r × n` matrix Y (so Y ends as Y Z). Eigenvalues are sorted ascending, with Y's
 * columns permuted alongside.
 */
function tql2(n: number, d: Float64Array, e: Float64Array, r: number, yRe: Float64Array, yIm: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  let f = 0,
    tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        if (iter > 60 * Math.max(1, n)) throw new Error('hermitianEigen: QL iteration did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let rr = hypot(p, 1);
        if (p < 0) rr = -rr;
        d[l] = e[l] / (p + rr);
        d[l + 1] = e[l] * (p + rr);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1,
          c2 = c,
          c3 = c;
        const el1 = e[l + 1];
        let s = 0,
          s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          rr = hypot(p, e[i]);
          e[i + 1] = s * rr;
          s = e[i] / rr;
          c = p / rr;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // rotate columns i, i+1 of Y
          for (let k = 0; k < r; k++) {
            const a1 = k * n + i + 1,
              a0 = k * n + i;
            let hr = yRe[a1];
            yRe[a1] = s * yRe[a0] + c * hr;
            yRe[a0] = c * yRe[a0] - s * hr;
            hr = yIm[a1];
            yIm[a1] = s * yIm[a0] + c * hr;
            yIm[a0] = c * yIm[a0] - s * hr;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  // selection sort ascending, permuting Y columns
  for (let i = 0; i < n - 1; i++) {
    let k = i,
      p = d[i];
    for (let j = i + 1; j < n; j++)
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let row = 0; row < r; row++) {
        let t = yRe[row * n + i];
        yRe[row * n + i] = yRe[row * n + k];
        yRe[row * n + k] = t;
        t = yIm[row * n + i];
        yIm[row * n + i] = yIm[row * n + k];
        yIm[row * n + k] = t;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// LU (complex) and real solves
// ---------------------------------------------------------------------------------------------

/**
 * In-place complex LU factorisation with partial pivoting; returns pivot rows, or null if singular.
 * @param pivots optional buffer of length ≥ n for the pivot rows (no allocation in hot loops)
 */
export function luFactor(a: CMatrix, pivots?: Int32Array): Int32Array | null {
  const n = a.rows;
  const piv = pivots && pivots.length >= n ? pivots : new Int32Array(n);
  const { re, im } = a;
  for (let k = 0; k < n; k++) {
    let p = k,
      best = -1;
    for (let i = k; i < n; i++) {
      const v = Math.abs(re[i * n + k]) + Math.abs(im[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (best === 0) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        let t = re[k * n + j];
        re[k * n + j] = re[p * n + j];
        re[p * n + j] = t;
        t = im[k * n + j];
        im[k * n + j] = im[p * n + j];
        im[p * n + j] = t;
      }
    }
    const dr = re[k * n + k],
      di = im[k * n + k];
    const den = dr * dr + di * di;
    const ir = dr / den,
      ii = -di / den;
    for (let i = k + 1; i < n; i++) {
      const ar = re[i * n + k],
        ai = im[i * n + k];
      const lr = ar * ir - ai * ii,
        li = ar * ii + ai * ir;
      re[i * n + k] = lr;
      im[i * n + k] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const ur = re[k * n + j],
          ui = im[k * n + j];
        re[i * n + j] -= lr * ur - li * ui;
        im[i * n + j] -= lr * ui + li * ur;
      }
    }
  }
  return piv;
}

/** Solve `A X = B` in place in B (n × m) given the LU factors of A from {@link luFactor}. */
export function luSolve(lu: CMatrix, piv: Int32Array, b: CMatrix): void {
  const n = lu.rows,
    m = b.cols;
  const { re, im } = lu;
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      for (let j = 0; j < m; j++) {
        let t = b.re[k * m + j];
        b.re[k * m + j] = b.re[p * m + j];
        b.re[p * m + j] = t;
        t = b.im[k * m + j];
        b.im[k * m + j] = b.im[p * m + j];
        b.im[p * m + j] = t;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const lr = re[i * n + k],
        li = im[i * n + k];
      if (lr === 0 && li === 0) continue;
      for (let j = 0; j < m; j++) {
        const br = b.re[k * m + j],
          bi = b.im[k * m + j];
        b.re[i * m + j] -= lr * br - li * bi;
        b.im[i * m + j] -= lr * bi + li * br;
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const ur = re[i * n + k],
        ui = im[i * n + k];
      if (ur === 0 && ui === 0) continue;
      for (let j = 0; j < m; j++) {
        const br = b.re[k * m + j],
          bi = b.im[k * m + j];
        b.re[i * m + j] -= ur * br - ui * bi;
        b.im[i * m + j] -= ur * bi + ui * br;
      }
    }
    const dr = re[i * n + i],
      di = im[i * n + i];
    const den = dr * dr + di * di;
    for (let j = 0; j < m; j++) {
      const br = b.re[i * m + j],
        bi = b.im[i * m + j];
      b.re[i * m + j] = (br * dr + bi * di) / den;
      b.im[i * m + j] = (bi * dr - br * di) / den;
    }
  }
}

/** Inverse of a square complex matrix; throws if singular. */
export function cinverse(a: CMatrix): CMatrix {
  const lu = cclone(a);
  const piv = luFactor(lu);
  if (!piv) throw new Error('cinverse: singular matrix');
  const x = cidentity(a.rows);
  luSolve(lu, piv, x);
  return x;
}

/**
 * Solve the real system `A X = B` (A: n × n row-major, B: n × m row-major) by Gaussian
 * elimination with partial pivoting. Returns X and the reciprocal pivot-growth condition
 * indicator `minPivot / maxAbs(A)`; callers decide whether that is too small.
 */
export function realSolve(a: Float64Array, n: number, b: Float64Array, m: number): { x: Float64Array; pivotRatio: number } {
  const A = Float64Array.from(a);
  const X = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) {
    let p = k,
      best = -1;
    for (let i = k; i < n; i++) {
      const v = Math.abs(A[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    minPivot = Math.min(minPivot, best);
    if (best === 0) return { x: X.fill(NaN), pivotRatio: 0 };
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k * n + j];
        A[k * n + j] = A[p * n + j];
        A[p * n + j] = t;
      }
      for (let j = 0; j < m; j++) {
        const t = X[k * m + j];
        X[k * m + j] = X[p * m + j];
        X[p * m + j] = t;
      }
    }
    const piv = A[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const l = A[i * n + k] / piv;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) A[i * n + j] -= l * A[k * n + j];
      for (let j = 0; j < m; j++) X[i * m + j] -= l * X[k * m + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = 0; j < m; j++) {
      let s = X[i * m + j];
      for (let k = i + 1; k < n; k++) s -= A[i * n + k] * X[k * m + j];
      X[i * m + j] = s / A[i * n + i];
    }
  }
  return { x: X, pivotRatio: scale === 0 ? 0 : minPivot / scale };
}

// ---------------------------------------------------------------------------------------------
// General complex eigenproblem
// ---------------------------------------------------------------------------------------------

/** Result of {@link generalEigen}: A = R diag(λ) L†, with L† R = I. */
export interface GeneralEigen {
  readonly values: { re: Float64Array; im: Float64Array };
  /** Right eigenvectors as columns, each of unit 2-norm. */
  readonly right: CMatrix;
  /** Rows of R⁻¹ (the left eigenvectors l_k†, biorthonormal to the right ones), as an n × n matrix. */
  readonly leftAdjoint: CMatrix;
  /** Eigenvalue condition numbers κ_k = ‖l_k‖ ‖r_k‖ (1 for normal matrices, large near exceptional points). */
  readonly condition: Float64Array;
}

/**
 * Eigen-decomposition of a general complex square matrix.
 *
 * Method: Householder reduction to upper Hessenberg form, explicit single-shift complex QR
 * with Wilkinson shifts and exceptional shifts on stagnation (Golub & Van Loan §7.5), giving a
 * Schur form A = Z T Z†. Right eigenvectors of T by back substitution (denominators below
 * ε‖T‖ are replaced by ε‖T‖, as LAPACK ztrevc does), mapped back with Z. Left eigenvectors
 * as the rows of R⁻¹ (complex LU), which makes L† R = I hold to rounding by construction.
 */
export function generalEigen(a: CMatrix): GeneralEigen {
  const n = a.rows;
  if (a.cols !== n) throw new Error('generalEigen: matrix must be square');
  // Work on A / max|A_ij| (eigenvalues rescaled at the end) to stay clear of underflow.
  const amax = cmaxAbs(a);
  const ascale = amax > 0 && Number.isFinite(amax) ? amax : 1;
  const flush = (v: number) => (Math.abs(v) < 1e-300 ? 0 : v); // normwise negligible; avoids subnormals
  const H: CMatrix = scaledCopy(a, ascale, flush);
  const Z = cidentity(n);
  const hr = H.re,
    hi = H.im,
    zr = Z.re,
    zi = Z.im;
  const vr = new Float64Array(n),
    vi = new Float64Array(n);
  // --- Hessenberg reduction
  for (let k = 0; k < n - 2; k++) {
    let tail2 = 0; // summed directly: ‖x‖² − |x0|² would cancel and leave a non-Hessenberg tail
    for (let i = k + 2; i < n; i++) tail2 += hr[i * n + k] ** 2 + hi[i * n + k] ** 2;
    const x0r = hr[(k + 1) * n + k],
      x0i = hi[(k + 1) * n + k];
    const xnorm2 = tail2 + x0r * x0r + x0i * x0i;
    if (tail2 === 0) continue;
    const xnorm = Math.sqrt(xnorm2);
    const x0abs = hypot(x0r, x0i);
    const pr = x0abs === 0 ? 1 : x0r / x0abs,
      pi = x0abs === 0 ? 0 : x0i / x0abs;
    const alr = -pr * xnorm,
      ali = -pi * xnorm;
    let vn2 = 0;
    for (let i = k + 1; i < n; i++) {
      vr[i] = hr[i * n + k];
      vi[i] = hi[i * n + k];
      if (i === k + 1) {
        vr[i] -= alr;
        vi[i] -= ali;
      }
      vn2 += vr[i] * vr[i] + vi[i] * vi[i];
    }
    const vn = Math.sqrt(vn2);
    for (let i = k + 1; i < n; i++) {
      vr[i] /= vn;
      vi[i] /= vn;
    }
    // H <- (I - 2vv†) H : rows k+1.., all columns k..n-1
    for (let j = k; j < n; j++) {
      let sr = 0,
        si = 0; // v† H[:, j]
      for (let i = k + 1; i < n; i++) {
        const ar = hr[i * n + j],
          ai = hi[i * n + j];
        sr += vr[i] * ar + vi[i] * ai;
        si += vr[i] * ai - vi[i] * ar;
      }
      for (let i = k + 1; i < n; i++) {
        hr[i * n + j] -= 2 * (vr[i] * sr - vi[i] * si);
        hi[i * n + j] -= 2 * (vr[i] * si + vi[i] * sr);
      }
    }
    // H <- H (I - 2vv†) : all rows, columns k+1..
    // Z <- Z (I - 2vv†)
    for (const [mr, mi] of [
      [hr, hi],
      [zr, zi],
    ] as const) {
      for (let i = 0; i < n; i++) {
        let sr = 0,
          si = 0; // (M v)_i
        for (let j = k + 1; j < n; j++) {
          const ar = mr[i * n + j],
            ai = mi[i * n + j];
          sr += ar * vr[j] - ai * vi[j];
          si += ar * vi[j] + ai * vr[j];
        }
        for (let j = k + 1; j < n; j++) {
          // -= 2 s conj(v_j)
          mr[i * n + j] -= 2 * (sr * vr[j] + si * vi[j]);
          mi[i * n + j] -= 2 * (si * vr[j] - sr * vi[j]);
        }
      }
    }
    hr[(k + 1) * n + k] = alr;
    hi[(k + 1) * n + k] = ali;
    for (let i = k + 2; i < n; i++) {
      hr[i * n + k] = 0;
      hi[i * n + k] = 0;
    }
  }
  // --- QR iterations
  const norm = Math.max(cmaxAbs(H), Number.MIN_VALUE);
  const cs = new Float64Array(n),
    snr = new Float64Array(n),
    sni = new Float64Array(n);
  let hiIdx = n - 1;
  let iterSinceDeflation = 0,
    totalIter = 0;
  while (hiIdx > 0) {
    // find lo: largest l <= hiIdx with negligible subdiagonal H[l][l-1]
    let lo = hiIdx;
    while (lo > 0) {
      const s = hypot(hr[lo * n + lo - 1], hi[lo * n + lo - 1]);
      const dsum = hypot(hr[lo * n + lo], hi[lo * n + lo]) + hypot(hr[(lo - 1) * n + lo - 1], hi[(lo - 1) * n + lo - 1]);
      // Normwise deflation (ε‖H‖, the bound the backward error guarantees anyway) or the classic
      // relative test against the neighbouring diagonal; the former keeps graded matrices
      // (entries spanning hundreds of decades) from stalling in underflow.
      if (s <= EPS * Math.max(dsum, norm)) {
        hr[lo * n + lo - 1] = 0;
        hi[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hiIdx) {
      hiIdx--;
      iterSinceDeflation = 0;
      continue;
    }
    iterSinceDeflation++;
    totalIter++;
    if (totalIter > 100 * n) throw new Error('generalEigen: QR iteration did not converge');
    // Wilkinson shift from trailing 2x2 of the active window
    const m = hiIdx - 1;
    const ar = hr[m * n + m],
      ai = hi[m * n + m];
    const br = hr[m * n + hiIdx],
      bi = hi[m * n + hiIdx];
    const cr = hr[hiIdx * n + m],
      ci = hi[hiIdx * n + m];
    const dr = hr[hiIdx * n + hiIdx],
      di = hi[hiIdx * n + hiIdx];
    let mur: number, mui: number;
    if (iterSinceDeflation % 11 === 10) {
      // exceptional shift
      const s = hypot(cr, ci) + (hiIdx >= 2 ? hypot(hr[m * n + m - 1], hi[m * n + m - 1]) : 0);
      mur = dr + 0.75 * s;
      mui = di;
    } else {
      // eigenvalues of [[a,b],[c,d]]: (a+d)/2 ± sqrt(((a-d)/2)^2 + bc)
      const hr2 = (ar - dr) / 2,
        hi2 = (ai - di) / 2;
      const qr = hr2 * hr2 - hi2 * hi2 + (br * cr - bi * ci);
      const qi = 2 * hr2 * hi2 + (br * ci + bi * cr);
      // complex sqrt
      const mod = hypot(qr, qi);
      const sr = Math.sqrt(Math.max(0, (mod + qr) / 2));
      let si = Math.sqrt(Math.max(0, (mod - qr) / 2));
      if (qi < 0) si = -si;
      const mr = (ar + dr) / 2,
        mi = (ai + di) / 2;
      // pick the root closer to d
      const r1r = mr + sr,
        r1i = mi + si,
        r2r = mr - sr,
        r2i = mi - si;
      if (hypot(r1r - dr, r1i - di) <= hypot(r2r - dr, r2i - di)) {
        mur = r1r;
        mui = r1i;
      } else {
        mur = r2r;
        mui = r2i;
      }
    }
    // explicit shifted QR step on window [lo, hiIdx]
    for (let i = lo; i <= hiIdx; i++) {
      hr[i * n + i] -= mur;
      hi[i * n + i] -= mui;
    }
    for (let i = lo; i < hiIdx; i++) {
      // Givens zeroing H[i+1][i] using H[i][i]: G = [[c, s],[-conj(s), c]], c real
      const xr = hr[i * n + i],
        xi = hi[i * n + i];
      const yr = hr[(i + 1) * n + i],
        yi = hi[(i + 1) * n + i];
      const xa = hypot(xr, xi),
        ya = hypot(yr, yi);
      let c: number, sRe: number, sIm: number;
      if (ya === 0) {
        c = 1;
        sRe = 0;
        sIm = 0;
      } else if (xa === 0) {
        c = 0; // s = conj(y)/|y| ... choose so that G [0; y] = [|y|; 0]
        sRe = yr / ya;
        sIm = -yi / ya;
      } else {
        const rr = hypot(xa, ya);
        c = xa / rr;
        // s = (x/|x|) conj(y) / r
        const ur = xr / xa,
          ui = xi / xa;
        sRe = (ur * yr + ui * yi) / rr;
        sIm = (ui * yr - ur * yi) / rr;
      }
      cs[i] = c;
      snr[i] = sRe;
      sni[i] = sIm;
      // rows i, i+1 for columns i..n-1: [r_i; r_{i+1}] <- [c r_i + s r_{i+1}; -conj(s) r_i + c r_{i+1}]
      for (let j = i; j < n; j++) {
        const ar2 = hr[i * n + j],
          ai2 = hi[i * n + j];
        const br2 = hr[(i + 1) * n + j],
          bi2 = hi[(i + 1) * n + j];
        hr[i * n + j] = c * ar2 + (sRe * br2 - sIm * bi2);
        hi[i * n + j] = c * ai2 + (sRe * bi2 + sIm * br2);
        hr[(i + 1) * n + j] = -(sRe * ar2 + sIm * ai2) + c * br2;
        hi[(i + 1) * n + j] = -(sRe * ai2 - sIm * ar2) + c * bi2;
      }
    }
    for (let i = lo; i < hiIdx; i++) {
      const c = cs[i],
        sRe = snr[i],
        sIm = sni[i];
      // columns i, i+1 <- [col_i, col_{i+1}] G†, G† = [[c, -s],[conj(s), c]]
      // new col_i = c col_i + conj(s) col_{i+1}; new col_{i+1} = -s col_i + c col_{i+1}
      const rmax = Math.min(i + 2, hiIdx);
      for (let row = 0; row <= rmax; row++) {
        const ar2 = hr[row * n + i],
          ai2 = hi[row * n + i];
        const br2 = hr[row * n + i + 1],
          bi2 = hi[row * n + i + 1];
        hr[row * n + i] = c * ar2 + (sRe * br2 + sIm * bi2);
        hi[row * n + i] = c * ai2 + (sRe * bi2 - sIm * br2);
        hr[row * n + i + 1] = -(sRe * ar2 - sIm * ai2) + c * br2;
        hi[row * n + i + 1] = -(sRe * ai2 + sIm * ar2) + c * bi2;
      }
      for (let row = 0; row < n; row++) {
        const ar2 = zr[row * n + i],
          ai2 = zi[row * n + i];
        const br2 = zr[row * n + i + 1],
          bi2 = zi[row * n + i + 1];
        zr[row * n + i] = c * ar2 + (sRe * br2 + sIm * bi2);
        zi[row * n + i] = c * ai2 + (sRe * bi2 - sIm * br2);
        zr[row * n + i + 1] = -(sRe * ar2 - sIm * ai2) + c * br2;
        zi[row * n + i + 1] = -(sRe * ai2 + sIm * ar2) + c * bi2;
      }
    }
    for (let i = lo; i <= hiIdx; i++) {
      hr[i * n + i] += mur;
      hi[i * n + i] += mui;
    }
  }
  // --- eigenvalues and eigenvectors of T (upper triangular in H)
  const lamRe = new Float64Array(n),
    lamIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lamRe[k] = hr[k * n + k];
    lamIm[k] = hi[k * n + k];
  }
  const tnorm = Math.max(cmaxAbs(H), Number.MIN_VALUE);
  const small = EPS * tnorm;
  const X = cmatrix(n, n); // eigenvectors of T as columns
  for (let k = 0; k < n; k++) {
    X.re[k * n + k] = 1;
    for (let j = k - 1; j >= 0; j--) {
      let sr = 0,
        si = 0;
      for (let m2 = j + 1; m2 <= k; m2++) {
        const tr = hr[j * n + m2],
          ti = hi[j * n + m2];
        const xr2 = X.re[m2 * n + k],
          xi2 = X.im[m2 * n + k];
        sr += tr * xr2 - ti * xi2;
        si += tr * xi2 + ti * xr2;
      }
      let dr2 = hr[j * n + j] - lamRe[k],
        di2 = hi[j * n + j] - lamIm[k];
      if (hypot(dr2, di2) < small) {
        dr2 = small;
        di2 = 0;
      }
      const den = dr2 * dr2 + di2 * di2;
      X.re[j * n + k] = -(sr * dr2 + si * di2) / den;
      X.im[j * n + k] = -(si * dr2 - sr * di2) / den;
    }
  }
  for (let k = 0; k < n; k++) {
    lamRe[k] *= ascale;
    lamIm[k] *= ascale;
  }
  const R = cmatmul(Z, X);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R.re[i * n + k] ** 2 + R.im[i * n + k] ** 2;
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) {
      R.re[i * n + k] /= s;
      R.im[i * n + k] /= s;
    }
  }
  const Linv = cinverse(R);
  const condition = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Linv.re[k * n + j] ** 2 + Linv.im[k * n + j] ** 2;
    condition[k] = Math.sqrt(s);
  }
  return { values: { re: lamRe, im: lamIm }, right: R, leftAdjoint: Linv, condition };
}

/**
 * The energy (eV) a hair above `energy` at which a factorisation that met an exactly zero pivot at
 * `energy` is retried: 2⁻⁵⁰·max(|E|, 1) eV away, far below any physical scale and above the
 * rounding of E (docs/physics.md §9, §14). The one home of that rule for the dense, sparse and pole
 * factorisations.
 * @example nudgedEnergy(0) // 8.881784197001252e-16
 */
export function nudgedEnergy(energy: number): number {
  return energy + Math.max(Math.abs(energy), 1) * 2 ** -50;
}
