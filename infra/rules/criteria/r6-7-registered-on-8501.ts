import { setProp } from '../mutate.js';
import { isUnknown } from '../../template/index.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/** ECS registers each task's IP with the container port of the service's LoadBalancers entry (the group's own Port is only a default). */
export const rule: Rule = {
  id: 'R6.7', title: 'Tasks are registered with the target group on port 8501', source: 'template',
  check: (s) => {
    const c = s.config();
    const lbs = s.template.get(s.template.byId(c.service.id)!, 'LoadBalancers') ?? [];
    if (isUnknown(lbs)) return unknown(`the service's load balancer registrations depend on ${lbs.why}`, c.service.id);
    if (lbs.length === 0) return fail('the service is not registered with a target group', c.service.id);
    const entry = lbs.find((l: any) => Number(l?.ContainerPort) === 8501);
    const port = lbs.map((l: any) => l?.ContainerPort).find(isUnknown);
    if (!entry && port) return unknown(`the registered container port depends on ${port.why}`, c.service.id);
    return entry ? pass(`LoadBalancers ${String(entry.ContainerName ?? '')}:8501`) : fail(`registered on container port ${lbs.map((l: any) => l?.ContainerPort).join(', ')}`, c.service.id);
  },
  mutants: [{ description: 'registered on 8080', template: (t) => setProp(t, 'AWS::ECS::Service', 'LoadBalancers.0.ContainerPort', 8080) }],
};
