import { setProp } from '../mutate.js';
import { isUnknown } from '../../template/index.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/**
 * ECS replaces a task that fails the load balancer's health checks when the service is registered with
 * its target group (a container health check, R4.7, is another way ECS learns of it). The timing
 * ("within 60 s") is a run-time matter, checked by property P3.
 */
export const rule: Rule = {
  id: 'R6.2', title: 'The service is registered with its target group, so ECS replaces tasks that fail health checks', source: 'template',
  check: (s) => {
    const c = s.config();
    const lbs = s.template.get(s.template.byId(c.service.id)!, 'LoadBalancers') ?? [];
    if (isUnknown(lbs)) return unknown(`whether the service is registered with a target group depends on ${lbs.why}`, c.service.id);
    if (lbs.length === 0) return fail('the service is not registered with a target group, so the ALB\'s health checks never reach ECS', c.service.id);
    const hc = c.task.healthCheck;
    return pass(`service registered with its target group${hc ? `; container health check every ${hc.intervalSeconds} s too` : ''}`);
  },
  mutants: [{ description: 'service without LoadBalancers', template: (t) => setProp(t, 'AWS::ECS::Service', 'LoadBalancers', []) }],
};
