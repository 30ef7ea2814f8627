import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R7.2', title: 'Average CPU above 70 % scales out (target tracking on ECSServiceAverageCPUUtilization)', source: 'template',
  check: (s) => {
    const sc = s.config().scaling;
    if (!sc) return fail('no scalable target for ecs:service:DesiredCount');
    if (sc.metric !== 'ECSServiceAverageCPUUtilization') return fail(`scaling tracks ${sc.metric || 'no metric'}`);
    return sc.targetValue === 70 ? pass('target tracking CPU at 70 %') : fail(`target value ${sc.targetValue}`);
  },
  mutants: [{ description: 'target 90 %', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.TargetValue', 90) }],
};
