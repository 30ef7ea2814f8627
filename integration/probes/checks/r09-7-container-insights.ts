import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { output } from '../context.js';
import type { Probe } from '../types.js';

/** R9.7: Container Insights is on for the cluster, as the template says. */
export const r097ContainerInsights: Probe = {
  id: 'R9.7', covers: ['R9.7', 'R3.4'], title: 'Container Insights enabled on the cluster',
  async run(ctx) {
    if (!ctx.config.cluster.containerInsights) return { ok: false, detail: 'the template does not enable Container Insights' };
    const cluster = (await ctx.clients.ecs.send(new DescribeClustersCommand({ clusters: [output(ctx, 'ClusterArn')], include: ['SETTINGS'] }))).clusters?.[0];
    const value = cluster?.settings?.find((s) => s.name === 'containerInsights')?.value ?? 'unset';
    return { ok: value === 'enabled' || value === 'enhanced', detail: `cluster ${cluster?.clusterName ?? '?'}: containerInsights ${value}` };
  },
};
