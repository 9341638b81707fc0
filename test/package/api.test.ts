/**
 * The public API is a deliberate list: adding or removing a runtime export of an entry point must
 * change this test too (and the README / the lead's integration). Internal kernels stay out.
 */
import { describe, it, expect } from 'vitest';
import * as root from '../../src/index.js';
import * as symbolic from '../../src/symbolic/index.js';
import * as compare from '../../src/compare/index.js';
import * as verify from '../../src/verify/index.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = [
  'CircuitSpecError',
  'ConfigError',
  'E_CHARGE',
  'H_EV_S',
  'K_B_EV',
  'SingularCircuitError',
  'VERSION',
  'benzene',
  'chain',
  'configJsonSchema',
  'grapheneFlake',
  'hamiltonianFromEdges',
  'hamiltonianFromMatrix',
  'linspace',
  'localCoupling',
  'matrixCoupling',
  'onsagerClosedForm',
  'onsagerMatrix',
  'onsagerQuadrature',
  'parseConfig',
  'parseConfigText',
  'poleExpansion',
  'prepareCircuit',
  'prepareSystem',
  'ring',
  'scan',
  'scanCircuits',
  'schurEliminate',
  'shiftReference',
  'solveCircuit',
  'solveSystem',
  'transmissionDirect',
  'transmissionEngine',
  'transmissionFromPoles',
  'withTerminalGamma',
  'PROBE_MODELS',
  'ROLES',
  'chargeCurrentSI',
  'entropyProductionSI',
  'heatCurrentSI',
  'isEnergyResolved',
  'isProbe',
  'isTestProbe',
  'particleCurrentSI',
  'roleSpec',
  'solvedVariables',
  'chainLead',
  'chainSelfEnergy',
  'tabulatedLead',
  'energyResolvedElimination',
  'onsagerEnergyResolved',
  'NonlinearSolveError',
  'fermi',
  'solveNonlinear',
  'excessEntropy',
  'analyseVpVtp',
  'probeVariants',
  'hasEnergyDependentLeads',
  'withProbeModel',
  'scanColumns',
  'scanPoints',
  'SparseLimitError',
  'configWarnings',
  'DENSE_SITE_LIMIT',
  'ENERGY_LIMIT',
  'GAMMA_MIN',
  'GRID_POINT_LIMIT',
  'ONSAGER_ACCURACY',
  'TEMPERATURE_MAX',
  'TEMPERATURE_MIN',
  'TERMINAL_LIMIT',
  'onsagerScales',
  'worstRelativeError',
  'probeMap',
  'mapFlagSummary',
  'probeMapTable',
  'circleLayout',
  'latticeLayout',
  'mapSvg',
];
const SYMBOLIC = [
  'DEGREE_VARIABLE',
  'DegreeField',
  'ExpressionField',
  'NerdamerValueField',
  'NumberField',
  'Poly',
  'PolyRing',
  'RatFunc',
  'RatFuncField',
  'RationalField',
  'SingularExactError',
  'bernoulli',
  'borderedNumerator',
  'borderedSchur',
  'defaultSymbolLatex',
  'determinant',
  'expressionLatex',
  'fermiMoment',
  'fermiMomentNumber',
  'matrixLatex',
  'nerdamerExpandsToZero',
  'nerdamerTeX',
  'onsagerSymbols',
  'polyLatex',
  'randomRational',
  'ratFuncLatex',
  'rational',
  'renameSymbols',
  'rng',
  'schurComplement',
  'schurComplementCramer',
  'schwartzZippelBound',
  'solveExactCircuit',
  'sommerfeldOnsager',
  'sommerfeldOnsagerNumber',
  'symbolLatex',
  'symbolicEffective',
  'symbolicOnsagerMatrix',
  'zetaEvenOverPiPower',
];
const COMPARE = [
  'CompareInputError',
  'DEFAULT_TOLERANCE',
  'UnitMismatchError',
  'exitCode',
  'parseUnitOption',
  'runCompare',
  'parseMapOption',
  'formatReport',
  'formatText',
  'formatJson',
  'formatJunit',
  'summaryLine',
];
const VERIFY = [
  'parseClaimFile',
  'parseClaimFileText',
  'ClaimError',
  'verifyClaims',
  'formatText',
  'formatJson',
  'formatHtml',
  'parseExpression',
  'parseStatement',
  'ParseError',
];

/** Kernels that are implementation details (dense linear algebra, polygamma, quadrature engine, workspaces). */
const INTERNAL = [
  'cmatrix',
  'cmatmul',
  'cinverse',
  'hermitianEigen',
  'generalEigen',
  'luFactor',
  'luSolve',
  'realSolve',
  'EPS',
  'trigamma',
  'fermiWindowKernels',
  'BERNOULLI_EVEN',
  'integrateAdaptive',
  'fermiWindow',
  'solveUnknowns',
  'unknownsWorkspace',
  'stackChannels',
  'physicalOnsagerMatrix',
  'selfEnergyFlags',
  'configSchema',
  'siteCoupling',
  'parseRange',
];

describe('public API', () => {
  it('probecheck exports exactly the curated names', () => {
    expect(Object.keys(root).sort()).toEqual([...ROOT].sort());
  });
  it('probecheck/symbolic exports exactly the curated names', () => {
    expect(Object.keys(symbolic).sort()).toEqual([...SYMBOLIC].sort());
  });
  it('probecheck/compare exports exactly the curated names', () => {
    expect(Object.keys(compare).sort()).toEqual([...COMPARE].sort());
  });
  it('probecheck/verify exports exactly the curated names', () => {
    expect(Object.keys(verify).sort()).toEqual([...VERIFY].sort());
  });
  it('no internal kernel leaks into an entry point', () => {
    for (const name of INTERNAL) {
      expect(Object.keys(root), name).not.toContain(name);
      expect(Object.keys(symbolic), name).not.toContain(name);
    }
  });
  it('the symbolic layer is not re-exported from the root (one home per name)', () => {
    const overlap = Object.keys(root).filter((k) => k in symbolic && k !== 'VERSION');
    expect(overlap).toEqual([]);
  });
  it('compiled output lives only in dist/: no .js / .d.ts / .map next to the TypeScript sources', () => {
    const stray: string[] = [];
    for (const dir of ['src', 'proofs', 'test', 'bench']) {
      const abs = fileURLToPath(new URL(`../../${dir}/`, import.meta.url));
      for (const f of readdirSync(abs, { recursive: true, encoding: 'utf8' })) {
        if (/\.(d\.ts|js\.map|d\.ts\.map)$/.test(f) || (/\.js$/.test(f) && !f.endsWith('nerdamer-simplify.mjs'))) stray.push(`${dir}/${f}`);
      }
    }
    expect(stray).toEqual([]);
  });
});
