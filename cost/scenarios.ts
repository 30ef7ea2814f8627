import { override } from '../infra/template/index.js';
import { CostInputError } from './errors.js';
import type { CostConfig } from './model.js';
import { BUSY_MONTH, QUIET_MONTH, type Usage } from './usage.js';

/** The task counts the requirements name: R12.1 "running 2 tasks continuously", R12.5 "reaches 10 (maximum capacity)". */
export const REQUIRED_TASKS = { r12_1: 2, r12_5: 10 } as const;

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** The deployment priced: the template's, or a counterfactual built from it. */
  config(design: CostConfig): CostConfig;
  usage(design: CostConfig, hours: number): Usage;
}

/** The template's design placed entirely on on-demand FARGATE: what R12.2's saving is measured against. */
export function allOnFargate(c: CostConfig): CostConfig {
  return override(c, { service: override(c.service, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }] }) });
}

/**
 * The design R12.7 avoids: tasks in private subnets without public IPs, reaching the internet through
 * one NAT gateway (the requirement's "$32/month"); the ALB stays public.
 */
export function withNatGateway(c: CostConfig, gateways = Math.max(1, c.natGateways)): CostConfig {
  return override(c, { natGateways: gateways, service: override(c.service, { assignPublicIp: false }) });
}

/**
 * A typical weekday of autoscaling, as fractions of the way from the scalable target's minimum to its
 * maximum: minimum overnight, a morning ramp, the maximum over the midday peak, an afternoon plateau.
 */
export const DAILY_SHAPE: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0.25, 0.5, 0.5, 0.75, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0, 0, 0, 0];

export function dailyCurve(c: CostConfig): number[] {
  const min = c.scaling?.minCapacity ?? c.service.desiredCount;
  const max = c.scaling?.maxCapacity ?? c.service.desiredCount;
  return DAILY_SHAPE.map((f) => Math.round(min + f * (max - min)));
}

const MIDDLE_MONTH: Omit<Usage, 'tasks' | 'hours'> = Object.fromEntries(
  Object.keys(QUIET_MONTH).map((k) => [k, (QUIET_MONTH[k as keyof typeof QUIET_MONTH] + BUSY_MONTH[k as keyof typeof BUSY_MONTH]) / 2]),
) as Omit<Usage, 'tasks' | 'hours'>;

const same = (c: CostConfig) => c;

export const SCENARIOS: readonly Scenario[] = [
  { name: 'two-tasks', title: `${REQUIRED_TASKS.r12_1} tasks all month (R12.1), quiet usage`, config: same, usage: (_c, hours) => ({ ...QUIET_MONTH, tasks: REQUIRED_TASKS.r12_1, hours }) },
  { name: 'ten-tasks', title: `${REQUIRED_TASKS.r12_5} tasks all month (R12.5, P11), busy usage`, config: same, usage: (_c, hours) => ({ ...BUSY_MONTH, tasks: REQUIRED_TASKS.r12_5, hours }) },
  { name: 'daily-curve', title: 'daily autoscaling curve between the scalable target\'s min and max, middling usage', config: same, usage: (c, hours) => ({ ...MIDDLE_MONTH, tasks: dailyCurve(c), hours }) },
  { name: 'all-fargate', title: `counterfactual: ${REQUIRED_TASKS.r12_5} tasks all on on-demand FARGATE, busy usage`, config: allOnFargate, usage: (_c, hours) => ({ ...BUSY_MONTH, tasks: REQUIRED_TASKS.r12_5, hours }) },
  { name: 'nat-gateway', title: `counterfactual: ${REQUIRED_TASKS.r12_1} tasks in private subnets behind a NAT gateway, quiet usage`, config: (c) => withNatGateway(c), usage: (_c, hours) => ({ ...QUIET_MONTH, tasks: REQUIRED_TASKS.r12_1, hours }) },
];

export function scenarioNamed(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new CostInputError(`unknown scenario ${name}: choose one of ${SCENARIOS.map((x) => x.name).join(', ')}`);
  return s;
}

/** A scenario with its task count replaced (the CLI's --tasks). A daily curve has no single count to replace. */
export function withTasks(s: Scenario, tasks: number): Scenario {
  if (!Number.isInteger(tasks) || tasks < 0) throw new CostInputError(`--tasks needs a whole number of at least 0, got ${tasks}`);
  return {
    name: `${s.name}@${tasks}`, title: `${s.title.replace(/^\S+ tasks|\d+ tasks/, `${tasks} tasks`)} [--tasks ${tasks}]`, config: s.config,
    usage: (c, hours) => {
      const u = s.usage(c, hours);
      if (typeof u.tasks !== 'number') throw new CostInputError(`scenario ${s.name} follows a daily curve; --tasks does not apply to it`);
      return { ...u, tasks };
    },
  };
}
