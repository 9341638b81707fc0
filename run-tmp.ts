import { readFileSync } from 'node:fs';
import { parseClaimFileText } from './src/verify/claims.ts';
import { verifyClaims } from './src/verify/verify.ts';
const f = parseClaimFileText(readFileSync(process.argv[2], 'utf8'));
const r = verifyClaims(f, { seed: 1 });
for (const c of r.claims) console.log(c.verdict, c.name, c.seconds, '|', c.reason, '\n   ', JSON.stringify(c.routes).slice(0, 600), c.hint ?? '', c.counterexample ? JSON.stringify(c.counterexample).slice(0, 400) : '');
console.log(r.seconds);
