import { override } from '../infra/template/index.js';
import type { CostConfig } from './model.js';

/**
 * A design change that lowers the bill, with what it costs the specification. The amounts are never
 * written here: the report re-runs the model on the changed config.
 */
export interface Remedy {
  readonly id: string;
  readonly title: string;
  /** Acceptance criteria the change would break (empty: none of the specification's). */
  readonly breaks: readonly string[];
  /** What else it costs or risks. */
  readonly consequence: string;
  readonly apply: (c: CostConfig) => CostConfig;
  /** A task count that replaces the scenario's (only for ceilings whose task count is not fixed by the requirement). */
  readonly tasks?: number;
}

export const REMEDIES: readonly Remedy[] = [
  {
    id: 'arm64', title: 'ARM64 (Graviton) tasks', breaks: [],
    consequence: 'needs an ARM64 or multi-arch image build; every Python wheel must exist for aarch64',
    apply: (c) => override(c, { task: override(c.task, { architecture: 'ARM64' }) }),
  },
  {
    id: 'dashboard-off', title: 'no CloudWatch dashboard', breaks: [],
    consequence: 'no one-page view of the service; the specification requires the metrics, not a dashboard',
    apply: (c) => override(c, { dashboards: 0 }),
  },
  {
    id: 'insights-off', title: 'Container Insights off', breaks: ['R3.4', 'R9.7'],
    consequence: 'no per-task CPU, memory, network and disk metrics; DesiredTaskCount and RunningTaskCount (R9.3) are Container Insights metrics',
    apply: (c) => override(c, { cluster: override(c.cluster, { containerInsights: false, containerInsightsMode: 'disabled' }) }),
  },
  {
    id: 'fewer-alarms', title: 'drop the template\'s own alarms (keep autoscaling\'s)', breaks: ['R9.5', 'R9.6'],
    consequence: 'no notification when no task is healthy or responses are slow',
    apply: (c) => override(c, { alarms: [] }),
  },
  {
    id: 'all-spot', title: 'every task on FARGATE_SPOT (no on-demand base)', breaks: ['R3.3'],
    consequence: 'a Spot capacity reclaim can stop every task at once: the 99.9 % uptime target is at risk',
    apply: (c) => override(c, { service: override(c.service, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }] }) }),
  },
  {
    id: 'smaller-task', title: '0.25 vCPU / 0.5 GB tasks', breaks: ['R4.1', 'R4.2'],
    consequence: 'Streamlit with pandas may not fit in 512 MiB; autoscaling reaches its maximum sooner',
    apply: (c) => override(c, { task: override(c.task, { cpuUnits: 256, memoryMiB: 512 }) }),
  },
  {
    id: 'one-task-spot', title: 'one task, on FARGATE_SPOT', breaks: ['R3.3', 'R3.5', 'R6.1', 'R7.1'], tasks: 1,
    consequence: 'a single task in one availability zone: any task replacement or Spot reclaim is an outage',
    apply: (c) => override(c, { service: override(c.service, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }] }) }),
  },
];
