import { setProp } from '../mutate.js';
import { isPublicSubnet, subnetIdsOf } from '../network.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.4', title: 'Tasks run in public subnets with public IPs (no NAT needed)', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    if (!svc.assignPublicIp) return fail('AssignPublicIp is not ENABLED (DISABLED is the default): the tasks get no public address', svc.id);
    const service = s.template.byId(svc.id)!;
    const subnets = subnetIdsOf(s.template, s.template.get(service, 'NetworkConfiguration.AwsvpcConfiguration.Subnets'), `${svc.id} subnets`);
    const privateOnes = subnets.filter((id) => !isPublicSubnet(s.template, id));
    return privateOnes.length === 0 ? pass(`AssignPublicIp ENABLED; ${subnets.length} subnets route 0.0.0.0/0 to the internet gateway`)
      : fail(`subnets without a route to an internet gateway: ${privateOnes.join(', ')}`, svc.id);
  },
  mutants: [{ description: 'AssignPublicIp DISABLED', template: (t) => setProp(t, 'AWS::ECS::Service', 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'DISABLED') }],
};
