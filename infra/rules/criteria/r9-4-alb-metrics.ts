import { UnknownValueError } from '../../template/index.js';
import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

const METRICS = 'TargetResponseTime, HealthyHostCount, UnHealthyHostCount, HTTPCode_Target_5XX_Count';

/**
 * An Application Load Balancer publishes these AWS/ApplicationELB metrics by itself (per load balancer
 * and target group); "publish" asks for no dashboard. A Network Load Balancer has no TargetResponseTime
 * or HTTP codes. When the load balancer lives in another stack, an HTTP(S) target group can only be
 * behind an ALB.
 */
export const rule: Rule = {
  id: 'R9.4', title: `The ALB publishes ${METRICS}`, source: 'template',
  check: (s) => {
    const c = s.config();
    let type: string;
    try {
      type = c.loadBalancer.type;
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
      const protocol = String(s.template.known(s.template.byId(c.targetGroup.id)!, 'Protocol') ?? '');
      if (['HTTP', 'HTTPS'].includes(protocol)) return pass(`target group ${c.targetGroup.id} is ${protocol}, so its load balancer is an ALB, which publishes ${METRICS}`);
      throw e;
    }
    return type === 'application' ? pass(`${c.loadBalancer.id} is an Application Load Balancer: AWS/ApplicationELB publishes ${METRICS}`)
      : fail(`${c.loadBalancer.id} is a ${type} load balancer, which publishes no TargetResponseTime or HTTPCode_Target_5XX_Count`, c.loadBalancer.id);
  },
  mutants: [{ description: 'Type network', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Type', 'network') }],
};
