import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.4', title: 'Container logs go to the CloudWatch Logs group /ecs/vibejudge-dashboard', source: 'template',
  check: (s) => {
    const { task } = s.config();
    return task.logGroupName === '/ecs/vibejudge-dashboard'
      ? pass('awslogs-group = /ecs/vibejudge-dashboard') : fail(`logs go to ${task.logGroupName ?? 'no awslogs group'}`, task.id);
  },
  mutants: [{ description: 'log group renamed', template: (t) => setProp(t, 'AWS::Logs::LogGroup', 'LogGroupName', '/ecs/other') }],
};
