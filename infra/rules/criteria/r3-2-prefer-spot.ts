import { setProp } from '../mutate.js';
import { placement } from '../capacity.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.2', title: 'Tasks go preferably to FARGATE_SPOT (its weight above FARGATE\'s)', source: 'template',
  check: (s) => {
    const p = placement(s);
    const svc = s.config().service.id;
    if (p.kind === 'launchType') return fail(`every task runs on the ${p.launchType} launch type (${p.source}): no FARGATE_SPOT`, svc);
    const weight = (name: string) => p.strategy.find((x) => x.capacityProvider === name)?.weight ?? 0;
    const spot = weight('FARGATE_SPOT');
    const onDemand = weight('FARGATE');
    return spot > onDemand ? pass(`${p.source}: weights FARGATE_SPOT ${spot} > FARGATE ${onDemand}`) : fail(`${p.source}: FARGATE_SPOT weight ${spot} is not above FARGATE weight ${onDemand}`, svc);
  },
  mutants: [
    { description: 'FARGATE_SPOT weight 0', template: (t) => setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy.1.Weight', 0) },
    { description: 'service sets LaunchType FARGATE', template: (t) => setProp(t, 'AWS::ECS::Service', 'LaunchType', 'FARGATE') },
  ],
};
