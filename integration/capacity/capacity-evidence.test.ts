import { describe, expect, it } from 'vitest';
import { deploymentConfig, loadTemplate } from '../../infra/template/index.js';
import { judge, type BenchOptions, type BenchReport, type ContainerFigures } from './bench.js';
import { capacityItem } from './capacity-evidence.js';
import { summarize } from './stats.js';

// The verdict on the headline promise, from a benchmark report: each part of the promise can fail on its own,
// a FAIL names the figure that broke it, and a run that is not the promise says NOT VERIFIED.

const config = deploymentConfig(loadTemplate());
const cpuTarget = config.scaling!.targetValue;
const options: BenchOptions = {
  users: 100, durationS: 90, rampS: 20, thinkS: 5, reloadEvery: 4, compression: false, targetMs: 2000,
  interactionTargetMs: 1000, seed: 1, timeScale: 1,
};
const task = (name: string, cpuPercentOfLimit: number): ContainerFigures => ({
  name, cpu_avg_percent: 20, cpu_max_percent: 40, memory_max_mib: 150, memory_limit_mib: config.task.memoryMiB,
  cpu_seconds: 30, throttled_period_share: 0.01, cpu_percent_of_limit: cpuPercentOfLimit,
});

function report(o: { pageMs?: number; interactionMs?: number; errors?: number; cpu?: number; users?: number; pages?: number }): BenchReport {
  const page = summarize(Array.from({ length: o.pages ?? 300 }, () => o.pageMs ?? 400));
  const interaction = summarize(Array.from({ length: 900 }, () => o.interactionMs ?? 100));
  const containers = [task('task-a', 40), task('task-b', o.cpu ?? 45)];
  const targets = judge({ ...options, users: o.users ?? 100 }, config.scaling, page, interaction, o.errors ?? 0, containers);
  return {
    users: o.users ?? 100, duration_s: 90, tasks: config.service.desiredCount, cpus_per_task: config.task.cpuUnits / 1024,
    memory_mib_per_task: config.task.memoryMiB, compression: false, think_s: 5, p95_ms: page.p95, page_load_ms: page,
    first_load_ms: page, interaction_ms: interaction, interactions_by_kind: {}, first_load_bytes: 680_000, errors: o.errors ?? 0,
    error_samples: [], requests_per_task: {}, warmup_ms: {}, containers, target_ms: 2000, targets,
    meets_target: Object.values(targets).every((t) => t.met), time_scale: 1, started_at: '2026-12-02T12:00:00Z',
    host: { cores: 2, load_before: 0.5, load_after: 1.5, generator_cpu_s: 20, proxy_cpu_s: 5, wall_s: 110 },
  };
}

describe('CAPACITY from a benchmark report', () => {
  it('passes when every part of the promise holds', () => {
    const item = capacityItem(report({}));
    expect(item.status).toBe('pass');
    expect(item.figures).toMatchObject({ page_load_p95_ms: 400, interaction_p95_ms: 100, errors: 0, busiest_task_cpu_percent: 45 });
  });

  it.each([
    ['page load', { pageMs: 2000 }, /page-load p95 under the target: measured 2000, limit under 2000/],
    ['interaction', { interactionMs: 1500 }, /interaction p95 under its target: measured 1500, limit under 1000/],
    ['errors', { errors: 1 }, /no errors: measured 1/],
    ['a user never served', { pages: 99 }, /every user loaded the page at least once: measured 1/],
    ['task CPU at the scaling target', { cpu: cpuTarget }, new RegExp(`CPU scaling target \\(${cpuTarget}% of its vCPU\\): measured ${cpuTarget}, limit under ${cpuTarget}`)],
  ])('fails on %s alone, naming the figure', (_, broken, reason) => {
    const item = capacityItem(report(broken));
    expect(item.status).toBe('fail');
    expect(item.reason).toMatch(reason);
  });

  it('has no CPU check for a template without a CPU target tracking policy', () => {
    const page = summarize([400]), interaction = summarize([100]);
    const checks = judge(options, undefined, page, interaction, 0, [task('task-a', 95)]);
    expect(checks.busiest_task_cpu_percent).toBeUndefined();
    expect(Object.values(checks).every((c) => c.met)).toBe(false); // one user for 100: the page-count check still fails
  });

  it('is not verified for a run that is not the promise (fewer users)', () => {
    expect(capacityItem(report({ users: 10, pages: 30 })).status).toBe('not-verified');
  });

  it('is not verified for a report that does not say what it judged', () => {
    const old = { ...report({}), targets: undefined } as unknown as BenchReport;
    expect(capacityItem(old)).toMatchObject({ status: 'not-verified', reason: expect.stringMatching(/run the benchmark again/) });
  });
});
