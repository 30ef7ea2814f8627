import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UnknownValueError, type CfnTemplate, type DeploymentConfig } from '../infra/template/index.js';
import { awsFacts, notificationVerdict, watchesServiceTargets, type World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation, WorldCommand, type Checker, type Sim } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { alarmAndTopic, configUnderTest, mutantConfig, MutantBuildError } from './support/template.js';

/**
 * P20 Alarm triggers on unhealthy state (R9.5). CloudWatch evaluates the one-minute HealthyHostCount
 * datapoint when its minute ends, so the alarm cannot be in ALARM at the very second no target is
 * healthy. Checked: whenever HealthyHostCount drops below 1, the alarm is in ALARM within two metric
 * periods (the minute in which it happened, plus one), stays in ALARM as long as no target is healthy
 * (also through whole minutes with no registered target, where TreatMissingData decides), and an SNS
 * notification has been sent for it that
 * reaches someone: CloudWatch may publish to the topic (its policy, which replaces SNS's default one when
 * the template sets it), may use the topic's key when it is encrypted, and the topic has a subscription.
 * A subscription that exists only under a template condition (ours: the AlarmEmail parameter) counts,
 * and the evidence names the condition; a topic with no subscription at all notifies nobody and fails.
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
  /** When the current unbroken stretch below 1 began (undefined: not below now). */
  private belowSince: number | undefined;

  onSecond(w: World): void {
    const alarm = w.alarm('HealthyHostCount');
    if (!alarm) throw new Violation(w.now, 'no alarm on HealthyHostCount');
    const watched = watchesServiceTargets(w.config.alarmNotifications[alarm.cfg.id].metric, w.config);
    if (watched.ok === false) throw new Violation(w.now, `the HealthyHostCount alarm does not watch the service's targets: ${watched.reason}`);
    const below = w.targets.healthyCount < SPEC.healthyHostAlarmBelow;
    if (below && !this.wasBelow) { this.pending.push(w.now); this.belowSince = w.now; w.wakeAt(w.now + ALARM_WITHIN_SECONDS + 1); }
    if (!below) this.belowSince = undefined;
    this.wasBelow = below;
    // "A state where HealthyHostCount is less than 1" lasts: the alarm must stay in ALARM for as long as
    // it does (once every period since the drop has been evaluated), also through minutes in which no
    // target is registered and the ALB publishes no datapoint at all.
    if (this.belowSince !== undefined && w.now - this.belowSince > ALARM_WITHIN_SECONDS && alarm.state !== 'ALARM') {
      const missing = w.targets.registeredCount === 0 ? ` (no target registered, so no datapoint: TreatMissingData ${alarm.cfg.treatMissingData})` : '';
      throw new Violation(w.now, `no target healthy since t=${this.belowSince}s, yet the alarm is ${alarm.state}${missing}`);
    }
    if (this.pending.length === 0) return;
    const enteredAlarm = w.log.ofKind('alarm-state').filter((e) => e.alarmId === alarm.cfg.id && e.to === 'ALARM').at(-1);
    const notified = enteredAlarm !== undefined && w.log.ofKind('notification').some((n) => n.alarmId === alarm.cfg.id && n.at >= enteredAlarm.at);
    if (alarm.state === 'ALARM' && notified) { this.pending = []; return; }
    const overdue = this.pending.find((since) => w.now - since > ALARM_WITHIN_SECONDS);
    if (overdue !== undefined) {
      const lost = enteredAlarm && w.log.ofKind('notification-undelivered').find((n) => n.alarmId === alarm.cfg.id && n.at >= enteredAlarm.at);
      const why = notified ? 'notified' : lost ? `its notification was not delivered, the ${lost.link} link breaks: ${lost.reason}` : 'no notification';
      throw new Violation(w.now, `HealthyHostCount fell below ${SPEC.healthyHostAlarmBelow} at t=${overdue}s; alarm ${alarm.state} after ${w.now - overdue}s, ${why}`);
    }
  }
}

/**
 * Every zone of the service goes down at once: no task can run or start, so after a while no target is
 * registered and the ALB publishes no HealthyHostCount datapoint at all, minute after minute; only the
 * alarm's TreatMissingData keeps it in ALARM then. (Restored by the generator's "zone comes back".)
 */
class EveryZoneDown extends WorldCommand {
  override readonly isFault = true;
  apply(sim: Sim): void { sim.world.azAvailable.forEach((_, az) => sim.world.loseAz(az)); }
  toString(): string { return 'every availability zone goes down'; }
}

/** The HealthyHostCount alarm's notification path, judged by the model. */
function verdictOf(config: DeploymentConfig) {
  const alarm = config.alarms.find((a) => a.metricName === 'HealthyHostCount');
  return notificationVerdict(alarm && config.alarmNotifications[alarm.id]);
}

function alarmsWhenNoneHealthy(config: DeploymentConfig) {
  // Where the template alone cannot tell whether the notification gets through (a topic of another
  // stack, a key given by id), P20 is not verified rather than simulated on a guess.
  const v = verdictOf(config);
  if (v.status === 'unknown') throw new UnknownValueError(v.what, v.why);
  // The model samples the service's target group: an alarm watching another one sees none of it.
  const alarm = config.alarms.find((a) => a.metricName === 'HealthyHostCount');
  const watched = alarm && watchesServiceTargets(config.alarmNotifications[alarm.id].metric, config);
  if (watched?.ok === 'unknown') throw new UnknownValueError(`what alarm ${alarm!.id} watches`, watched.why);
  return sequenceProperty(config, [arb.passTime(300), arb.crash(), arb.failHealth(), arb.loseZone(), arb.restoreZone(), arb.deploy(),
    fc.constant(new EveryZoneDown())], () => new AlarmChecker());
}

/** A change to the HealthyHostCount alarm's properties. */
function onHealthyHostAlarm(change: (props: Record<string, any>) => void) {
  return (t: CfnTemplate) => {
    const alarm = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'HealthyHostCount');
    if (!alarm) throw new MutantBuildError('no HealthyHostCount alarm');
    change(alarm.Properties!);
  };
}

/** A change to the template's alarm topic (the one the HealthyHostCount alarm notifies), found by its role. */
function onAlarmTopic(change: (t: CfnTemplate, topicId: string) => void) {
  return (t: CfnTemplate) => change(t, alarmAndTopic(t, 'HealthyHostCount').topicId);
}

/** The template's topic policies that apply to a topic. */
function topicPolicies(t: CfnTemplate, topicId: string) {
  return Object.values(t.Resources).filter((r) => r.Type === 'AWS::SNS::TopicPolicy' && (r.Properties?.Topics ?? []).some((x: any) => x?.Ref === topicId));
}

/** A customer managed key whose policy admits only the account root (KMS's default policy). */
const ROOT_ONLY_KEY = {
  Type: 'AWS::KMS::Key',
  Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' }] } },
};

describe('P20 alarm triggers on unhealthy state', () => {
  it('P20 when no target is healthy the HealthyHostCount alarm is in ALARM and has notified SNS within two periods', () => {
    const v = verdictOf(configUnderTest);
    if (v.status === 'delivered') {
      evidence.note(`notification path: ${v.chain}`);
      if (v.conditional.length > 0) evidence.note(`subscribers only under a template condition (a deploy parameter): ${v.conditional.join(', ')}; deployed without it, CloudWatch publishes and SNS delivers to nobody`);
    }
    assertHolds(evidence, 'P20 holds on the template under test', alarmsWhenNoneHealthy(configUnderTest));
  });

  it('P20 rejects a topic policy of Deny statements only (our template before the fix: it replaces SNS\'s default policy, nothing allows CloudWatch to publish)', () => {
    const mutant = mutantConfig('topic policy without its Allow statement', onAlarmTopic((t, topicId) => {
      for (const p of topicPolicies(t, topicId)) p.Properties!.PolicyDocument.Statement = p.Properties!.PolicyDocument.Statement.filter((x: any) => x.Effect === 'Deny');
    }));
    expect(verdictOf(mutant)).toMatchObject({ status: 'broken', link: 'topic policy' });
    expectRejects(evidence, 'P20 mutant topic policy Deny-only', alarmsWhenNoneHealthy(mutant));
  });

  it('P20 rejects a topic encrypted with the AWS managed key alias/aws/sns (CloudWatch cannot use it)', () => {
    const mutant = mutantConfig('KmsMasterKeyId alias/aws/sns', onAlarmTopic((t, topicId) => { t.Resources[topicId].Properties!.KmsMasterKeyId = 'alias/aws/sns'; }));
    expect(verdictOf(mutant)).toMatchObject({ status: 'broken', link: 'encryption key' });
    expectRejects(evidence, 'P20 mutant KmsMasterKeyId alias/aws/sns', alarmsWhenNoneHealthy(mutant));
  });

  it('P20 rejects a topic encrypted with a key whose policy does not let CloudWatch use it', () => {
    const mutant = mutantConfig('KmsMasterKeyId a root-only key', onAlarmTopic((t, topicId) => {
      t.Resources.MutantAlarmKey = structuredClone(ROOT_ONLY_KEY);
      t.Resources[topicId].Properties!.KmsMasterKeyId = { 'Fn::GetAtt': ['MutantAlarmKey', 'Arn'] };
    }));
    expect(verdictOf(mutant)).toMatchObject({ status: 'broken', link: 'encryption key' });
    expectRejects(evidence, 'P20 mutant KmsMasterKeyId key without CloudWatch', alarmsWhenNoneHealthy(mutant));
  });

  it('P20 rejects a topic without any subscription (nobody is notified)', () => {
    const mutant = mutantConfig('no subscription', onAlarmTopic((t, topicId) => {
      for (const [id, r] of Object.entries(t.Resources)) if (r.Type === 'AWS::SNS::Subscription' && r.Properties?.TopicArn?.Ref === topicId) delete t.Resources[id];
      delete t.Resources[topicId].Properties!.Subscription;
    }));
    expect(verdictOf(mutant)).toMatchObject({ status: 'broken', link: 'subscription' });
    expectRejects(evidence, 'P20 mutant no subscription', alarmsWhenNoneHealthy(mutant));
  });

  it('P20 reports an alarm topic of another stack as not known, not as a pass or a fail', () => {
    const mutant = mutantConfig('action is an imported topic', (t) => {
      const { alarmId } = alarmAndTopic(t, 'HealthyHostCount');
      t.Resources[alarmId].Properties!.AlarmActions = [{ 'Fn::ImportValue': 'SharedAlarmTopicArn' }];
    });
    expect(() => alarmsWhenNoneHealthy(mutant)).toThrow(UnknownValueError);
    evidence.fact('P20 an imported alarm topic is unknown', true, 'UnknownValueError: the topic is not a resource of this template');
  });

  it('P20 rejects an alarm threshold of 0 (never breached)', () => {
    expectRejects(evidence, 'P20 mutant Threshold 0', alarmsWhenNoneHealthy(mutantConfig('Threshold 0', onHealthyHostAlarm((p) => { p.Threshold = 0; }))));
  });

  it('P20 rejects an alarm without actions (no SNS notification)', () => {
    expectRejects(evidence, 'P20 mutant AlarmActions []', alarmsWhenNoneHealthy(mutantConfig('no AlarmActions', onHealthyHostAlarm((p) => { p.AlarmActions = []; }))));
  });

  it('P20 rejects missing data treated as not breaching (whole minutes with no registered target, e.g. both zones down)', () => {
    expectRejects(evidence, 'P20 mutant TreatMissingData notBreaching', alarmsWhenNoneHealthy(mutantConfig('missing data not breaching', onHealthyHostAlarm((p) => { p.TreatMissingData = 'notBreaching'; }))));
  });

  it('P20 rejects an alarm that watches another target group (its TargetGroup dimension)', () => {
    expectRejects(evidence, 'P20 mutant Dimensions TargetGroup of another group', alarmsWhenNoneHealthy(mutantConfig('alarm on another target group', onHealthyHostAlarm((p) => {
      const dim = p.Dimensions.find((d: any) => d.Name === 'TargetGroup');
      dim.Value = 'targetgroup/other-service/0123456789abcdef';
    }))));
  });

  it('P20 rejects an alarm whose actions are disabled (ActionsEnabled false)', () => {
    const mutant = mutantConfig('ActionsEnabled false', onHealthyHostAlarm((p) => { p.ActionsEnabled = false; }));
    expect(verdictOf(mutant)).toMatchObject({ status: 'broken', link: 'action' });
    expectRejects(evidence, 'P20 mutant ActionsEnabled false', alarmsWhenNoneHealthy(mutant));
  });

  it('P20 rejects an alarm that needs 5 breaching periods', () => {
    expectRejects(evidence, 'P20 mutant EvaluationPeriods 5', alarmsWhenNoneHealthy(mutantConfig('5 periods', onHealthyHostAlarm((p) => { p.EvaluationPeriods = 5; p.DatapointsToAlarm = 5; }))));
  });
});
