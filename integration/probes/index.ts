import { p01TaskCount } from './checks/p01-task-count.js';
import { p02TargetHealth } from './checks/p02-target-health.js';
import { p08TaskIngress } from './checks/p08-task-ingress.js';
import { p09ImageCount } from './checks/p09-image-count.js';
import { p10LogRetention } from './checks/p10-log-retention.js';
import { p13HealthLatency } from './checks/p13-health-latency.js';
import { p14TaskUser } from './checks/p14-task-user.js';
import { p16ScanOnPush } from './checks/p16-scan-on-push.js';
import { p17MultiAz } from './checks/p17-multi-az.js';
import { p18TaskResources } from './checks/p18-task-resources.js';
import { p19HttpsRedirect } from './checks/p19-https-redirect.js';
import { p20HealthyHostAlarm } from './checks/p20-healthy-host-alarm.js';
import { r024ImageDigest } from './checks/r02-4-image-digest.js';
import { r076ScalingActivities } from './checks/r07-6-scaling-activities.js';
import { r091LogStreams } from './checks/r09-1-log-streams.js';
import { r093ServiceMetrics } from './checks/r09-3-service-metrics.js';
import { r094AlbMetrics } from './checks/r09-4-alb-metrics.js';
import { r096ResponseTimeAlarm } from './checks/r09-6-response-time-alarm.js';
import { r097ContainerInsights } from './checks/r09-7-container-insights.js';
import type { Probe } from './types.js';

/** Every live probe, one per file, in report order. */
export const PROBES: readonly Probe[] = [
  p01TaskCount, p02TargetHealth, p08TaskIngress, p09ImageCount, p10LogRetention, p13HealthLatency, p14TaskUser,
  p16ScanOnPush, p17MultiAz, p18TaskResources, p19HttpsRedirect, p20HealthyHostAlarm,
  r024ImageDigest, r076ScalingActivities, r091LogStreams, r093ServiceMetrics, r094AlbMetrics, r096ResponseTimeAlarm, r097ContainerInsights,
];

export { runProbes } from './run.js';
export { createClients, loadContext } from './context.js';
export { toJson, toJunit, toTable } from './report.js';
export * from './types.js';
