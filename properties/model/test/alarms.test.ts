import { describe, expect, it } from 'vitest';
import { MetricAlarm } from '../alarms.js';
import { EventLog } from '../events.js';
import { config } from './fixtures.js';

const healthy = config.alarms.find((a) => a.metricName === 'HealthyHostCount')!;
const latency = config.alarms.find((a) => a.metricName === 'TargetResponseTime')!;

/** Runs an alarm over per-second values for `seconds`, returning the alarm and its log. */
function run(cfg: typeof healthy, valueAt: (t: number) => number | undefined, seconds: number) {
  const log = new EventLog();
  const alarm = new MetricAlarm(cfg, log);
  for (let t = 1; t <= seconds; t++) { alarm.sample(valueAt(t)); alarm.step(t); }
  return { alarm, log };
}

describe('CloudWatch alarm', () => {
  it('HealthyHostCount (Minimum): one second at 0 in a period puts the alarm in ALARM at the end of that period and notifies SNS once', () => {
    const p = healthy.periodSeconds;
    const { alarm, log } = run(healthy, (t) => (t === p + 10 ? 0 : 2), 3 * p);
    const states = log.ofKind('alarm-state');
    expect(states.find((s) => s.to === 'ALARM')?.at).toBe(2 * p);
    expect(log.ofKind('notification').map((n) => n.at)).toEqual([2 * p]);
    expect(alarm.state).toBe('OK');
  });

  it('treat missing data: breaching puts the alarm in ALARM when nothing is published, notBreaching keeps it OK', () => {
    expect(run({ ...healthy, treatMissingData: 'breaching' }, () => undefined, healthy.periodSeconds).alarm.state).toBe('ALARM');
    expect(run({ ...healthy, treatMissingData: 'notBreaching' }, () => undefined, healthy.periodSeconds).alarm.state).toBe('OK');
    expect(run({ ...healthy, treatMissingData: 'missing' }, () => undefined, healthy.periodSeconds).alarm.state).toBe('INSUFFICIENT_DATA');
  });

  it('TargetResponseTime (Average) needs 2 breaching periods of 2', () => {
    const p = latency.periodSeconds;
    const slow = latency.threshold + 1;
    const one = run(latency, (t) => (t <= p ? slow : 0.1), 2 * p);
    expect(one.alarm.state).toBe('OK');
    const two = run(latency, () => slow, latency.evaluationPeriods * p);
    expect(two.alarm.state).toBe('ALARM');
  });

  it('missing latency (no traffic) is not breaching', () => {
    const { alarm } = run(latency, () => undefined, 3 * latency.periodSeconds);
    expect(alarm.state).toBe('OK');
  });

  it('an alarm without actions changes state but notifies nobody', () => {
    const { alarm, log } = run({ ...healthy, alarmActions: 0, notifiesSns: false }, () => 0, healthy.periodSeconds);
    expect(alarm.state).toBe('ALARM');
    expect(log.ofKind('notification')).toEqual([]);
  });
});
