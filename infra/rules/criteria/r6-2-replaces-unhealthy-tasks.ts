import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * ECS replaces a task that the load balancer reports unhealthy only when the service is attached to
 * the target group; the container health check catches a hung process even without traffic. The
 * timing ("within 60 s") is a run-time matter, checked by property P3.
 */
export const rule: Rule = {
  id: 'R6.2', title: 'Unhealthy tasks are detected (target group and container health checks) so ECS replaces them', source: 'template',
  check: (s) => {
    const c = s.config();
    const attached = (s.template.get(s.template.byId(c.service.id)!, 'LoadBalancers') ?? []).length > 0;
    if (!attached) return fail('the service is not registered with a target group, so ALB health does not reach ECS', c.service.id);
    if (!c.task.healthCheck) return fail('the container has no health check', c.task.id);
    return pass(`service attached to ${c.targetGroup.id}; container health check every ${c.task.healthCheck.intervalSeconds} s`);
  },
  mutants: [{ description: 'service without LoadBalancers', template: (t) => setProp(t, 'AWS::ECS::Service', 'LoadBalancers', []) }],
};
