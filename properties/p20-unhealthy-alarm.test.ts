import { afterAll, describe, it } from 'vitest';
import type { CfnTemplate, DeploymentConfig } from '../infra/template/index.js';
import { awsFacts, type World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation, type Checker } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P20 Alarm triggers on unhealthy state (R9.5). CloudWatch evaluates the one-minute HealthyHostCount
 * datapoint when its minute ends, so the alarm cannot be in ALARM at the very second no target is
 * healthy. Checked: whenever HealthyHostCount drops below 1, the alarm is in ALARM within two metric
 * periods (the minute in which it happened, plus one) and an SNS notification has been sent for it.
 */
const evidence = new PropertyEvidence('P20', ['R9.5'],
  'the alarm follows the one-minute datapoint: ALARM and the SNS notification come at the end of the minute in which HealthyHostCount fell below 1 (checked within 2 periods), never at the same instant');
afterAll(() => { evidence.write(); });

/** How long after the drop the alarm must be in ALARM: the rest of the drop's minute and one more. */
const ALARM_WITHIN_SECONDS = 2 * awsFacts.ALB_METRIC_PERIOD_SECONDS;

class AlarmChecker implements Checker {
  /** Drops not yet confirmed by an ALARM state and a notification: when each began. */
  private pending: number[] = [];
  private wasBelow = false;

  onSecond(w: World): void {
    const alarm = w.alarm('HealthyHostCount');
    if (!alarm) throw new Violation(w.now, 'no alarm on HealthyHostCount');
    const below = w.targets.healthyCount < SPEC.healthyHostAlarmBelow;
    if (below && !this.wasBelow) this.pending.push(w.now);
    this.wasBelow = below;
    if (this.pending.length === 0) return;
    const enteredAlarm = w.log.ofKind('alarm-state').filter((e) => e.alarmId === alarm.cfg.id && e.to === 'ALARM').at(-1);
    const notified = enteredAlarm !== undefined && w.log.ofKind('notification').some((n) => n.alarmId === alarm.cfg.id && n.at >= enteredAlarm.at);
    if (alarm.state === 'ALARM' && notified) { this.pending = []; return; }
    const overdue = this.pending.find((since) => w.now - since > ALARM_WITHIN_SECONDS);
    if (overdue !== undefined) {
      throw new Violation(w.now, `HealthyHostCount fell below ${SPEC.healthyHostAlarmBelow} at t=${overdue}s; alarm ${alarm.state}, ${notified ? '' : 'no '}notification after ${w.now - overdue}s`);
    }
  }
}

function alarmsWhenNoneHealthy(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.passTime(300), arb.crash(), arb.failHealth(), arb.loseZone(), arb.restoreZone(), arb.deploy()], () => new AlarmChecker());
}

/** A change to the HealthyHostCount alarm's properties. */
function onHealthyHostAlarm(change: (props: Record<string, any>) => void) {
  return (t: CfnTemplate) => {
    const alarm = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'HealthyHostCount');
    if (!alarm) throw new Error('mutant: no HealthyHostCount alarm');
    change(alarm.Properties!);
  };
}

describe('P20 alarm triggers on unhealthy state', () => {
  it('P20 when no target is healthy the HealthyHostCount alarm is in ALARM and has notified SNS within two periods', () => {
    assertHolds(evidence, 'P20 holds on the template under test', alarmsWhenNoneHealthy(configUnderTest));
  });

  it('P20 rejects an alarm threshold of 0 (never breached)', () => {
    expectRejects(evidence, 'P20 mutant Threshold 0', alarmsWhenNoneHealthy(mutantConfig('Threshold 0', onHealthyHostAlarm((p) => { p.Threshold = 0; }))));
  });

  it('P20 rejects an alarm without actions (no SNS notification)', () => {
    expectRejects(evidence, 'P20 mutant AlarmActions []', alarmsWhenNoneHealthy(mutantConfig('no AlarmActions', onHealthyHostAlarm((p) => { p.AlarmActions = []; }))));
  });

  it('P20 rejects an alarm that needs 5 breaching periods', () => {
    expectRejects(evidence, 'P20 mutant EvaluationPeriods 5', alarmsWhenNoneHealthy(mutantConfig('5 periods', onHealthyHostAlarm((p) => { p.EvaluationPeriods = 5; p.DatapointsToAlarm = 5; }))));
  });
});
