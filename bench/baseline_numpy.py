#!/usr/bin/env python3
"""
NumPy baseline for the probecheck scan benchmark (bench/run.ts runs it as a subprocess).

The same scan as the TypeScript benchmark, written the way a competent NumPy user would write it
without the pole/trigamma closed form:

  for each configuration (3) and probe width γ (6):
    for all 601 values of μ0 at once (vectorised):
      energies E = μ0 + x k_BT0 on a uniform grid x ∈ [−40, 40] (trapezoid rule; for this analytic
        integrand that decays like e^{−|x|} the trapezoid rule converges geometrically, faster than
        Gauss–Legendre on the same interval),
      G(E) W = (E − H + (i/2) ΣΓ)⁻¹ W by one batched numpy.linalg.solve over every (μ0, E)
        (W = the three coupling columns: only W† G W is needed, cheaper than a full inverse),
      T_αβ(E) = ‖W_α† G W_β‖² (= γ_α γ_β |G_{iα iβ}|² for local couplings),
      L^(ν)_αβ = Σ_x w_x (x k_BT)^ν T_αβ (−f′(x)),
    then the Schur solve of the probe/circuit unknowns, batched over μ0 with numpy.linalg.solve,
    for both circuits (electronic, pure thermal) and both probes (VP, VTP).

The Onsager coefficients are computed once per (configuration, γ, μ0) and shared by the four
circuit solves (2 circuits × VP/VTP) — the cheapest honest arrangement for NumPy.

Usage:
  python3 bench/baseline_numpy.py [--points 201] [--reps 3] [--method solve|inv] [--out FILE] [--converge]
Prints one JSON object on stdout (wall times, checksums, environment); with --out it also writes
every L^(ν) and the circuit results to FILE (outside the timed region) so that bench/run.ts can
compare the two implementations point by point.
"""
import argparse
import json
import resource
import sys
import time

import numpy as np

K_B_EV = 8.617333262e-5
H_EV_S = 4.135667696e-15
E_CHARGE = 1.602176634e-19

T0 = 300.0
KT = K_B_EV * T0
MU0 = np.linspace(-3.0, 3.0, 601)
GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.5, 1.0]
# (name, Γ_L, Γ_R, T_L, T_R) — docs/physics.md §7
CONFIGS = [
    ("symmetric", 0.5, 0.5, 325.0, 275.0),
    ("thermal-asymmetry", 0.5, 0.5, 350.0, 275.0),
    ("tunnel-asymmetry", 0.5, 0.25, 325.0, 275.0),
]
DV = 0.010          # electrical bias ±ΔV/2 (eV)
T_VP = 300.0        # VP temperature (K)
SITES = [0, 2, 3]   # L, R, probe
N = 6


def benzene(t=-2.64):
    h = np.zeros((N, N))
    for j in range(N):
        h[j, (j + 1) % N] = h[(j + 1) % N, j] = t
    return h


H = benzene()


def trapezoid_grid(points):
    x = np.linspace(-40.0, 40.0, points)
    w = np.full(points, x[1] - x[0])
    w[0] *= 0.5
    w[-1] *= 0.5
    ex = np.exp(-np.abs(x))
    return x, w * ex / (1.0 + ex) ** 2   # trapezoid weights × (−f′(x))


METHOD = "solve"


def onsager(widths, points):
    """L^(0,1,2)_αβ for every μ0: three arrays of shape (601, 3, 3)."""
    x, wf = trapezoid_grid(points)
    gam = np.asarray(widths, dtype=float)
    sigma = np.zeros((N, N), dtype=complex)
    sigma[SITES, SITES] = 0.5j * gam
    W = np.zeros((N, 3))
    W[SITES, [0, 1, 2]] = 1.0
    E = MU0[:, None] + x[None, :] * KT                         # (601, P)
    A = E[..., None, None] * np.eye(N) - H + sigma             # (601, P, 6, 6)
    if METHOD == "inv":                                        # literal G = A⁻¹, then pick entries
        K = np.linalg.inv(A)[..., SITES, :][..., :, SITES]
    else:                                                      # G W only (3 right-hand sides)
        GW = np.linalg.solve(A, np.broadcast_to(W, A.shape[:-2] + (N, 3)))
        K = GW[..., SITES, :]                                  # G_{iα iβ}
    T = np.abs(K) ** 2 * (gam[:, None] * gam[None, :])         # (601, P, 3, 3)
    T[..., [0, 1, 2], [0, 1, 2]] = 0.0
    e1 = x * KT
    L0 = np.einsum("p,mpab->mab", wf, T)
    L1 = np.einsum("p,mpab->mab", wf * e1, T)
    L2 = np.einsum("p,mpab->mab", wf * e1 * e1, T)
    return L0, L1, L2


def onsager_matrix(L0, L1, L2):
    def full(L):
        m = L.copy()
        idx = np.arange(3)
        m[:, idx, idx] = -L.sum(axis=2)
        return m
    a, b, c = full(L0), full(L1), full(L2)
    top = np.concatenate([a, b], axis=2)
    bot = np.concatenate([b, c], axis=2)
    return np.concatenate([top, bot], axis=1)                  # (601, 6, 6)


def solve_circuit(M, TL, TR, kind, role):
    """Batched Schur solve over μ0. Variables (μ_L, μ_R, μ_P, T_L/T0, T_R/T0, T_P/T0) − reference."""
    m = M.shape[0]
    x = np.zeros((m, 6))
    x[:, 3] = (TL - T0) / T0
    x[:, 4] = (TR - T0) / T0
    if kind == "electronic":
        x[:, 0] = DV / 2
        x[:, 1] = -DV / 2
        unknown = [2]
    else:
        unknown = [1, 2]                                       # gauge μ_L = μ0
    if role == "VTP":
        unknown = unknown + [5]
    else:
        x[:, 5] = (T_VP - T0) / T0
    free = [i for i in range(6) if i not in unknown]
    Muu = M[:, unknown][:, :, unknown]
    Muf = M[:, unknown][:, :, free]
    rhs = -np.einsum("mij,mj->mi", Muf, x[:, free])
    x[:, unknown] = np.linalg.solve(Muu, rhs[..., None])[..., 0]
    y = np.einsum("mij,mj->mi", M, x)
    particle = y[:, :3] / H_EV_S
    heat = y[:, 3:] / H_EV_S * E_CHARGE
    res = {
        "chargeL": -E_CHARGE * particle[:, 0],
        "heatL": heat[:, 0],
        "heatR": heat[:, 1],
        "heatP": heat[:, 2],
        "muP": MU0 + x[:, 2],
        "TP": T0 * (1 + x[:, 5]),
        "entropy": -np.einsum("mi,mi->m", x, y) / (H_EV_S * T0) * E_CHARGE,
    }
    if kind == "thermal":
        res["seebeck"] = -(x[:, 1] - x[:, 0]) / (TR - TL)
    return res


SPLIT = {"onsager": 0.0, "circuits": 0.0}


def full_scan(points):
    out = {}
    for name, gL, gR, TL, TR in CONFIGS:
        for g in GAMMAS:
            t0 = time.perf_counter()
            L0, L1, L2 = onsager([gL, gR, g], points)
            t1 = time.perf_counter()
            M = onsager_matrix(L0, L1, L2)
            entry = {"L0": L0, "L1": L1, "L2": L2}
            for kind in ("electronic", "thermal"):
                for role in ("VP", "VTP"):
                    entry[f"{kind}/{role}"] = solve_circuit(M, TL, TR, kind, role)
            t2 = time.perf_counter()
            SPLIT["onsager"] += t1 - t0
            SPLIT["circuits"] += t2 - t1
            out[f"{name}/{g:g}"] = entry
    return out


def checksum(out):
    s_heat = sum(float(np.abs(e[k]["heatL"]).sum()) for e in out.values() for k in e if "/" in k)
    s_charge = sum(float(np.abs(e[k]["chargeL"]).sum()) for e in out.values() for k in e if "/" in k)
    sym = out["symmetric/0.05"]
    return {
        "sumAbsHeatL_W": s_heat,
        "sumAbsChargeL_A": s_charge,
        "symmetric_g0.05_mu0=0_electronic_VP_heatL_W": float(sym["electronic/VP"]["heatL"][300]),
        "symmetric_g0.05_mu0=0_electronic_VTP_heatL_W": float(sym["electronic/VTP"]["heatL"][300]),
        "symmetric_g0.05_mu0=0_L0_LR": float(sym["L0"][300, 0, 1]),
    }


def converge():
    """Worst deviation of L^(ν) from a 4001-point reference, in units of the natural scale."""
    rows = []
    ref = {}
    for name, gL, gR, TL, TR in CONFIGS:
        for g in (GAMMAS[0], GAMMAS[-1]):
            ref[(name, g)] = onsager([gL, gR, g], 4001)
    for points in (81, 121, 161, 201, 241, 321, 481):
        worst = 0.0
        for name, gL, gR, TL, TR in CONFIGS:
            for g in (GAMMAS[0], GAMMAS[-1]):
                L = onsager([gL, gR, g], points)
                R = ref[(name, g)]
                s0 = np.maximum(np.abs(R[0]), 1e-12 * np.abs(R[0]).max())
                for nu in range(3):
                    d = np.abs(L[nu] - R[nu]) / (s0 * KT ** nu)
                    d[:, [0, 1, 2], [0, 1, 2]] = 0
                    worst = max(worst, float(d.max()))
        rows.append({"points": points, "worstRelative": worst})
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=201)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default=None)
    ap.add_argument("--converge", action="store_true")
    ap.add_argument("--method", choices=["solve", "inv"], default="solve")
    args = ap.parse_args()
    global METHOD
    METHOD = args.method
    if args.converge:
        print(json.dumps({"convergence": converge()}, indent=1))
        return
    times = []
    out = None
    for _ in range(args.reps):
        t0 = time.perf_counter()
        out = full_scan(args.points)
        times.append(time.perf_counter() - t0)
    ordered = sorted(times)
    result = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "points": args.points,
        "method": args.method,
        "reps": args.reps,
        "wallSeconds": times,
        "medianSeconds": ordered[len(ordered) // 2],
        "minSeconds": ordered[0],
        "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        # time split summed over all repetitions: L-sets (energy grid, solves, quadrature) vs circuits
        "splitSeconds": {k: v / args.reps for k, v in SPLIT.items()},
        "systems": len(CONFIGS) * len(GAMMAS) * len(MU0) * args.points,
        "checksum": checksum(out),
    }
    if args.out:
        dump = {}
        for key, e in out.items():
            dump[key] = {k: (v.tolist() if isinstance(v, np.ndarray) else {kk: vv.tolist() for kk, vv in v.items()}) for k, v in e.items()}
        with open(args.out, "w") as f:
            json.dump(dump, f)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
