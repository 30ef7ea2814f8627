import { defineCommand, InputError, isEntryPoint, main, readJsonFile } from '../../infra/cli/index.js';
import { recordEvidence, type EvidenceItem } from '../../infra/evidence.js';
import { deploymentConfig, loadTemplate } from '../../infra/template/index.js';
import type { BenchReport } from './bench.js';

/**
 * The headline promise (100 concurrent users, page loads under 2 s, on the template's tasks) as an
 * evidence item, from one benchmark report. It is not a numbered criterion, hence the id CAPACITY. A run
 * with fewer users or another layout than the template's says nothing about the promise: not-verified.
 */

export const PROMISED_USERS = 100;

export function capacityItem(r: BenchReport): EvidenceItem {
  const c = deploymentConfig(loadTemplate());
  const templateLayout = r.tasks === c.service.desiredCount && r.cpus_per_task === c.task.cpuUnits / 1024 && r.memory_mib_per_task === c.task.memoryMiB;
  const figures: Record<string, number> = {
    users: r.users, tasks: r.tasks, cpus_per_task: r.cpus_per_task, page_load_p50_ms: r.page_load_ms.p50, page_load_p95_ms: r.p95_ms,
    page_load_p99_ms: r.page_load_ms.p99, interaction_p95_ms: r.interaction_ms.p95, errors: r.errors, target_ms: r.target_ms,
    host_load_average: r.host.load_after,
  };
  // The run's own CPU-per-action estimate is left out: an overloaded run completes few actions, so its
  // achieved action rate understates demand. The sizing model (capacity.ts, RESULTS.md) uses the profile.
  for (const c of r.containers) if (c.throttled_period_share !== undefined) figures[`${c.name}_throttled_period_share`] = c.throttled_period_share;
  const evidence = `npm run bench:capacity -- --users ${r.users} (integration/capacity/bench.ts) on the local twin, ${r.started_at}: `
    + `${r.tasks} x ${r.cpus_per_task} vCPU / ${r.memory_mib_per_task} MiB behind HAProxy configured from the template; page-load p95 ${r.p95_ms} ms, `
    + `${r.errors} errors. Host: ${r.host.cores} cores, also running the load generator and the proxy (load average ${r.host.load_before} -> ${r.host.load_after}); see integration/capacity/RESULTS.md.`;
  if (r.users < PROMISED_USERS || !templateLayout) {
    return { id: 'CAPACITY', status: 'not-verified', evidence, figures, reason: `a run of ${r.users} users on ${r.tasks} x ${r.cpus_per_task} vCPU is not the promise (${PROMISED_USERS} users on the template's tasks)` };
  }
  const targets = Object.entries(r.targets ?? {});
  for (const [name, t] of targets) figures[name] = t.measured;
  if (targets.length === 0) {  // a report from before the targets were judged part by part
    return { id: 'CAPACITY', status: 'not-verified', evidence, figures, reason: 'the report does not say which parts of the promise it judged; run the benchmark again' };
  }
  const broken = targets.filter(([, t]) => !t.met).map(([, t]) => `${t.what}: measured ${t.measured}, limit under ${t.limit}`);
  return broken.length === 0 ? { id: 'CAPACITY', status: 'pass', evidence, figures }
    : { id: 'CAPACITY', status: 'fail', evidence, figures, reason: broken.join('; ') };
}

/** The fields capacityItem reads, so that another JSON file is refused in one line rather than crashing it. */
function looksLikeBenchReport(r: BenchReport | null): r is BenchReport {
  const num = (x: unknown) => typeof x === 'number';
  return r !== null && typeof r === 'object' && num(r.users) && num(r.tasks) && num(r.p95_ms) && num(r.page_load_ms?.p50)
    && num(r.interaction_ms?.p95) && num(r.host?.load_after) && Array.isArray(r.containers);
}

const capacityEvidence = defineCommand({
  name: 'capacity-evidence',
  synopsis: 'tsx integration/capacity/capacity-evidence.ts BENCH.json',
  description: 'Records .cache/evidence/capacity.json (item CAPACITY) from a saved npm run bench:capacity -- --json report.',
  options: {},
  positionals: { name: 'BENCH.json', help: 'the benchmark report', min: 1, max: 1 },
  epilogue: 'exit: 0 recorded, 2 bad input (no report, an unreadable one)',
}, ({ positionals }) => {
  const report = readJsonFile<BenchReport | null>('benchmark report', positionals[0]);
  if (!looksLikeBenchReport(report)) throw new InputError(`${positionals[0]} is not a benchmark report (npm run bench:capacity -- --json)`);
  const item = capacityItem(report);
  process.stdout.write(`${recordEvidence('capacity', [item])}: CAPACITY ${item.status}\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) main(capacityEvidence);
