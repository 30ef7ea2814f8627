import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { output } from '../context.js';
import type { Probe, Verdict } from '../types.js';

/** P2: no registered target is unhealthy; the ALB routes only to healthy tasks. */
export const p02TargetHealth: Probe = {
  id: 'P2', covers: ['P2', 'R5.5'], title: 'no registered target is unhealthy',
  async run(ctx): Promise<Verdict> {
    const out = await ctx.clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: output(ctx, 'TargetGroupArn') }));
    const targets = out.TargetHealthDescriptions ?? [];
    const unhealthy = targets.filter((t) => t.TargetHealth?.State === 'unhealthy');
    const healthy = targets.filter((t) => t.TargetHealth?.State === 'healthy').length;
    if (targets.length === 0) return { ok: false, detail: 'no target registered in the target group', figures: { targets: 0 } };
    return {
      ok: unhealthy.length === 0, figures: { targets: targets.length, healthy, unhealthy: unhealthy.length },
      detail: unhealthy.length === 0 ? `${healthy} healthy of ${targets.length} target(s)`
        : `unhealthy: ${unhealthy.map((t) => `${t.Target?.Id}:${t.Target?.Port} (${t.TargetHealth?.Reason ?? 'no reason'})`).join(', ')}`,
    };
  },
};
