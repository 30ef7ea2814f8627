import { first } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.1', title: 'The ALB security group admits only 80 and 443 from 0.0.0.0/0', source: 'template',
  check: (s) => {
    const sg = s.config().securityGroups;
    if (sg.loadBalancerGroupIds.length === 0) return fail('the load balancer has no security group of the template');
    const ports = (r: { fromPort: number; toPort: number }) => `${r.fromPort}-${r.toPort}`;
    const extra = sg.loadBalancer.filter((r) => !(r.protocol === 'tcp' && r.fromPort === r.toPort && [80, 443].includes(r.fromPort) && r.cidr === '0.0.0.0/0'));
    if (extra.length > 0) return fail(`ALB admits ${extra.map((r) => `${r.protocol}:${ports(r)} from ${r.cidr ?? r.sourceGroupId}`).join(', ')}`, sg.loadBalancerGroupIds[0]);
    const open = new Set(sg.loadBalancer.map((r) => r.fromPort));
    if (!open.has(80) || !open.has(443)) return fail(`ALB does not admit ${[80, 443].filter((p) => !open.has(p)).join(' and ')} from the internet`, sg.loadBalancerGroupIds[0]);
    return pass('ALB ingress tcp 80 and 443 from 0.0.0.0/0 only');
  },
  mutants: [{
    description: 'ALB also open on 22',
    template: (t) => {
      const lb = first(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties;
      const sgId = lb.SecurityGroups[0]['Fn::GetAtt'][0];
      t.Resources[sgId].Properties!.SecurityGroupIngress.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' });
    },
  }],
};
