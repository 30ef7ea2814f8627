import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.4', title: 'The target group checks GET /_stcore/health every 30 s', source: 'template',
  check: (s) => {
    const tg = s.config().targetGroup;
    const enabled = s.template.known(s.template.byId(tg.id)!, 'HealthCheckEnabled');
    if (enabled === false || enabled === 'false') return fail('health checks are disabled (HealthCheckEnabled false)', tg.id);
    if (tg.healthCheckPath !== '/_stcore/health') return fail(`health check path is ${tg.healthCheckPath}`, tg.id);
    if (tg.healthCheckIntervalSeconds !== 30) return fail(`health check interval is ${tg.healthCheckIntervalSeconds} s`, tg.id);
    return pass('HealthCheckPath /_stcore/health, HealthCheckIntervalSeconds 30');
  },
  mutants: [
    { description: 'health check path /', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthCheckPath', '/') },
    { description: 'interval 60 s', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthCheckIntervalSeconds', 60) },
  ],
};
