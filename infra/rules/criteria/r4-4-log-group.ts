import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';
import { awslogsGroup } from '../logs.js';

export const rule: Rule = {
  id: 'R4.4', title: 'Container logs go to the CloudWatch Logs group /ecs/vibejudge-dashboard', source: 'template',
  check: (s) => {
    const { task } = s.config();
    const g = awslogsGroup(s);
    if (g.kind === 'none') return fail(`the container does not use the awslogs driver (${g.why})`, task.id);
    if (g.kind === 'generated') return fail(`logs go to ${g.resourceId}, whose name CloudFormation generates, not /ecs/vibejudge-dashboard`, task.id);
    return g.name === '/ecs/vibejudge-dashboard' ? pass('awslogs-group = /ecs/vibejudge-dashboard') : fail(`logs go to ${g.name}`, task.id);
  },
  mutants: [{ description: 'log group renamed', template: (t) => setProp(t, 'AWS::Logs::LogGroup', 'LogGroupName', '/ecs/other') }],
};
