import type { DeploymentConfig } from '../../infra/template/index.js';
import type { Seconds } from './clock.js';
import type { Task } from './scheduler.js';

type HealthCheck = NonNullable<DeploymentConfig['task']['healthCheck']>;

/**
 * The task definition's container health check, as ECS runs it inside the task: every `interval`
 * seconds after the container starts; failures within `startPeriod` do not count; `retries`
 * consecutive counted failures make the container UNHEALTHY, and ECS replaces a task whose essential
 * container is unhealthy. It runs on the task itself, so a zone's network loss does not affect it.
 * A template without a health check gives a checker that never reports anything.
 */
export class ContainerHealthChecks {
  private readonly failures = new Map<number, number>();
  private readonly unhealthy = new Set<number>();
  /** Bumped when a container turns UNHEALTHY (not in the event log): the event engine wakes on it. */
  version = 0;

  constructor(private readonly hc: HealthCheck | undefined) {}

  /** One second: checks of running tasks that are due. `answerLatency(task)` is the answer's latency, or undefined when it gets no answer. */
  step(now: Seconds, tasks: Iterable<Task>, answerLatency: (task: Task) => number | undefined): void {
    const hc = this.hc;
    if (!hc) return;
    const interval = Math.max(1, hc.intervalSeconds);
    for (const t of tasks) {
      if (t.state !== 'RUNNING' || t.runningAt === undefined) continue;
      const age = now - t.runningAt;
      if (age <= 0 || age % interval !== 0) continue;
      const latency = answerLatency(t);
      if (latency !== undefined && latency < hc.timeoutSeconds) { this.failures.set(t.id, 0); continue; }
      if (age <= hc.startPeriodSeconds) continue;
      const n = (this.failures.get(t.id) ?? 0) + 1;
      this.failures.set(t.id, n);
      if (n >= hc.retries && !this.unhealthy.has(t.id)) { this.unhealthy.add(t.id); this.version++; }
    }
  }

  isUnhealthy(taskId: number): boolean { return this.unhealthy.has(taskId); }

  /** The next second after `now` at which a check of one of these tasks is due (Infinity when none). */
  nextCheckAfter(now: Seconds, tasks: Iterable<Task>): Seconds {
    if (!this.hc) return Infinity;
    const interval = Math.max(1, this.hc.intervalSeconds);
    let next = Infinity;
    for (const t of tasks) {
      if (t.state !== 'RUNNING' || t.runningAt === undefined) continue;
      const k = Math.floor((now - t.runningAt) / interval) + 1;
      next = Math.min(next, t.runningAt + Math.max(1, k) * interval);
    }
    return next;
  }
}
