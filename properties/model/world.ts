import type { DeploymentConfig } from '../../infra/template/index.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from './assumptions.js';
import { MetricAlarm } from './alarms.js';
import { albCheckVerdict, containerCheckVerdict, measuredApp, type CheckVerdict, type MeasuredApp } from './app-health.js';
import { TargetTracking } from './autoscaling.js';
import { Clock, isDue, type Seconds } from './clock.js';
import { ContainerHealthChecks } from './container-health.js';
import { EventLog } from './events.js';
import { pickTarget } from './load-balancer.js';
import { notificationVerdict } from './notifications.js';
import { ServiceScheduler, type Task } from './scheduler.js';
import { TargetGroup, type ProbeResult } from './target-group.js';

export interface WorldOptions {
  readonly assumptions?: Partial<Assumptions>;
  /** What the app serves (default: the container tests' measurement, see app-health.ts). */
  readonly app?: { readonly app: MeasuredApp; readonly source: string };
  /** Called after every simulated second; a property checks its invariant here. */
  readonly observe?: (world: World) => void;
}

/**
 * The running deployment, second by second: the ECS service, its target group, target tracking and
 * the CloudWatch alarms, all configured from one `DeploymentConfig`, plus the environment the tests
 * act on (which zones are up, which tasks' apps answer, which revisions are broken, CPU demand).
 * Deterministic: the same config and the same calls give the same log.
 */
export class World {
  readonly clock = new Clock();
  readonly log = new EventLog();
  readonly assumptions: Assumptions;
  readonly targets: TargetGroup;
  readonly service: ServiceScheduler;
  readonly scaling: TargetTracking | undefined;
  readonly alarms: MetricAlarm[];
  readonly containerHealth: ContainerHealthChecks;
  /** One flag per availability zone of the service's subnets. */
  readonly azAvailable: boolean[];
  /** CPU demand in percent of one task's CPU, shared by the running tasks (e.g. 140 = 2 tasks at 70 %). */
  cpuDemand = 0;
  /** What an answer from a working target takes; the latency the ALB sees on health checks. */
  responseTimeSeconds: number;
  private readonly brokenApps = new Set<number>();
  private readonly badRevisions = new Set<number>();
  private latestRevision = 1;
  private cpuSum = 0;
  private cpuSamples = 0;
  private requestCount = 0;
  private readonly observe?: (world: World) => void;
  /** The target group's health check and the container's, judged against what the app really serves. */
  readonly albCheck: CheckVerdict;
  readonly containerCheck: CheckVerdict | undefined;
  /** Tasks whose last ALB / container check failed although their app answered (the check itself cannot pass), with why. */
  private readonly albFalseFailures = new Map<number, string>();
  private readonly containerFalseFailures = new Map<number, string>();

  constructor(readonly config: DeploymentConfig, options: WorldOptions = {}) {
    const verdicts = healthVerdicts(config, options.app);
    this.albCheck = verdicts.alb;
    this.containerCheck = verdicts.container;
    this.assumptions = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
    this.responseTimeSeconds = this.assumptions.healthResponseSeconds;
    this.azAvailable = Array.from({ length: Math.max(1, config.service.availabilityZones) }, () => true);
    this.targets = new TargetGroup(config.targetGroup, this.log);
    this.service = new ServiceScheduler(config, this.targets, this.azAvailable, this.assumptions, this.log);
    this.scaling = config.scaling ? new TargetTracking(config.scaling, this.log) : undefined;
    this.alarms = config.alarms.map((a) => new MetricAlarm(a, this.log, config.alarmNotifications?.[a.id] && notificationVerdict(config.alarmNotifications[a.id])));
    this.containerHealth = new ContainerHealthChecks(config.task.healthCheck);
    // The stack registers the scalable target: Application Auto Scaling brings the desired count into its range.
    const registered = this.scaling?.register(0, this.service.desiredCount);
    if (registered !== undefined) this.service.desiredCount = registered;
    this.service.deploy(this.latestRevision, 0);
    this.observe = options.observe;
  }

  get now(): Seconds { return this.clock.now; }

  /** Lets `seconds` of simulated time pass. */
  advance(seconds: Seconds): void {
    for (let i = 0; i < seconds; i++) this.stepOnce();
  }

  /** Advances until the service is steady (deployment done, desired tasks healthy, nothing stopping) or `limit` passes. */
  settle(limit: Seconds = 3600): boolean {
    for (let i = 0; i < limit; i++) {
      if (this.isSteady()) return true;
      this.stepOnce();
    }
    return this.isSteady();
  }

  isSteady(): boolean {
    const live = this.service.liveTasks;
    return !this.service.deploymentInProgress && live.length === this.service.desiredCount
      && live.every((t) => this.service.isHealthy(t));
  }

  // ---- what tests do to the world ----------------------------------------------------------------

  crashTask(taskId: number): void { this.service.crash(taskId, this.now); }
  /** The task's app stops answering its health check (hung, out of memory, broken dependency). */
  breakApp(taskId: number): void { this.brokenApps.add(taskId); }
  repairApp(taskId: number): void { this.brokenApps.delete(taskId); }
  /** Was this task's app made to stop answering (by `breakApp`)? */
  appBroken(taskId: number): boolean { return this.brokenApps.has(taskId); }
  loseAz(az: number): void { if (az < this.azAvailable.length) this.azAvailable[az] = false; }
  restoreAz(az: number): void { if (az < this.azAvailable.length) this.azAvailable[az] = true; }
  interruptSpot(taskId: number): void { this.service.interruptSpot(taskId, this.now); }
  /** Fargate Spot has capacity, or refuses every launch (ECS retries; it does not fall back to FARGATE). */
  setSpotCapacity(available: boolean): void { this.service.spotCapacityAvailable = available; }
  /** Registers a new revision of the task definition (a good or a broken image) and deploys it. */
  deploy(works: boolean): number {
    const revision = ++this.latestRevision;
    if (!works) this.badRevisions.add(revision);
    this.service.deploy(revision, this.now);
    return revision;
  }
  revisionWorks(revision: number): boolean { return !this.badRevisions.has(revision); }

  /** One request through the HTTPS listener: the task it reaches, or undefined when none is routable. */
  request(): Task | undefined {
    const target = pickTarget(this.targets.all, this.requestCount++);
    return target ? this.service.task(target.taskId) : undefined;
  }

  // ---- views ---------------------------------------------------------------------------------------

  /** Tasks whose container runs (RUNNING, including those draining before their stop). */
  get runningTasks(): Task[] { return this.service.liveTasks.filter((t) => t.state === 'RUNNING' || (t.state === 'STOPPING' && t.runningAt !== undefined)); }
  get healthyTasks(): Task[] { return this.service.liveTasks.filter((t) => this.service.isHealthy(t)); }
  /** Does this task's app answer its health check from the load balancer right now? */
  answers(task: Task): boolean { return this.azAvailable[task.az] && this.appUp(task); }
  /** Does the app answer inside its own task (the container health check; no network in between)? */
  appUp(task: Task): boolean {
    return task.state === 'RUNNING' && !this.brokenApps.has(task.id) && !this.badRevisions.has(task.revision)
      && this.now >= (task.runningAt ?? Infinity) + this.assumptions.appReadySeconds;
  }
  alarm(metricName: string): MetricAlarm | undefined { return this.alarms.find((a) => a.cfg.metricName === metricName); }

  // ---- one second ----------------------------------------------------------------------------------

  private stepOnce(): void {
    const now = this.clock.tick();
    this.containerHealth.step(now, this.service.liveTaskIterator(), (t) => this.containerProbe(t));
    this.service.step(now, isDue(now, Math.max(1, this.assumptions.schedulerReactionSeconds)), (id) => this.containerHealth.isUnhealthy(id));
    this.targets.step(now, (id) => this.probe(id));

    const running = this.service.runningActiveCount;
    if (running > 0) { this.cpuSum += Math.min(100, this.cpuDemand / running); this.cpuSamples++; }
    if (this.scaling && isDue(now, TargetTracking.periodSeconds)) {
      const avg = this.cpuSamples === 0 ? undefined : this.cpuSum / this.cpuSamples;
      this.cpuSum = 0;
      this.cpuSamples = 0;
      const next = this.scaling.evaluate(now, avg, this.service.desiredCount, this.service.deploymentInProgress);
      if (next !== undefined) this.service.desiredCount = next;
    }

    for (const alarm of this.alarms) {
      alarm.sample(this.metric(alarm.cfg.metricName));
      alarm.step(now);
    }
    this.observe?.(this);
  }

  private probe(taskId: number): ProbeResult {
    const task = this.service.task(taskId);
    if (!task || !this.answers(task)) { this.albFalseFailures.delete(taskId); return { answered: false, latencySeconds: Infinity }; }
    if (!this.albCheck.passesWhenAppRuns) { this.albFalseFailures.set(taskId, this.albCheck.why); return { answered: false, latencySeconds: Infinity }; }
    const timeout = this.config.targetGroup.healthCheckTimeoutSeconds;
    if (this.responseTimeSeconds >= timeout) this.albFalseFailures.set(taskId, `the app answers in ${this.responseTimeSeconds}s, not within the health check timeout of ${timeout}s`);
    else this.albFalseFailures.delete(taskId);
    return { answered: true, latencySeconds: this.responseTimeSeconds };
  }

  /** The container health check command inside the task: its answer latency, or undefined when it fails. */
  private containerProbe(t: Task): number | undefined {
    const v = this.containerCheck;
    const up = this.appUp(t);
    if (!v || (up ? v.passesWhenAppRuns : v.passesWhenAppStopped)) { this.containerFalseFailures.delete(t.id); return this.responseTimeSeconds; }
    if (up) this.containerFalseFailures.set(t.id, v.why); else this.containerFalseFailures.delete(t.id);
    return undefined;
  }

  /**
   * Why this task's health checks fail although its app answers (the template's check cannot pass against
   * what the app serves), or undefined when its last failed check was the app's own failure.
   */
  falseFailure(taskId: number): string | undefined {
    return this.albFalseFailures.get(taskId) ?? this.containerFalseFailures.get(taskId);
  }

  /** Why no task can ever stay healthy under this template's health checks, or undefined when they can pass. */
  get healthBlocker(): string | undefined {
    if (!this.albCheck.passesWhenAppRuns) return this.albCheck.why;
    if (this.containerCheck && !this.containerCheck.passesWhenAppRuns) return this.containerCheck.why;
    return undefined;
  }

  /**
   * The ALB's per-second view of a metric. HealthyHostCount is not published while no target is
   * registered (the alarm's treat-missing-data then decides); TargetResponseTime only exists when
   * some target can take requests.
   */
  private metric(name: string): number | undefined {
    if (this.targets.registeredCount === 0) return undefined;
    switch (name) {
      case 'HealthyHostCount': return this.targets.healthyCount;
      case 'UnHealthyHostCount': return this.targets.unhealthyCount;
      case 'TargetResponseTime': return this.responseTimeSeconds;
      default: return undefined;
    }
  }
}

const verdictCache = new WeakMap<DeploymentConfig, { alb: CheckVerdict; container: CheckVerdict | undefined }>();

/** The template's two health checks judged against the measured app (once per config). */
function healthVerdicts(config: DeploymentConfig, given?: { readonly app: MeasuredApp; readonly source: string }) {
  const hit = given ? undefined : verdictCache.get(config);
  if (hit) return hit;
  const { app, source } = given ?? measuredApp();
  const hc = config.task.healthCheck;
  const out = { alb: albCheckVerdict(config.targetGroup, app, source), container: hc ? containerCheckVerdict(hc.command, app, source) : undefined };
  if (!given) verdictCache.set(config, out);
  return out;
}
