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
  /**
   * Called after every simulated second in which something can have changed (with the event engine:
   * after each event; between events nothing observable changes); a property checks its invariant here.
   */
  readonly observe?: (world: World) => void;
  /**
   * 'event' (default): jump from one event to the next (a launch, a start, a health check, a scheduler
   * pass after a change, a metric period, ...); 'second': step every second, the reference the event
   * engine is tested against. PROPERTY_ENGINE sets the default.
   */
  readonly engine?: 'event' | 'second';
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
  /** The minute's CPU samples as seconds per distinct value (summed exactly however the seconds are added). */
  private readonly cpuSecondsByValue = new Map<number, number>();
  private cpuSamples = 0;
  readonly engine: 'event' | 'second';
  /** Something changed in the last step or from outside: the next second is an event. */
  private hot = true;
  /** Something changed since the scheduler's last pass: its next pass is an event. */
  private reactionPending = true;
  /** Seconds at which an observer asked to look (see `wakeAt`). */
  private readonly wakeups = new Set<Seconds>();
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
    this.engine = options.engine ?? defaultEngine();
    // The measured answer time of the health path, unless a test sets the assumption.
    this.responseTimeSeconds = options.assumptions?.healthResponseSeconds ?? this.albCheck.answerSeconds ?? this.assumptions.healthResponseSeconds;
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
    const end = this.now + seconds;
    while (this.now < end) this.stepToNextEvent(end);
  }

  /** Advances until the service is steady (deployment done, desired tasks healthy, nothing stopping) or `limit` passes. */
  settle(limit: Seconds = 3600): boolean {
    const end = this.now + limit;
    while (this.now < end) {
      if (this.isSteady()) return true;
      this.stepToNextEvent(end);
    }
    return this.isSteady();
  }

  /** An observer wants to look at the world at second `at` (a deadline it checks), even if nothing happens then. */
  wakeAt(at: Seconds): void { if (at > this.now) this.wakeups.add(at); }

  /**
   * One second with the second engine; with the event engine, the quiet seconds up to the next event
   * (only the per-second CPU and metric samples accumulate, nothing else can change) and then the event's
   * second in full.
   */
  private stepToNextEvent(end: Seconds): void {
    if (this.engine === 'event') {
      const next = Math.min(end, this.nextEventTime());
      if (next - 1 > this.now) this.quiet(next - 1 - this.now);
    }
    const before = this.signature();
    const reacting = isDue(this.now + 1, Math.max(1, this.assumptions.schedulerReactionSeconds));
    if (reacting) this.reactionPending = false;
    this.stepOnce();
    if (this.wakeups.size > 0) this.wakeups.delete(this.now);
    this.hot = this.signature() !== before;
    if (this.hot) this.reactionPending = true;
  }

  /**
   * A number that changes whenever the world changes outside the per-second samples and the health
   * checks' pass/fail counters (those only matter at the next check, itself an event): a logged state
   * change, the desired count, Spot capacity, a container turning unhealthy, a test's action.
   */
  private signature(): number {
    return this.log.changes + this.service.version + this.containerHealth.version + this.externalChanges;
  }
  private externalChanges = 0;
  /** A test acted on the world: the next second is an event. */
  private touch(): void { this.externalChanges++; this.hot = true; this.reactionPending = true; }

  /** The next second after now at which something can change (or an observer asked to look). */
  private nextEventTime(): Seconds {
    const now = this.now;
    if (this.hot) return now + 1;
    let next = Infinity;
    const a = this.assumptions;
    const reaction = Math.max(1, a.schedulerReactionSeconds);
    if (this.reactionPending) next = nextMultiple(now + 1, reaction);
    const grace = this.config.service.healthCheckGracePeriodSeconds;
    for (const t of this.service.liveTaskIterator()) {
      if (t.state === 'PROVISIONING') next = Math.min(next, Math.max(now + 1, t.launchedAt + a.taskStartSeconds));
      else if (t.state === 'STOPPING') next = Math.min(next, Math.max(now + 1, t.stoppedAt ?? now + 1));
      else if (t.state === 'RUNNING' && t.runningAt !== undefined) {
        if (t.runningAt + a.appReadySeconds > now) next = Math.min(next, t.runningAt + a.appReadySeconds);
        // The end of the grace period lets the scheduler act on a task it had to ignore.
        if (t.runningAt + grace > now) next = Math.min(next, nextMultiple(Math.max(t.runningAt + grace, now + 1), reaction));
      }
    }
    next = Math.min(next, this.targets.nextEventAfter(now), this.containerHealth.nextCheckAfter(now, this.service.liveTaskIterator()));
    if (this.scaling) next = Math.min(next, (Math.floor(now / TargetTracking.periodSeconds) + 1) * TargetTracking.periodSeconds);
    for (const alarm of this.alarms) next = Math.min(next, alarm.nextEvaluationAfter(now));
    if (this.wakeups.size > 0) for (const w of this.wakeups) if (w > now) next = Math.min(next, w);
    return Math.max(now + 1, next);
  }

  /** `n` seconds in which nothing but the per-second samples happens (the event engine guarantees it). */
  private quiet(n: Seconds): void {
    this.clock.advanceBy(n);
    const running = this.service.runningActiveCount;
    if (running > 0) this.sampleCpu(Math.min(100, this.cpuDemand / running), n);
    for (const alarm of this.alarms) alarm.sample(this.metric(alarm.cfg.metricName), n);
  }

  private sampleCpu(value: number, seconds: number): void {
    this.cpuSecondsByValue.set(value, (this.cpuSecondsByValue.get(value) ?? 0) + seconds);
    this.cpuSamples += seconds;
  }

  isSteady(): boolean {
    const live = this.service.liveTasks;
    return !this.service.deploymentInProgress && live.length === this.service.desiredCount
      && live.every((t) => this.service.isHealthy(t));
  }

  // ---- what tests do to the world ----------------------------------------------------------------

  crashTask(taskId: number): void { this.touch(); this.service.crash(taskId, this.now); }
  /** The task's app stops answering its health check (hung, out of memory, broken dependency). */
  breakApp(taskId: number): void { this.touch(); this.brokenApps.add(taskId); }
  repairApp(taskId: number): void { this.touch(); this.brokenApps.delete(taskId); }
  /** Was this task's app made to stop answering (by `breakApp`)? */
  appBroken(taskId: number): boolean { return this.brokenApps.has(taskId); }
  loseAz(az: number): void { this.touch(); if (az < this.azAvailable.length) this.azAvailable[az] = false; }
  restoreAz(az: number): void { this.touch(); if (az < this.azAvailable.length) this.azAvailable[az] = true; }
  interruptSpot(taskId: number): void { this.touch(); this.service.interruptSpot(taskId, this.now); }
  /** Fargate Spot has capacity, or refuses every launch (ECS retries; it does not fall back to FARGATE). */
  setSpotCapacity(available: boolean): void { this.touch(); this.service.spotCapacityAvailable = available; }
  /** Registers a new revision of the task definition (a good or a broken image) and deploys it. */
  deploy(works: boolean): number {
    this.touch();
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
    if (running > 0) this.sampleCpu(Math.min(100, this.cpuDemand / running), 1);
    if (this.scaling && isDue(now, TargetTracking.periodSeconds)) {
      let sum = 0;
      for (const [v, n] of this.cpuSecondsByValue) sum += v * n;
      const avg = this.cpuSamples === 0 ? undefined : sum / this.cpuSamples;
      this.cpuSecondsByValue.clear();
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

/** The first multiple of `period` at or after `t`. */
function nextMultiple(t: Seconds, period: Seconds): Seconds { return Math.ceil(t / period) * period; }

/** The engine a World uses unless told: PROPERTY_ENGINE=second steps every second (the reference). */
function defaultEngine(): 'event' | 'second' {
  return process.env.PROPERTY_ENGINE === 'second' ? 'second' : 'event';
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
