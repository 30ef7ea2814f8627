import { setProp } from '../mutate.js';
import { loadBalancerType } from '../alb.js';
import { fail, pass, type Rule } from '../types.js';

const METRICS = 'TargetResponseTime, HealthyHostCount, UnHealthyHostCount, HTTPCode_Target_5XX_Count';

/**
 * An Application Load Balancer publishes these AWS/ApplicationELB metrics by itself (per load balancer
 * and target group); "publish" asks for no dashboard. A Network Load Balancer has no TargetResponseTime
 * or HTTP codes.
 */
export const rule: Rule = {
  id: 'R9.4', title: `The ALB publishes ${METRICS}`, source: 'template',
  check: (s) => {
    const lb = loadBalancerType(s);
    return lb.type === 'application' ? pass(`${lb.evidence}: AWS/ApplicationELB publishes ${METRICS} by default`)
      : fail(`${lb.evidence}: a ${lb.type} load balancer publishes no TargetResponseTime or HTTPCode_Target_5XX_Count`, lb.resource);
  },
  mutants: [{ description: 'Type network', template: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Type', 'network') }],
};
