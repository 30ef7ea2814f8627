import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.1', title: 'Auto scaling keeps between 2 and 10 tasks', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    return sc.minCapacity === 2 && sc.maxCapacity === 10 ? pass('MinCapacity 2, MaxCapacity 10') : fail(`capacity ${sc.minCapacity}..${sc.maxCapacity}`);
  },
  mutants: [{ description: 'MinCapacity 1', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MinCapacity', 1) }],
};
