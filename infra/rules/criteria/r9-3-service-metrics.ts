import { removeAll } from '../mutate.js';
import { metricsOnDashboards } from '../dashboard.js';
import { fail, pass, type Rule } from '../types.js';

const METRICS = ['CPUUtilization', 'MemoryUtilization', 'DesiredTaskCount', 'RunningTaskCount'];

/**
 * ECS publishes CPU and memory by itself; DesiredTaskCount and RunningTaskCount come from Container
 * Insights. The template shows them on its dashboard; that they arrive is checked by the live probe.
 */
export const rule: Rule = {
  id: 'R9.3', title: 'Service metrics CPU, memory, desired and running task counts are collected and shown', source: 'template',
  check: (s) => {
    if (!s.config().cluster.containerInsights) return fail('Container Insights is off: DesiredTaskCount and RunningTaskCount are not published');
    const { missing } = metricsOnDashboards(s.template, METRICS);
    return missing.length === 0 ? pass(`Container Insights on; dashboard shows ${METRICS.join(', ')}`) : fail(`no dashboard shows ${missing.join(', ')}`);
  },
  mutants: [{ description: 'dashboard removed', template: (t) => removeAll(t, 'AWS::CloudWatch::Dashboard') }],
};
