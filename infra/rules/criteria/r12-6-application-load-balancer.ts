import { setProp } from '../mutate.js';
import { loadBalancerType } from '../alb.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R12.6', title: 'The load balancer is an Application Load Balancer, not a Network Load Balancer', source: 'template',
  check: (s) => {
    const lb = loadBalancerType(s);
    return lb.type === 'application' ? pass(lb.evidence) : fail(lb.evidence, lb.resource);
  },
  mutants: [{ description: 'Type network', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Type', 'network') }],
};
