import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.4', title: 'Scale-out cooldown is 60 s', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    return sc.scaleOutCooldownSeconds === 60 ? pass('ScaleOutCooldown 60') : fail(`ScaleOutCooldown ${sc.scaleOutCooldownSeconds}`);
  },
  mutants: [{ description: 'ScaleOutCooldown 30', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown', 30) }],
};
