import type { DeploymentConfig } from '../../infra/template/index.js';
import type { Seconds } from './clock.js';
import type { EventLog } from './events.js';
import type { NotificationVerdict } from './notifications.js';

type AlarmConfig = DeploymentConfig['alarms'][number];
export type AlarmState = 'INSUFFICIENT_DATA' | 'OK' | 'ALARM';

/**
 * A CloudWatch metric alarm: per-second samples are reduced to one datapoint per period by the
 * alarm's statistic; at the end of each period the last `evaluationPeriods` datapoints are evaluated,
 * missing ones treated as `treatMissingData` says, and the alarm is in ALARM when at least
 * `datapointsToAlarm` breach. Its actions run on the transition into ALARM; an SNS action is logged as
 * a notification when its path delivers (topic policy, key, subscription), else as undelivered with the
 * link that stops it.
 */
export class MetricAlarm {
  state: AlarmState = 'INSUFFICIENT_DATA';
  // The period's samples, kept as running aggregates (one sample a simulated second). The sum is kept as
  // seconds per distinct value, so a run of equal seconds added at once sums exactly as one by one.
  private count = 0;
  private readonly secondsByValue = new Map<number, number>();
  private min = Infinity;
  private max = -Infinity;
  private readonly datapoints: Array<number | undefined> = [];

  /**
   * `notification`: whether what the alarm's actions publish reaches a subscriber (`notificationVerdict`
   * of the template's path); without one, an alarm with an SNS action is taken to deliver.
   */
  constructor(readonly cfg: AlarmConfig, private readonly log: EventLog, readonly notification?: NotificationVerdict) {}

  /** One second's value of the metric; undefined when the metric is not published. */
  sample(value: number | undefined, seconds = 1): void {
    if (value === undefined || seconds <= 0) return;
    this.count += seconds;
    this.secondsByValue.set(value, (this.secondsByValue.get(value) ?? 0) + seconds);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** The next period end after `now`. */
  nextEvaluationAfter(now: Seconds): Seconds {
    const period = Math.max(1, this.cfg.periodSeconds);
    return (Math.floor(now / period) + 1) * period;
  }

  private get sum(): number { let s = 0; for (const [v, n] of this.secondsByValue) s += v * n; return s; }

  /** Closes the period ending at `now` when one ends there, then evaluates. */
  step(now: Seconds): void {
    const period = Math.max(1, this.cfg.periodSeconds);
    if (now === 0 || now % period !== 0) return;
    this.datapoints.push(this.reduce());
    this.count = 0; this.secondsByValue.clear(); this.min = Infinity; this.max = -Infinity;
    if (this.datapoints.length > this.cfg.evaluationPeriods) this.datapoints.shift();
    this.evaluate(now);
  }

  private reduce(): number | undefined {
    if (this.count === 0) return undefined;
    switch (this.cfg.statistic) {
      case 'Minimum': return this.min;
      case 'Maximum': return this.max;
      case 'Sum': return this.sum;
      case 'SampleCount': return this.count;
      default: return this.sum / this.count;
    }
  }

  breaches(value: number): boolean {
    const t = this.cfg.threshold;
    switch (this.cfg.comparisonOperator) {
      case 'GreaterThanThreshold': return value > t;
      case 'GreaterThanOrEqualToThreshold': return value >= t;
      case 'LessThanThreshold': return value < t;
      case 'LessThanOrEqualToThreshold': return value <= t;
      default: return false;
    }
  }

  private evaluate(now: Seconds): void {
    let breaching = 0;
    let known = 0;
    for (const d of this.datapoints) {
      if (d === undefined) {
        if (this.cfg.treatMissingData === 'breaching') { breaching++; known++; }
        else if (this.cfg.treatMissingData === 'notBreaching') known++;
        // 'ignore' and 'missing' leave the datapoint out of the evaluation.
        continue;
      }
      known++;
      if (this.breaches(d)) breaching++;
    }
    let next: AlarmState;
    if (breaching >= this.cfg.datapointsToAlarm) next = 'ALARM';
    else if (known === 0) next = this.cfg.treatMissingData === 'ignore' ? this.state : 'INSUFFICIENT_DATA';
    else next = 'OK';
    if (next === this.state) return;
    this.log.add({ at: now, kind: 'alarm-state', alarmId: this.cfg.id, from: this.state, to: next });
    this.state = next;
    if (next !== 'ALARM' || this.cfg.alarmActions === 0) return;
    const v = this.notification;
    if (v === undefined) { if (this.cfg.notifiesSns) this.log.add({ at: now, kind: 'notification', alarmId: this.cfg.id }); return; }
    if (v.status === 'delivered') this.log.add({ at: now, kind: 'notification', alarmId: this.cfg.id, chain: v.chain });
    else if (v.status === 'broken') this.log.add({ at: now, kind: 'notification-undelivered', alarmId: this.cfg.id, link: v.link, reason: v.reason });
    else this.log.add({ at: now, kind: 'notification-undelivered', alarmId: this.cfg.id, link: 'unknown', reason: `${v.what} is not known from the template: ${v.why}` });
  }
}
