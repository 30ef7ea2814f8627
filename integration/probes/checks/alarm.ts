import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { output } from '../context.js';
import type { ProbeContext } from '../types.js';

type TemplateAlarm = ProbeContext['config']['alarms'][number];

/** The live alarm named by an output, and how it differs from the template's alarm on the same metric. */
export async function compareAlarm(ctx: ProbeContext, outputKey: string, metricName: string): Promise<{ alarm?: MetricAlarm; expected?: TemplateAlarm; problems: string[] }> {
  const expected = ctx.config.alarms.find((a) => a.metricName === metricName);
  if (!expected) return { problems: [`the template has no alarm on ${metricName}`] };
  const name = output(ctx, outputKey);
  const alarm = (await ctx.clients.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
  if (!alarm) return { expected, problems: [`alarm ${name} not found`] };
  const problems: string[] = [];
  const same = (what: string, live: unknown, want: unknown) => { if (String(live) !== String(want)) problems.push(`${what} ${live ?? 'unset'}, expected ${want}`); };
  same('metric', alarm.MetricName, expected.metricName);
  same('threshold', alarm.Threshold, expected.threshold);
  same('comparison', alarm.ComparisonOperator, expected.comparisonOperator);
  same('evaluation periods', alarm.EvaluationPeriods, expected.evaluationPeriods);
  same('datapoints to alarm', alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods, expected.datapointsToAlarm);
  same('period', alarm.Period, expected.periodSeconds);
  if (expected.notifiesSns && !(alarm.AlarmActions ?? []).includes(output(ctx, 'AlarmTopicArn'))) problems.push(`alarm actions ${JSON.stringify(alarm.AlarmActions ?? [])} do not include the alarm topic`);
  if (alarm.ActionsEnabled === false) problems.push('alarm actions are disabled');
  return { alarm, expected, problems };
}
