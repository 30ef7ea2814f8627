import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.6', title: 'A new target is healthy after 2 consecutive passed checks', source: 'template',
  check: (s) => {
    const tg = s.config().targetGroup;
    return tg.healthyThreshold === 2 ? pass('HealthyThresholdCount 2') : fail(`HealthyThresholdCount ${tg.healthyThreshold}`, tg.id);
  },
  mutants: [{ description: 'healthy after 5', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthyThresholdCount', 5) }],
};
