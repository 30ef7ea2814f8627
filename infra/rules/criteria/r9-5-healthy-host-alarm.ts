import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R9.5', title: 'HealthyHostCount below 1 raises an alarm that notifies an SNS topic', source: 'template',
  check: (s) => {
    const alarms = s.config().alarms.filter((a) => a.metricName === 'HealthyHostCount');
    if (alarms.length === 0) return fail('no alarm on HealthyHostCount');
    const ok = alarms.find((a) => a.comparisonOperator === 'LessThanThreshold' && a.threshold === 1 && a.notifiesSns);
    if (ok) return pass(`${ok.id}: ${ok.statistic} < 1 over ${ok.evaluationPeriods} x ${ok.periodSeconds} s, notifies SNS`);
    const a = alarms[0];
    return fail(`${a.id}: ${a.comparisonOperator} ${a.threshold}${a.notifiesSns ? '' : ', notifies no SNS topic'}`, a.id);
  },
  mutants: [{
    description: 'alarm without actions',
    template: (t) => { const a = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'HealthyHostCount')!; a.Properties!.AlarmActions = []; },
  }],
};
