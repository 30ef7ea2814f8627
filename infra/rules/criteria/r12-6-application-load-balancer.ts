import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R12.6', title: 'The load balancer is an Application Load Balancer, not a Network Load Balancer', source: 'template',
  check: (s) => {
    const lb = s.config().loadBalancer;
    return lb.type === 'application' ? pass('Type application') : fail(`Type ${lb.type}`, lb.id);
  },
  mutants: [{ description: 'Type network', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Type', 'network') }],
};
