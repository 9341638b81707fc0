/**
 * Benchmark of `probecheck verify` (target: a file of 20 claims on three or four terminals decided
 * in < 5 s on the 2-core machine). The claim file below mixes identities, inequalities, thermal
 * circuits, two probes and a Sommerfeld model claim; every claim is decided by all its routes
 * (symbolic, 12 exact points or 12 admissible points, 16 random NEGF systems per context).
 *
 * Standalone: `npx tsx bench/verify.ts`; inside `npm run bench` through {@link verifySection}.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseClaimFile, parseClaimFileText } from '../src/verify/claims.js';
import { verifyClaims } from '../src/verify/verify.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** 20 claims on four terminals (two leads, a VP and a VTP), electronic and thermal. */
export const BENCH_CLAIMS = {
  terminals: ['L', 'R', 'P1', 'P2'],
  probes: { P1: 'VP', P2: 'VTP' },
  claims: [
    { name: 'particle conservation', formula: 'JN_L + JN_R + JN_P1 + JN_P2 == 0' },
    { name: 'heat conservation (VTP)', formula: 'VTP(JQ_L + JQ_R + JQ_P1 + JQ_P2) == 0' },
    { name: 'probe conditions', formula: 'JN_P1^2 + JN_P2^2 + JQ_P2^2 == 0' },
    { name: 'second law', formula: 'Sdot >= 0' },
    { name: 'VP reading second law', formula: 'VP(Sdot) >= 0' },
    { name: 'VTP minimal', formula: 'Sdot >= VTP(Sdot)' },
    { name: 'VP maximal', formula: 'VP(Sdot) >= Sdot' },
    { name: 'wrong direction (refuted)', formula: 'VTP(Sdot) >= VP(Sdot)' },
    {
      name: 'VP P1 potential',
      formula:
        'VP(mu_P1) == VP((L0_LP1*mu_L + L0_RP1*mu_R + L0_P1P2*mu_P2 + L1_LP1*(T_L - T_P1)/T0 + L1_RP1*(T_R - T_P1)/T0 + L1_P1P2*(T_P2 - T_P1)/T0)/(L0_LP1 + L0_RP1 + L0_P1P2))',
    },
    {
      name: 'sign flip (refuted)',
      formula:
        'VP(mu_P1) == -VP((L0_LP1*mu_L + L0_RP1*mu_R + L0_P1P2*mu_P2 + L1_LP1*(T_L - T_P1)/T0 + L1_RP1*(T_R - T_P1)/T0 + L1_P1P2*(T_P2 - T_P1)/T0)/(L0_LP1 + L0_RP1 + L0_P1P2))',
    },
    {
      name: 'entropy balance',
      formula: 'Sdot == -(JN_L*mu_L + JN_R*mu_R + JN_P1*mu_P1 + JN_P2*mu_P2 + (JQ_L*T_L + JQ_R*T_R + JQ_P1*T_P1 + JQ_P2*T_P2)/T0)/T0',
    },
    { name: 'charge-current asymmetry (refuted)', formula: 'JN_L == JN_R' },
    { name: 'Cauchy-Schwarz (supported)', formula: 'L0_LR*L2_LR >= L1_LR^2' },
    { name: 'thermal: open circuit', circuit: 'thermal', formula: 'JN_R^2 + JN_P1^2 + JN_P2^2 == 0' },
    { name: 'thermal: second law', circuit: 'thermal', formula: 'Sdot >= 0' },
    { name: 'thermal: VTP minimal', circuit: 'thermal', formula: 'VP(Sdot) >= VTP(Sdot)' },
    { name: 'thermal: heat conservation', circuit: 'thermal', formula: 'VTP(JQ_L + JQ_R + JQ_P1 + JQ_P2) == 0' },
    { name: 'thermal: JQ_L = -JQ_R (refuted)', circuit: 'thermal', formula: 'JQ_L == -JQ_R' },
    {
      name: 'mirror: equal probe potentials',
      assume: [
        'L0_RP1 = L0_LP1',
        'L1_RP1 = L1_LP1',
        'L2_RP1 = L2_LP1',
        'L0_RP2 = L0_LP2',
        'L1_RP2 = L1_LP2',
        'L2_RP2 = L2_LP2',
        'mu_R = 2*mu0 - mu_L',
        'T_R = 2*T0 - T_L',
        'T_P1 = T0',
        'T_P2 = T0',
      ],
      formula: 'VP(mu_P1) == mu0',
    },
    {
      name: 'Sommerfeld: L0 of a Lorentzian to order 2',
      transmission: { LR: 'w^2/((E - mu0)^2 + w^2)', LP1: 'g', LP2: 'g', RP1: 'g', RP2: 'g', P1P2: 'h' },
      sommerfeld: 2,
      formula: 'L0_LR == 1 - pi^2/3*kT^2/w^2',
    },
  ],
};

/** Decide the 20 claims `reps` times; wall times in ms and the verdicts of the last run. */
export function runVerifyBench(reps = 3): { ms: number[]; cpuMs: number[]; verdicts: string[]; paperMs: number } {
  const ms: number[] = [],
    cpuMs: number[] = [];
  let verdicts: string[] = [];
  for (let k = 0; k < reps; k++) {
    // parse afresh each time: no exact point or circuit is reused between repetitions
    const t = performance.now(),
      c0 = process.cpuUsage();
    const rep = verifyClaims(parseClaimFile(BENCH_CLAIMS), { seed: 1 });
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t);
    cpuMs.push((c.user + c.system) / 1000);
    verdicts = rep.claims.map((x) => x.verdict);
  }
  const paper = parseClaimFileText(readFileSync(path.join(here, '..', 'examples', 'claims', 'paper.json'), 'utf8'));
  const t = performance.now();
  verifyClaims(paper, { seed: 1 });
  return { ms, cpuMs, verdicts, paperMs: performance.now() - t };
}

/** bench/run.ts hook: records verify.20claims.ms (median) and verify.paper.ms. */
export function verifySection(
  metric: (key: string, value: number, unit: string, better: 'lower' | 'higher', label: string) => void,
  log: (s?: string) => void,
): void {
  const { ms, cpuMs, verdicts, paperMs } = runVerifyBench(3);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = med(ms),
    mc = med(cpuMs);
  metric('verify.20claims.ms', m, 'ms', 'lower', 'probecheck verify: 20 claims, 4 terminals, wall (target < 5 s)');
  metric('verify.20claims.cpuMs', mc, 'ms', 'lower', 'probecheck verify: 20 claims, 4 terminals, CPU time of this process');
  metric('verify.paper.ms', paperMs, 'ms', 'lower', 'probecheck verify examples/claims/paper.json');
  log(
    `verify: 20 claims on 4 terminals in ${m.toFixed(0)} ms wall, ${mc.toFixed(0)} ms CPU (median of ${ms.length}; wall ${ms.map((x) => x.toFixed(0)).join(', ')} ms; target < 5000 ms: ${m < 5000 ? 'MET' : 'MISSED'}); paper.json ${paperMs.toFixed(0)} ms`,
  );
  log(`verify verdicts: ${verdicts.join(', ')}`);
}

if (process.argv[1] && /bench[\\/]verify\.ts$/.test(process.argv[1])) {
  verifySection(
    (k, v, u) => process.stdout.write(`${k} = ${v.toFixed(1)} ${u}\n`),
    (s = '') => process.stdout.write(s + '\n'),
  );
}
