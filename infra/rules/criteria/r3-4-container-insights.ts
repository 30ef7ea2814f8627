import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.4', title: 'Container Insights is enabled on the cluster', source: 'template',
  check: (s) => {
    const { cluster } = s.config();
    return cluster.containerInsights ? pass('ClusterSettings containerInsights enabled') : fail('Container Insights is not enabled', cluster.id);
  },
  mutants: [{ description: 'containerInsights disabled', template: (t) => setProp(t, 'AWS::ECS::Cluster', 'ClusterSettings', [{ Name: 'containerInsights', Value: 'disabled' }]) }],
};
