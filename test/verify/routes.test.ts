/**
 * The three routes of `probecheck verify`, each able to fail: true and false claims (sign flips, a
 * missing factor, a claim true only at a node), 3 and 4 terminals with several probes, thermal
 * circuits, non-reciprocal coefficients, model (Sommerfeld) claims; the paper's claim file; a
 * physical counterexample that `probecheck solve` reproduces.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseClaimFile, parseClaimFileText, type Claim } from '../../src/verify/claims.js';
import { verifyClaims, type ClaimResult } from '../../src/verify/verify.js';
import { guardedRatFunc, rationalIdentityRoute, admissibleRoute, symbolicInstance, symbolicRoute, exactPoint, residualOf } from '../../src/verify/exact.js';
import { numericRoute, systemsFor } from '../../src/verify/numeric.js';
import { parseConfig } from '../../src/config.js';
import { solveSystem } from '../../src/numeric/system.js';
import { H_EV_S, E_CHARGE } from '../../src/numeric/constants.js';
import * as Q from '../../src/symbolic/rational.js';

const T3 = { terminals: ['L', 'R', 'P'], probes: { P: 'VTP' } };
const eq8 = '(L0_LP*mu_L + L0_RP*mu_R + L1_LP*(T_L - T_P)/T0 + L1_RP*(T_R - T_P)/T0)/(L0_LP + L0_RP)';

function run(spec: Record<string, unknown>, opts = {}): readonly ClaimResult[] {
  return verifyClaims(parseClaimFile(spec), { seed: 3, systems: 8, ...opts }).claims;
}
const budget = () => ({ deadline: performance.now() + 20000, maxTerms: 200000 });
function claimOf(spec: Record<string, unknown>, k = 0): Claim {
  return parseClaimFile(spec).claims[k];
}

describe('identities: three routes agree, and each fails on a false claim', () => {
  const spec = {
    ...T3,
    claims: [
      { name: 'Eq. 8', formula: `VP(mu_P) == VP(${eq8})` },
      { name: 'sign flip', formula: `VP(mu_P) == -VP(${eq8})` },
      { name: 'missing factor T0', formula: 'VP(mu_P) == VP((L0_LP*mu_L + L0_RP*mu_R + L1_LP*(T_L - T_P) + L1_RP*(T_R - T_P))/(L0_LP + L0_RP))' },
      {
        name: 'true only at a node',
        formula: 'VP(mu_P) == VP((L0_LP*mu_L + L0_RP*mu_R + L1_LP*(T_L - T_P)/T0 + L1_RP*(T_R - T_P)/T0 + L0_LR*(mu_L - mu_R))/(L0_LP + L0_RP))',
      },
      { name: 'Eq. 33 identity', formula: 'VP(Sdot) - VTP(Sdot) == VP(JQ_P)*(VTP(T_P) - VP(T_P))/T0^2' },
      { name: 'twice the Eq. 33 identity', formula: 'VP(Sdot) - VTP(Sdot) == 2*VP(JQ_P)*(VTP(T_P) - VP(T_P))/T0^2' },
    ],
  };
  const res = run(spec);
  const by = (n: string) => res.find((r) => r.name === n)!;

  it('a true identity is proved by all three routes', () => {
    for (const n of ['Eq. 8', 'Eq. 33 identity']) {
      const r = by(n);
      expect(r.verdict).toBe('proved');
      expect(r.routes.symbolic.status).toBe('proved');
      expect(r.routes.rational.status).toBe('zero');
      expect(r.routes.rational.failureProbability).toMatch(/^≤ \(\d+\/2\^31\)\^12 ≈ 1e-\d+$/);
      expect(r.routes.numeric.status).toBe('consistent');
    }
  });

  it('a sign flip is refuted by every route, with an exact point whose two sides differ', () => {
    const r = by('sign flip');
    expect(r.verdict).toBe('refuted');
    expect(r.routes.symbolic.status).toBe('refuted');
    expect(r.routes.rational.status).toBe('counterexample');
    expect(r.routes.numeric.status).toBe('violated');
    const ce = r.counterexample!.exact!;
    expect(ce.lhs).not.toBe(ce.rhs);
    expect(r.counterexample!.physical).toBeDefined();
  });

  it('a missing factor: refuted, the hint names the factor', () => {
    const r = by('twice the Eq. 33 identity');
    expect(r.verdict).toBe('refuted');
    expect(r.hint).toMatch(/lhs = 1\/2 · rhs exactly: a missing factor 1\/2\?/);
    expect(by('missing factor T0').verdict).toBe('refuted');
  });

  it('a claim true only at a node: refuted, and the hint finds the node L0_LR = 0', () => {
    const r = by('true only at a node');
    expect(r.verdict).toBe('refuted');
    expect(r.hint).toMatch(/true under a node between L and R \(L0_LR = 0\)/);
  });

  it('the symbolic route alone decides (zero numerator vs non-zero polynomial)', () => {
    const f = parseClaimFile(spec);
    const I = symbolicInstance(f.claims[0].context, guardedRatFunc(budget()));
    expect(symbolicRoute(f.claims[0], I, 1).status).toBe('proved');
    expect(symbolicRoute(f.claims[1], I, 1).status).toBe('refuted');
  });

  it('the rational route alone decides (exact points, Schwartz–Zippel bound)', () => {
    const f = parseClaimFile(spec);
    const ok = rationalIdentityRoute(f.claims[0], 12, 9);
    expect(ok.status).toBe('zero');
    expect(ok.points).toBe(12);
    const bad = rationalIdentityRoute(f.claims[3], 12, 9);
    expect(bad.status).toBe('counterexample');
    // the reported point reproduces: both sides at it differ, exactly
    expect(bad.counterexample!.lhs).not.toBe(bad.counterexample!.rhs);
  });

  it('the numeric route alone decides (NEGF solver on random systems)', () => {
    const f = parseClaimFile(spec);
    const { systems } = systemsFor(f.claims[0].context, 6, 11);
    expect(systems.length).toBe(6);
    expect(numericRoute(f.claims[0], systems).status).toBe('consistent');
    expect(numericRoute(f.claims[1], systems).status).toBe('violated');
    expect(numericRoute(f.claims[3], systems).status).toBe('violated');
  });
});

describe('a physical counterexample is a CONFIG.json that `probecheck solve` reproduces', () => {
  it("VP(mu_P), VTP(T_P), the currents and Sdot at the reported system equal solve's output", () => {
    const spec = { ...T3, claims: [{ name: 'wrong VTP temperature', formula: 'VTP(T_P) == (T_L + T_R)/2 + VTP(JQ_R)*0 + VP(mu_P)*0 + Sdot*0' }] };
    const [r] = run(spec);
    expect(r.verdict).toBe('refuted');
    const p = r.counterexample!.physical!;
    expect(p).toBeDefined();
    for (const mode of ['VTP', 'VP', 'declared'] as const) {
      const cfg = p.configs[mode];
      expect(cfg).toBeDefined();
      const parsed = parseConfig(JSON.parse(JSON.stringify(cfg)));
      const sol = solveSystem(parsed.system, parsed.reference, parsed.circuit);
      const P = parsed.system.terminals.findIndex((t) => t.name === 'P');
      const R = parsed.system.terminals.findIndex((t) => t.name === 'R');
      if (mode === 'VTP') {
        expect(sol.circuit.temperature[P]).toBe(p.values['VTP(T_P)']);
        expect((sol.circuit.heatCurrent[R] / E_CHARGE) * H_EV_S).toBe(p.values['VTP(JQ_R)']);
      }
      if (mode === 'VP') expect(sol.circuit.mu[P]).toBe(p.values['VP(mu_P)']);
      if (mode === 'declared') expect((sol.circuit.entropyProduction / E_CHARGE) * H_EV_S).toBe(p.values.Sdot);
    }
    expect(p.lhs).toBe(p.values['VTP(T_P)']);
  });
});

describe('inequalities', () => {
  it('Sdot >= 0 and the VTP minimising Sdot are proved (structural, and by the expanded certificate)', () => {
    const spec = {
      ...T3,
      claims: [
        { name: 's', formula: 'Sdot >= 0' },
        { name: 'm', formula: 'VP(Sdot) >= VTP(Sdot)' },
        { name: 'm2', formula: 'VTP(Sdot) <= VP(Sdot)' },
      ],
    };
    for (const r of run(spec)) expect(r.verdict).toBe('proved');
    // the expanded route (no structural lemma): residual = 1·(−dᵀMd/T0), d = x_VP − x_VTP
    const c = claimOf(spec, 1);
    const out = symbolicRoute(c, symbolicInstance(c.context, guardedRatFunc(budget())), 1, { structural: false });
    expect(out.status).toBe('proved');
    expect(out.detail).toMatch(/residual = \(−zᵀMz\/T0\) with z = x_VP − x_VTP/);
  });

  it('a false inequality is refuted at an exact admissible point and by the solver', () => {
    const [r] = run({ ...T3, claims: [{ name: 'wrong direction', formula: 'VTP(Sdot) >= VP(Sdot)' }] });
    expect(r.verdict).toBe('refuted');
    expect(r.routes.rational.status).toBe('counterexample');
    expect(r.counterexample!.exact!.kind).toBe('admissible');
    expect(Q.compare(Q.sub(parseQ(r.counterexample!.exact!.lhs), parseQ(r.counterexample!.exact!.rhs)), Q.ZERO)).toBeLessThan(0);
    expect(r.routes.numeric.status).toBe('violated');
  });

  it('an inequality that only holds for physical coefficients is supported, not proved, and K is stated', () => {
    const [r] = run({ ...T3, claims: [{ name: 'Cauchy-Schwarz', formula: 'L0_LR*L2_LR >= L1_LR^2' }] });
    expect(r.verdict).toBe('supported');
    expect(r.reason).toMatch(/holds on \d+ physical \(system, bias\) pairs \(8 systems × 9 biases\)/);
  });

  it('the admissible route can fail on its own', () => {
    const c = claimOf({ ...T3, claims: [{ name: 'x', formula: 'L1_LR >= 0' }] });
    expect(admissibleRoute(c, 12, 5).status).toBe('counterexample');
  });
});

describe('four terminals, several probes, thermal circuits', () => {
  const T4 = { terminals: ['L', 'R', 'P1', 'P2'], probes: { P1: 'VP', P2: 'VTP' } };
  it('sum rules and second law (electronic and thermal), with VP and VTP probes together', () => {
    const res = run({
      ...T4,
      claims: [
        { name: 'N', formula: 'JN_L + JN_R + JN_P1 + JN_P2 == 0' },
        { name: 'VTP conditions', formula: 'JN_P1^2 + JN_P2^2 + JQ_P2^2 == 0' },
        { name: 'S', formula: 'Sdot >= VTP(Sdot)' },
        { name: 'thermal N', circuit: 'thermal', formula: 'JN_R == 0' },
        { name: 'thermal S', circuit: 'thermal', formula: 'VP(Sdot) >= 0' },
        { name: 'false', formula: 'JN_L == JN_R' },
        { name: 'false thermal', circuit: 'thermal', formula: 'JN_L + JQ_R == 0' },
      ],
    });
    for (const r of res.slice(0, 5)) expect([r.name, r.verdict]).toEqual([r.name, 'proved']);
    for (const r of res.slice(5)) {
      expect([r.name, r.verdict]).toEqual([r.name, 'refuted']);
      expect(r.routes.numeric.status).toBe('violated');
    }
  });

  it('a three-lead thermal circuit solves both non-gauge lead potentials', () => {
    const res = run({
      terminals: ['L', 'R', 'B', 'P'],
      probes: { P: 'VTP' },
      circuit: 'thermal',
      claims: [
        { name: 'open circuit', formula: 'JN_R^2 + JN_B^2 + JN_L^2 == 0' },
        { name: 'gauge is given', formula: 'mu_L == mu_L' },
        { name: 'mu_B is solved', formula: 'mu_B == mu_L' },
      ],
    });
    expect(res.map((r) => r.verdict)).toEqual(['proved', 'proved', 'refuted']);
  });
});

describe('non-reciprocal coefficients (reciprocal: false)', () => {
  const res = verifyClaims(parseClaimFileText(readFileSync('examples/claims/nonreciprocal.json', 'utf8')), { seed: 2, systems: 8 }).claims;
  it('sum rules and the second law survive', () => {
    expect(res.slice(0, 3).map((r) => r.verdict)).toEqual(['proved', 'proved', 'proved']);
  });
  it('Eq. 33 (identity and minimum) fails without reciprocity', () => {
    expect(res[3].verdict).toBe('refuted');
    expect(res[3].counterexample!.exact!.kind).toBe('admissible');
    expect(res[3].routes.numeric.status).toBe('violated'); // found by re-drawing the biases
    expect(res[4].verdict).toBe('refuted');
    expect(res[4].routes.numeric.status).toBe('violated');
  });
  it('L_ab ≠ L_ba is allowed, and the unitarity sum rules are imposed', () => {
    const r = run({
      ...T3,
      reciprocal: false,
      claims: [
        { name: 'asym', formula: 'L0_LR == L0_RL' },
        { name: 'unitarity', formula: 'L0_LR + L0_LP == L0_RL + L0_PL' },
        { name: 'the third sum rule follows', assume: ['L0_RL = L0_LR'], formula: 'L0_PL + L0_PR == L0_LP + L0_RP' },
        { name: 'two reciprocal pairs force the third (elimination fallback)', assume: ['L0_RL = L0_LR', 'L0_PL = L0_LP'], formula: 'L0_PR == L0_RP' },
        { name: 'but only for ν = 0', assume: ['L0_RL = L0_LR', 'L0_PL = L0_LP'], formula: 'L1_PR == L1_RP' },
      ],
    });
    expect(r.map((x) => x.verdict)).toEqual(['refuted', 'proved', 'proved', 'proved', 'refuted']);
  });
});

describe('model claims: Sommerfeld order by order', () => {
  const appB = { LR: 'c2*(E - mu0)^2', LP: 'GL*g', RP: 'GR*g' };
  const bias = ['T_R = 2*T0 - T_L', 'T_P = T0', 'mu_R = 2*mu0 - mu_L'];
  it('App. B: the nodal ratio is (Γ_R − Γ_L)/(Γ_L + Γ_R) to order 0, refuted at order 2 with the leading residual term', () => {
    const res = run({
      ...T3,
      probes: { P: 'VP' },
      claims: [
        { name: 'o0', transmission: appB, sommerfeld: 0, assume: bias, formula: '(VP(JQ_R) - VTP(JQ_R))/VP(JQ_R) == (GR - GL)/(GL + GR)' },
        { name: 'o2', transmission: appB, sommerfeld: 2, assume: bias, formula: '(VP(JQ_R) - VTP(JQ_R))/VP(JQ_R) == (GR - GL)/(GL + GR)' },
        { name: 'third', transmission: appB, sommerfeld: 0, assume: [...bias, 'GL = 1/2', 'GR = 1/4'], formula: '(VP(JQ_R) - VTP(JQ_R))/VP(JQ_R) == -1/3' },
        { name: 'wrong', transmission: appB, sommerfeld: 0, assume: [...bias, 'GL = 1/2', 'GR = 1/4'], formula: '(VP(JQ_R) - VTP(JQ_R))/VP(JQ_R) == -1/4' },
      ],
    });
    expect(res[0].verdict).toBe('proved');
    expect(res[0].reason).toBe('proved to order 0 in k_BT');
    expect(res[1].verdict).toBe('refuted');
    expect(res[1].counterexample!.order).toBe(2);
    expect(res[1].counterexample!.term).toMatch(/c2/);
    expect(res[1].counterexample!.term).toMatch(/kT\^2$/);
    // r = r_geo / (1 + 2 L2_RL/L2_RP), 2 L2_RL/L2_RP = (14/5) π² c2 (k_BT)²/(G_R g): the term, exactly
    expect(res[1].counterexample!.term).toBe('(-14/5*GR*c2*pi^2 + 14/5*GL*c2*pi^2)/(GR^2*g + GL*GR*g) * kT^2');
    expect(res[2].verdict).toBe('proved');
    expect(res[3].verdict).toBe('refuted');
    expect(res[3].counterexample!.order).toBe(0);
  });

  it('a rational (Lorentzian) transmission: L0 = 1 − (π²/3)(k_BT/w)² to order 2, refuted at order 4 by 7π⁴/15 (k_BT/w)⁴', () => {
    const tr = { LR: 'w^2/((E - mu0)^2 + w^2)', LP: 'g', RP: 'g' };
    const res = run({
      ...T3,
      claims: [
        { name: 'o2', transmission: tr, sommerfeld: 2, formula: 'L0_LR == 1 - pi^2/3*kT^2/w^2' },
        { name: 'o4', transmission: tr, sommerfeld: 4, formula: 'L0_LR == 1 - pi^2/3*kT^2/w^2' },
        { name: 'o4 true', transmission: tr, sommerfeld: 4, formula: 'L0_LR == 1 - pi^2/3*kT^2/w^2 + 7*pi^4/15*kT^4/w^4' },
      ],
    });
    expect(res.map((r) => r.verdict)).toEqual(['proved', 'refuted', 'proved']);
    expect(res[1].counterexample!.order).toBe(4);
    expect(res[1].counterexample!.term).toBe('(7/15*pi^4)/(w^4) * kT^4');
  });

  it('a polynomial transmission is exact: proved at all orders', () => {
    const [r] = run({
      ...T3,
      claims: [{ name: 'exact', transmission: { LR: 'a + b*(E - mu0)^2', LP: 'g', RP: 'g' }, sommerfeld: 6, formula: 'L0_LR == a + b*pi^2/3*kT^2' }],
    });
    expect(r.verdict).toBe('proved');
    expect(r.reason).toBe('proved exactly (all orders in k_BT)');
  });
});

describe("the paper's claims (examples/claims/paper.json)", () => {
  it('every claim is proved, and the file exits 0', () => {
    const rep = verifyClaims(parseClaimFileText(readFileSync('examples/claims/paper.json', 'utf8')), { seed: 1 });
    for (const c of rep.claims) expect([c.name, c.verdict]).toEqual([c.name, 'proved']);
    expect(rep.exitCode).toBe(0);
    expect(rep.claims.length).toBeGreaterThanOrEqual(20);
  });
  it('the other examples decide as documented', () => {
    const four = verifyClaims(parseClaimFileText(readFileSync('examples/claims/four-terminal.json', 'utf8')), { seed: 1, systems: 6 });
    expect(four.exitCode).toBe(0);
    const m = verifyClaims(parseClaimFileText(readFileSync('examples/claims/mistakes.json', 'utf8')), { seed: 1, systems: 6 }).claims;
    expect(m.map((c) => c.verdict)).toEqual(['refuted', 'refuted', 'refuted', 'refuted', 'refuted']);
    expect(m[0].hint).toMatch(/sign flip/);
    expect(m[1].hint).toMatch(/missing factor 1\/T0\^2/);
    expect(m[2].hint).toMatch(/mirror symmetry L ↔ R/);
    expect(m[3].hint).toMatch(/mirror symmetry L ↔ R/);
    expect(m[4].counterexample!.order).toBe(2);
  });
});

describe('properties over random contexts (3–4 terminals, random probe models and circuit)', () => {
  const ctxArb = fc.record({
    n: fc.integer({ min: 3, max: 4 }),
    models: fc.array(fc.constantFrom('VP', 'VTP'), { minLength: 2, maxLength: 2 }),
    probes: fc.integer({ min: 1, max: 2 }),
    thermal: fc.boolean(),
    k: fc.integer({ min: 1, max: 5 }),
  });
  it('Σ JN = 0 and Sdot ≥ 0 are proved; Σ JN = k·L0 (k ≠ 0) is refuted, by the exact routes', () => {
    fc.assert(
      fc.property(ctxArb, ({ n, models, probes, thermal, k }) => {
        const names = ['L', 'R', 'A', 'B'].slice(0, n);
        const pr: Record<string, string> = {};
        for (let j = 0; j < Math.min(probes, n - 2); j++) pr[names[n - 1 - j]] = models[j];
        const sum = names.map((t) => `JN_${t}`).join(' + ');
        const spec = {
          terminals: names,
          probes: pr,
          circuit: thermal ? 'thermal' : 'electronic',
          claims: [
            { name: 'N', formula: `${sum} == 0` },
            { name: 'S', formula: 'Sdot >= 0' },
            { name: 'bad', formula: `${sum} == ${k}*L0_LR*(mu_L - T0)` },
          ],
        };
        const res = verifyClaims(parseClaimFile(spec), { seed: k, systems: 2, points: 4, admissiblePoints: 3, hints: false }).claims;
        expect(res.map((r) => r.verdict)).toEqual(['proved', 'proved', 'refuted']);
        // the exact point of the refutation really gives different sides
        const c = parseClaimFile(spec).claims[2];
        const p = exactPoint(c.context, 77);
        expect(Q.isZero(residualOf(c, p.I).r)).toBe(false);
      }),
      { numRuns: 6 },
    );
  });
});

function parseQ(s: string): Q.Rational {
  const [a, b] = s.split('/');
  return Q.rat(BigInt(a), BigInt(b ?? '1'));
}

describe('budgets: a symbolic route that runs out hands over and says so', () => {
  it('with a 0 ms budget an identity is supported by exact points (failure probability stated), not proved', () => {
    const spec = {
      terminals: ['L', 'R', 'P1', 'P2'],
      probes: { P1: 'VTP', P2: 'VTP' },
      claims: [
        { name: 'N', formula: 'VTP(JQ_L + JQ_R + JQ_P1 + JQ_P2) == 0' },
        { name: 'false', formula: 'VTP(JQ_L + JQ_R) == 0*JQ_P1 + 1' },
      ],
    };
    const [ok, bad] = verifyClaims(parseClaimFile(spec), { seed: 1, systems: 4, budgetMs: 0, exactBudgetMs: 20000, hints: false }).claims;
    expect(ok.routes.symbolic.status).toBe('undecided');
    expect(ok.routes.symbolic.detail).toMatch(/not decided: time budget 0 s exhausted at the symbolic route/);
    expect(ok.verdict).toBe('supported');
    expect(ok.reason).toMatch(/failure probability ≤ \(\d+\/2\^31\)\^12/);
    expect(bad.verdict).toBe('refuted');
  });
});
