import { setProp } from '../mutate.js';
import { subnetIdsOf, zonesOf } from '../network.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R3.5', title: 'The service places tasks in subnets of at least two availability zones', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    const service = s.template.byId(svc.id)!;
    const subnets = subnetIdsOf(s.template, s.template.get(service, 'NetworkConfiguration.AwsvpcConfiguration.Subnets'), `${svc.id} subnets`);
    if (subnets.length === 0) return fail('the service names no subnets (awsvpc NetworkConfiguration)', svc.id);
    const zones = zonesOf(s.template, subnets);
    return zones >= 2 ? pass(`${subnets.length} subnets in ${zones} AZs`) : fail(`the service's subnets span ${zones} AZ`, svc.id);
  },
  mutants: [{
    description: 'service in one subnet',
    template: (t) => {
      const svc = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
      setProp(t, 'AWS::ECS::Service', 'NetworkConfiguration.AwsvpcConfiguration.Subnets', svc.Properties!.NetworkConfiguration.AwsvpcConfiguration.Subnets.slice(0, 1));
    },
  }],
};
