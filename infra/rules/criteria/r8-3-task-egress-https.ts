import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.3', title: 'Tasks may go out on 443 (and nothing wider)', source: 'template',
  check: (s) => {
    const sg = s.config().securityGroups;
    const https = sg.taskEgress.some((r) => r.protocol === 'tcp' && r.fromPort <= 443 && r.toPort >= 443);
    if (!https) return fail('the tasks cannot reach HTTPS (no egress on 443)', sg.taskGroupIds[0]);
    const wider = sg.taskEgress.filter((r) => !(r.protocol === 'tcp' && r.fromPort === 443 && r.toPort === 443));
    return wider.length === 0 ? pass('task egress tcp 443 only') : fail(`task egress also allows ${wider.map((r) => `${r.protocol}:${r.fromPort}-${r.toPort}`).join(', ')}`, sg.taskGroupIds[0]);
  },
  mutants: [{
    description: 'task egress all traffic',
    template: (t) => {
      const svc = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
      const sgId = svc.Properties!.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
      t.Resources[sgId].Properties!.SecurityGroupEgress = [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }];
    },
  }],
};
