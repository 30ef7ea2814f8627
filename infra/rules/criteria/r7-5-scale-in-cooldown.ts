import { setProp } from '../mutate.js';
import { NO_SCALING, scalingOf } from '../scaling.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.5', title: 'Scale-in cooldown is 300 s', source: 'template',
  check: (s) => {
    const sc = scalingOf(s);
    if (sc.kind === 'none') return fail(NO_SCALING);
    const seconds = sc.kind === 'target' ? sc.scaleInCooldownSeconds : sc.in?.cooldownSeconds;
    if (seconds === undefined) return fail('no step scaling policy removes tasks');
    const where = sc.kind === 'target' ? 'ScaleInCooldown' : `${sc.in!.policyId} Cooldown`;
    return seconds === 300 ? pass(`${where} 300`) : fail(`${where} ${seconds}`, sc.kind === 'target' ? sc.policyId : sc.in!.policyId);
  },
  mutants: [{ description: 'ScaleInCooldown 60', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.ScaleInCooldown', 60) }],
};
