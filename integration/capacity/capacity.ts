import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deploymentConfig, loadTemplate } from '../../infra/template/index.js';
import type { Profile } from './profile.js';
import { layouts, priceLayout } from './sizing.js';

/**
 * A model, labelled as one: the CPU N users need, from the CPU each action costs (measured by profile.ts)
 * and the users' behaviour (the benchmark's: a reload, then a sign-in and hackathon switches, a think time
 * between actions). CPU is what limits a Streamlit task (memory stayed near 120 MiB of 1 GiB in every run),
 * so a layout whose vCPU total is below the demand cannot hold latency at any percentile: its queue grows.
 */

export interface Behaviour { readonly users: number; readonly thinkS: number; readonly reloadEvery: number; readonly rampS: number }

export interface Demand {
  /** Steady state: CPU-seconds per second (= vCPU kept busy). */
  readonly steadyVcpu: number;
  /** While the users arrive: their first visits (assets and first run) on top of the steady demand. */
  readonly arrivalVcpu: number;
}

function cost(p: Profile, kind: string): number {
  const a = p.actions.find((x) => x.kind === kind);
  if (!a) throw new Error(`the profile has no "${kind}" figure`);
  return a.cpuMsMedian / 1000;
}

export function demand(p: Profile, b: Behaviour): Demand {
  if (b.reloadEvery < 1) throw new Error('reloadEvery must be at least 1 for the cycle model');
  // One cycle: reload (page + first run), sign-in, then reloadEvery - 1 hackathon switches; a think time before each interaction.
  const cycleCpu = cost(p, 'reload (page only)') + cost(p, 'first script run') + cost(p, 'sign-in') + (b.reloadEvery - 1) * cost(p, 'pick-hackathon');
  const cycleS = b.reloadEvery * b.thinkS; // latencies left out: a slightly high rate, so a slightly high demand
  const steady = b.users * (cycleCpu / cycleS);
  const firstVisit = cost(p, 'first-visit assets') + cost(p, 'first script run');
  const arrival = b.rampS > 0 ? (b.users * firstVisit) / b.rampS : Infinity;
  return { steadyVcpu: Math.round(steady * 100) / 100, arrivalVcpu: Math.round((steady + arrival) * 100) / 100 };
}

const HELP = `Usage: tsx integration/capacity/capacity.ts --profile PROFILE.json [--users N] [--ramp S] [--json]

From a per-action CPU profile (tsx integration/capacity/profile.ts --json), the vCPU N users need at
several think times, against the task layouts the cost model prices. A model, not a measurement.`;

function main(argv: string[]): number {
  let a;
  try { a = parseArgs({ args: argv, options: { profile: { type: 'string' }, users: { type: 'string' }, ramp: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } }).values; } catch (e) {
    process.stderr.write(`capacity: ${(e as Error).message.split('\n')[0]}\n`); return 2;
  }
  if (a.help) { process.stdout.write(`${HELP}\n`); return 0; }
  if (!a.profile) { process.stderr.write('capacity: --profile PROFILE.json is required (see --help)\n'); return 2; }
  let profile: Profile;
  try { profile = JSON.parse(readFileSync(a.profile, 'utf8')) as Profile; } catch (e) { process.stderr.write(`capacity: cannot read ${a.profile}: ${(e as Error).message.split('\n')[0]}\n`); return 2; }
  const users = Number(a.users ?? 100), rampS = Number(a.ramp ?? 20);
  const config = deploymentConfig(loadTemplate());
  const priced = layouts(config).map((l) => priceLayout(config, l));
  const rows = [5, 15, 30].map((thinkS) => ({ thinkS, ...demand(profile, { users, thinkS, reloadEvery: 4, rampS }) }));
  if (a.json) { process.stdout.write(`${JSON.stringify({ users, rampS, demand: rows, layouts: priced }, null, 2)}\n`); return 0; }
  for (const r of rows) {
    process.stdout.write(`${users} users, think ${r.thinkS} s: ${r.steadyVcpu} vCPU steady, ${r.arrivalVcpu} vCPU while arriving over ${rampS} s\n`);
    for (const p of priced) {
      const rho = r.steadyVcpu / p.vcpus;
      process.stdout.write(`  ${p.tasks} x ${p.cpuUnits / 1024} vCPU: utilization ${Math.round(rho * 100)}%${rho >= 1 ? ' (overloaded)' : rho > 0.7 ? ' (above the 70% scaling target)' : ''}, $${p.monthlyUsd.toFixed(2)}/month\n`);
    }
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
