import { UnknownValueError } from '../../template/index.js';
import { notificationVerdict } from '../../../properties/model/notifications.js';
import { watchesServiceTargets } from '../../../properties/model/alarm-metric.js';
import { fail, pass, type Rule } from '../types.js';

/** The HealthyHostCount alarm's topic in a template being mutated (found by its role, not by logical id). */
function alarmTopic(t: Parameters<Extract<Rule['mutants'][number], { template: unknown }>['template']>[0]) {
  const alarm = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'HealthyHostCount')!;
  const topicId: string = alarm.Properties!.AlarmActions[0].Ref;
  return { alarm, topicId };
}

export const rule: Rule = {
  id: 'R9.5', title: 'HealthyHostCount below 1 raises an alarm on the service\'s target group whose notification CloudWatch may publish to an SNS topic', source: 'template',
  check: (s) => {
    const c = s.config();
    const alarms = c.alarms.filter((a) => a.metricName === 'HealthyHostCount');
    if (alarms.length === 0) return fail('no alarm on HealthyHostCount');
    const onThreshold = alarms.filter((a) => a.comparisonOperator === 'LessThanThreshold' && a.threshold === 1);
    if (onThreshold.length === 0) return fail(`${alarms[0].id}: ${alarms[0].comparisonOperator} ${alarms[0].threshold}, not LessThanThreshold 1`, alarms[0].id);
    // It must watch the service's own target group behind the service's load balancer.
    const watching = onThreshold.map((a) => ({ a, w: watchesServiceTargets(c.alarmNotifications[a.id].metric, c) }));
    const onService = watching.filter((x) => x.w.ok === true).map((x) => x.a);
    if (onService.length === 0) {
      const unknownWatch = watching.find((x) => x.w.ok === 'unknown');
      if (unknownWatch && unknownWatch.w.ok === 'unknown') throw new UnknownValueError(`what alarm ${unknownWatch.a.id} watches`, unknownWatch.w.why);
      const first = watching[0];
      return fail(`${first.a.id}: ${first.w.ok === false ? first.w.reason : ''}`, first.a.id);
    }
    // The path of each notification: action -> topic -> topic policy -> key -> subscription.
    const verdicts = onService.map((a) => ({ a, v: notificationVerdict(c.alarmNotifications[a.id]) }));
    const ok = verdicts.find((x) => x.v.status === 'delivered');
    if (ok && ok.v.status === 'delivered') return pass(`${ok.a.id}: ${ok.a.statistic} < 1 over ${ok.a.evaluationPeriods} x ${ok.a.periodSeconds} s; ${ok.v.chain}`);
    // R9.5 asks for the notification to be sent to the SNS topic: a topic nobody subscribes to still
    // receives it (P20, which follows the notification to a person, fails then).
    const toTopic = verdicts.find((x) => x.v.status === 'broken' && x.v.link === 'subscription');
    if (toTopic && toTopic.v.status === 'broken') return pass(`${toTopic.a.id}: ${toTopic.a.statistic} < 1 over ${toTopic.a.evaluationPeriods} x ${toTopic.a.periodSeconds} s; CloudWatch may publish to its topic, but ${toTopic.v.reason} (P20 fails)`);
    const unknown = verdicts.find((x) => x.v.status === 'unknown');
    if (unknown && unknown.v.status === 'unknown') throw new UnknownValueError(unknown.v.what, unknown.v.why);
    const { a, v } = verdicts[0];
    return fail(`${a.id}: its notification reaches nobody, the ${v.status === 'broken' ? `${v.link} link breaks: ${v.reason}` : ''}`, a.id);
  },
  mutants: [{
    description: 'alarm without actions',
    template: (t) => { alarmTopic(t).alarm.Properties!.AlarmActions = []; },
  }, {
    description: 'alarm topic policy of Deny statements only (CloudWatch may not publish)',
    template: (t) => {
      const { topicId } = alarmTopic(t);
      for (const r of Object.values(t.Resources)) {
        if (r.Type === 'AWS::SNS::TopicPolicy' && (r.Properties?.Topics ?? []).some((x: any) => x?.Ref === topicId)) {
          r.Properties!.PolicyDocument.Statement = r.Properties!.PolicyDocument.Statement.filter((x: any) => x.Effect === 'Deny');
        }
      }
    },
  }, {
    description: 'alarm on another target group (TargetGroup dimension)',
    template: (t) => { alarmTopic(t).alarm.Properties!.Dimensions.find((d: any) => d.Name === 'TargetGroup').Value = 'targetgroup/other-service/0123456789abcdef'; },
  }, {
    description: 'alarm topic encrypted with the AWS managed key alias/aws/sns',
    template: (t) => { t.Resources[alarmTopic(t).topicId].Properties!.KmsMasterKeyId = 'alias/aws/sns'; },
  }],
};
