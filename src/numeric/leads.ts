/**
 * Energy-dependent leads (docs/physics.md §9): a lead whose self-energy Σ(E) on one site depends
 * on energy — a semi-infinite tight-binding chain, or a table Σ(E) from another code — and the
 * transmission engine that goes with it. Energies in eV.
 *
 * Semi-infinite chain (on-site ε, hopping t) attached to device site s by t_c: the surface Green's
 * function g(E) solves g = 1/(z − t² g), z = E − ε, and Σ(E) = t_c² g(E):
 *   inside the band |z| < 2|t|:  g = (z − i √(4t² − z²))/(2t²)   (retarded: Im g < 0),
 *   outside (|z| > 2|t|):       g = (z − sgn(z) √(z² − 4t²))/(2t²) (real, g → 1/z as |z| → ∞),
 * the root continuous with the retarded branch E → E + i0⁺. Γ(E) = −2 Im Σ(E) = (t_c²/t²)√(4t² − z²)
 * in the band, 0 outside; Re Σ is kept. Wide-band limit: |t| → ∞ at fixed Γ = 2t_c²/|t| gives
 * Σ → −iΓ/2 (Re Σ = O(Γ z/|t|), Γ(E) − Γ = O(Γ z²/t²)).
 *
 * With any energy-dependent lead the pole expansion (closed form) does not apply; the Onsager
 * coefficients come from adaptive quadrature with its own error estimate (onsager.ts), and the
 * method is recorded.
 */
import { type CMatrix, cmatrix, luFactor, luSolve, nudgedEnergy } from './linalg.js';
import type { Coupling } from './coupling.js';
import type { TransmissionEngine } from './transmission.js';
import { hermitianEigen } from './linalg.js';

/** A lead with an energy-dependent self-energy on one device site. */
export interface SelfEnergyLead {
  readonly kind: 'chain' | 'table';
  /** Device site (0-based) the lead is attached to. */
  readonly site: number;
  /** Write Σ(E) (eV) into out[0] (real part), out[1] (imaginary part, ≤ 0). */
  selfEnergy(energy: number, out: Float64Array): void;
  /** Energies where Σ(E) is not smooth (band edges, table nodes): quadrature breakpoints. */
  readonly breakpoints: readonly number[];
  /** The energy range where the lead is defined ([−∞, ∞] for a chain; the table's range). */
  readonly domain: readonly [number, number];
}

/**
 * Surface self-energy of a semi-infinite chain: Σ(E) = t_c² g(E), see the module comment.
 * @param hopping t_lead (eV, ≠ 0)  @param contact t_c (eV, ≠ 0)  @param onsite ε_lead (eV)
 */
export function chainSelfEnergy(energy: number, hopping: number, contact: number, onsite: number, out: Float64Array): void {
  const z = energy - onsite;
  const t2 = hopping * hopping,
    c2 = contact * contact;
  const band = 4 * t2 - z * z;
  if (band > 0) {
    out[0] = (c2 * z) / (2 * t2);
    out[1] = (-c2 * Math.sqrt(band)) / (2 * t2);
  } else {
    // outside the band: the decaying root; written as 2/(z + sgn(z)√(z² − 4t²)) to avoid cancellation
    const s = z >= 0 ? 1 : -1;
    out[0] = (2 * c2) / (z + s * Math.sqrt(-band));
    out[1] = 0;
  }
}

/** A semi-infinite chain lead (docs/physics.md §9). */
export function chainLead(site: number, hopping: number, contact: number, onsite = 0): SelfEnergyLead {
  const w = 2 * Math.abs(hopping);
  return {
    kind: 'chain',
    site,
    selfEnergy: (e, out) => chainSelfEnergy(e, hopping, contact, onsite, out),
    breakpoints: [onsite - w, onsite + w],
    domain: [-Infinity, Infinity],
  };
}

/**
 * A tabulated self-energy Σ(E) on one site, linearly interpolated in Re Σ and Im Σ between the
 * nodes (energies strictly increasing, Im Σ ≤ 0: validated by the config layer). Outside the
 * table's range it is undefined: {@link SelfEnergyLead.selfEnergy} throws a RangeError there.
 */
export function tabulatedLead(site: number, energies: readonly number[], re: readonly number[], im: readonly number[]): SelfEnergyLead {
  const E = Float64Array.from(energies),
    R = Float64Array.from(re),
    I = Float64Array.from(im);
  const n = E.length;
  return {
    kind: 'table',
    site,
    selfEnergy(e, out) {
      if (!(e >= E[0] && e <= E[n - 1])) throw new RangeError(`tabulated self-energy: E = ${e} eV is outside the table [${E[0]}, ${E[n - 1]}] eV`);
      let lo = 0,
        hi = n - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (E[mid] <= e) lo = mid;
        else hi = mid;
      }
      const u = (e - E[lo]) / (E[hi] - E[lo]);
      out[0] = R[lo] + u * (R[hi] - R[lo]);
      out[1] = I[lo] + u * (I[hi] - I[lo]);
    },
    breakpoints: Array.from(E),
    domain: [E[0], E[n - 1]],
  };
}

/** A terminal as the energy-dependent engine sees it: a wide-band coupling or a self-energy lead. */
export interface EngineTerminal {
  readonly coupling: Coupling;
  readonly lead?: SelfEnergyLead;
}

/**
 * Transmission engine for a system with energy-dependent leads: at every energy
 * G(E) = [E − H − Σ_α Σ^α(E)]⁻¹ with Σ^α = −(i/2)Γ^α for wide-band terminals and
 * Σ^α(E) e_s e_sᵀ for a self-energy lead, and T_αβ = Tr[Γ^α G Γ^β G†] = ‖V_α† G V_β‖²_F with
 * Γ^α = V_α V_α† (V = W for wide-band terminals, √Γ(E) e_s for a lead). Cost O(N³) per energy
 * (dense complex LU of the N × N resolvent; meant for molecular devices). Test terminals
 * (`inSelfEnergy[α] = false`) give first-order coefficients, as in {@link transmissionEngine}.
 */
export function energyDependentEngine(h: CMatrix, terminals: readonly EngineTerminal[], inSelfEnergy?: readonly boolean[]): TransmissionEngine {
  const N = h.rows,
    n = terminals.length;
  const inSE = terminals.map((_, a) => (inSelfEnergy ? inSelfEnergy[a] !== false : true));
  // channel columns: wide-band W columns (fixed), one column per lead (scaled per energy)
  const offsets = new Int32Array(n + 1);
  terminals.forEach((t, a) => {
    offsets[a + 1] = offsets[a] + (t.lead ? 1 : t.coupling.channels.cols);
  });
  const r = offsets[n];
  const base = cmatrix(N, N); // E-independent part: −H + (i/2) Σ_wide-band Γ
  for (let i = 0; i < N * N; i++) {
    base.re[i] = -h.re[i];
    base.im[i] = -h.im[i];
  }
  terminals.forEach((t, a) => {
    if (t.lead || !inSE[a]) return;
    for (let i = 0; i < N * N; i++) {
      base.re[i] -= 0.5 * t.coupling.gamma.im[i];
      base.im[i] += 0.5 * t.coupling.gamma.re[i];
    }
  });
  const A = cmatrix(N, N),
    X = cmatrix(N, r),
    V = { re: new Float64Array(N * r), im: new Float64Array(N * r) },
    piv = new Int32Array(N);
  const sigma = new Float64Array(2);
  const scale = new Float64Array(r); // √Γ(E) for lead columns, 1 for wide-band columns
  const levels = hermitianEigen(h).values;
  let gmax = 0;
  // widths for mesh seeds and the transmission window: wide-band Γ, or a lead's wide-band equivalent (its `coupling`)
  terminals.forEach((t) => {
    for (let i = 0; i < N; i++) gmax = Math.max(gmax, t.coupling.gamma.re[i * N + i]);
  });
  const resonances: Array<readonly [number, number]> = Array.from(levels, (e) => [e, Math.max(gmax, 1e-3)] as const);
  function evaluate(energy: number, out: Float64Array): void {
    // An exactly singular E − H − Σ(E): a level no terminal couples to (a bound state in the
    // continuum, e.g. a ring state with nodes on every contacted site) met exactly, as a mesh seed
    // does. It contributes nothing to any T_αβ, which is continuous there: evaluate a hair away,
    // as the sparse path does (docs/physics.md §9, §14).
    if (!assemble(energy) && !assemble(nudgedEnergy(energy))) throw new Error(`transmission: singular resolvent at E = ${energy} eV`);
    luSolve(A, piv, X);
    project(out);
  }
  /** A = E − H − Σ(E) factorised in place and X = the channel columns (scaled in `scale`); false when singular. */
  function assemble(energy: number): boolean {
    A.re.set(base.re);
    A.im.set(base.im);
    for (let i = 0; i < N; i++) A.re[i * N + i] += energy;
    X.re.fill(0);
    X.im.fill(0);
    terminals.forEach((t, a) => {
      const c0 = offsets[a];
      if (t.lead) {
        t.lead.selfEnergy(energy, sigma);
        const s = t.lead.site;
        if (inSE[a]) {
          A.re[s * N + s] -= sigma[0];
          A.im[s * N + s] -= sigma[1];
        }
        const g = Math.max(0, -2 * sigma[1]);
        scale[c0] = Math.sqrt(g);
        X.re[s * r + c0] = 1;
      } else {
        const w = t.coupling.channels;
        for (let j = 0; j < w.cols; j++) {
          scale[c0 + j] = 1;
          for (let i = 0; i < N; i++) {
            X.re[i * r + c0 + j] = w.re[i * w.cols + j];
            X.im[i * r + c0 + j] = w.im[i * w.cols + j];
          }
        }
      }
    });
    // keep V (unscaled) for the projections: V† G V = V†X
    V.re.set(X.re);
    V.im.set(X.im);
    return luFactor(A, piv) !== null;
  }
  /** T_αβ from the solved columns X = G V: Σ |V_a† X_b|² scaled by √Γ(E) of lead columns. */
  function project(out: Float64Array): void {
    for (let al = 0; al < n; al++) {
      for (let be = 0; be < n; be++) {
        if (al === be || (!inSE[al] && !inSE[be])) {
          out[al * n + be] = 0;
          continue;
        }
        let t = 0;
        for (let a = offsets[al]; a < offsets[al + 1]; a++) {
          for (let b = offsets[be]; b < offsets[be + 1]; b++) {
            // K_ab = Σ_i conj(V_ia) X_ib
            let kr = 0,
              ki = 0;
            for (let i = 0; i < N; i++) {
              const vr = V.re[i * r + a],
                vi = -V.im[i * r + a];
              if (vr === 0 && vi === 0) continue;
              const xr = X.re[i * r + b],
                xi = X.im[i * r + b];
              kr += vr * xr - vi * xi;
              ki += vr * xi + vi * xr;
            }
            t += (kr * kr + ki * ki) * scale[a] * scale[a] * scale[b] * scale[b];
          }
        }
        out[al * n + be] = t;
      }
    }
  }
  return { terminals: n, channels: r, levels, resonances, evaluate };
}
