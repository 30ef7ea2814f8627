import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.3', title: 'A base of 2 tasks runs on standard FARGATE', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    if (svc.launchType !== undefined) return fail(`the service sets LaunchType ${svc.launchType}; the strategy is ignored`, svc.id);
    const base = svc.capacityProviderStrategy.find((x) => x.capacityProvider === 'FARGATE')?.base ?? 0;
    const spotBase = svc.capacityProviderStrategy.find((x) => x.capacityProvider === 'FARGATE_SPOT')?.base ?? 0;
    if (spotBase > 0) return fail(`FARGATE_SPOT has a base of ${spotBase}`, svc.id);
    return base >= 2 ? pass(`FARGATE base ${base}`) : fail(`FARGATE base is ${base}, not 2`, svc.id);
  },
  mutants: [{ description: 'FARGATE base 1', template: (t) => setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy.0.Base', 1) }],
};
