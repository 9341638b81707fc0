#!/usr/bin/env python3
"""SciPy baseline for the large-device transmission benchmark (bench/run.ts section 4).

The tool a user would pick: scipy.sparse.linalg.splu (SuperLU, default COLAMD ordering, partial
pivoting) of A = E - H + (i/2) sum Gamma per energy, then G W for the three coupled sites and
T_ab = gamma_a gamma_b |G_{i_a i_b}|^2. Same flake, couplings and energy grid as
bench/sparse-child.ts (brick-wall honeycomb, site r*cols + c, t = -2.7 eV, L/R on corners 0 and
N-1 with Gamma 0.5 eV, probe 0.1 eV at the centre, energies evenly over 1.05 x the band).

  python3 bench/baseline_scipy.py --rows 100 --cols 100 --energies 1000 [--max-energies 60]

--max-energies times only every k-th energy of the grid (so a slow run stays bounded) and reports
the per-energy time. Prints one JSON line.
"""
import argparse, json, resource, sys, time
import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spl


def flake(rows, cols, t):
    I, J = [], []
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            if c + 1 < cols:
                I.append(i); J.append(i + 1)
            if r + 1 < rows and (r + c) % 2 == 0:
                I.append(i); J.append(i + cols)
    n = rows * cols
    h = sp.coo_matrix((np.full(len(I), t), (I, J)), shape=(n, n))
    return (h + h.T).tocsc()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rows', type=int, default=100)
    ap.add_argument('--cols', type=int, default=100)
    ap.add_argument('--energies', type=int, default=1000)
    ap.add_argument('--max-energies', type=int, default=60)
    a = ap.parse_args()
    t = -2.7
    t0 = time.perf_counter()
    H = flake(a.rows, a.cols, t)
    n = H.shape[0]
    sites = [0, n - 1, (a.rows // 2) * a.cols + a.cols // 2]
    gam = [0.5, 0.5, 0.1]
    sig = np.zeros(n, complex)
    for s, g in zip(sites, gam):
        sig[s] += 0.5j * g
    base = (-H + sp.diags(sig)).tocsc()
    eye = sp.identity(n, format='csc', dtype=complex)
    B = np.zeros((n, 3), complex)
    for k, s in enumerate(sites):
        B[s, k] = 1.0
    t1 = time.perf_counter()
    grid = np.linspace(-1.05 * 3 * abs(t), 1.05 * 3 * abs(t), a.energies)
    step = max(1, int(np.ceil(a.energies / a.max_energies)))
    idx = list(range(0, a.energies, step))
    sample = []
    t2 = time.perf_counter()
    c2 = time.process_time()
    for k in idx:
        E = grid[k]
        lu = spl.splu((E * eye + base).tocsc())
        X = lu.solve(B)
        G = X[sites, :]
        T = np.array([[gam[i] * gam[j] * abs(G[i, j]) ** 2 for j in range(3)] for i in range(3)])
        sample.append([float(E), float(T[0, 1]), float(T[0, 2]), float(T[1, 2])])
    t3 = time.perf_counter()
    c3 = time.process_time()
    per = (t3 - t2) / len(idx)
    print(json.dumps({
        'scipy': scipy.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0], 'N': n,
        'energiesTimed': len(idx), 'setupMs': (t1 - t0) * 1e3, 'perEnergyMs': per * 1e3,
        'perEnergyCpuMs': (c3 - c2) / len(idx) * 1e3,
        'projected1000Ms': (t1 - t0) * 1e3 + per * 1e3 * a.energies, 'maxRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'sample': sample, 'step': step,
    }))


if __name__ == '__main__':
    main()
