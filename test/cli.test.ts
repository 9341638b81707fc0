/**
 * The CLI contract (README "Command line"): `solve` prints one JSON object with the documented
 * keys; `transmission` writes E and every T_αβ; `scan` writes one row per point with a progress bar
 * on stderr. Numbers are cross-checked against the library (the same solver).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { parseConfig } from '../src/config.js';
import { solveSystem } from '../src/numeric/system.js';
import { transmissionDirect } from '../src/numeric/transmission.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-cli-'));
const electronic = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.0, T: 300 },
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.0005, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};
const thermal = {
  ...electronic,
  reference: { mu: 0.3, T: 300 }, // away from the particle–hole symmetric point, where S = 0
  circuit: 'thermal',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, T: 350 },
    { name: 'R', coupling: { sites: [2], gamma: 0.25 }, T: 275 },
    { name: 'P', probe: 'VP', T: 275, coupling: { sites: [3], gamma: 0.05 } },
  ],
};
const file = (name: string, obj: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(obj));
  return p;
};

describe('probecheck solve', () => {
  it('prints the documented JSON for an electronic circuit', async () => {
    const r = await runCli(['solve', file('e.json', electronic)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.terminals).toEqual(['L', 'R', 'P']);
    for (const k of ['L0', 'L1', 'L2']) {
      expect(out.onsager[k]).toHaveLength(3);
      expect(out.onsager[k][0][0]).toBe(0);
    }
    expect(out.probes.P.model).toBe('VTP');
    expect(Object.keys(out.currents)).toEqual(['L', 'R', 'P']);
    expect(Object.keys(out.currents.L)).toEqual(['particle', 'charge', 'heat']);
    expect(out.entropyProduction).toBeGreaterThan(0);
    expect(out.mu).toBeUndefined();
    const p = parseConfig(electronic);
    const sol = solveSystem(p.system, p.reference, p.circuit);
    expect(out.currents.R.heat).toBe(sol.circuit.heatCurrent[1]);
    expect(out.probes.P.T).toBe(sol.circuit.temperature[2]);
    // charge = −e · particle, into each terminal; VTP carries no current
    expect(out.currents.L.charge).toBeCloseTo(-1.602176634e-19 * out.currents.L.particle, 30);
    expect(Math.abs(out.currents.P.heat)).toBeLessThan(1e-12 * Math.abs(out.currents.R.heat));
  });

  it('adds mu and seebeck for a thermal circuit; --method quadrature agrees with the closed form', async () => {
    const a = JSON.parse((await runCli(['solve', file('t.json', thermal)])).stdout);
    const b = JSON.parse((await runCli(['solve', file('t.json', thermal), '--method', 'quadrature'])).stdout);
    expect(a.mu.L).toBe(0.3); // the gauge lead sits at μ0
    expect(typeof a.seebeck).toBe('number');
    expect(a.method).toBe('closed-form');
    expect(b.method).toBe('quadrature');
    expect(Math.abs(a.seebeck - b.seebeck)).toBeLessThanOrEqual(1e-9 * Math.abs(a.seebeck));
    expect(Math.abs(a.currents.R.heat - b.currents.R.heat)).toBeLessThanOrEqual(1e-9 * Math.abs(a.currents.R.heat));
    for (const t of ['L', 'R', 'P']) expect(Math.abs(a.currents[t].particle)).toBeLessThan(1e-6 * Math.abs(a.currents.R.heat / 1.6e-19 / 0.1));
  });
});

describe('probecheck transmission', () => {
  it('writes E and every ordered pair, matching direct inversion', async () => {
    const r = await runCli(['transmission', file('e.json', electronic), '--emin', '-3', '--emax', '3', '--n', '7']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('E,T_L_R,T_L_P,T_R_L,T_R_P,T_P_L,T_P_R');
    expect(lines).toHaveLength(8);
    const p = parseConfig(electronic);
    const row = lines[3].split(',').map(Number);
    const ref = transmissionDirect(
      p.system.hamiltonian,
      p.system.terminals.map((t) => t.coupling),
      row[0],
    );
    expect(Math.abs(row[1] - ref[1])).toBeLessThanOrEqual(1e-10 * ref[1]);
    expect(Math.abs(row[2] - ref[2])).toBeLessThanOrEqual(1e-10 * ref[2]);
  });
});

describe('probecheck scan', () => {
  it('writes one row per (γ, μ0) with the fixed bias offsets, and a progress bar on stderr', async () => {
    const out = join(dir, 'scan.csv');
    const r = await runCli(['scan', file('e.json', electronic), '--mu0', '-1:1:5', '--gamma', 'P=0,0.05,0.2', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/scan/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 15);
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['mu0', 'gamma_P', 'mu_L', 'T_L']);
    const row = lines[6].split(',').map(Number); // rows are γ-major: 5 μ0 per γ; line 6 = (γ = 0.05, μ0 = −1)
    expect(row[1]).toBe(0.05);
    expect(row[2] - row[0]).toBeCloseTo(0.0005, 15); // μ_L − μ0 kept
    const idxHeat = header.indexOf('heat_P');
    const rowZero = lines[1].split(',').map(Number);
    expect(rowZero[1]).toBe(0);
    expect(rowZero[idxHeat]).toBe(0); // γ = 0: the coherent limit, no current into P
  });
});
