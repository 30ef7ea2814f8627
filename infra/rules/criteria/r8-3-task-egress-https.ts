import { coversTcpPort, describeRule, isInternet } from '../sg.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/**
 * "Allow outbound HTTPS on 443 to reach the backend API": some egress rule of the tasks' groups lets
 * TCP 443 out to the internet. A group without egress rules keeps EC2's default (all outbound), and
 * IpProtocol -1 is every protocol and port: both allow it. Wider egress is not what this criterion judges.
 */
export const rule: Rule = {
  id: 'R8.3', title: 'Tasks may go out on 443 to the internet (the backend API)', source: 'template',
  check: (s) => {
    const sg = s.config().securityGroups;
    if (sg.taskGroupIds.length === 0) return pass('the service names no security group: the VPC default group allows all outbound traffic');
    const https = sg.taskEgress.filter((r) => coversTcpPort(r, 443));
    const out = https.find((r) => isInternet(r.cidr));
    if (out) return pass(`task egress ${describeRule(out)} allows HTTPS out`);
    const narrower = https.filter((r) => r.cidr !== undefined);
    if (narrower.length > 0) return unknown(`task egress on 443 goes only to ${narrower.map((r) => r.cidr).join(', ')}; whether the backend API is there is not in the template`, sg.taskGroupIds[0]);
    return fail(`the tasks cannot reach HTTPS on the internet (egress: ${sg.taskEgress.map(describeRule).join(', ') || 'none'})`, sg.taskGroupIds[0]);
  },
  mutants: [{
    description: 'task egress on UDP instead of TCP',
    template: (t) => {
      const svc = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
      const sgId = svc.Properties!.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
      t.Resources[sgId].Properties!.SecurityGroupEgress[0].IpProtocol = 'udp';
    },
  }],
};
