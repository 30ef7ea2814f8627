import { setProp } from '../mutate.js';
import { isPublicSubnet, zonesOf } from '../network.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.5', title: 'The ALB is internet-facing in public subnets of at least two AZs', source: 'template',
  check: (s) => {
    const lb = s.template.byId(s.config().loadBalancer.id)!;
    if ((s.template.get(lb, 'Scheme') ?? 'internet-facing') !== 'internet-facing') return fail('the load balancer is internal', lb.id);
    const subnets: string[] = (s.template.get(lb, 'Subnets') ?? []).map((x: unknown) => s.template.refersTo(x)).filter(Boolean);
    const zones = zonesOf(s.template, subnets);
    if (zones < 2) return fail(`the load balancer spans ${zones} AZ`, lb.id);
    const notPublic = subnets.filter((id) => !isPublicSubnet(s.template, id));
    return notPublic.length === 0 ? pass(`internet-facing in ${subnets.length} public subnets, ${zones} AZs`) : fail(`not public: ${notPublic.join(', ')}`, lb.id);
  },
  mutants: [{ description: 'internal scheme', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Scheme', 'internal') }],
};
