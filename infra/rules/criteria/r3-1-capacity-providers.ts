import { first } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.1', title: 'The cluster has both FARGATE and FARGATE_SPOT capacity providers', source: 'template',
  check: (s) => {
    const { cluster } = s.config();
    const missing = ['FARGATE', 'FARGATE_SPOT'].filter((p) => !cluster.capacityProviders.includes(p));
    return missing.length === 0 ? pass(`capacity providers: ${cluster.capacityProviders.join(', ')}`) : fail(`cluster lacks ${missing.join(' and ')}`, cluster.id);
  },
  mutants: [{ description: 'only FARGATE associated', template: (t) => { first(t, 'AWS::ECS::ClusterCapacityProviderAssociations').Properties.CapacityProviders = ['FARGATE']; } }],
};
