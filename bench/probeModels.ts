/**
 * Benchmark section: the probe models and leads of issue 9 (docs/physics.md §8–§10). Not a test:
 * nothing here asserts a time.
 *  - nonlinear benzene VTP solve at 10 mV (and ΔT = 50 K): time per solve (fresh prepared system,
 *    so the transmission cache starts empty) and Newton iterations;
 *  - ER Onsager set for benzene (ER probe eliminated energy by energy, adaptive quadrature);
 *  - chain-lead Onsager set: time per set and the achieved error against the 30-digit mpmath
 *    reference test/fixtures/reference/chain_leads.json (generator next to it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benzene, localCoupling, prepareSystem, K_B_EV, type TransportSystem, type Terminal } from '../src/index.js';
import { solveNonlinear } from '../src/numeric/nonlinear.js';
import { chainLead } from '../src/numeric/leads.js';
import { fmt, median, table, timeReps } from './stats.js';

type Better = 'lower' | 'higher';
export interface BenchContext {
  readonly metric: (key: string, value: number, unit: string, better: Better, label: string) => void;
  readonly log: (s?: string) => void;
  readonly quick: boolean;
  readonly details: Record<string, unknown>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function benzeneJunction(role: 'VTP' | 'ER', dV: number): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', mu: dV / 2, temperature: 325, coupling: localCoupling(6, [0], 0.5) },
      { name: 'R', role: 'lead', mu: -dV / 2, temperature: 275, coupling: localCoupling(6, [2], 0.5) },
      { name: 'P', role, coupling: localCoupling(6, [3], 0.1) },
    ],
  };
}

export function probeModelsSection(ctx: BenchContext): void {
  const { metric, log } = ctx;
  const reps = ctx.quick ? 3 : 15;
  const ref = { mu: 0, temperature: 300 };
  log('4. Probe models and leads (issue 9): nonlinear VTP, ER Onsager set, chain-lead Onsager set vs 30-digit mpmath');
  const rows: string[][] = [['case', 'time', 'notes']];

  // Nonlinear VTP at 10 mV: a fresh prepared system per solve (includes the linear start and the T(E) cache fill).
  let iterations = 0,
    evals = 0;
  const tNl = timeReps(
    () => {
      const r = solveNonlinear(prepareSystem(benzeneJunction('VTP', 0.01)), ref, 'electronic');
      iterations = r.iterations;
      evals = r.transmissionEvaluations;
    },
    2,
    reps,
  );
  metric('probeModels.nonlinearVtpMs', median(tNl), 'ms', 'lower', 'nonlinear benzene VTP solve at 10 mV, ΔT = 50 K');
  metric('probeModels.nonlinearVtpIterations', iterations, '', 'lower', 'Newton iterations (nonlinear VTP, 10 mV)');
  rows.push(['nonlinear VTP, benzene, 10 mV, ΔT = 50 K', `${fmt(median(tNl))} ms`, `${iterations} Newton iterations, ${evals} transmission evaluations`]);

  // ER Onsager set (prepared system reused: the engine is built once).
  const pe = prepareSystem(benzeneJunction('ER', 0.01));
  let erEvals = 0;
  const tEr = timeReps(
    () => {
      erEvals = (pe.onsager(ref) as unknown as { evaluations: number }).evaluations;
    },
    2,
    reps,
  );
  metric('probeModels.erOnsagerMs', median(tEr), 'ms', 'lower', 'ER Onsager set, benzene (energy-by-energy elimination + quadrature)');
  rows.push(['ER Onsager set, benzene (μ0 = 0)', `${fmt(median(tEr))} ms`, `${erEvals} energies`]);

  // Chain-lead Onsager sets against the mpmath reference.
  const ref30 = JSON.parse(readFileSync(path.join(here, '../test/fixtures/reference/chain_leads.json'), 'utf8'));
  const terminals: Terminal[] = ref30.system.leads.map((l: { name: string; site: number; hopping: number; contact: number; onsite: number }) => ({
    name: l.name,
    role: 'lead',
    mu: 0,
    temperature: 300,
    coupling: localCoupling(6, [l.site], (2 * l.contact ** 2) / Math.abs(l.hopping)),
    lead: chainLead(l.site, l.hopping, l.contact, l.onsite),
  }));
  terminals.push({ name: 'P', role: 'VP', coupling: localCoupling(6, [ref30.system.probe.site], ref30.system.probe.gamma) });
  const pc = prepareSystem({ hamiltonian: benzene(ref30.system.hamiltonian.hopping), terminals });
  const chainInfo: Array<{ mu: number; T: number; ms: number; worst: number }> = [];
  for (const pt of ref30.points as Array<{ mu: number; T: number; L0: number[][]; L1: number[][]; L2: number[][] }>) {
    const r = { mu: pt.mu, temperature: pt.T };
    let o = pc.onsager(r);
    const t = timeReps(
      () => {
        o = pc.onsager(r);
      },
      1,
      Math.max(3, reps >> 1),
    );
    const kT = K_B_EV * pt.T,
      max0 = Math.max(...pt.L0.flat().map(Math.abs));
    let worst = 0;
    [o.L0, o.L1, o.L2].forEach((L, nu) => {
      const R = [pt.L0, pt.L1, pt.L2][nu];
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++)
          if (a !== b) worst = Math.max(worst, Math.abs(L[a * 3 + b] - R[a][b]) / (kT ** nu * Math.max(Math.abs(pt.L0[a][b]), 1e-12 * max0)));
    });
    chainInfo.push({ mu: pt.mu, T: pt.T, ms: median(t), worst });
    rows.push([
      `chain-lead Onsager set, μ0 = ${pt.mu} eV, T0 = ${pt.T} K`,
      `${fmt(median(t))} ms`,
      `error vs mpmath ${worst.toExponential(2)} of (k_BT)^ν·|L0_αβ|`,
    ]);
  }
  metric('probeModels.chainOnsagerMs', median(chainInfo.map((c) => c.ms)), 'ms', 'lower', 'chain-lead Onsager set (median over the reference points)');
  metric(
    'probeModels.chainOnsagerError',
    Math.max(...chainInfo.map((c) => c.worst)),
    '',
    'lower',
    'chain-lead Onsager error vs 30-digit mpmath (relative to the natural scale)',
  );
  log(table(rows, 'lrl'));
  log();
  ctx.details.probeModels = { nonlinearVtpMs: tNl, iterations, erOnsagerMs: tEr, chain: chainInfo };
}
