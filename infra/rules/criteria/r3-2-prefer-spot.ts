import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.2', title: 'Tasks beyond the base go preferably to FARGATE_SPOT, and no launch type overrides the strategy', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    if (svc.launchType !== undefined) return fail(`the service sets LaunchType ${svc.launchType}, which disables capacity provider strategies`, svc.id);
    const weight = (p: string) => svc.capacityProviderStrategy.find((x) => x.capacityProvider === p)?.weight ?? 0;
    const spot = weight('FARGATE_SPOT');
    const onDemand = weight('FARGATE');
    return spot > onDemand ? pass(`weights FARGATE_SPOT ${spot} > FARGATE ${onDemand}`) : fail(`FARGATE_SPOT weight ${spot} is not above FARGATE weight ${onDemand}`, svc.id);
  },
  mutants: [
    { description: 'FARGATE_SPOT weight 0', template: (t) => setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy.1.Weight', 0) },
    { description: 'service sets LaunchType FARGATE', template: (t) => setProp(t, 'AWS::ECS::Service', 'LaunchType', 'FARGATE') },
  ],
};
