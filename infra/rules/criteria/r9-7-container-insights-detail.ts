import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/** Container Insights publishes network (NetworkRx/TxBytes) and disk (StorageRead/WriteBytes) per task. */
export const rule: Rule = {
  id: 'R9.7', title: 'Container Insights collects container-level network and disk I/O', source: 'template',
  check: (s) => {
    const { cluster } = s.config();
    return cluster.containerInsights ? pass('containerInsights enabled: NetworkRxBytes, NetworkTxBytes, StorageReadBytes, StorageWriteBytes')
      : fail('Container Insights is off', cluster.id);
  },
  mutants: [{ description: 'ClusterSettings removed', template: (t) => setProp(t, 'AWS::ECS::Cluster', 'ClusterSettings', undefined) }],
};
