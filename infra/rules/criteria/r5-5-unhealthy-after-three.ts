import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.5', title: 'A target is unhealthy after 3 consecutive failed checks', source: 'template',
  check: (s) => {
    const tg = s.config().targetGroup;
    return tg.unhealthyThreshold === 3 ? pass('UnhealthyThresholdCount 3') : fail(`UnhealthyThresholdCount ${tg.unhealthyThreshold}`, tg.id);
  },
  mutants: [{ description: 'unhealthy after 5', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'UnhealthyThresholdCount', 5) }],
};
