import { override } from '../../infra/template/index.js';
import { defineCommand, isEntryPoint, main, readJsonFile } from '../../infra/cli/index.js';
import { BUSY_MONTH, loadPrices, monthlyCost } from '../../cost/index.js';
import { deploymentConfig, loadTemplate, type DeploymentConfig } from '../../infra/template/index.js';
import type { BenchReport } from './bench.js';

/**
 * What a task layout costs a month, priced by the project's cost model (cost/) on the template's own
 * config with only the task size and count changed, for the busy month (100 concurrent users). With a
 * benchmark report (`--from run.json`) it also shows how much CPU that run says 100 users need, so that
 * each layout can be read as "enough" or "not enough" by its vCPU total. The prices are the snapshot's.
 */

export interface Layout { readonly tasks: number; readonly cpuUnits: number; readonly memoryMiB: number }

export interface PricedLayout extends Layout { readonly vcpus: number; readonly monthlyUsd: number; readonly computeUsd: number }

export function priceLayout(config: DeploymentConfig, l: Layout): PricedLayout {
  const changed = override(config, { task: override(config.task, { cpuUnits: l.cpuUnits, memoryMiB: l.memoryMiB }) });
  const bill = monthlyCost(changed, { ...BUSY_MONTH, tasks: l.tasks, hours: 730 }, { region: 'us-east-1', prices: loadPrices() });
  const compute = bill.lines.filter((x) => x.id.startsWith('fargate-')).reduce((a, x) => a + x.amountUsd, 0);
  return { ...l, vcpus: (l.tasks * l.cpuUnits) / 1024, monthlyUsd: Math.round(bill.totalUsd * 100) / 100, computeUsd: Math.round(compute * 100) / 100 };
}

/** The template's layout, then the alternatives the benchmark can run and the autoscaling maximum. */
export function layouts(config: DeploymentConfig): Layout[] {
  const t = config.task;
  const max = config.scaling?.maxCapacity ?? config.service.desiredCount;
  const out: Layout[] = [
    { tasks: config.service.desiredCount, cpuUnits: t.cpuUnits, memoryMiB: t.memoryMiB },
    { tasks: 4, cpuUnits: t.cpuUnits, memoryMiB: t.memoryMiB },
    { tasks: config.service.desiredCount, cpuUnits: 1024, memoryMiB: 2048 },
    { tasks: max, cpuUnits: t.cpuUnits, memoryMiB: t.memoryMiB },
    { tasks: config.service.desiredCount, cpuUnits: 2048, memoryMiB: 4096 },
    { tasks: 4, cpuUnits: 1024, memoryMiB: 2048 },
  ];
  return out.filter((l, i) => out.findIndex((m) => m.tasks === l.tasks && m.cpuUnits === l.cpuUnits && m.memoryMiB === l.memoryMiB) === i);
}

const sizing = defineCommand({
  name: 'sizing',
  synopsis: 'tsx integration/capacity/sizing.ts [--from BENCH.json] [--json]',
  description: 'Monthly cost (cost model, busy month, us-east-1 price snapshot) of task layouts: the template\'s, more\n'
    + 'tasks, larger tasks, the autoscaling maximum. With --from, the CPU a benchmark run estimates 100 users need.',
  options: {
    from: { type: 'string', value: 'BENCH.json', help: 'a benchmark report (npm run bench:capacity -- --json)' },
    json: { type: 'boolean', help: 'one JSON document instead of the table' },
  },
  epilogue: 'exit: 0 printed, 2 bad input (options, an unreadable report)',
}, ({ values }) => {
  const needed = values.from === undefined ? undefined : readJsonFile<BenchReport | null>('benchmark report', values.from)?.cpu_estimate?.cpus_needed;
  const config = deploymentConfig(loadTemplate());
  const priced = layouts(config).map((l) => priceLayout(config, l));
  if (values.json) { process.stdout.write(`${JSON.stringify({ cpus_needed: needed, layouts: priced }, null, 2)}\n`); return 0; }
  for (const p of priced) {
    const verdict = needed === undefined ? '' : p.vcpus >= needed ? '  enough CPU by the estimate' : '  not enough CPU by the estimate';
    process.stdout.write(`${p.tasks} x ${p.cpuUnits / 1024} vCPU / ${p.memoryMiB / 1024} GB = ${p.vcpus} vCPU: $${p.monthlyUsd.toFixed(2)}/month (Fargate $${p.computeUsd.toFixed(2)})${verdict}\n`);
  }
  if (needed !== undefined) process.stdout.write(`(100 users need ~${needed} vCPU by ${values.from})\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) main(sizing);
