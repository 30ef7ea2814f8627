import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.5', title: 'The service places tasks in subnets of at least two availability zones', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    return svc.availabilityZones >= 2 ? pass(`${svc.subnetIds.length} subnets in ${svc.availabilityZones} AZs`) : fail(`the service's subnets span ${svc.availabilityZones} AZ`, svc.id);
  },
  mutants: [{
    description: 'service in one subnet',
    template: (t) => {
      const svc = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
      setProp(t, 'AWS::ECS::Service', 'NetworkConfiguration.AwsvpcConfiguration.Subnets', svc.Properties!.NetworkConfiguration.AwsvpcConfiguration.Subnets.slice(0, 1));
    },
  }],
};
