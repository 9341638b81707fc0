import { scanColumns } from '../src/scan.js';
import { CONFIGS, GAMMAS, KINDS, MU0, ROLES, SITE_P, T0, junction, terminalStates } from './scenarios.js';
import { median, timeReps } from './stats.js';
const variants = KINDS.flatMap((kind) => ROLES.map((role) => ({ kind, role })));
const run = (vs: boolean) => { for (const cfg of CONFIGS) scanColumns(junction(cfg, 1, 'VP', 'electronic'), { mu: 0, temperature: T0 }, { mu0: MU0, gamma: { terminal: 'P', sites: [SITE_P], values: GAMMAS } }, vs ? variants.map((v) => ({ kind: v.kind, terminals: terminalStates(cfg, v.role, v.kind, 0) })) : []); };
run(true); run(false);
const t = timeReps(() => run(true), 2, 9), l = timeReps(() => run(false), 2, 9);
console.log('columns', median(t).toFixed(1), 'lsets only', median(l).toFixed(1));
