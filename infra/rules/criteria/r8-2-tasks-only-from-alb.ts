import { first } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R8.2', title: 'Tasks admit only 8501 and only from the ALB security group', source: 'template',
  check: (s) => {
    const c = s.config();
    const sg = c.securityGroups;
    if (sg.task.length === 0) return fail('the tasks admit nothing: the ALB cannot reach them');
    const bad = sg.task.filter((r) => !(r.protocol === 'tcp' && r.fromPort === c.task.containerPort && r.toPort === c.task.containerPort
      && r.sourceGroupId !== undefined && sg.loadBalancerGroupIds.includes(r.sourceGroupId)));
    if (c.task.containerPort !== 8501) return fail(`the container port is ${c.task.containerPort}, not 8501`);
    return bad.length === 0 ? pass(`task ingress tcp 8501 from ${sg.loadBalancerGroupIds.join(', ')} only`)
      : fail(`tasks also admit ${bad.map((r) => `${r.protocol}:${r.fromPort}-${r.toPort} from ${r.cidr ?? r.sourceGroupId ?? 'a prefix list or security group outside the template'}`).join(', ')}`, sg.taskGroupIds[0]);
  },
  mutants: [{
    description: 'tasks open to the internet on 8501',
    template: (t) => {
      const ingress = first(t, 'AWS::EC2::SecurityGroupIngress').Properties;
      delete ingress.SourceSecurityGroupId;
      ingress.CidrIp = '0.0.0.0/0';
    },
  }, {
    description: 'tasks admit 8501 from a prefix list',
    template: (t) => {
      const ingress = first(t, 'AWS::EC2::SecurityGroupIngress').Properties;
      delete ingress.SourceSecurityGroupId;
      ingress.SourcePrefixListId = 'pl-0123456789abcdef0';
    },
  }],
};
