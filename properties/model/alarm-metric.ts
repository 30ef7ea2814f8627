import type { DeploymentConfig } from '../../infra/template/index.js';
import type { AlarmMetric } from '../../infra/template/alarm-delivery.js';
import { ALB_METRICS_NAMESPACE, ALB_TARGET_METRIC_DIMENSIONS } from './aws-facts.js';

export type WatchVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string } | { readonly ok: 'unknown'; readonly why: string };

/**
 * Whether an alarm on an ALB target metric (HealthyHostCount) watches the service's own target group
 * behind the service's load balancer: the namespace and both dimensions must point at them. The model
 * samples the service's target group, so an alarm that watches another one must not be credited with it.
 */
export function watchesServiceTargets(metric: AlarmMetric, config: DeploymentConfig): WatchVerdict {
  if (metric.metricMath) return { ok: 'unknown', why: 'the alarm uses metric math (Metrics), which the model does not evaluate' };
  if (metric.namespace !== ALB_METRICS_NAMESPACE) return { ok: false, reason: `the alarm watches namespace ${metric.namespace ?? '(none)'}, not ${ALB_METRICS_NAMESPACE}` };
  const expected: Record<(typeof ALB_TARGET_METRIC_DIMENSIONS)[number], string> = { TargetGroup: config.targetGroup.id, LoadBalancer: config.loadBalancer.id };
  for (const name of ALB_TARGET_METRIC_DIMENSIONS) {
    const refs = metric.dimensions[name];
    if (refs === undefined) return { ok: false, reason: `the alarm has no ${name} dimension, so it watches no metric of the service's target group` };
    if (!refs.includes(expected[name])) return { ok: false, reason: `the alarm's ${name} dimension is ${refs.length ? refs.join(', ') : 'a literal'}, not the service's ${expected[name]}` };
  }
  return { ok: true };
}
