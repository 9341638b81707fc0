/**
 * Large-device benchmark cases, each run by bench/run.ts in a fresh child process (so its peak
 * resident set is its own):
 *
 *   node --import tsx bench/sparse-child.ts flake ROWS COLS ENERGIES   transmission, 3 terminals
 *   node --import tsx bench/sparse-child.ts chain-solve N              `solve` of an N-site chain (sparse path)
 *   node --import tsx bench/sparse-child.ts chain-cli-solve N          the same chain through `probecheck solve` (VP, VTP, ER side by side)
 *   node --import tsx bench/sparse-child.ts chain-cli-scan N K         `probecheck scan --probe-models` of it over K μ0 points, one thread
 *   node --import tsx bench/sparse-child.ts flake-threads ROWS COLS ENERGIES THREADS
 *        the same flake and grid as `flake`, through the path of `probecheck transmission --threads`
 *        (transmissionTableThreaded on the config object): config parse, set-up and worker start-up included
 *
 * Prints one JSON line. Flake terminals: L (Γ 0.5 eV) on corner site 0, R (0.5 eV) on the far
 * corner N − 1, probe (0.1 eV) at the centre; t = −2.7 eV; energies evenly over 1.05 × the band
 * (±3|t|), the grid of bench/run.ts section 3 and of bench/baseline_scipy.py.
 */
import { sparseGrapheneFlake } from '../src/numeric/sparse.js';
import { sparseTransmissionEngine, localChannels } from '../src/numeric/sparseTransmission.js';
import { chain, localCoupling, linspace, prepareSystem, solveSystem } from '../src/index.js';
import { transmissionTableThreaded } from '../src/parallel/threads.js';
import { toCsv } from '../src/io/csv.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [mode, ...rest] = process.argv.slice(2);
const out: Record<string, unknown> = { mode };
if (mode === 'flake') {
  const [rows, cols, ne] = rest.map(Number);
  const N = rows * cols,
    t = -2.7;
  const t0 = performance.now();
  const H = sparseGrapheneFlake(rows, cols, t);
  const centre = (rows >> 1) * cols + (cols >> 1);
  const engine = sparseTransmissionEngine(H, [localChannels([0], 0.5), localChannels([N - 1], 0.5), localChannels([centre], 0.1)]);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const energies = linspace(-1.05 * 3 * Math.abs(t), 1.05 * 3 * Math.abs(t), ne);
  const T = new Float64Array(9);
  const sample: number[][] = [];
  let sum = 0;
  for (let k = 0; k < energies.length; k++) {
    engine.evaluate(energies[k], T);
    sum += T[1];
    if (k % Math.max(1, Math.floor(ne / 10)) === 0) sample.push([energies[k], T[1], T[2], T[5]]);
  }
  const t2 = performance.now();
  const c2 = process.cpuUsage(c1);
  Object.assign(out, {
    N,
    energies: ne,
    // CPU time of the sweep (user + system) per energy: less sensitive than wall time to other jobs on a shared machine
    perEnergyCpuMs: (c2.user + c2.system) / 1000 / ne,
    setupMs: t1 - t0,
    sweepMs: t2 - t1,
    perEnergyMs: (t2 - t1) / ne,
    totalMs: t2 - t0,
    method: engine.solver.method,
    stats: engine.solver.stats,
    fallbacks: engine.fallbacks,
    factorisations: engine.solver.factorisations,
    maxBackwardError: engine.maxBackwardError,
    sumTLR: sum,
    sample,
  });
} else if (mode === 'flake-threads') {
  const [rows, cols, ne, threads] = rest.map(Number);
  const N = rows * cols,
    t = -2.7;
  const centre = (rows >> 1) * cols + (cols >> 1);
  // the terminals of `flake` as a CONFIG.json (sparse-only when N > 3000); the probe's width enters G as there (μ, T: no effect on T(E))
  const config = {
    hamiltonian: { model: 'graphene', rows, cols, hopping: t },
    reference: { mu: 0, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 300 },
      { name: 'R', coupling: { sites: [N - 1], gamma: 0.5 }, mu: 0, T: 300 },
      { name: 'P', probe: 'VTP', coupling: { sites: [centre], gamma: 0.1 } },
    ],
  };
  const energies = linspace(-1.05 * 3 * Math.abs(t), 1.05 * 3 * Math.abs(t), ne);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const table = await transmissionTableThreaded(config, energies, { threads });
  const wallMs = performance.now() - t0;
  const c1 = process.cpuUsage(c0); // the whole process: this thread and every worker
  let sum = 0;
  for (const row of table.rows) sum += row[1] as number;
  Object.assign(out, {
    N,
    energies: ne,
    threads,
    wallMs,
    cpuMs: (c1.user + c1.system) / 1000,
    header: table.header,
    sumTLR: sum,
    // the same bytes for every thread count: the CSV `probecheck transmission` would write
    csvSha256: createHash('sha256').update(toCsv(table.header, table.rows)).digest('hex'),
  });
} else if (mode === 'chain-solve') {
  const N = Number(rest[0]);
  const t0 = performance.now();
  const H = chain(N, -2.7);
  const system = {
    hamiltonian: H,
    terminals: [
      { name: 'L', role: 'lead' as const, mu: 0.1005, temperature: 310, coupling: localCoupling(N, [0], 0.5) },
      { name: 'R', role: 'lead' as const, mu: 0.0995, temperature: 290, coupling: localCoupling(N, [N - 1], 0.5) },
      { name: 'P', role: 'VTP' as const, coupling: localCoupling(N, [N >> 1], 0.1) },
    ],
  };
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const prepared = prepareSystem(system);
  const sol = solveSystem(prepared, { mu: 0.1, temperature: 300 }, 'electronic');
  const t2 = performance.now();
  const c2 = process.cpuUsage(c1);
  const q = sol.onsager as { evaluations?: number; converged?: boolean };
  Object.assign(out, {
    N,
    buildMs: t1 - t0,
    solveMs: t2 - t1,
    solveCpuMs: (c2.user + c2.system) / 1000,
    path: prepared.path,
    method: sol.onsager.method,
    evaluations: q.evaluations,
    converged: q.converged,
    TP: sol.circuit.temperature[2],
    heatL: sol.circuit.heatCurrent[0],
  });
} else if (mode === 'chain-cli-solve' || mode === 'chain-cli-scan') {
  // `probecheck solve CONFIG.json` on the chain of `chain-solve`, as a user runs it: config parse,
  // the solve and the side-by-side probe models (VP, VTP, ER) of its JSON; or `probecheck scan
  // CONFIG.json --probe-models --mu0 0:0.1:K --threads 1` on it (K = rest[1]: the passes of the
  // probe models on one device, src/scan.ts scanDevice). In-process main() (no node start-up),
  // stdout swallowed and hashed, the scan's CSV hashed
  const N = Number(rest[0]);
  const config = {
    hamiltonian: { model: 'chain', sites: N, hopping: -2.7 },
    reference: { mu: 0.1, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.1005, T: 310 },
      { name: 'R', coupling: { sites: [N - 1], gamma: 0.5 }, mu: 0.0995, T: 290 },
      { name: 'P', probe: 'VTP', coupling: { sites: [N >> 1], gamma: 0.1 } },
    ],
  };
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-bench-'));
  const file = join(dir, 'chain.json'),
    csv = join(dir, 'scan.csv');
  writeFileSync(file, JSON.stringify(config));
  const scan = mode === 'chain-cli-scan';
  const args = scan ? ['scan', file, '--probe-models', '--mu0', `0:0.1:${Number(rest[1])}`, '--threads', '1', '--quiet', '--out', csv] : ['solve', file];
  const { main } = await import('../src/cli/main.js');
  const write = process.stdout.write.bind(process.stdout),
    writeErr = process.stderr.write.bind(process.stderr);
  const chunks: string[] = [];
  // the write callback is called, as a stream does: the CLI waits for it (src/io/stdout.ts writeStdout)
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
    const cb = rest.find((x) => typeof x === 'function') as ((e?: Error | null) => void) | undefined;
    if (cb) queueMicrotask(() => cb(null));
    return true;
  }) as typeof process.stdout.write;
  if (scan) process.stderr.write = (() => true) as typeof process.stderr.write; // "wrote … rows"
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(args);
  const wallMs = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  process.stdout.write = write;
  process.stderr.write = writeErr;
  Object.assign(out, { N, code, wallMs, cpuMs: (c1.user + c1.system) / 1000 });
  if (scan) {
    const text = readFileSync(csv, 'utf8');
    Object.assign(out, { rows: text.trim().split('\n').length - 1, csvSha256: createHash('sha256').update(text).digest('hex') });
  } else {
    const json = JSON.parse(chunks.join('')) as { method: string; probeModels: Record<string, { method: string }> };
    Object.assign(out, {
      method: json.method,
      models: Object.fromEntries(Object.entries(json.probeModels).map(([k, v]) => [k, v.method])),
      stdoutSha256: createHash('sha256').update(chunks.join('')).digest('hex'),
    });
  }
  rmSync(dir, { recursive: true, force: true });
} else {
  throw new Error(`unknown mode ${mode}`);
}
out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out) + '\n');
