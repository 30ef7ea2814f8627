import { DescribeScalableTargetsCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-application-auto-scaling';
import { scalingResourceId } from '../context.js';
import type { Probe } from '../types.js';

/** R7.6: the service is a scalable target with the template's bounds, and its scaling activities are published. */
export const r076ScalingActivities: Probe = {
  id: 'R7.6', covers: ['R7.6', 'R7.1'], title: 'scalable target as in the template, scaling activities readable',
  async run(ctx) {
    const s = ctx.config.scaling;
    if (!s) return { ok: false, detail: 'the template has no scalable target' };
    const resourceId = scalingResourceId(ctx);
    const target = (await ctx.clients.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [resourceId], ScalableDimension: 'ecs:service:DesiredCount' }))).ScalableTargets?.[0];
    if (!target) return { ok: false, detail: `${resourceId} is not registered with Application Auto Scaling` };
    if (target.MinCapacity !== s.minCapacity || target.MaxCapacity !== s.maxCapacity) return { ok: false, detail: `bounds ${target.MinCapacity}..${target.MaxCapacity}, expected ${s.minCapacity}..${s.maxCapacity}` };
    const activities = (await ctx.clients.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount' }))).ScalingActivities ?? [];
    const failed = activities.filter((a) => a.StatusCode === 'Failed');
    const last = activities[0];
    return {
      ok: failed.length === 0, figures: { activities: activities.length, failed: failed.length },
      detail: `bounds ${s.minCapacity}..${s.maxCapacity}; ${activities.length} recent activit${activities.length === 1 ? 'y' : 'ies'}${last ? `, last: ${last.Description} (${last.StatusCode})` : ''}${failed.length ? `; failed: ${failed.map((a) => a.StatusMessage).join('; ')}` : ''}`,
    };
  },
};
