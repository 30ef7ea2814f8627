import { fail, pass, unknown, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R12.7', title: 'Public subnets with an internet gateway, no NAT gateway', source: 'template',
  check: (s) => {
    const c = s.config();
    if (c.natGateways > 0) return fail(`${c.natGateways} NAT gateway(s)`);
    if (s.template.ofType('AWS::EC2::InternetGateway').length > 0) return pass('0 NAT gateways; internet gateway attached');
    if (s.template.ofType('AWS::EC2::VPC').length === 0) return unknown('the VPC is not in this template: whether its subnets go out through an internet gateway or a NAT gateway is not visible');
    return fail('the template\'s VPC has no internet gateway');
  },
  mutants: [{
    description: 'a NAT gateway added',
    template: (t) => { t.Resources.ExtraNat = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: 'subnet-123', AllocationId: 'eipalloc-123' } }; },
  }],
};
