import { chooseCapacityProvider } from '../properties/model/placement.js';
import { CostInputError } from './errors.js';

export interface StrategyItem { readonly capacityProvider: string; readonly base: number; readonly weight: number }
export type Capacity = 'on-demand' | 'spot';

/** Which Fargate capacity a capacity provider buys; anything else (an EC2 Auto Scaling provider) has no Fargate price. */
export function capacityOf(provider: string): Capacity {
  // A service with launch type FARGATE (no strategy) runs on on-demand Fargate.
  if (provider === 'FARGATE') return 'on-demand';
  if (provider === 'FARGATE_SPOT') return 'spot';
  throw new CostInputError(`capacity provider ${provider} is not Fargate: the price snapshot has no price for it`);
}

/**
 * How ECS places `n` tasks of a service by its capacity provider strategy, one task at a time with the
 * harness's one placement rule (properties/model/placement.ts, which the runtime properties also use):
 * the base first, then the rest in proportion to the weights, ties to the first listed. Adding a task
 * never moves an earlier one, so placement(n + 1) is placement(n) plus one task.
 */
export function placeTasks(n: number, strategy: readonly StrategyItem[], launchType?: string): Record<Capacity, number> {
  if (!Number.isInteger(n) || n < 0) throw new CostInputError(`task count ${n} is not a whole number of tasks`);
  const active = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = chooseCapacityProvider([...strategy], launchType, active);
    active.set(p, (active.get(p) ?? 0) + 1);
  }
  const out: Record<Capacity, number> = { 'on-demand': 0, spot: 0 };
  for (const [provider, count] of active) out[capacityOf(provider)] += count;
  return out;
}
