/**
 * Claim 6 (paper Appendix A, Eq. 46; docs/physics.md §6): at the quadratic node of meta-benzene under
 * thermal asymmetry, the VP heat current into R is independent of the probe coupling γ to first
 * order "when the VP is held at the temperature of R". We find the exact condition.
 *
 * Exact first order in γ (Schur algebra, any transmissions, L_XP = γ ℓ_XP + O(γ²)):
 *   ∂J^Q_R,VP/∂γ|₀ = ∂_γL1_RL Δμ + ∂_γL2_RL (θ_L − θ_R) + ℓ1_RP (μ̂_P − μ_R) + ℓ2_RP (θ_P − θ_R),
 * μ̂_P the γ → 0 probe potential. At a particle–hole-symmetric node (μ0 = ε0 on the bipartite ring)
 * every L1 vanishes, so the slope is zero iff
 *   θ_P* = θ_R − (∂_γL2_RL / ℓ2_RP)(θ_L − θ_R),
 * and with T_LR = c2 ε² + γ(d0 + d2 ε²) (d0 = 0 at the node), T_RP = γ(r0 + r2 ε²):
 *   θ_P* − θ_R = −[d2 (k_BT)² (7π²/5) / (r0 + r2 (k_BT)² 7π²/5)] (θ_L − θ_R)  → 0 at leading order.
 */
import type { ProofResult } from './types.js';
import { RatFuncField } from '../src/symbolic/field.js';
import * as Q from '../src/symbolic/rational.js';
import { Poly, RatFunc } from '../src/symbolic/polynomial.js';
import { randomRational, rng, schwartzZippelBound } from '../src/symbolic/random.js';
import { defaultSymbolLatex, ratFuncLatex } from '../src/symbolic/latex.js';
import { sommerfeldOnsagerNumber } from '../src/symbolic/sommerfeld.js';
import { benzeneSystem, DELTA_V, fmt, onsagerOf, solveStates, timer, T0 } from './lib.js';
import { verdictOf } from './lib.js';
import { electronic, electronicGiven, threeTerminal, TERMS } from './threeTerminal.js';
import { sommerfeldLs, valueAndSlopeAtZero, type Param } from './sommerfeldModel.js';
import { K_B_EV, transmissionDirect, type TerminalState } from '../src/index.js';

const TAYLOR = ['c2', 'd0', 'd1', 'd2', 'p0', 'p1', 'p2', 'r0', 'r1', 'r2'];
const BIAS = ['muL', 'muR', 'thL', 'thR', 'thP'];

/** The γ-slope of J^Q_R,VP at γ = 0 and the paper-style first-order formula, for one parameter choice. */
export function slopeCheck(param: Param): {
  residual: Poly;
  slope: [Poly, Poly];
  /** the first-order formula as numerator / denominator (residual = slope₀·expDen − expNum·slope₁) */
  expected: [Poly, Poly];
  /** a-priori degree of the residual's two products: the d of its Schwartz–Zippel bound */
  degree: number;
  phRoot?: RatFunc;
} {
  // J^Q_R,VP over generic L symbols (exact Schur algebra), then the Sommerfeld model substituted.
  const J = electronic(
    RatFuncField,
    threeTerminal(RatFuncField, (s) => RatFunc.variable(s)).M,
    electronicGiven(RatFuncField, (s) => RatFunc.variable(s)),
  ).vp.y[4];
  const Ls = sommerfeldLs(param);
  const subs = new Map<string, Poly>([...Ls, ...BIAS.map((b) => [b, param(b)] as [string, Poly])]);
  const { f1 } = valueAndSlopeAtZero(J.num.substitute(subs), J.den.substitute(subs));
  // Expected first-order formula. Coefficient of γ¹ in each L.
  const c1 = (name: string) => Ls.get(name)!.coefficient('gam', 1);
  const [muL, muR, thL, thR, thP] = BIAS.map((b) => param(b));
  const muHatNum = c1('L0LP')
    .mul(muL)
    .add(c1('L0RP').mul(muR))
    .add(c1('L1LP').mul(thL.sub(thP)))
    .add(c1('L1RP').mul(thR.sub(thP)));
  const muHatDen = c1('L0LP').add(c1('L0RP'));
  // slope = A + ℓ1_RP (μ̂_P − μ_R), A = ∂L1_RL Δμ + ∂L2_RL Δθ + ℓ2_RP (θ_P − θ_R)
  const A = c1('L1LR')
    .mul(muL.sub(muR))
    .add(c1('L2LR').mul(thL.sub(thR)))
    .add(c1('L2RP').mul(thP.sub(thR)));
  const expNum = A.mul(muHatDen).add(c1('L1RP').mul(muHatNum.sub(muR.mul(muHatDen))));
  const expDen = muHatDen;
  const residual = f1[0].mul(expDen).sub(expNum.mul(f1[1]));
  const degree = Math.max(f1[0].degree() + expDen.degree(), expNum.degree() + f1[1].degree());
  return { residual, slope: f1, expected: [expNum, expDen], degree };
}

/**
 * Even Taylor coefficients (per unit γ) of ∂_γT_LR and ∂_γT_RP at μ0 = 0, γ → 0, by finite
 * differences: Richardson in γ, then an exact fit of a0 + a2 ε² + a4 ε⁴ + a6 ε⁶ through ε = 0, h, 2h, 3h
 * (both functions are even in ε by particle–hole symmetry).
 */
function benzeneTaylor(gL: number, gR: number): { lr: number[]; rp: number[] } {
  const d = 1e-4,
    h = 2e-2; // γ step (eV), energy step (eV)
  const T = (gamma: number, E: number) => {
    const s = benzeneSystem({ gammaL: gL, gammaR: gR, gamma });
    return transmissionDirect(
      s.hamiltonian,
      s.terminals.map((t) => t.coupling),
      E,
    );
  };
  const dT = (E: number, idx: number) => {
    const t0 = T(0, E)[idx],
      t1 = T(d, E)[idx],
      t2 = T(2 * d, E)[idx];
    return (4 * (t1 - t0) - (t2 - t0)) / (2 * d);
  };
  const fit = (idx: number): number[] => {
    const M = [0, 1, 2, 3].map((k) => [1, (k * h) ** 2, (k * h) ** 4, (k * h) ** 6, dT(k * h, idx)]);
    for (let c = 0; c < 4; c++)
      for (let r = c + 1; r < 4; r++) {
        const m = M[r][c] / M[c][c];
        for (let k = c; k < 5; k++) M[r][k] -= m * M[c][k];
      }
    const x = [0, 0, 0, 0];
    for (let r = 3; r >= 0; r--) {
      let acc = M[r][4];
      for (let k = r + 1; k < 4; k++) acc -= M[r][k] * x[k];
      x[r] = acc / M[r][r];
    }
    return x;
  };
  return { lr: fit(0 * 3 + 1), rp: fit(1 * 3 + 2) };
}

export async function proveAppendixA(): Promise<ProofResult> {
  const elapsed = timer();
  const notes: string[] = [];
  // ---- symbolic: general first-order formula, then the particle–hole-symmetric node
  const sym = slopeCheck((n) => Poly.variable(n));
  const ph = (n: string) => (['p1', 'r1', 'd1', 'd0'].includes(n) ? Poly.zero : Poly.variable(n));
  const symPh = slopeCheck(ph);
  // At the p–h node the slope is ∂L2_RL (θ_L − θ_R) + ℓ2_RP (θ_P − θ_R): its root in θ_P.
  const LsPh = sommerfeldLs(ph);
  const dL2 = LsPh.get('L2LR')!.coefficient('gam', 1),
    l2 = LsPh.get('L2RP')!.coefficient('gam', 1);
  const root = new RatFunc(dL2.mul(Poly.variable('thL').sub(Poly.variable('thR'))).neg(), l2); // θ_P* − θ_R
  const slopePh = symPh.slope[0].sub(
    dL2
      .mul(Poly.variable('thL').sub(Poly.variable('thR')))
      .add(l2.mul(Poly.variable('thP').sub(Poly.variable('thR'))))
      .mul(symPh.slope[1]),
  );
  // The closed form of the root: −(7π²/5) d2 (k_BT)² (θ_L − θ_R) / (r0 + (7π²/5) r2 (k_BT)²)
  const V = (n: string) => Poly.variable(n);
  const c75 = Poly.constant(Q.rat(7, 5)).mul(V('pi').pow(2)).mul(V('kT').pow(2));
  const closed = new RatFunc(
    c75
      .mul(V('d2'))
      .mul(V('thL').sub(V('thR')))
      .neg(),
    V('r0').add(c75.mul(V('r2'))),
  );
  const closedOk = root.sub(closed).isZero();
  const symbolicOk = sym.residual.isZero() && symPh.residual.isZero() && slopePh.isZero() && closedOk;
  // Leading order in k_BT of θ_P* − θ_R: numerator ∝ kT^4, denominator ∝ kT^2 ⇒ O(kT²) → 0.
  const rootOrder = dL2.minDegreeIn('kT') - l2.minDegreeIn('kT');
  const symbolic = {
    ok: symbolicOk && rootOrder > 0,
    detail: `Q[x] core: γ-slope of the exact J^Q_R,VP (Sommerfeld model substituted, γ-power removed, derivative at 0) equals the first-order formula (general model: residual ${sym.residual.isZero() ? '0' : 'NON-ZERO'}; p–h symmetric node: ${symPh.residual.isZero() && slopePh.isZero() ? '0' : 'NON-ZERO'}; closed form of θ_P* − θ_R: ${closedOk ? '✓' : '✗'}); θ_P* − θ_R = O((k_BT)^${rootOrder}) → the paper's condition T_P = T_R is the leading-order limit. nerdamer is not used for the decision (its simplify cannot reduce these rational expressions).`,
  };
  // ---- rational: same algebra with random rational parameters (γ kept symbolic)
  const points = 6;
  let ratOk = true;
  for (let k = 0; k < points; k++) {
    const r = rng(6100 + k);
    const vals = new Map<string, Poly>();
    const param: Param = (n) => {
      let p = vals.get(n);
      if (!p) {
        p = Poly.constant(randomRational(r));
        vals.set(n, p);
      }
      return p;
    };
    if (!slopeCheck(param).residual.isZero()) ratOk = false;
  }
  const rational = {
    ok: ratOk,
    detail: `${points} random rational points (all Taylor coefficients, k_BT, π and biases; γ symbolic): slope residual exactly 0 ${ratOk ? '✓' : '✗'}`,
    points,
    failureProbabilityBound: schwartzZippelBound(2 * sym.degree, points),
  };
  // ---- numeric: the solver on benzene (t = −2.64 eV, Γ_L = Γ_R = 0.5 eV, μ0 = ε0 = 0)
  const TL = 350,
    TR = 275;
  const ref = { mu: 0, temperature: T0 };
  const solve = (gamma: number, TP: number, role: 'VP' | 'VTP' = 'VP') => {
    const o = onsagerOf(benzeneSystem({ gamma }), ref);
    const st: TerminalState[] = [
      { name: 'L', role: 'lead', mu: DELTA_V / 2, temperature: TL },
      { name: 'R', role: 'lead', mu: -DELTA_V / 2, temperature: TR },
      { name: 'P', role, temperature: TP },
    ];
    return solveStates(o, st, 'electronic', ref).heatCurrent[1];
  };
  const dg = 1e-4;
  const slope = (TP: number) => {
    const j0 = solve(1e-12, TP);
    return (4 * (solve(dg, TP) - j0) - (solve(2 * dg, TP) - j0)) / (2 * dg);
  };
  const sR = slope(TR),
    s300 = slope(T0);
  const TPstar = TR - (sR * (T0 - TR)) / (s300 - sR); // the slope is affine in T_P
  // Sommerfeld prediction of the offset from the benzene Taylor coefficients (independent of the solver's L's)
  const tc = benzeneTaylor(0.5, 0.5);
  const kT = K_B_EV * T0;
  const even = (c: number[], n: number) => c.slice(0, n).flatMap((v, k) => (k === 0 ? [v] : [0, v]));
  const predict = (n: number) => -(sommerfeldOnsagerNumber(even(tc.lr, n), 2, kT) / sommerfeldOnsagerNumber(even(tc.rp, n), 2, kT)) * (TL - TR);
  const predicted2 = predict(2),
    predicted = predict(4); // through ε² (the model above) and through ε⁶
  const offset = TPstar - TR;
  const maxError = Math.abs(predicted - offset) / Math.abs(offset);
  // Tolerance: the ε⁸ Taylor terms neglected contribute ~(k_BT/0.2 eV)^6 ≈ 5e-6 relative, the γ and
  // energy finite differences ~1e-7; 1e-4 leaves a margin. (Through ε² only, the difference is
  // ~1 %: the (k_BT)² correction to the leading-order statement itself.)
  const tolerance = 1e-4;
  const J0 = solve(1e-12, TR);
  const table = [0.01, 0.05, 0.1, 0.2, 0.5, 1, 2].map((g) => ({ g, atR: solve(g, TR), at300: solve(g, T0), vtp: solve(g, T0, 'VTP') }));
  notes.push(
    `Exact first-order condition (solver): T_P* = ${fmt(TPstar, 9)} K, i.e. T_P* − T_R = ${fmt(offset, 6)} K. Sommerfeld prediction −(∂_γL2_RL/ℓ2_RP)(T_L − T_R) from the benzene Taylor coefficients (∂_γT_LR: d0 = ${fmt(tc.lr[0], 2)}, d2 = ${fmt(tc.lr[1], 4)} eV⁻²; ∂_γT_RP: r0 = ${fmt(tc.rp[0], 4)}, r2 = ${fmt(tc.rp[1], 4)} eV⁻²): ${fmt(predicted2, 6)} K through ε², ${fmt(predicted, 6)} K through ε⁶ — the series converges to the solver's value.`,
    `Slope ∂J^Q_R,VP/∂γ at γ → 0: ${fmt(sR, 3)} W/eV with T_P = T_R vs ${fmt(s300, 3)} W/eV with T_P = 300 K (ratio ${fmt(sR / s300, 2)}).`,
    `Beyond first order the node is lifted ∝ γ²: with T_P = T_R, J^Q_R,VP(γ)/J^Q_R,VP(0) = ${table.map((t) => `${fmt(t.atR / J0, 3)} (γ=${t.g})`).join(', ')} — not "nearly independent" in relative terms, but it stays ${fmt(table[table.length - 1].vtp / table[table.length - 1].atR, 3)}× below the VTP current at γ = 2 eV.`,
    `With T_P = 300 K (as the captions read) the slope is first order: J^Q_R,VP(γ)/J^Q_R,VP(0) = ${table.map((t) => `${fmt(t.at300 / J0, 3)} (γ=${t.g})`).join(', ')}.`,
    `Relative VP error (J_VTP − J_VP)/J_VP with T_P = T_R: ${table.map((t) => `${fmt((100 * (t.vtp - t.atR)) / t.atR, 4)} % (γ=${t.g})`).join(', ')}.`,
    'Setting: benzene t = −2.64 eV, Γ_L = Γ_R = 0.5 eV, probe on site 3 (para to L, ortho to R), μ0 = ε0 = 0, T_L = 350 K, T_R = 275 K, ΔV = 10 meV. At μ0 = ε0 particle–hole symmetry of the bipartite ring makes every L1 vanish exactly, so the electrical bias does not enter the heat current.',
    'Verdict conditional: the γ-independence at first order holds exactly only at T_P = T_P* (not T_R), needs the p–h-symmetric node (L1 = 0), and is a first-order statement: the γ² node lifting makes J^Q_R,VP grow by ~100× between γ = 0.01 and 2 eV.',
  );
  const numeric = {
    ok: maxError <= tolerance,
    detail: `exact first-order condition from the solver T_P* − T_R = ${fmt(offset, 6)} K vs Sommerfeld prediction (Taylor through ε⁶) ${fmt(predicted, 6)} K: relative difference ${fmt(maxError, 2)} (through ε² only: ${fmt(Math.abs(predicted2 - offset) / Math.abs(offset), 2)})`,
    maxError,
    tolerance,
  };
  const symL = defaultSymbolLatex([...TERMS]);
  const symA = (n: string) => (/^[cdpr]\d$/.test(n) ? `${n[0]}_{${n[1]}}` : n === 'gam' ? '\\gamma' : symL(n));
  return {
    id: 'appA-node-heat-current',
    claim: 'Appendix A: at the quadratic node, J^Q_R,VP is γ-independent to first order when the VP temperature equals T_R',
    source: 'paper Appendix A, Eqs. 35–46; docs/physics.md §6',
    statementLatex: String.raw`\left.\frac{\partial J^Q_{R,\mathrm{VP}}}{\partial\gamma}\right|_{\gamma=0} = 0 \iff \theta_P = \theta_R - \frac{\partial_\gamma L^{(2)}_{RL}}{\ell^{(2)}_{RP}}\,(\theta_L-\theta_R) = \theta_R + O\big((k_BT_0)^2\big)\quad(\mu_0 = \varepsilon_0)`,
    derivationLatex: [
      String.raw`T_{LR} = c_2\varepsilon^2 + \gamma(d_0 + d_1\varepsilon + d_2\varepsilon^2),\quad T_{LP} = \gamma(p_0+p_1\varepsilon+p_2\varepsilon^2),\quad T_{RP} = \gamma(r_0+r_1\varepsilon+r_2\varepsilon^2)`,
      String.raw`L^{(\nu)} = \sum_k t_k (k_BT_0)^{k+\nu} m_{k+\nu},\quad m_2 = \frac{\pi^2}{3},\ m_4 = \frac{7\pi^4}{15}`,
      String.raw`\left.\partial_\gamma J^Q_{R,\mathrm{VP}}\right|_0 = \partial_\gamma L^{(1)}_{RL}\,\Delta\mu + \partial_\gamma L^{(2)}_{RL}\,(\theta_L-\theta_R) + \ell^{(1)}_{RP}(\hat\mu_P-\mu_R) + \ell^{(2)}_{RP}(\theta_P-\theta_R),\quad \hat\mu_P = \frac{\ell^{(0)}_{LP}\mu_L+\ell^{(0)}_{RP}\mu_R+\ell^{(1)}_{LP}(\theta_L-\theta_P)+\ell^{(1)}_{RP}(\theta_R-\theta_P)}{\ell^{(0)}_{LP}+\ell^{(0)}_{RP}}`,
      String.raw`\mu_0=\varepsilon_0:\ d_0=d_1=p_1=r_1=0,\ L^{(1)}\equiv 0 \;\Rightarrow\; \theta_P^* - \theta_R = -\frac{\partial_\gamma L^{(2)}_{RL}}{\ell^{(2)}_{RP}}(\theta_L-\theta_R) = ${ratFuncLatex(root, symA)}`,
      String.raw`\theta_P^* - \theta_R = -\frac{\tfrac{7\pi^2}{5}\,d_2\,(k_BT_0)^2}{r_0 + \tfrac{7\pi^2}{5}\,r_2\,(k_BT_0)^2}\,(\theta_L-\theta_R) \xrightarrow{k_BT_0\to 0} 0`,
    ],
    symbolic,
    rational,
    numeric,
    verdict: verdictOf(symbolic, rational, numeric, 'conditional'),
    notes,
    seconds: elapsed(),
  };
}
