import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.5', title: 'Scale-in cooldown is 300 s', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    return sc.scaleInCooldownSeconds === 300 ? pass('ScaleInCooldown 300') : fail(`ScaleInCooldown ${sc.scaleInCooldownSeconds}`);
  },
  mutants: [{ description: 'ScaleInCooldown 60', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.ScaleInCooldown', 60) }],
};
