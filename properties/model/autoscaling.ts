import type { DeploymentConfig } from '../../infra/template/index.js';
import {
  SCALE_IN_DATAPOINTS, SCALE_IN_ONLY_IF_METRIC_STAYS_AT_TARGET, SCALING_CLAMPS_ONLY_ON_REGISTRATION_AND_ACTION, SCALE_IN_SUSPENDED_DURING_DEPLOYMENTS, SCALE_IN_TARGET_RATIO,
  SCALE_OUT_DATAPOINTS, TARGET_TRACKING_PERIOD_SECONDS,
} from './aws-facts.js';
import type { Seconds } from './clock.js';
import type { EventLog } from './events.js';

type ScalingConfig = NonNullable<DeploymentConfig['scaling']>;

/**
 * Application Auto Scaling target tracking on the service's average CPU, as documented: one datapoint a
 * minute; the scale-out alarm needs `SCALE_OUT_DATAPOINTS` consecutive datapoints above the target, the
 * scale-in alarm `SCALE_IN_DATAPOINTS` below `SCALE_IN_TARGET_RATIO` x target. While an alarm stays in
 * ALARM its action is invoked again every minute. A cooldown blocks further actions in its own
 * direction only; the new capacity is proportional to metric / target. The range [min, max] is applied
 * when the scalable target is registered (`register`) and when a policy acts, not on a timer
 * (SCALING_CLAMPS_ONLY_ON_REGISTRATION_AND_ACTION); scale-in never removes a task whose removal would
 * push the metric above the target (SCALE_IN_ONLY_IF_METRIC_STAYS_AT_TARGET) and is off while a
 * deployment is in progress (SCALE_IN_SUSPENDED_DURING_DEPLOYMENTS).
 */
export class TargetTracking {
  private readonly datapoints: Array<number | undefined> = [];
  private lastOutAt: Seconds | undefined;
  private lastInAt: Seconds | undefined;

  constructor(private readonly cfg: ScalingConfig, private readonly log: EventLog) {}

  /** RegisterScalableTarget: the current capacity brought into [min, max] (undefined when already inside). */
  register(now: Seconds, desired: number): number | undefined {
    const { minCapacity: min, maxCapacity: max } = this.cfg;
    return desired < min || desired > max ? this.act(now, desired, Math.min(max, Math.max(min, desired))) : undefined;
  }

  /**
   * Called once a minute with the minute's average CPU (undefined when no task ran), the current desired
   * count and whether an ECS deployment is in progress; returns the new desired count when a scaling
   * activity happens.
   */
  evaluate(now: Seconds, averageCpu: number | undefined, desired: number, deploymentInProgress = false): number | undefined {
    this.datapoints.push(averageCpu);
    if (this.datapoints.length > SCALE_IN_DATAPOINTS) this.datapoints.shift();
    const { minCapacity: min, maxCapacity: max, targetValue: target } = this.cfg;
    if (!SCALING_CLAMPS_ONLY_ON_REGISTRATION_AND_ACTION && (desired < min || desired > max)) return this.register(now, desired);

    const lastN = (n: number) => this.datapoints.length >= n ? this.datapoints.slice(-n) : undefined;
    const outWindow = lastN(SCALE_OUT_DATAPOINTS);
    const outAlarm = outWindow?.every((d) => d !== undefined && d > target) ?? false;
    if (outAlarm && desired < max && !this.cooling(now, this.lastOutAt, this.cfg.scaleOutCooldownSeconds)) {
      const metric = outWindow![outWindow!.length - 1]!;
      // A scale-out from below the minimum goes to at least the minimum; never above the maximum.
      return this.act(now, desired, Math.min(max, Math.max(min, desired + 1, Math.ceil(desired * metric / target))));
    }
    if (SCALE_IN_SUSPENDED_DURING_DEPLOYMENTS && deploymentInProgress) return undefined;
    const inWindow = lastN(SCALE_IN_DATAPOINTS);
    const inAlarm = inWindow?.every((d) => d !== undefined && d < SCALE_IN_TARGET_RATIO * target) ?? false;
    if (inAlarm && desired > min && !this.cooling(now, this.lastInAt, this.cfg.scaleInCooldownSeconds)) {
      const metric = inWindow![inWindow!.length - 1]!;
      // The capacity that keeps the metric at or below the target; no scale-in when that is the current one.
      const keepsTarget = Math.ceil(desired * metric / target);
      if (SCALE_IN_ONLY_IF_METRIC_STAYS_AT_TARGET && keepsTarget >= desired) return undefined;
      // Never below the minimum; a capacity above the maximum comes down at least to it.
      return this.act(now, desired, Math.min(max, Math.max(min, Math.min(desired - 1, keepsTarget))));
    }
    return undefined;
  }

  static readonly periodSeconds = TARGET_TRACKING_PERIOD_SECONDS;

  private cooling(now: Seconds, last: Seconds | undefined, cooldown: number): boolean {
    return last !== undefined && now - last < cooldown;
  }

  private act(now: Seconds, from: number, to: number): number | undefined {
    if (to === from) return undefined;
    const direction = to > from ? 'out' : 'in';
    if (direction === 'out') this.lastOutAt = now; else this.lastInAt = now;
    this.log.add({ at: now, kind: 'scaling', direction, from, to });
    return to;
  }
}
