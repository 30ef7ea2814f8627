import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import type { ProbeContext } from '../types.js';

/** Which of the named metrics CloudWatch lists for one dimension value. */
export async function listedMetrics(ctx: ProbeContext, namespace: string, names: readonly string[], dimension: { Name: string; Value: string }): Promise<{ found: string[]; missing: string[] }> {
  const found: string[] = [];
  for (const metricName of names) {
    const out = await ctx.clients.cw.send(new ListMetricsCommand({ Namespace: namespace, MetricName: metricName, Dimensions: [dimension] }));
    if ((out.Metrics ?? []).length > 0) found.push(metricName);
  }
  return { found, missing: names.filter((n) => !found.includes(n)) };
}
