import { setProp } from '../mutate.js';
import { isPublicSubnet, subnetIdsOf, zonesOf } from '../network.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.5', title: 'The ALB is internet-facing in public subnets of at least two AZs', source: 'template',
  check: (s) => {
    const c = s.config().loadBalancer;
    const lb = s.template.byId(c.id)!;
    if (c.scheme !== 'internet-facing') return fail(`the load balancer is ${c.scheme}`, lb.id);
    const mappings = s.template.get(lb, 'SubnetMappings');
    const list = s.template.get(lb, 'Subnets') ?? (Array.isArray(mappings) ? mappings.map((m: any) => m?.SubnetId) : mappings);
    const subnets = subnetIdsOf(s.template, list, `${lb.id} subnets`);
    const zones = zonesOf(s.template, subnets);
    if (zones < 2) return fail(`the load balancer spans ${zones} AZ`, lb.id);
    const notPublic = subnets.filter((id) => !isPublicSubnet(s.template, id));
    return notPublic.length === 0 ? pass(`internet-facing in ${subnets.length} public subnets, ${zones} AZs`) : fail(`not public: ${notPublic.join(', ')}`, lb.id);
  },
  mutants: [{ description: 'internal scheme', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Scheme', 'internal') }],
};
