import { setProp } from '../mutate.js';
import { placement } from '../capacity.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * "A base of 2 tasks on standard FARGATE": with a strategy, FARGATE's base is at least 2 (and Spot has
 * none); with the FARGATE launch type every task is standard FARGATE, so the service's floor (desired
 * count, or the scaling minimum when it scales) must be at least 2.
 */
export const rule: Rule = {
  id: 'R3.3', title: 'A base of 2 tasks runs on standard FARGATE', source: 'template',
  check: (s) => {
    const p = placement(s);
    const svc = s.config().service;
    if (p.kind === 'launchType') {
      if (p.launchType !== 'FARGATE') return fail(`tasks run on the ${p.launchType} launch type (${p.source}), not on FARGATE`, svc.id);
      // Under auto scaling the desired count never goes below MinCapacity (see R6.1); without, it is DesiredCount.
      const scaling = s.config().scaling;
      const floor = scaling ? scaling.minCapacity : svc.desiredCount;
      return floor >= 2 ? pass(`LaunchType FARGATE: every task is on standard FARGATE, at least ${floor}`)
        : fail(`LaunchType FARGATE with ${scaling ? `a scaling minimum of ${scaling.minCapacity}` : `DesiredCount ${svc.desiredCount}`}: fewer than 2 tasks on FARGATE`, svc.id);
    }
    const base = p.strategy.find((x) => x.capacityProvider === 'FARGATE')?.base ?? 0;
    const spotBase = p.strategy.find((x) => x.capacityProvider === 'FARGATE_SPOT')?.base ?? 0;
    if (spotBase > 0) return fail(`${p.source}: FARGATE_SPOT has a base of ${spotBase}`, svc.id);
    return base >= 2 ? pass(`${p.source}: FARGATE base ${base}`) : fail(`${p.source}: FARGATE base is ${base}, not 2`, svc.id);
  },
  mutants: [{ description: 'FARGATE base 1', template: (t) => setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy.0.Base', 1) }],
};
