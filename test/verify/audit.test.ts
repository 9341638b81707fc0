/**
 * Findings of the black-box audit of `probecheck verify` (docs/verify.md, docs/physics.md §16):
 * constant (sign-decidable) inequalities are proved or refuted exactly; the printed residual is
 * the asserted quantity with its sign; hints put physical conditions first; messages name only
 * what the claim uses; numeric-only claims never start a hint search.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClaimError, parseClaimFile, type Claim } from '../../src/verify/claims.js';
import { verifyClaims } from '../../src/verify/verify.js';
import { formatText } from '../../src/verify/format.js';
import { residualOf } from '../../src/verify/exact.js';
import { Instance } from '../../src/verify/instance.js';
import { RationalField } from '../../src/symbolic/field.js';
import * as Q from '../../src/symbolic/rational.js';
import { runCli } from '../helpers/cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const T3 = { terminals: ['L', 'R', 'P'], probes: { P: 'VTP' } };
const parseQ = (s: string): Q.Rational => {
  const [a, b] = s.split('/');
  return Q.rat(BigInt(a), BigInt(b ?? '1'));
};
const rel = fc.constantFrom('>=', '<=');

describe('inequalities whose sign is decidable exactly are proved or refuted by the symbolic route', () => {
  it('rational constants, either relation (property)', () => {
    const num = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 }));
    fc.assert(
      fc.property(num, num, rel, ([a, p], [b, q], r) => {
        const formula = `${a}/${p} ${r} ${b}/${q}`;
        const [c] = verifyClaims(parseClaimFile({ ...T3, claims: [{ name: 'c', formula }] }), { systems: 0 }).claims;
        const holds = r === '>=' ? a * q >= b * p : a * q <= b * p;
        expect(c.routes.symbolic.status).toBe(holds ? 'proved' : 'refuted');
        expect(c.verdict).toBe(holds ? 'proved' : 'refuted');
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('a constant reached through symbols, and sums of terms of one sign in positive symbols', () => {
    const claims = [
      { name: 'const', formula: '3 >= 2' },
      { name: 'const false', formula: '2 >= 3' },
      { name: 'cancelled symbols', formula: 'L1_LR - L1_LR + 2 <= 1' },
      { name: 'temperatures', formula: 'T0 + T_L*T_R/T0 >= 0' },
      { name: 'negative temperatures', formula: '-T0 - T_L >= 0' },
      { name: 'L0 and L2', formula: 'L0_LR*L2_LP + T0 >= 0' },
      { name: 'L1 has no sign', formula: 'L1_LR >= 0' },
    ];
    const res = verifyClaims(parseClaimFile({ ...T3, claims }), { systems: 0 }).claims;
    expect(res.map((r) => [r.verdict, r.routes.symbolic.status])).toEqual([
      ['proved', 'proved'],
      ['refuted', 'refuted'],
      ['refuted', 'refuted'],
      ['proved', 'proved'],
      ['refuted', 'refuted'],
      ['proved', 'proved'],
      ['refuted', 'open'],
    ]);
  });
});

describe('the printed residual is the asserted quantity, with the asserted sign', () => {
  it('for >= it is lhs − rhs, for <= rhs − lhs; its value at the counterexamples is < 0 (property)', () => {
    const forms = fc.constantFrom(['L0_LR*L2_LR', 'L1_LR^2'], ['VP(Sdot)', 'VTP(Sdot)'], ['T_L', 'T_R + 1/2']);
    fc.assert(
      fc.property(forms, rel, fc.integer({ min: 1, max: 50 }), ([big, small], r, seed) => {
        // the false direction of each pair
        const formula = r === '>=' ? `${small} >= ${big}` : `${big} <= ${small}`;
        const [c] = verifyClaims(parseClaimFile({ ...T3, claims: [{ name: 'c', formula }] }), { seed, systems: 2 }).claims;
        if (c.verdict !== 'refuted') return; // T_L vs T_R + 1/2 may hold at every drawn point
        const a = c.asserted!;
        expect(a.quantity).toBe(r === '>=' ? 'lhs − rhs' : 'rhs − lhs');
        expect(a.sign).toBe('≥ 0');
        const ex = c.counterexample?.exact;
        if (ex) {
          const want = r === '>=' ? Q.sub(parseQ(ex.lhs), parseQ(ex.rhs)) : Q.sub(parseQ(ex.rhs), parseQ(ex.lhs));
          expect(Q.equals(parseQ(a.exact!), want)).toBe(true);
          expect(Q.compare(want, Q.ZERO)).toBeLessThan(0);
        }
        const ph = c.counterexample?.physical;
        if (ph) {
          expect(a.physical).toBe(ph.residual);
          expect(a.physical!).toBeLessThan(0);
          expect(Math.sign(r === '>=' ? ph.lhs - ph.rhs : ph.rhs - ph.lhs)).toBe(-1);
        }
        const text = formatText({ claims: [c], seed, summary: { proved: 0, supported: 0, refuted: 1, undecided: 0 }, seconds: 0, exitCode: 1 });
        expect(text).toMatch(new RegExp(`^ {4}asserted: ${a.quantity} ≥ 0; = -`, 'm'));
        expect(text).not.toMatch(r === '<=' ? /lhs − rhs/ : /rhs − lhs/);
      }),
      { numRuns: 12, seed: 5 },
    );
  });

  it('json carries the same asserted quantity and the residual expression under that name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-audit-'));
    const p = join(dir, 'c.json');
    writeFileSync(p, JSON.stringify({ ...T3, claims: [{ name: 'CS reversed', formula: 'L0_LR*L2_LR <= L1_LR^2' }] }));
    const r = await runCli(['verify', p, '--format', 'json']);
    const c = JSON.parse(r.stdout).claims[0];
    expect(c.asserted.quantity).toBe('rhs − lhs');
    expect(c.residual).toBe('(L1_LR^2 - L0_LR*L2_LR)');
    const t = await runCli(['verify', p]);
    expect(t.stdout).toMatch(/^ {4}residual rhs − lhs = \(L1_LR\^2 - L0_LR\*L2_LR\)$/m);
  });
});

describe('hints: physical conditions first, up to three', () => {
  it('a claim true under several nodes and off by a sign: three hints, the slip last', () => {
    const spec = { ...T3, claims: [{ name: 'c', formula: 'L0_LP*L0_RP*(T_L - T_R) == -L0_LP*L0_RP*(T_L - T_R)' }] };
    const [c] = verifyClaims(parseClaimFile(spec), { systems: 0 }).claims;
    expect(c.verdict).toBe('refuted');
    const hints = c.hint!.split('; ');
    expect(hints).toHaveLength(3);
    expect(hints[0]).toMatch(/^true under a node between L and P/);
    expect(hints[1]).toMatch(/^true under /);
    expect(hints[2]).toMatch(/sign flip/);
  });
});

describe('hints for a claim whose assumptions use a definition', () => {
  it("are searched like any other (the variant keeps the file's definitions)", () => {
    const f = (assume: string) =>
      parseClaimFile({
        terminals: ['L', 'R', 'P'],
        probes: { P: 'VP' },
        define: { Tm: '(T_L + T_R)/2' },
        claims: [{ name: 'c', assume: [assume], formula: 'mu_P == (mu_L + mu_R)/2 + 0*T_P' }],
      });
    const [a] = verifyClaims(f('T_P = Tm'), { systems: 0 }).claims;
    const [b] = verifyClaims(f('T_P = (T_L + T_R)/2'), { systems: 0 }).claims;
    expect(b.hint).toMatch(/true under mirror symmetry L ↔ R/);
    expect(a.hint).toBe(b.hint);
  });
});

describe('messages', () => {
  it('a missing factor T0 is "T0", not "1·T0"', () => {
    const spec = { ...T3, claims: [{ name: 'c', formula: 'VP(Sdot) - VTP(Sdot) == VP(JQ_P)*(VTP(T_P) - VP(T_P))/T0^3' }] };
    const [c] = verifyClaims(parseClaimFile(spec), { systems: 0 }).claims;
    expect(c.hint).toMatch(/lhs = T0 · rhs exactly: a missing factor T0\?/);
    expect(c.hint).not.toMatch(/1·/);
  });

  /** The claim evaluated from the printed point alone (every other symbol throws). */
  const fromPoint = (claim: Claim, point: Record<string, string>) => {
    const byKey = new Map(Object.entries(point).map(([n, v]) => [claim.context.resolve(n)!.key, parseQ(v)]));
    const I = new Instance(claim.context, RationalField, (k) => {
      const v = byKey.get(k);
      if (!v) throw new Error(`the point lacks ${claim.context.display(k)}`);
      return v;
    });
    return residualOf(claim, I);
  };

  it('the exact point lists exactly the symbols the claim needs: no solved T_P of a VTP, and it reproduces both sides (property)', () => {
    const claimArb = fc.constantFrom(
      { circuit: 'thermal', formula: 'T_P >= T_L' },
      { circuit: 'thermal', formula: 'JQ_L >= 0' },
      { circuit: 'electronic', formula: 'mu_P >= mu_L' },
      { circuit: 'electronic', formula: 'VP(mu_P) == VTP(mu_P)' },
    );
    fc.assert(
      fc.property(claimArb, fc.integer({ min: 1, max: 100 }), ({ circuit, formula }, seed) => {
        const spec = { ...T3, circuit, claims: [{ name: 'c', formula }] };
        const [r] = verifyClaims(parseClaimFile(spec), { seed, systems: 0 }).claims;
        const ex = r.counterexample?.exact;
        expect(r.verdict).toBe('refuted');
        expect(ex).toBeDefined();
        if (!formula.includes('VP(')) expect(Object.keys(ex!.point)).not.toContain('T_P');
        if (circuit === 'thermal') expect(Object.keys(ex!.point)).not.toContain('mu_R');
        const v = fromPoint(parseClaimFile(spec).claims[0], ex!.point);
        expect(Q.toString(v.lhs)).toBe(ex!.lhs);
        expect(Q.toString(v.rhs)).toBe(ex!.rhs);
      }),
      { numRuns: 8, seed: 3 },
    );
  });
});

describe('numeric-only claims', () => {
  it('a refuted identity with elementary functions ends refuted (no hint search, no internal error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-audit-'));
    const p = join(dir, 'n.json');
    writeFileSync(
      p,
      JSON.stringify({
        ...T3,
        claims: [
          { name: 'exp', formula: 'exp(JN_L) == 1 + JN_L' },
          { name: 'power', formula: 'abs(Sdot)^(1/2) == 2*sqrt(abs(Sdot))' },
        ],
      }),
    );
    const r = await runCli(['verify', p, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const cs = JSON.parse(r.stdout).claims;
    expect(cs.map((c: { verdict: string }) => c.verdict)).toEqual(['refuted', 'refuted']);
    for (const c of cs) expect(c.hint).toBeUndefined();
  });
});

describe('temperatures are positive: an assumption that makes one ≤ 0 everywhere is exit 2', () => {
  const parseWith =
    (assume: string[], formula = 'Sdot >= 0') =>
    () =>
      parseClaimFile({ ...T3, claims: [{ name: 'second law', formula, assume }] });

  it('T0 = c, T_L = c·T0, T_P = c·T_L: refused iff c ≤ 0, naming the claim and the assumption (property)', () => {
    const sym = fc.constantFrom(['T0', ''], ['T_L', '*T0'], ['T_P', '*T_L'], ['T_R', '*T0*T_L/(T_L + L0_LR)']);
    fc.assert(
      fc.property(sym, fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 5 }), ([name, tail], p, q) => {
        const text = `${name} = (${p}/${q})${tail}`;
        if (p > 0) {
          expect(parseWith([text])).not.toThrow();
          return;
        }
        expect(parseWith([text])).toThrow(ClaimError);
        expect(parseWith([text])).toThrow(`claims[0] "second law".assume[0]: "${text}" makes ${name} ≤ 0 for every value of the other symbols`);
      }),
      { numRuns: 40, seed: 2 },
    );
  });

  it('one that is ≤ 0 only somewhere is accepted (T_R = 2*T0 - T_L of the paper)', () => {
    expect(parseWith(['T_R = 2*T0 - T_L'])).not.toThrow();
    expect(parseWith(['T_L = T0 + mu_L'])).not.toThrow();
  });

  it('through the CLI: exit 2, one line; T0 = -1 no longer proves the second law', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-audit-'));
    const p = join(dir, 't.json');
    writeFileSync(p, JSON.stringify({ ...T3, assume: ['T0 = -1'], claims: [{ name: 'second law', formula: 'Sdot >= 0' }] }));
    const r = await runCli(['verify', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^probecheck: claims\[0\] "second law"\.assume\[0\]: "T0 = -1" makes T0 ≤ 0 for every value of the other symbols; temperatures are absolute \(K\) and positive\n$/,
    );
  });
});

describe('every claim is bounded in time and memory; the others still run', () => {
  it('definitions that double 30 times: undecided before anything is expanded, naming the definition', () => {
    const define: Record<string, string> = { S1: 'Sdot*Sdot' };
    for (let k = 2; k <= 30; k++) define[`S${k}`] = `S${k - 1}*S${k - 1}`;
    const t0 = performance.now();
    const f = parseClaimFile({
      ...T3,
      define,
      claims: [
        { name: 'chain', formula: 'S30 >= 0' },
        { name: 'ok', formula: 'Sdot >= 0' },
      ],
    });
    const [big, ok] = verifyClaims(f, { systems: 2 }).claims;
    expect(performance.now() - t0).toBeLessThan(20000);
    expect(big.verdict).toBe('undecided');
    expect(big.reason).toBe('expression too large: 2.1e9 terms after expanding S30 (limit 50000)'); // S_k = 2·S_{k−1} + 1 nodes, S1 = 3
    expect(ok.verdict).toBe('proved');
  });

  it('the size limit counts shared definitions once per use (property: refused iff the expanded size is over the limit)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (levels) => {
        const define: Record<string, string> = { A1: 'L0_LR + T0' };
        for (let k = 2; k <= levels; k++) define[`A${k}`] = `A${k - 1}*A${k - 1}`;
        const [c] = parseClaimFile({ ...T3, define, claims: [{ name: 'c', formula: `A${levels} >= 0` }] }).claims;
        // A1 has 3 nodes, A_k = 2·A_{k−1} + 1; the claim adds the relation and the 0
        const nodes = 2 ** (levels + 1) - 1 + 2;
        expect(Boolean(c.tooLarge)).toBe(nodes > 50000);
      }),
      { numRuns: 20, seed: 4 },
    );
  });

  it('(Sdot+1)^999: each route stops at its budget or size cap with the reason, the claim takes seconds, not minutes', () => {
    const f = parseClaimFile({
      ...T3,
      claims: [
        { name: 'huge power', formula: '(Sdot + 1)^999 == 1 + 999*Sdot' },
        { name: 'ok', formula: 'Sdot >= 0' },
      ],
    });
    const [big, ok] = verifyClaims(f, { systems: 2, budgetMs: 1000 }).claims;
    expect(big.seconds).toBeLessThan(8);
    expect(big.routes.symbolic.detail).toMatch(/^not decided: (expression too large: .*|time budget 1 s exhausted at the symbolic route)$/);
    expect(big.routes.rational.detail).toMatch(/^not decided: (expression too large: .*|time budget 1 s exhausted at the exact-point route)$/);
    expect(ok.verdict).toBe('proved');
  });

  it('the guards refuse an operation before doing it', async () => {
    const { guardedRatFunc, guardedRationalField, BudgetExceeded } = await import('../../src/verify/exact.js');
    const { RatFunc } = await import('../../src/symbolic/polynomial.js');
    const b = { deadline: performance.now() + 60000, maxTerms: 1000 };
    let p = RatFunc.constant(0);
    for (let k = 0; k < 40; k++) p = p.add(RatFunc.variable(`x${k}`));
    const F = guardedRatFunc(b);
    expect(() => F.mul(p, RatFunc.variable('y'))).not.toThrow();
    const t0 = performance.now();
    expect(() => F.mul(p, p)).toThrow(BudgetExceeded); // 1600 pairs > 1000: refused, not computed
    expect(() => F.mul(p, p)).toThrow(/a product of 40 × 40 terms \(limit 1000 pairs\)/);
    expect(performance.now() - t0).toBeLessThan(50);
    const Qf = guardedRationalField(b, 1000);
    const big = Q.rat(2n ** 600n + 1n);
    expect(() => Qf.mul(big, big)).toThrow(/an exact number would exceed 1000 bits/);
    expect(() => Qf.add(big, Q.ONE)).not.toThrow();
  });
});

describe('limits of the language are exit 2 naming the field', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      '(E-mu0)^1000 in a transmission',
      { transmission: { LR: '(E-mu0)^1000', LP: 'g', RP: 'g' }, sommerfeld: 2, formula: 'L0_LR == 0' },
      /^probecheck: claims\[0\] "c"\.transmission\.LR: the power at position 2 has the exponent 1000; a transmission has degree ≤ 40 in E$/,
    ],
    [
      'degree 41 in a transmission',
      { transmission: { LR: '(E-mu0)^41/(1 + E^2)', LP: 'g', RP: 'g' }, sommerfeld: 2, formula: 'L0_LR == 0' },
      /^probecheck: claims\[0\] "c"\.transmission\.LR: degree 41 in E \(numerator or denominator\) is beyond the limit 40 of model claims$/,
    ],
    [
      'a non-integer power in a transmission',
      { transmission: { LR: '(E-mu0)^(1/2)', LP: 'g', RP: 'g' }, sommerfeld: 2, formula: 'L0_LR == 0' },
      /^probecheck: claims\[0\] "c"\.transmission\.LR: a non-integer power: a transmission must be a polynomial or rational function of E$/,
    ],
    [
      'an exponent beyond ±999 in a formula',
      { formula: 'Sdot^(-1000) >= 0' },
      /^probecheck: claims\[0\] "c"\.formula: the power at position 1 has the exponent -1000; exact integer powers go up to ±999$/,
    ],
  ];
  it.each(cases)('%s', async (_, claim, msg) => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-audit-'));
    const p = join(dir, 'l.json');
    writeFileSync(p, JSON.stringify({ ...T3, claims: [{ name: 'c', ...claim }] }));
    const r = await runCli(['verify', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(msg.source.replace(/\$$/, '\\n$')));
  });

  it('degree 40 is within the limit and decided', () => {
    const spec = { ...T3, claims: [{ name: 'c', transmission: { LR: '(E-mu0)^40', LP: 'g', RP: 'g' }, sommerfeld: 8, formula: 'L0_LR == 0' }] };
    const [c] = verifyClaims(parseClaimFile(spec), { systems: 0 }).claims;
    expect(c.verdict).toBe('refuted');
    expect(c.counterexample?.term).toMatch(/\* kT\^40$/);
  });
});

describe('inequalities are tested at --points admissible points, boundary ones included', () => {
  const terms = (n: number) => ['L', 'R', 'P', 'Q'].slice(0, n);
  // false inequalities that only fail near the boundary of the admissible set
  const falseArb = fc.oneof(
    // Cauchy–Schwarz with a factor k > 1: equality holds for a single resonance, so it fails there
    fc.record({
      kind: fc.constant('CS'),
      n: fc.integer({ min: 3, max: 4 }),
      pair: fc.integer({ min: 0, max: 5 }),
      k: fc.integer({ min: 1, max: 300 }),
      flip: fc.boolean(),
    }),
    // the VTP temperature between the leads' in a thermal circuit (thermoelectric coupling breaks it)
    fc.record({ kind: fc.constant('between'), n: fc.integer({ min: 3, max: 4 }), pair: fc.constant(0), k: fc.constant(0), flip: fc.boolean() }),
  );
  const claimOfArb = ({ kind, n, pair, k, flip }: { kind: string; n: number; pair: number; k: number; flip: boolean }) => {
    const t = terms(n);
    const pairs = t.flatMap((a, i) => t.slice(i + 1).map((b) => `${a}${b}`));
    const ab = pairs[pair % pairs.length];
    const probes: Record<string, string> = n === 3 ? { P: 'VTP' } : { P: 'VTP', Q: 'VP' };
    if (kind === 'CS') {
      const c = `${100 + k}/100`;
      const [l, r] = [`L0_${ab}*L2_${ab}`, `${c}*L1_${ab}^2`];
      return { terminals: t, probes, claims: [{ name: 'c', formula: flip ? `${r} <= ${l}` : `${l} >= ${r}` }] };
    }
    const f = flip ? '(T_P - T_R)*(T_L - T_P) >= 0' : '(T_P - T_L)*(T_R - T_P) >= 0';
    return { terminals: t, probes, circuit: 'thermal', claims: [{ name: 'c', formula: f }] };
  };

  it('a false inequality is refuted at the default seed with an exact admissible counterexample (property)', () => {
    fc.assert(
      fc.property(falseArb, (x) => {
        const spec = claimOfArb(x);
        const [c] = verifyClaims(parseClaimFile(spec), { systems: 0 }).claims;
        expect(c.verdict).toBe('refuted');
        const ex = c.counterexample!.exact!;
        expect(ex.kind).toBe('admissible');
        // checkable: the printed point alone gives both sides, and the asserted quantity is < 0
        const [claim] = parseClaimFile(spec).claims;
        const byKey = new Map(Object.entries(ex.point).map(([nm, v]) => [claim.context.resolve(nm)!.key, parseQ(v)]));
        const v = residualOf(claim, new Instance(claim.context, RationalField, (k) => byKey.get(k)!));
        expect(Q.compare(v.r, Q.ZERO)).toBeLessThan(0);
        expect(Q.toString(v.lhs)).toBe(ex.lhs);
      }),
      { numRuns: 25, seed: 8 },
    );
  });

  it('true inequalities are never refuted, at any seed (property)', () => {
    const trueArb = fc.record({
      n: fc.integer({ min: 3, max: 4 }),
      pair: fc.integer({ min: 0, max: 5 }),
      k: fc.integer({ min: 0, max: 100 }),
      which: fc.integer({ min: 0, max: 2 }),
      seed: fc.integer({ min: 1, max: 10000 }),
    });
    fc.assert(
      fc.property(trueArb, ({ n, pair, k, which, seed }) => {
        const t = terms(n);
        const pairs = t.flatMap((a, i) => t.slice(i + 1).map((b) => `${a}${b}`));
        const ab = pairs[pair % pairs.length];
        const probes: Record<string, string> = n === 3 ? { P: 'VTP' } : { P: 'VTP', Q: 'VTP' };
        const ph = pairs.map((p) => `L1_${p} = 0`);
        const spec =
          which === 0
            ? { terminals: t, probes, claims: [{ name: 'CS', formula: `L0_${ab}*L2_${ab} >= ${k}/100*L1_${ab}^2` }] }
            : which === 1
              ? // without thermoelectric coupling the VTP temperature is a mean of the others with weights L2 ≥ 0
                { terminals: t, probes, circuit: 'thermal', assume: ph, claims: [{ name: 'between', formula: '(T_P - T_L)*(T_R - T_P) + 0*T0 >= 0' }] }
              : { terminals: t, probes, claims: [{ name: 'VTP minimum', formula: `VP(Sdot) >= VTP(Sdot) + 0*L0_${ab}` }] };
        if (which === 1 && n === 4) return; // a second VTP may sit outside [T_L, T_R]: not a theorem
        if (which === 2 && n === 4) return; // (slow without the structural lemma; three terminals suffice)
        const [c] = verifyClaims(parseClaimFile(spec), { seed, systems: 0 }).claims;
        expect(c.verdict).not.toBe('refuted');
      }),
      { numRuns: 40, seed: 9 },
    );
  });

  it('the audit case: T_P between T_L and T_R in a thermal circuit with a VTP is refuted at the default seed', () => {
    const spec = {
      terminals: ['L', 'R', 'P'],
      probes: { P: 'VTP' },
      circuit: 'thermal',
      claims: [{ name: 'between', formula: '(T_P - T_L)*(T_R - T_P) >= 0' }],
    };
    const [c] = verifyClaims(parseClaimFile(spec)).claims;
    expect(c.verdict).toBe('refuted');
    expect(c.counterexample?.exact?.kind).toBe('admissible');
    expect(Object.keys(c.counterexample!.exact!.point)).not.toContain('T_P');
  });

  it('the numeric route tries biases at the edge of their range', () => {
    // numeric-only (abs): false only within 0.05 % of the ±20 % edge of the temperature range
    const spec = { terminals: ['L', 'R', 'P'], probes: { P: 'VTP' }, claims: [{ name: 'edge', formula: 'abs(T_L - T0) + 0*Sdot <= 0.1999*T0' }] };
    const [c] = verifyClaims(parseClaimFile(spec)).claims;
    expect(c.verdict).toBe('refuted');
    const v = c.counterexample!.physical!.values;
    expect(Math.abs(v.T_L - v.T0) / v.T0).toBeCloseTo(0.2, 5);
  });

  it('--points governs how many admissible points an inequality is tested at', () => {
    const spec = { terminals: ['L', 'R', 'P'], probes: { P: 'VTP' }, claims: [{ name: 'CS', formula: 'L0_LR*L2_LR >= L1_LR^2' }] };
    for (const points of [3, 12, 40]) {
      const [c] = verifyClaims(parseClaimFile(spec), { systems: 0, points }).claims;
      expect(c.routes.rational.points).toBe(points);
      expect(c.routes.rational.detail).toMatch(new RegExp(`^holds at ${points} exact admissible points`));
    }
  });
});

describe('claim files and --system are read as strictly as a config (src/io/json.ts)', () => {
  const claims = (extra: string) =>
    `{"terminals": ["L", "R", "P"], "probes": {"P": "VP"}${extra}, "claims": [{"name": "c", "formula": "VP(Sdot) >= VTP(Sdot)"}]}`;
  it.each([
    ['a duplicate key', claims(', "probes": {"P": "VTP"}'), /^probecheck: probes: the key "probes" is given twice/],
    ['an underflowing number', claims(', "define": {"g": "1"}, "x": 1e-400'), /^probecheck: x: 1e-400 underflows/],
  ])('a claim file with %s is exit 2 naming the key', async (_what, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-strict-'));
    const p = join(dir, 'claims.json');
    writeFileSync(p, text);
    const r = await runCli(['verify', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--system with gamma 1e-400 is exit 2 naming the field (it was read as the coherent limit γ = 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-verify-strict-'));
    const p = join(dir, 'claims.json');
    writeFileSync(p, claims(''));
    const sys = join(dir, 'system.json');
    writeFileSync(
      sys,
      '{"hamiltonian": {"model": "benzene", "hopping": -2.64}, "reference": {"mu": 0, "T": 300}, "terminals": [' +
        '{"name": "L", "coupling": {"sites": [0], "gamma": 0.5}, "mu": 0.005, "T": 300}, {"name": "R", "coupling": {"sites": [2], "gamma": 0.5}, "mu": -0.005, "T": 300},' +
        '{"name": "P", "probe": "VP", "T": 300, "coupling": {"sites": [3], "gamma": 1e-400}}]}',
    );
    const r = await runCli(['verify', p, '--system', sys]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^probecheck: --system .*terminals\[2\]\.coupling\.gamma.*1e-400 underflows/);
  });
});
