import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * ECS publishes CPUUtilization and MemoryUtilization per service (AWS/ECS) by itself; DesiredTaskCount
 * and RunningTaskCount come from Container Insights (ECS/ContainerInsights). "Publish" asks for no
 * dashboard; that the metrics arrive is checked by the live probe.
 */
export const rule: Rule = {
  id: 'R9.3', title: 'Service metrics CPU, memory, desired and running task counts are published', source: 'template',
  check: (s) => {
    const { cluster } = s.config();
    return cluster.containerInsights
      ? pass(`AWS/ECS CPUUtilization, MemoryUtilization by default; Container Insights (${cluster.containerInsightsMode}) on ${cluster.id}: DesiredTaskCount, RunningTaskCount`)
      : fail('Container Insights is off: DesiredTaskCount and RunningTaskCount are not published (CPU and memory are)', cluster.id);
  },
  mutants: [{ description: 'containerInsights disabled', template: (t) => setProp(t, 'AWS::ECS::Cluster', 'ClusterSettings', [{ Name: 'containerInsights', Value: 'disabled' }]) }],
};
