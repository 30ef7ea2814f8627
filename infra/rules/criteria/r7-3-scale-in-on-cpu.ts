import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/** Target tracking scales in by itself unless DisableScaleIn is set; the 300 s is the scale-in cooldown. */
export const rule: Rule = {
  id: 'R7.3', title: 'CPU below 70 % scales in, no faster than every 300 s', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    const policy = s.template.ofType('AWS::ApplicationAutoScaling::ScalingPolicy')[0];
    if (policy && s.template.get(policy, 'TargetTrackingScalingPolicyConfiguration.DisableScaleIn') === true) return fail('DisableScaleIn is true', policy.id);
    return sc.scaleInCooldownSeconds === 300 ? pass('scale-in enabled, ScaleInCooldown 300') : fail(`ScaleInCooldown ${sc.scaleInCooldownSeconds}`);
  },
  mutants: [{ description: 'DisableScaleIn true', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.DisableScaleIn', true) }],
};
