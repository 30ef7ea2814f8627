import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.7', title: 'Scaling out stops at 10 tasks', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    return sc.maxCapacity === 10 ? pass('MaxCapacity 10') : fail(`MaxCapacity ${sc.maxCapacity}`);
  },
  mutants: [{ description: 'MaxCapacity 20', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MaxCapacity', 20) }],
};
