/**
 * T_αβ(E) and its energy derivative T′_αβ(E) at one real energy, in double-double arithmetic from
 * the exact double inputs H and Γ^α (docs/physics.md §13). Units: T dimensionless, T′ in 1/eV.
 *
 *   G = A⁻¹,  A = E − H + (i/2) Σ_α Γ^α  (terminals in the self-energy only),
 *   T_αβ = Tr[Γ^α G Γ^β G†],   T′_αβ = 2 Re Tr[Γ^α G′ Γ^β G†],   G′ = −G².
 *
 * Why: at a transmission node (meta-benzene at μ0 = 0, an antiresonance) the zero-temperature part
 * of L^(1) is (π²/3)(k_BT)² T′(μ0), and T′ = 2 Re(K̄ K′) vanishes with the node's amplitude K.
 * Every double-precision route (eigen-decomposition, the channel-space Dyson engine, quadrature of
 * a double T(E)) rounds the node's position by ~ε‖H‖, i.e. T′ by ~ε‖H‖·T″, which at 1 mK is 1e-8
 * of L^(1)'s natural scale. The inputs, however, are exact doubles: eliminating with ~106-bit
 * arithmetic resolves the node to ~1e-30 eV, so the subtracted closed form (onsager.ts) reaches
 * 1e-10 of the natural scale from 1 mK to 3000 K.
 *
 * Cost: one N × N complex double-double LU (≈ 120·N³/3 flops) and 2·|S| solves, S the sites any Γ
 * touches; used only where the closed form's error estimate asks for it, and only up to
 * {@link POINT_DD_MAX_SITES} sites. Out of scope: energy-dependent self-energies (no wide band).
 */
import type { CMatrix } from './linalg.js';
import type { Coupling } from './coupling.js';
import { C, R, cddDiv, cddMul, ddAdd, ddMul, twoSum } from './doubleDouble.js';

/** Largest N for which the double-double evaluation is offered (an LU of N = 200 costs ≈ 0.1 s). */
export const POINT_DD_MAX_SITES = 200;

/** Relative rounding unit of double-double arithmetic (2⁻¹⁰⁴). */
const U_DD = 2 ** -104;

/** Swap entries [x, x + len) and [y, y + len) of a complex double-double array stored as four doubles. */
function swapRange(rh: Float64Array, rl: Float64Array, ih: Float64Array, il: Float64Array, x: number, y: number, len: number): void {
  for (let j = 0; j < len; j++) {
    const a = x + j,
      b = y + j;
    let t = rh[a];
    rh[a] = rh[b];
    rh[b] = t;
    t = rl[a];
    rl[a] = rl[b];
    rl[b] = t;
    t = ih[a];
    ih[a] = ih[b];
    ih[b] = t;
    t = il[a];
    il[a] = il[b];
    il[b] = t;
  }
}

/**
 * v[dst + j] −= c · v[src + j] for j < len (complex double-double, four doubles per entry): the one
 * elimination step of the LU and of both substitutions. Exactly zero sources are skipped.
 */
function subtractMultiple(
  rh: Float64Array,
  rl: Float64Array,
  ih: Float64Array,
  il: Float64Array,
  dst: number,
  src: number,
  len: number,
  crh: number,
  crl: number,
  cih: number,
  cil: number,
): void {
  for (let j = 0; j < len; j++) {
    const x = src + j,
      y = dst + j;
    if (rh[x] === 0 && ih[x] === 0 && rl[x] === 0 && il[x] === 0) continue;
    cddMul(crh, crl, cih, cil, rh[x], rl[x], ih[x], il[x]);
    const mih = C.ih,
      mil = C.il;
    ddAdd(rh[y], rl[y], -C.rh, -C.rl);
    rh[y] = R.hi;
    rl[y] = R.lo;
    ddAdd(ih[y], il[y], -mih, -mil);
    ih[y] = R.hi;
    il[y] = R.lo;
  }
}

/** T(E), T′(E) and their estimated absolute errors, n × n row-major (diagonal 0). */
export interface PointTransmission {
  readonly t: Float64Array;
  readonly dt: Float64Array;
  readonly tError: Float64Array;
  readonly dtError: Float64Array;
}

/** Allocate the output of {@link PointTransmissionEngine.evaluate} for n terminals. */
export function pointTransmissionBuffer(n: number): PointTransmission {
  const nn = n * n;
  return { t: new Float64Array(nn), dt: new Float64Array(nn), tError: new Float64Array(nn), dtError: new Float64Array(nn) };
}

/** A system prepared for repeated double-double point evaluations (buffers allocated once). */
export interface PointTransmissionEngine {
  readonly terminals: number;
  /**
   * T and T′ at `energy` (eV) into `out`. Returns false (out unchanged) when A is singular to
   * double-double precision (a level decoupled from every self-energy sits exactly at E).
   */
  evaluate(energy: number, out: PointTransmission): boolean;
}

/**
 * Prepare the double-double point evaluation for H (N × N, Hermitian, eV) and wide-band couplings.
 * @param inSelfEnergy per terminal: false for a test (zero-coupling) probe, which does not enter A
 *   but whose Γ still defines its first-order transmissions (docs/physics.md §4); T between two test
 *   terminals is 0 (second order).
 * @throws RangeError when N > {@link POINT_DD_MAX_SITES}
 */
export function pointTransmissionEngine(h: CMatrix, couplings: readonly Coupling[], inSelfEnergy?: readonly boolean[]): PointTransmissionEngine {
  const N = h.rows,
    n = couplings.length;
  if (N > POINT_DD_MAX_SITES) throw new RangeError(`pointTransmissionEngine: N = ${N} > ${POINT_DD_MAX_SITES}`);
  // Typed arrays throughout the set-up: `map`/`flat`/`Set` over the caller's arrays gave each
  // caller's element kinds their own maps, and the optimised engine deoptimised ("wrong map") when
  // the next system came (the paper scan re-tiered it ten scans later).
  const inSE = new Uint8Array(n);
  for (let a = 0; a < n; a++) inSE[a] = inSelfEnergy && inSelfEnergy[a] === false ? 0 : 1;
  // Sites each Γ^α touches, their union S (the columns of G needed, ascending) and Γ restricted to them.
  const inUnion = new Uint8Array(N);
  const support: Int32Array[] = [];
  for (let a = 0; a < n; a++) {
    const g = couplings[a].gamma;
    const s: number[] = [];
    for (let i = 0; i < N; i++) {
      let any = false;
      for (let j = 0; j < N && !any; j++) any = g.re[i * N + j] !== 0 || g.im[i * N + j] !== 0;
      if (any) {
        s.push(i);
        inUnion[i] = 1;
      }
    }
    support.push(Int32Array.from(s));
  }
  let unionSize = 0;
  for (let i = 0; i < N; i++) unionSize += inUnion[i];
  const union = new Int32Array(unionSize);
  for (let i = 0, k = 0; i < N; i++) if (inUnion[i]) union[k++] = i;
  const S = union.length;
  const col = new Int32Array(N).fill(-1);
  for (let k = 0; k < S; k++) col[union[k]] = k;
  // A = −H + (i/2)ΣΓ (E added on the diagonal per evaluation), exact in double-double.
  const baseRh = new Float64Array(N * N),
    baseRl = new Float64Array(N * N),
    baseIh = new Float64Array(N * N),
    baseIl = new Float64Array(N * N);
  for (let i = 0; i < N * N; i++) {
    let rh = -h.re[i],
      rl = 0,
      ih = -h.im[i],
      il = 0;
    for (let a = 0; a < n; a++) {
      if (!inSE[a]) continue;
      const g = couplings[a].gamma;
      // (i/2)(Γr + iΓi) = −Γi/2 + i Γr/2 (halving is exact)
      ddAdd(rh, rl, -0.5 * g.im[i], 0);
      rh = R.hi;
      rl = R.lo;
      ddAdd(ih, il, 0.5 * g.re[i], 0);
      ih = R.hi;
      il = R.lo;
    }
    baseRh[i] = rh;
    baseRl[i] = rl;
    baseIh[i] = ih;
    baseIl[i] = il;
  }
  let aNorm = 0; // max row sum of |A| without E (for the conditioning estimate)
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += Math.abs(baseRh[i * N + j]) + Math.abs(baseIh[i * N + j]);
    aNorm = Math.max(aNorm, s);
  }
  const Arh = new Float64Array(N * N),
    Arl = new Float64Array(N * N),
    Aih = new Float64Array(N * N),
    Ail = new Float64Array(N * N);
  const piv = new Int32Array(N);
  // X = G[:, S] and Y = G X = −G′[:, S], N × S each (four doubles per complex double-double)
  const Xrh = new Float64Array(N * S),
    Xrl = new Float64Array(N * S),
    Xih = new Float64Array(N * S),
    Xil = new Float64Array(N * S);
  const Yrh = new Float64Array(N * S),
    Yrl = new Float64Array(N * S),
    Yih = new Float64Array(N * S),
    Yil = new Float64Array(N * S);

  /** Solve in place: B (N × S, rows permuted by piv during factorisation) ← A⁻¹ B. */
  function solveInPlace(Brh: Float64Array, Brl: Float64Array, Bih: Float64Array, Bil: Float64Array): void {
    for (let k = 0; k < N; k++) if (piv[k] !== k) swapRange(Brh, Brl, Bih, Bil, k * S, piv[k] * S, S);
    // forward: L (unit diagonal, multipliers below)
    for (let i = 0; i < N; i++)
      for (let k = 0; k < i; k++) {
        const ik = i * N + k;
        if (Arh[ik] === 0 && Aih[ik] === 0) continue;
        subtractMultiple(Brh, Brl, Bih, Bil, i * S, k * S, S, Arh[ik], Arl[ik], Aih[ik], Ail[ik]);
      }
    // backward: U
    for (let i = N - 1; i >= 0; i--) {
      for (let k = i + 1; k < N; k++) {
        const ik = i * N + k;
        if (Arh[ik] === 0 && Aih[ik] === 0) continue;
        subtractMultiple(Brh, Brl, Bih, Bil, i * S, k * S, S, Arh[ik], Arl[ik], Aih[ik], Ail[ik]);
      }
      const drh = Arh[i * N + i],
        drl = Arl[i * N + i],
        dih = Aih[i * N + i],
        dil = Ail[i * N + i];
      for (let c = 0; c < S; c++) {
        const y = i * S + c;
        cddDiv(Brh[y], Brl[y], Bih[y], Bil[y], drh, drl, dih, dil);
        Brh[y] = C.rh;
        Brl[y] = C.rl;
        Bih[y] = C.ih;
        Bil[y] = C.il;
      }
    }
  }

  function evaluate(energy: number, out: PointTransmission): boolean {
    Arh.set(baseRh);
    Arl.set(baseRl);
    Aih.set(baseIh);
    Ail.set(baseIl);
    for (let i = 0; i < N; i++) {
      ddAdd(Arh[i * N + i], Arl[i * N + i], energy, 0);
      Arh[i * N + i] = R.hi;
      Arl[i * N + i] = R.lo;
    }
    const aScale = aNorm + Math.abs(energy);
    // LU with partial pivoting (by the magnitude of the leading parts)
    let minPivot = Infinity;
    for (let k = 0; k < N; k++) {
      let p = k,
        best = -1;
      for (let i = k; i < N; i++) {
        const v = Math.abs(Arh[i * N + k]) + Math.abs(Aih[i * N + k]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      piv[k] = p;
      minPivot = Math.min(minPivot, best);
      if (!(best > 1e-28 * aScale)) return false;
      if (p !== k) swapRange(Arh, Arl, Aih, Ail, k * N, p * N, N);
      const drh = Arh[k * N + k],
        drl = Arl[k * N + k],
        dih = Aih[k * N + k],
        dil = Ail[k * N + k];
      for (let i = k + 1; i < N; i++) {
        const ik = i * N + k;
        if (Arh[ik] === 0 && Aih[ik] === 0 && Arl[ik] === 0 && Ail[ik] === 0) continue;
        cddDiv(Arh[ik], Arl[ik], Aih[ik], Ail[ik], drh, drl, dih, dil);
        const lrh = C.rh,
          lrl = C.rl,
          lih = C.ih,
          lil = C.il;
        Arh[ik] = lrh;
        Arl[ik] = lrl;
        Aih[ik] = lih;
        Ail[ik] = lil;
        subtractMultiple(Arh, Arl, Aih, Ail, i * N + k + 1, k * N + k + 1, N - k - 1, lrh, lrl, lih, lil);
      }
    }
    // X = A⁻¹ E_S, Y = A⁻¹ X
    Xrh.fill(0);
    Xrl.fill(0);
    Xih.fill(0);
    Xil.fill(0);
    for (let c = 0; c < S; c++) Xrh[union[c] * S + c] = 1;
    solveInPlace(Xrh, Xrl, Xih, Xil);
    Yrh.set(Xrh);
    Yrl.set(Xrl);
    Yih.set(Xih);
    Yil.set(Xil);
    solveInPlace(Yrh, Yrl, Yih, Yil);
    // conditioning: |G| entries against ‖A‖ (an estimate of κ(A) from below, used for the error bound)
    let gMax = 0;
    for (let i = 0; i < N * S; i++) gMax = Math.max(gMax, Math.abs(Xrh[i]) + Math.abs(Xih[i]));
    // relative error of a G entry after the LU: ≲ 8N·u_dd·κ, κ ≈ ‖A‖·max|G| (pivot growth ≤ 2^N
    // never seen for these diagonally weighted systems; a factor 8 covers the measured growth)
    let yMax = 0;
    for (let i = 0; i < N * S; i++) yMax = Math.max(yMax, Math.abs(Yrh[i]) + Math.abs(Yih[i]));
    const relG = 8 * N * U_DD * aScale * Math.max(gMax, 1 / minPivot);
    // absolute errors of the entries of G and of Y = G² (normwise: a small entry at a node is not
    // more accurate than the largest one); Y carries two solves
    const dG = relG * gMax,
      dY = 3 * relG * yMax;
    for (let al = 0; al < n; al++) {
      for (let be = 0; be < n; be++) {
        const ab = al * n + be;
        if (al === be || (!inSE[al] && !inSE[be])) {
          out.t[ab] = 0;
          out.dt[ab] = 0;
          out.tError[ab] = 0;
          out.dtError[ab] = 0;
          continue;
        }
        const ga = couplings[al].gamma,
          gb = couplings[be].gamma;
        // T = Σ_{i,j∈Sα} Σ_{k,l∈Sβ} Γα_ij G_jk Γβ_kl conj(G_il);  T′ term with G′ = −Y in place of G_jk
        let tRh = 0,
          tRl = 0,
          dRh = 0,
          dRl = 0,
          tAbs = 0,
          dAbs = 0;
        for (const i of support[al])
          for (const j of support[al]) {
            const gr = ga.re[i * N + j],
              gi = ga.im[i * N + j];
            if (gr === 0 && gi === 0) continue;
            for (const k of support[be])
              for (const l of support[be]) {
                const br = gb.re[k * N + l],
                  bi = gb.im[k * N + l];
                if (br === 0 && bi === 0) continue;
                const jk = j * S + col[k],
                  il = i * S + col[l];
                // w = Γα_ij · Γβ_kl · conj(G_il) (complex dd)
                cddMul(gr, 0, gi, 0, br, 0, bi, 0);
                cddMul(C.rh, C.rl, C.ih, C.il, Xrh[il], Xrl[il], -Xih[il], -Xil[il]);
                const wrh = C.rh,
                  wrl = C.rl,
                  wih = C.ih,
                  wil = C.il;
                const gg = Math.sqrt(gr * gr + gi * gi) * Math.sqrt(br * br + bi * bi),
                  gil = Math.abs(Xrh[il]) + Math.abs(Xih[il]);
                // Re(w · G_jk)
                ddMul(wrh, wrl, Xrh[jk], Xrl[jk]);
                let ph = R.hi,
                  pl = R.lo;
                ddMul(wih, wil, Xih[jk], Xil[jk]);
                ddAdd(ph, pl, -R.hi, -R.lo);
                ddAdd(tRh, tRl, R.hi, R.lo);
                tRh = R.hi;
                tRl = R.lo;
                const gjk = Math.abs(Xrh[jk]) + Math.abs(Xih[jk]);
                tAbs += gg * ((gil + gjk) * dG + dG * dG);
                // Re(w · G′_jk) = −Re(w · Y_jk)
                ddMul(wrh, wrl, Yrh[jk], Yrl[jk]);
                ph = R.hi;
                pl = R.lo;
                ddMul(wih, wil, Yih[jk], Yil[jk]);
                ddAdd(ph, pl, -R.hi, -R.lo);
                ddAdd(dRh, dRl, -R.hi, -R.lo);
                dRh = R.hi;
                dRl = R.lo;
                const yjk = Math.abs(Yrh[jk]) + Math.abs(Yih[jk]);
                dAbs += gg * (yjk * dG + gil * dY + dG * dY);
              }
          }
        twoSum(tRh, tRl);
        const t = R.hi;
        twoSum(2 * dRh, 2 * dRl);
        const dt = R.hi;
        out.t[ab] = t;
        out.dt[ab] = dt;
        // final rounding to double, plus the propagated errors of the entries of G and Y (a factor 2
        // for the quadratic form's own double-double rounding)
        out.tError[ab] = Number.EPSILON * Math.abs(t) + 2 * tAbs;
        out.dtError[ab] = Number.EPSILON * Math.abs(dt) + 4 * dAbs;
      }
    }
    return Number.isFinite(relG) && relG < 1e-3;
  }
  return { terminals: n, evaluate };
}
