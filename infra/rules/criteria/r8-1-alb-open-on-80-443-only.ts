import { first } from '../mutate.js';
import { coversTcpPort, describeRule, isInternet, protocolOf } from '../sg.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.1', title: 'The ALB security group admits only 80 and 443 from the internet', source: 'template',
  check: (s) => {
    const sg = s.config().securityGroups;
    if (sg.loadBalancerGroupIds.length === 0) return fail('the load balancer names no security group, so it gets the VPC\'s default group, which admits nothing from the internet', s.config().loadBalancer.id);
    const exact = (r: (typeof sg.loadBalancer)[number]) => protocolOf(r) === 'tcp' && r.fromPort === r.toPort && [80, 443].includes(r.fromPort) && isInternet(r.cidr);
    const extra = sg.loadBalancer.filter((r) => !exact(r));
    if (extra.length > 0) return fail(`ALB also admits ${extra.map(describeRule).join(', ')}`, sg.loadBalancerGroupIds[0]);
    const missing = [80, 443].filter((p) => !sg.loadBalancer.some((r) => coversTcpPort(r, p) && r.cidr === '0.0.0.0/0'));
    if (missing.length > 0) return fail(`ALB does not admit ${missing.join(' and ')} from 0.0.0.0/0`, sg.loadBalancerGroupIds[0]);
    return pass(`ALB ingress ${sg.loadBalancer.map(describeRule).join(', ')}`);
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
