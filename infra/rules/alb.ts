import { UnknownValueError } from '../template/index.js';
import type { RuleSubject } from './types.js';

/**
 * The type of the service's load balancer: the template's own, or, when it lives in another stack,
 * what the service's target group proves: an HTTP or HTTPS target group can only sit behind an
 * Application Load Balancer. Otherwise the UnknownValueError of the missing load balancer.
 */
export function loadBalancerType(s: RuleSubject): { type: string; evidence: string; resource?: string } {
  const c = s.config();
  try {
    return { type: c.loadBalancer.type, evidence: `${c.loadBalancer.id} Type ${c.loadBalancer.type}`, resource: c.loadBalancer.id };
  } catch (e) {
    if (!(e instanceof UnknownValueError)) throw e;
    const protocol = String(s.template.known(s.template.byId(c.targetGroup.id)!, 'Protocol') ?? '');
    if (['HTTP', 'HTTPS'].includes(protocol)) return { type: 'application', evidence: `the load balancer is in another stack, but target group ${c.targetGroup.id} is ${protocol}, which only an ALB forwards to` };
    throw e;
  }
}
