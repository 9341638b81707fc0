/**
 * `probecheck verify` as a library (docs/verify.md, docs/physics.md §16): parse a claim file,
 * decide every claim by the symbolic, exact-rational and NEGF routes, format the report.
 *
 * @example
 * import { parseClaimFileText, verifyClaims, formatText } from './src/verify/index.js';
 * const report = verifyClaims(parseClaimFileText(text), { seed: 1 });
 * process.stdout.write(formatText(report));
 */
export { parseClaimFile, parseClaimFileText, ClaimError, type ClaimFile, type Claim, type Context, type Mode } from './claims.js';
export { verifyClaims, type VerifyReport, type VerifyOptions, type ClaimResult, type Verdict, type Counterexample } from './verify.js';
export { formatText, formatJson, formatHtml } from './format.js';
export { parseExpression, parseStatement, ParseError, type Expr, type Statement } from './parse.js';
