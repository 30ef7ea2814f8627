import type { DeploymentConfig } from '../../infra/template/index.js';
import { PASSED_CHECKS_FOR_NEW_TARGET } from './aws-facts.js';
import type { Seconds } from './clock.js';
import type { EventLog } from './events.js';

export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface Target {
  readonly taskId: number;
  state: TargetState;
  readonly registeredAt: Seconds;
  consecutiveOk: number;
  consecutiveFailed: number;
  drainingUntil?: Seconds;
}

/** What a health check request saw: did the target answer `200` in time, and how fast. */
export interface ProbeResult { readonly answered: boolean; readonly latencySeconds: number }

/**
 * An ALB target group's health state machine, as the ELB user guide describes it: a registered target
 * starts `initial` and becomes `healthy` after one passed check (`PASSED_CHECKS_FOR_NEW_TARGET`); an
 * unhealthy target needs `healthyThreshold` consecutive passed checks; any target becomes `unhealthy`
 * after `unhealthyThreshold` consecutive failed ones (an answer slower than the timeout is a failure);
 * a deregistered target is `draining` for the deregistration delay and then removed.
 */
export class TargetGroup {
  private readonly targets = new Map<number, Target>();

  constructor(private readonly cfg: DeploymentConfig['targetGroup'], private readonly log: EventLog) {}

  register(taskId: number, now: Seconds): void {
    this.targets.set(taskId, { taskId, state: 'initial', registeredAt: now, consecutiveOk: 0, consecutiveFailed: 0 });
    this.log.add({ at: now, kind: 'target-state', taskId, from: 'unused', to: 'initial' });
  }

  deregister(taskId: number, now: Seconds): void {
    const t = this.targets.get(taskId);
    if (!t || t.state === 'draining') return;
    this.setState(t, 'draining', now);
    t.drainingUntil = now + this.cfg.deregistrationDelaySeconds;
  }

  /** One second of time: checks that are due, and the end of draining. */
  step(now: Seconds, probe: (taskId: number) => ProbeResult): void {
    const interval = Math.max(1, this.cfg.healthCheckIntervalSeconds);
    for (const t of this.targets.values()) { // deleting the current entry while iterating a Map is safe
      if (t.state === 'draining') {
        if (now >= (t.drainingUntil ?? now)) {
          this.targets.delete(t.taskId);
          this.log.add({ at: now, kind: 'target-state', taskId: t.taskId, from: 'draining', to: 'unused' });
        }
        continue;
      }
      const age = now - t.registeredAt;
      if (age <= 0 || age % interval !== 0) continue;
      const r = probe(t.taskId);
      const ok = r.answered && r.latencySeconds < this.cfg.healthCheckTimeoutSeconds;
      this.log.add({ at: now, kind: 'health-check', taskId: t.taskId, ok });
      if (ok) { t.consecutiveOk++; t.consecutiveFailed = 0; } else { t.consecutiveFailed++; t.consecutiveOk = 0; }
      const needed = t.state === 'initial' ? PASSED_CHECKS_FOR_NEW_TARGET : this.cfg.healthyThreshold;
      if (ok && t.state !== 'healthy' && t.consecutiveOk >= needed) this.setState(t, 'healthy', now);
      if (!ok && t.state !== 'unhealthy' && t.consecutiveFailed >= this.cfg.unhealthyThreshold) this.setState(t, 'unhealthy', now);
    }
  }

  stateOf(taskId: number): TargetState | undefined { return this.targets.get(taskId)?.state; }

  /** The next second after `now` at which a check is due or a draining target leaves (Infinity when none). */
  nextEventAfter(now: Seconds): Seconds {
    const interval = Math.max(1, this.cfg.healthCheckIntervalSeconds);
    let next = Infinity;
    for (const t of this.targets.values()) {
      if (t.state === 'draining') { next = Math.min(next, Math.max(now + 1, t.drainingUntil ?? now + 1)); continue; }
      const k = Math.floor((now - t.registeredAt) / interval) + 1;
      next = Math.min(next, t.registeredAt + Math.max(1, k) * interval);
    }
    return next;
  }
  get all(): readonly Target[] { return [...this.targets.values()]; }
  /** Targets that are registered and not draining (what HealthyHostCount and fail-open consider). */
  get registered(): Target[] { return this.all.filter((t) => t.state !== 'draining'); }
  get healthyCount(): number { let n = 0; for (const t of this.targets.values()) if (t.state === 'healthy') n++; return n; }
  /** Registered, non-draining targets, counted without building a list (read every simulated second). */
  get registeredCount(): number { let n = 0; for (const t of this.targets.values()) if (t.state !== 'draining') n++; return n; }
  get unhealthyCount(): number { let n = 0; for (const t of this.targets.values()) if (t.state === 'unhealthy') n++; return n; }

  private setState(t: Target, to: TargetState, now: Seconds): void {
    this.log.add({ at: now, kind: 'target-state', taskId: t.taskId, from: t.state, to });
    t.state = to;
  }
}
