import { defineCommand, InputError, isEntryPoint, main, readJsonFile, wholeNumber } from '../../infra/cli/index.js';
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
  const a = Array.isArray(p?.actions) ? p.actions.find((x) => x?.kind === kind) : undefined;
  if (!a || typeof a.cpuMsMedian !== 'number') throw new InputError(`the profile has no "${kind}" figure (make one with profile.ts --json)`);
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

const capacity = defineCommand({
  name: 'capacity',
  synopsis: 'tsx integration/capacity/capacity.ts --profile PROFILE.json [--users N] [--ramp S] [--json]',
  description: 'From a per-action CPU profile (tsx integration/capacity/profile.ts --json), the vCPU N users need at\n'
    + 'several think times, against the task layouts the cost model prices. A model, not a measurement.',
  options: {
    profile: { type: 'string', value: 'PROFILE.json', help: 'the per-action CPU profile (required)' },
    users: { type: 'string', value: 'N', help: 'concurrent users (default 100)' },
    ramp: { type: 'string', value: 'S', help: 'seconds over which the users arrive (default 20; 0 all at once)' },
    json: { type: 'boolean', help: 'one JSON document instead of the table' },
  },
  epilogue: 'exit: 0 printed, 2 bad input (options, an unreadable or incomplete profile)',
}, ({ values }) => {
  if (!values.profile) throw new InputError('--profile PROFILE.json is required (see --help)');
  const profile = readJsonFile<Profile>('profile', values.profile);
  const users = values.users === undefined ? 100 : wholeNumber('--users', values.users, { min: 1, max: 100_000 });
  const rampS = values.ramp === undefined ? 20 : wholeNumber('--ramp', values.ramp, { min: 0, max: 86_400 });
  const config = deploymentConfig(loadTemplate());
  const priced = layouts(config).map((l) => priceLayout(config, l));
  const rows = [5, 15, 30].map((thinkS) => ({ thinkS, ...demand(profile, { users, thinkS, reloadEvery: 4, rampS }) }));
  if (values.json) { process.stdout.write(`${JSON.stringify({ users, rampS, demand: rows, layouts: priced }, null, 2)}\n`); return 0; }
  for (const r of rows) {
    process.stdout.write(`${users} users, think ${r.thinkS} s: ${r.steadyVcpu} vCPU steady, ${r.arrivalVcpu} vCPU while arriving over ${rampS} s\n`);
    for (const p of priced) {
      const rho = r.steadyVcpu / p.vcpus;
      process.stdout.write(`  ${p.tasks} x ${p.cpuUnits / 1024} vCPU: utilization ${Math.round(rho * 100)}%${rho >= 1 ? ' (overloaded)' : rho > 0.7 ? ' (above the 70% scaling target)' : ''}, $${p.monthlyUsd.toFixed(2)}/month\n`);
    }
  }
  return 0;
});

if (isEntryPoint(import.meta.url)) main(capacity);
