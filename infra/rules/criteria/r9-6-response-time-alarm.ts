import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R9.6', title: 'TargetResponseTime above 5 s for 2 consecutive periods raises an alarm', source: 'template',
  check: (s) => {
    const alarms = s.config().alarms.filter((a) => a.metricName === 'TargetResponseTime');
    if (alarms.length === 0) return fail('no alarm on TargetResponseTime');
    const ok = alarms.find((a) => a.comparisonOperator === 'GreaterThanThreshold' && a.threshold === 5 && a.evaluationPeriods === 2 && a.datapointsToAlarm === 2);
    if (ok) return pass(`${ok.id}: ${ok.statistic} > 5 s in 2 of 2 periods of ${ok.periodSeconds} s`);
    const a = alarms[0];
    return fail(`${a.id}: ${a.comparisonOperator} ${a.threshold} in ${a.datapointsToAlarm} of ${a.evaluationPeriods}`, a.id);
  },
  mutants: [{
    description: 'one period is enough',
    template: (t) => { const a = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'TargetResponseTime')!; a.Properties!.EvaluationPeriods = 1; a.Properties!.DatapointsToAlarm = 1; },
  }],
};
