import type { DeploymentConfig } from '../../infra/template/index.js';
import type { Assumptions } from './assumptions.js';
import {
  CAPACITY_PROVIDER_BASE_PER_DEPLOYMENT, circuitBreakerThreshold, SPOT_FALLS_BACK_TO_ON_DEMAND, SPOT_WARNING_SECONDS, UNHEALTHY_TASK_REPLACED_BEFORE_STOP,
} from './aws-facts.js';
import type { Seconds } from './clock.js';
import type { EventLog, StopReason } from './events.js';
import { azImbalance, chooseAvailabilityZone, chooseCapacityProvider } from './placement.js';
import type { TargetGroup } from './target-group.js';

export type TaskState = 'PROVISIONING' | 'RUNNING' | 'STOPPING' | 'STOPPED';

export interface Task {
  readonly id: number;
  readonly revision: number;
  readonly deploymentId: number;
  readonly provider: string;
  readonly az: number;
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly launchedAt: Seconds;
  state: TaskState;
  runningAt?: Seconds;
  stoppedAt?: Seconds;
  stopReason?: StopReason;
  everHealthy: boolean;
  /**
   * When ECS found the task unhealthy (ALB or container health check, after the grace period). Such a
   * task no longer counts toward the desired count; it keeps running until its replacement is healthy
   * (or maximumPercent leaves no room for one), as ECS replaces unhealthy tasks.
   */
  unhealthySince?: Seconds;
}

export interface Deployment {
  readonly id: number;
  readonly revision: number;
  readonly rollback: boolean;
  rollout: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  failedTasks: number;
}

/** Reasons that count against a deployment's circuit breaker (a task that failed, not one ECS retired). */
const FAILURES: ReadonlySet<StopReason> = new Set(['crashed', 'unhealthy', 'az-lost']);

/**
 * The ECS service scheduler for one Fargate service behind a target group: keeps `desiredCount` tasks,
 * replaces stopped and unhealthy ones (ignoring unhealthy targets during the grace period), rolls a new
 * task definition revision out within minimum healthy / maximum percent, stops a deployment whose failed
 * tasks reach the circuit breaker threshold and rolls back to the last completed revision, places tasks
 * by capacity provider strategy and across the subnets' zones, rebalances zones when enabled, and
 * handles Fargate Spot's two-minute interruption warning.
 */
export class ServiceScheduler {
  private desired: number;
  /** Bumped by every change that is not in the event log (desired count, Spot capacity): the event engine wakes on it. */
  version = 0;
  private spotCapacity = true;
  /** A launch refused for want of capacity was logged and nothing was launched since (one service event, not one a second). */
  private launchRefusalLogged = false;
  private readonly tasks = new Map<number, Task>();
  private readonly deployments: Deployment[] = [];
  private lastCompletedRevision: number | undefined;
  private nextTaskId = 1;
  private nextDeploymentId = 1;
  /** An AZ rebalancing is under way: one extra task launched, one from the fullest zone still to retire. */
  private rebalancing = false;

  constructor(
    private readonly cfg: DeploymentConfig,
    private readonly targets: TargetGroup,
    private readonly azAvailable: boolean[],
    private readonly assumptions: Assumptions,
    private readonly log: EventLog,
  ) {
    this.desired = cfg.service.desiredCount;
  }

  /** The service's desired count (what target tracking and the tests set). */
  get desiredCount(): number { return this.desired; }
  set desiredCount(n: number) { if (n !== this.desired) { this.desired = n; this.version++; } }

  /** Whether Fargate Spot has capacity to launch a task now (ECS retries until it has; it never falls back to FARGATE). */
  get spotCapacityAvailable(): boolean { return this.spotCapacity; }
  set spotCapacityAvailable(available: boolean) {
    if (available !== this.spotCapacity) { this.spotCapacity = available; this.launchRefusalLogged = false; this.version++; }
  }

  /** Starts a deployment of a task definition revision (CloudFormation updating the service). */
  deploy(revision: number, now: Seconds, rollback = false): Deployment {
    for (const d of this.deployments) if (d.rollout === 'IN_PROGRESS') d.rollout = 'FAILED';
    const d: Deployment = { id: this.nextDeploymentId++, revision, rollback, rollout: 'IN_PROGRESS', failedTasks: 0 };
    this.deployments.push(d);
    this.log.add({ at: now, kind: 'deployment-started', deploymentId: d.id, revision, rollback });
    return d;
  }

  get primary(): Deployment | undefined { return this.deployments[this.deployments.length - 1]; }
  /** The revision the service is set to run (what DescribeServices shows as its task definition). */
  get serviceRevision(): number | undefined { return this.primary?.revision; }
  get completedRevision(): number | undefined { return this.lastCompletedRevision; }
  get deploymentInProgress(): boolean { return this.primary?.rollout === 'IN_PROGRESS'; }

  /** Every task not yet STOPPED. */
  get liveTasks(): Task[] { return [...this.tasks.values()]; }
  /** The same, without building a list (read every simulated second). */
  liveTaskIterator(): IterableIterator<Task> { return this.tasks.values(); }
  /** Tasks that count toward the desired count: launched, not stopping, not found unhealthy. */
  get activeTasks(): Task[] { return this.liveTasks.filter((t) => (t.state === 'PROVISIONING' || t.state === 'RUNNING') && t.unhealthySince === undefined); }
  /** Every task PENDING or RUNNING, unhealthy ones awaiting their replacement included (what maximumPercent counts). */
  get launchedTasks(): Task[] { return this.liveTasks.filter((t) => t.state === 'PROVISIONING' || t.state === 'RUNNING'); }
  task(id: number): Task | undefined { return this.tasks.get(id); }
  /** RUNNING tasks that are not stopping (what the service's average CPU is taken over). */
  get runningActiveCount(): number { let n = 0; for (const t of this.tasks.values()) if (t.state === 'RUNNING') n++; return n; }
  isHealthy(t: Task): boolean { return t.state === 'RUNNING' && this.targets.stateOf(t.id) === 'healthy'; }

  /** The container exited: the task is STOPPED at once and ECS knows it. */
  crash(taskId: number, now: Seconds): void {
    const t = this.tasks.get(taskId);
    if (!t || t.state === 'STOPPED') return;
    // A task ECS is already stopping, or already knows to be unhealthy, just ends early; it is not a new failure.
    if (t.state !== 'STOPPING' && t.unhealthySince === undefined) this.failed(t, 'crashed', now);
    this.finish(t, now);
  }

  /** Fargate reclaims a Spot task: SIGTERM now (before the target is drained), gone within the warning. */
  interruptSpot(taskId: number, now: Seconds): void {
    const t = this.tasks.get(taskId);
    if (!t || t.provider !== 'FARGATE_SPOT' || t.state !== 'RUNNING') return;
    this.log.add({ at: now, kind: 'spot-warning', taskId });
    this.beginStop(t, 'spot-interruption', now, Math.min(SPOT_WARNING_SECONDS, this.assumptions.appShutdownSeconds));
  }

  /**
   * One second of the scheduler. `reacting` is true on the seconds the scheduler's loop runs;
   * `containerUnhealthy` tells which tasks' container health check reports UNHEALTHY.
   */
  step(now: Seconds, reacting: boolean, containerUnhealthy: (taskId: number) => boolean = () => false): void {
    for (const t of this.tasks.values()) {
      if (t.state === 'PROVISIONING' && now >= t.launchedAt + this.assumptions.taskStartSeconds) {
        if (!this.azAvailable[t.az]) { this.failed(t, 'az-lost', now); this.finish(t, now); continue; }
        t.state = 'RUNNING';
        t.runningAt = now;
        this.log.add({ at: now, kind: 'task-running', taskId: t.id });
        this.targets.register(t.id, now);
      } else if (t.state === 'STOPPING' && now >= (t.stoppedAt ?? now)) {
        this.finish(t, now);
      }
      if (t.state === 'RUNNING' && !t.everHealthy && this.targets.stateOf(t.id) === 'healthy') t.everHealthy = true;
    }
    if (!reacting) return;
    this.replaceUnhealthy(now, containerUnhealthy);
    this.reconcile(now);
  }

  /** ECS finds tasks unhealthy: they stop counting toward the desired count (see reconcile for their stop). */
  private replaceUnhealthy(now: Seconds, containerUnhealthy: (taskId: number) => boolean): void {
    const grace = this.cfg.service.healthCheckGracePeriodSeconds;
    for (const t of this.activeTasks) {
      if (t.state !== 'RUNNING' || (this.targets.stateOf(t.id) !== 'unhealthy' && !containerUnhealthy(t.id))) continue;
      // ECS ignores both the ALB's and the container's health checks during the grace period.
      if (now < (t.runningAt ?? now) + grace) continue;
      t.unhealthySince = now;
      this.failed(t, 'unhealthy', now);
      if (!UNHEALTHY_TASK_REPLACED_BEFORE_STOP) this.beginStop(t, 'unhealthy', now);
    }
  }

  /**
   * Unhealthy tasks go once their replacements are healthy (UNHEALTHY_TASK_REPLACED_BEFORE_STOP), or at
   * once when maximumPercent leaves no room for a replacement, one by one within minimumHealthyPercent.
   */
  private stopReplacedUnhealthy(now: Seconds, desired: number, minHealthy: number, maxTotal: number): void {
    let any = false;
    for (const t of this.tasks.values()) if (t.unhealthySince !== undefined && t.state === 'RUNNING') { any = true; break; }
    if (!any) return;
    const flagged = this.launchedTasks.filter((t) => t.unhealthySince !== undefined && t.state === 'RUNNING').sort((a, b) => a.unhealthySince! - b.unhealthySince! || a.id - b.id);
    for (const t of flagged) {
      const replacementsHealthy = this.activeTasks.filter((x) => this.isHealthy(x)).length >= desired;
      const noRoom = this.launchedTasks.length >= maxTotal;
      const healthyNow = this.launchedTasks.filter((x) => this.isHealthy(x)).length;
      if (replacementsHealthy || (noRoom && (!this.isHealthy(t) || healthyNow - 1 >= minHealthy))) this.beginStop(t, 'unhealthy', now);
    }
  }

  private reconcile(now: Seconds): void {
    const primary = this.primary;
    if (!primary) return;
    if (primary.rollout === 'FAILED') {
      // A failed deployment launches nothing more, so no replacement is coming for its unhealthy tasks.
      for (const t of this.launchedTasks) if (t.unhealthySince !== undefined) this.beginStop(t, 'unhealthy', now);
      return;
    }
    const desired = this.desiredCount;
    const { minimumHealthyPercent, maximumPercent, availabilityZoneRebalancing } = this.cfg.service;
    // ECS rounds the lower bound up and the upper bound down.
    const minHealthy = Math.ceil(desired * minimumHealthyPercent / 100);
    const maxTotal = Math.max(desired, Math.floor(desired * maximumPercent / 100));

    const isNew = (t: Task) => t.deploymentId === primary.id;
    let active = this.activeTasks;
    let launched = 0;
    while (active.filter(isNew).length < desired && this.launchedTasks.length < maxTotal) {
      if (!this.launch(primary, now)) break;
      launched++;
      active = this.activeTasks;
    }
    // ECS launches and stops in separate passes: tasks launched in this pass are visible before any
    // old task is stopped (so the maximum percent is a real peak, not hidden within one second).
    if (launched > 0) return;
    this.stopReplacedUnhealthy(now, desired, minHealthy, maxTotal);

    // Old revisions go as soon as the healthy count allows: unhealthy ones at once, healthy ones only
    // while at least minHealthy healthy tasks remain.
    let healthy = active.filter((t) => this.isHealthy(t)).length;
    const old = active.filter((t) => !isNew(t)).sort((a, b) => Number(this.isHealthy(a)) - Number(this.isHealthy(b)));
    for (const t of old) {
      if (!this.isHealthy(t)) { this.beginStop(t, 'deployment', now); continue; }
      if (healthy - 1 >= minHealthy) { this.beginStop(t, 'deployment', now); healthy--; }
    }

    // Scale-in and rebalancing surplus: from the most loaded zone, Spot before on-demand, newest first.
    let current = this.activeTasks.filter(isNew);
    while (current.length > desired) {
      const victim = this.surplusCandidate(current);
      const healthyNow = this.activeTasks.filter((t) => this.isHealthy(t)).length;
      if (this.isHealthy(victim) && healthyNow - 1 < minHealthy) break;
      this.beginStop(victim, this.rebalancing ? 'rebalance' : 'scale-in', now);
      current = this.activeTasks.filter(isNew);
    }
    if (current.length <= desired) this.rebalancing = false;

    const newHealthy = current.filter((t) => this.isHealthy(t)).length;
    if (primary.rollout === 'IN_PROGRESS' && this.launchedTasks.every(isNew) && newHealthy >= desired) {
      primary.rollout = 'COMPLETED';
      this.lastCompletedRevision = primary.revision;
      this.log.add({ at: now, kind: 'deployment-completed', deploymentId: primary.id, revision: primary.revision });
    }

    if (availabilityZoneRebalancing && primary.rollout === 'COMPLETED' && !this.rebalancing && current.length === desired
      && this.launchedTasks.length < maxTotal && this.azAvailable.every(Boolean) && azImbalance(this.azAvailable, this.countByAz(current)) > 1) {
      // Rebalancing starts a task in the emptiest zone first, then retires one from the fullest.
      this.rebalancing = true;
      this.launch(primary, now);
    }
  }


  private surplusCandidate(tasks: Task[]): Task {
    const byAz = this.countByAz(tasks);
    const notHealthy = tasks.filter((t) => !this.isHealthy(t) && !this.rebalancing);
    const pool = notHealthy.length > 0 ? notHealthy : tasks;
    return [...pool].sort((a, b) => byAz[b.az] - byAz[a.az]
      || Number(b.provider === 'FARGATE_SPOT') - Number(a.provider === 'FARGATE_SPOT')
      || b.launchedAt - a.launchedAt || b.id - a.id)[0];
  }

  private countByAz(tasks: readonly Task[]): number[] {
    const counts = this.azAvailable.map(() => 0);
    for (const t of tasks) counts[t.az]++;
    return counts;
  }

  private launch(d: Deployment, now: Seconds): boolean {
    const active = this.activeTasks;
    const az = chooseAvailabilityZone(this.azAvailable, this.countByAz(active));
    if (az === undefined) return false;
    // The strategy's base is filled per deployment (CAPACITY_PROVIDER_BASE_PER_DEPLOYMENT).
    const byProvider = new Map<string, number>();
    for (const t of active) if (!CAPACITY_PROVIDER_BASE_PER_DEPLOYMENT || t.deploymentId === d.id) byProvider.set(t.provider, (byProvider.get(t.provider) ?? 0) + 1);
    let provider = chooseCapacityProvider(this.cfg.service.capacityProviderStrategy, this.cfg.service.launchType, byProvider);
    if (provider === 'FARGATE_SPOT' && !this.spotCapacity && SPOT_FALLS_BACK_TO_ON_DEMAND) provider = 'FARGATE';
    if (provider === 'FARGATE_SPOT' && !this.spotCapacity) {
      // ECS retries until Spot has capacity; it does not place the task on FARGATE instead (SPOT_FALLS_BACK_TO_ON_DEMAND).
      if (!this.launchRefusalLogged) this.log.add({ at: now, kind: 'launch-refused', provider, reason: 'Fargate Spot capacity is unavailable' });
      this.launchRefusalLogged = true;
      return false;
    }
    this.launchRefusalLogged = false;
    // Fargate gives a task exactly the task definition's size.
    const t: Task = {
      id: this.nextTaskId++, revision: d.revision, deploymentId: d.id, provider, az,
      cpuUnits: this.cfg.task.cpuUnits, memoryMiB: this.cfg.task.memoryMiB, launchedAt: now, state: 'PROVISIONING', everHealthy: false,
    };
    this.tasks.set(t.id, t);
    this.log.add({ at: now, kind: 'task-launched', taskId: t.id, revision: t.revision, provider, az, cpuUnits: t.cpuUnits, memoryMiB: t.memoryMiB });
    return true;
  }

  /**
   * ECS stops a task: the target is deregistered (draining), SIGTERM follows after the deregistration
   * delay for an orderly stop, or after `sigtermAfter` when given (a Spot reclaim does not wait).
   */
  private beginStop(t: Task, reason: StopReason, now: Seconds, sigtermAfter?: Seconds): void {
    if (t.state === 'STOPPING' || t.state === 'STOPPED') return;
    const registered = this.targets.stateOf(t.id) !== undefined;
    this.targets.deregister(t.id, now);
    const wait = sigtermAfter ?? (registered ? this.cfg.targetGroup.deregistrationDelaySeconds + this.assumptions.appShutdownSeconds : 0);
    t.state = 'STOPPING';
    t.stopReason = reason;
    t.stoppedAt = now + wait;
    this.log.add({ at: now, kind: 'task-stopping', taskId: t.id, reason });
    if (wait === 0) this.finish(t, now);
  }

  private finish(t: Task, now: Seconds): void {
    t.state = 'STOPPED';
    t.stoppedAt = now;
    this.targets.deregister(t.id, now);
    this.tasks.delete(t.id);
    this.log.add({ at: now, kind: 'task-stopped', taskId: t.id });
  }

  /** ECS learns that a task failed; a failure of the deployment rolling out counts toward its circuit breaker. */
  private failed(t: Task, reason: StopReason, now: Seconds): void {
    t.stopReason = reason;
    this.log.add({ at: now, kind: 'failure-known', taskId: t.id, reason });
    const d = this.deployments.find((x) => x.id === t.deploymentId);
    if (!d || d.rollout !== 'IN_PROGRESS' || t.everHealthy || !FAILURES.has(reason)) return;
    d.failedTasks++;
    const cb = this.cfg.service.circuitBreaker;
    if (!cb.enable || d.failedTasks < circuitBreakerThreshold(this.desiredCount)) return;
    d.rollout = 'FAILED';
    this.log.add({ at: now, kind: 'deployment-failed', deploymentId: d.id, revision: d.revision, failedTasks: d.failedTasks });
    if (cb.rollback && this.lastCompletedRevision !== undefined) this.deploy(this.lastCompletedRevision, now, true);
  }
}
