import { setProp } from '../mutate.js';
import { NO_SCALING, scalingOf } from '../scaling.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * Target tracking scales in by itself unless DisableScaleIn is set, no faster than its scale-in cooldown
 * (300 s); with step scaling, an alarm on CPU below 70 % for 300 s removes tasks.
 */
export const rule: Rule = {
  id: 'R7.3', title: 'CPU below 70 % scales in, no faster than every 300 s', source: 'template',
  check: (s) => {
    const sc = scalingOf(s);
    if (sc.kind === 'none') return fail(NO_SCALING);
    if (sc.kind === 'target') {
      if (sc.disableScaleIn) return fail('DisableScaleIn is true', sc.policyId);
      return sc.scaleInCooldownSeconds === 300 ? pass('scale-in enabled, ScaleInCooldown 300') : fail(`ScaleInCooldown ${sc.scaleInCooldownSeconds}`, sc.policyId);
    }
    const a = sc.in?.alarm;
    if (!sc.in || !a) return fail('no step scaling policy removes tasks on an alarm');
    if (a.metric !== 'CPUUtilization' || !a.operator.startsWith('LessThan') || a.threshold !== 70 || a.seconds !== 300) return fail(`scale-in alarm ${a.id}: ${a.metric} ${a.operator} ${a.threshold} for ${a.seconds} s`, a.id);
    return pass(`step scaling ${sc.in.policyId} on ${a.id}: CPU below 70 % for 300 s`);
  },
  mutants: [{ description: 'DisableScaleIn true', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.DisableScaleIn', true) }],
};
