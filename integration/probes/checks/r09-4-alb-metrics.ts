import { output } from '../context.js';
import type { Probe } from '../types.js';
import { listedMetrics } from './metrics.js';

/** The metric names R9.4 lists. The ALB publishes HTTPCode_Target_5XX_Count only once a 5XX happened. */
const ALWAYS = ['TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount'] as const;
const ON_ERROR = 'HTTPCode_Target_5XX_Count';

/** R9.4: the load balancer publishes response time and host counts for the target group. */
export const r094AlbMetrics: Probe = {
  id: 'R9.4', covers: ['R9.4'], title: 'ALB metrics published for the target group',
  async run(ctx) {
    const targetGroup = output(ctx, 'TargetGroupArn').split(':').pop()!; // targetgroup/NAME/ID, the metrics' dimension
    const dim = { Name: 'TargetGroup', Value: targetGroup };
    const always = await listedMetrics(ctx, 'AWS/ApplicationELB', ALWAYS, dim);
    const onError = await listedMetrics(ctx, 'AWS/ApplicationELB', [ON_ERROR], dim);
    return {
      ok: always.missing.length === 0, figures: { found: always.found.length + onError.found.length },
      detail: always.missing.length === 0 ? `${always.found.join(', ')} listed; ${ON_ERROR} ${onError.found.length ? 'listed' : 'not yet published (no 5XX so far)'}` : `not published: ${always.missing.join(', ')}`,
    };
  },
};
