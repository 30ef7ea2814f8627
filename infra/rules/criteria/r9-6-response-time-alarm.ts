import { fail, pass, type Rule } from '../types.js';

/** An alarm's metric, whether named on the alarm or in its `Metrics` (the returned MetricStat). */
function alarmMetric(s: Parameters<Rule['check']>[0], id: string): { name: string; period: number } {
  const a = s.template.byId(id)!;
  const name = s.template.known(a, 'MetricName');
  if (name !== undefined) return { name: String(name), period: Number(s.template.known(a, 'Period') ?? 60) };
  const metrics: any[] = s.template.known(a, 'Metrics') ?? [];
  const returned = metrics.find((m) => m?.ReturnData !== false && m?.MetricStat) ?? metrics.find((m) => m?.MetricStat);
  return { name: String(returned?.MetricStat?.Metric?.MetricName ?? ''), period: Number(returned?.MetricStat?.Period ?? 60) };
}

export const rule: Rule = {
  id: 'R9.6', title: 'TargetResponseTime above 5 s for 2 consecutive periods raises an alarm', source: 'template',
  check: (s) => {
    const alarms = s.config().alarms.map((a) => ({ ...a, metric: alarmMetric(s, a.id) })).filter((a) => a.metric.name === 'TargetResponseTime');
    if (alarms.length === 0) return fail('no alarm on TargetResponseTime');
    const ok = alarms.find((a) => a.comparisonOperator === 'GreaterThanThreshold' && a.threshold === 5 && a.evaluationPeriods === 2 && a.datapointsToAlarm === 2);
    if (ok) return pass(`${ok.id}: ${ok.statistic || 'TargetResponseTime'} > 5 s in 2 of 2 periods of ${ok.metric.period} s`);
    const a = alarms[0];
    return fail(`${a.id}: ${a.comparisonOperator} ${a.threshold} in ${a.datapointsToAlarm} of ${a.evaluationPeriods}`, a.id);
  },
  mutants: [{
    description: 'one period is enough',
    template: (t) => { const a = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'TargetResponseTime')!; a.Properties!.EvaluationPeriods = 1; a.Properties!.DatapointsToAlarm = 1; },
  }],
};
