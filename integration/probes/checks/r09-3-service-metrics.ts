import { output } from '../context.js';
import type { Probe } from '../types.js';
import { listedMetrics } from './metrics.js';

/** The metric names R9.3 lists (spec names; the template's dashboard graphs the same ones). */
const ECS_METRICS = ['CPUUtilization', 'MemoryUtilization'] as const;
const INSIGHTS_METRICS = ['DesiredTaskCount', 'RunningTaskCount'] as const;

/** R9.3: the service publishes CPU, memory, desired and running task counts. */
export const r093ServiceMetrics: Probe = {
  id: 'R9.3', covers: ['R9.3'], title: 'service metrics published (CPU, memory, desired/running tasks)',
  async run(ctx) {
    const dim = { Name: 'ServiceName', Value: output(ctx, 'ServiceArn').split('/').pop()! };
    const ecs = await listedMetrics(ctx, 'AWS/ECS', ECS_METRICS, dim);
    const insights = await listedMetrics(ctx, 'ECS/ContainerInsights', INSIGHTS_METRICS, dim);
    const missing = [...ecs.missing.map((m) => `AWS/ECS ${m}`), ...insights.missing.map((m) => `ECS/ContainerInsights ${m}`)];
    return { ok: missing.length === 0, figures: { found: ecs.found.length + insights.found.length }, detail: missing.length === 0 ? `all ${ECS_METRICS.length + INSIGHTS_METRICS.length} metrics listed for ${dim.Value}` : `not published: ${missing.join(', ')}` };
  },
};
