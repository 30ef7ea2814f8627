import { setProp } from '../mutate.js';
import { NO_SCALING, scalingOf } from '../scaling.js';
import { fail, pass, type Rule } from '../types.js';

/** Target tracking of the service's average CPU at 70 %, or a step policy fired by CPUUtilization above 70 % for 60 s. */
export const rule: Rule = {
  id: 'R7.2', title: 'Average CPU above 70 % scales out (target tracking at 70 %, or a step policy on CPU > 70 % for 60 s)', source: 'template',
  check: (s) => {
    const sc = scalingOf(s);
    if (sc.kind === 'none') return fail(NO_SCALING);
    if (sc.kind === 'target') {
      if (sc.metric !== 'ECSServiceAverageCPUUtilization') return fail(`scaling tracks ${sc.metric || 'no metric'}`, sc.policyId);
      return sc.targetValue === 70 ? pass('target tracking CPU at 70 %') : fail(`target value ${sc.targetValue}`, sc.policyId);
    }
    const a = sc.out?.alarm;
    if (!sc.out || !a) return fail('no step scaling policy adds tasks on an alarm');
    if (a.metric !== 'CPUUtilization' || !a.operator.startsWith('GreaterThan')) return fail(`scale-out alarm ${a.id} watches ${a.metric} ${a.operator}`, a.id);
    if (a.threshold !== 70 || a.seconds !== 60) return fail(`scale-out alarm ${a.id}: CPU above ${a.threshold} % for ${a.seconds} s`, a.id);
    return pass(`step scaling ${sc.out.policyId} on ${a.id}: CPU above 70 % for 60 s`);
  },
  mutants: [{ description: 'target 90 %', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.TargetValue', 90) }],
};
