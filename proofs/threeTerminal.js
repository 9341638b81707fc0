import { symbolicOnsagerMatrix } from '../src/symbolic/onsagerSymbolic.js';
import { schurComplement } from '../src/symbolic/schur.js';
import { solveExactCircuit } from '../src/symbolic/circuitExact.js';
export const TERMS = ['L', 'R', 'P'];
export const [ML, MR, MP, TL, TR, TP] = [0, 1, 2, 3, 4, 5];
/** Build the junction from symbol values `v` (L symbols "L0LR" etc.). */
export function threeTerminal(F, v) {
    const M = symbolicOnsagerMatrix(F, TERMS, v);
    const idx = { L: 0, R: 1, P: 2 };
    const L = (nu, a, b) => M[(nu === 2 ? 3 : 0) + idx[a]][(nu === 0 ? 0 : 3) + idx[b]];
    const S0 = F.add(L(0, 'P', 'L'), L(0, 'P', 'R'));
    const S1 = F.add(L(1, 'P', 'L'), L(1, 'P', 'R'));
    const S2 = F.add(L(2, 'P', 'L'), L(2, 'P', 'R'));
    const vpEff = schurComplement(F, M, [MP]);
    const mt = (i, j) => vpEff.effective[vpEff.free.indexOf(i)][vpEff.free.indexOf(j)];
    return { F, M, L, S0, S1, S2, vpEff, mt, kappaP: F.neg(mt(TP, TP)) };
}
/** Bias of the electronic circuit: μ_L, μ_R, θ_L, θ_R and the VP temperature θ_P. */
export function electronicGiven(F, v) {
    return [v('muL'), v('muR'), F.zero, v('thL'), v('thR'), v('thP')];
}
/** VP and VTP electronic circuits. */
export function electronic(F, M, given) {
    return {
        vp: solveExactCircuit(F, M, ['lead', 'lead', 'VP'], 'electronic', given),
        vtp: solveExactCircuit(F, M, ['lead', 'lead', 'VTP'], 'electronic', given),
    };
}
/** Bias of the thermal circuit: gauge μ_L, θ_L, θ_R and the VP temperature θ_P. */
export function thermalGiven(F, v) {
    return [v('muL'), F.zero, F.zero, v('thL'), v('thR'), v('thP')];
}
/** VP and VTP pure thermal circuits (all J^N = 0, μ_L the gauge). */
export function thermal(F, M, given) {
    return {
        vp: solveExactCircuit(F, M, ['lead', 'lead', 'VP'], 'thermal', given),
        vtp: solveExactCircuit(F, M, ['lead', 'lead', 'VTP'], 'thermal', given),
    };
}
/** Paper Eq. 8 (docs/physics.md §5): μ_P = [Σ_β L0_Pβ μ_β + Σ_β L1_Pβ (θ_β − θ_P)] / Σ_β L0_Pβ. */
export function eq8ProbePotential(j, x, thetaP) {
    const { F, L } = j;
    const num = F.add(F.add(F.mul(L(0, 'P', 'L'), x[ML]), F.mul(L(0, 'P', 'R'), x[MR])), F.add(F.mul(L(1, 'P', 'L'), F.sub(x[TL], thetaP)), F.mul(L(1, 'P', 'R'), F.sub(x[TR], thetaP))));
    return F.div(num, j.S0);
}
/**
 * Effective VP coefficients of the probe rows, explicitly (paper Eq. 11 with μ_P eliminated):
 * L̃2_Pβ = L2_Pβ − S1 L1_Pβ / S0 (θ_β column of the J^Q_P row), L̃1_Pβ = L1_Pβ − S1 L0_Pβ / S0 (μ_β column).
 */
export function probeRowEffective(j, b) {
    const { F, L, S0, S1 } = j;
    return {
        th: F.sub(L(2, 'P', b), F.div(F.mul(S1, L(1, 'P', b)), S0)),
        mu: F.sub(L(1, 'P', b), F.div(F.mul(S1, L(0, 'P', b)), S0)),
    };
}
/** Paper Eq. 14: κ_P = S2 − S1²/S0 (probe thermal conductance at zero probe particle current). */
export function eq14Kappa(j) {
    const { F, S0, S1, S2 } = j;
    return F.sub(S2, F.div(F.mul(S1, S1), S0));
}
/** Paper Eq. 13: θ_P^VTP = Σ_β [L̃2_Pβ θ_β + L̃1_Pβ μ_β] / κ_P. */
export function eq13ProbeTemperature(j, x) {
    const { F } = j;
    const eL = probeRowEffective(j, 'L'), eR = probeRowEffective(j, 'R');
    const num = F.add(F.add(F.mul(eL.th, x[TL]), F.mul(eR.th, x[TR])), F.add(F.mul(eL.mu, x[ML]), F.mul(eR.mu, x[MR])));
    return F.div(num, eq14Kappa(j));
}
/** −xᵀ M x = h T0 Ṡ (paper Eq. 7 in linear response, docs/physics.md §5). */
export function entropyForm(F, M, x) {
    let s = F.zero;
    for (let i = 0; i < x.length; i++)
        for (let k = 0; k < x.length; k++)
            s = F.add(s, F.mul(x[i], F.mul(M[i][k], x[k])));
    return F.neg(s);
}
//# sourceMappingURL=threeTerminal.js.map