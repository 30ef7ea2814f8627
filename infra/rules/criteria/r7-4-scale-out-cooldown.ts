import { setProp } from '../mutate.js';
import { NO_SCALING, scalingOf } from '../scaling.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.4', title: 'Scale-out cooldown is 60 s', source: 'template',
  check: (s) => {
    const sc = scalingOf(s);
    if (sc.kind === 'none') return fail(NO_SCALING);
    const seconds = sc.kind === 'target' ? sc.scaleOutCooldownSeconds : sc.out?.cooldownSeconds;
    if (seconds === undefined) return fail('no step scaling policy adds tasks');
    const where = sc.kind === 'target' ? 'ScaleOutCooldown' : `${sc.out!.policyId} Cooldown`;
    return seconds === 60 ? pass(`${where} 60`) : fail(`${where} ${seconds}${seconds === 300 ? ' (the default when omitted)' : ''}`, sc.kind === 'target' ? sc.policyId : sc.out!.policyId);
  },
  mutants: [{ description: 'ScaleOutCooldown 30', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown', 30) }],
};
