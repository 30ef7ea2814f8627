import { CostInputError } from './errors.js';

export interface StrategyItem { readonly capacityProvider: string; readonly base: number; readonly weight: number }
export type Capacity = 'on-demand' | 'spot';

/** Which Fargate capacity a capacity provider buys; anything else (an EC2 Auto Scaling provider) has no Fargate price. */
export function capacityOf(provider: string): Capacity {
  if (provider === 'FARGATE') return 'on-demand';
  if (provider === 'FARGATE_SPOT') return 'spot';
  throw new CostInputError(`capacity provider ${provider} is not Fargate: the price snapshot has no price for it`);
}

/**
 * How ECS places `n` tasks of a service by its capacity provider strategy: the base first (on its
 * provider), then the rest in proportion to the weights. Tasks are placed one at a time, each on the
 * provider whose count/weight would stay lowest (ties go to the first listed), so adding a task never
 * moves an earlier one: placement(n + 1) is placement(n) plus one task.
 * An empty strategy means the service's launch type, which the model only prices for FARGATE.
 */
export function placeTasks(n: number, strategy: readonly StrategyItem[], launchType?: string): Record<Capacity, number> {
  if (!Number.isInteger(n) || n < 0) throw new CostInputError(`task count ${n} is not a whole number of tasks`);
  const out: Record<Capacity, number> = { 'on-demand': 0, spot: 0 };
  if (strategy.length === 0) {
    if (launchType !== undefined && launchType !== 'FARGATE') throw new CostInputError(`launch type ${launchType} has no Fargate price`);
    out['on-demand'] = n;
    return out;
  }
  const counts = strategy.map(() => 0);
  let left = n;
  strategy.forEach((s, i) => {
    const take = Math.min(left, Math.max(0, s.base));
    counts[i] += take;
    left -= take;
  });
  const weighted = strategy.map((s, i) => ({ i, w: s.weight })).filter((x) => x.w > 0);
  if (left > 0 && weighted.length === 0) throw new CostInputError('the capacity provider strategy has no provider with a weight above 0 to place tasks beyond the base');
  const beyondBase = strategy.map(() => 0);
  for (; left > 0; left--) {
    let best = weighted[0];
    for (const x of weighted) if ((beyondBase[x.i] + 1) / x.w < (beyondBase[best.i] + 1) / best.w) best = x;
    beyondBase[best.i]++;
    counts[best.i]++;
  }
  strategy.forEach((s, i) => { if (counts[i] > 0) out[capacityOf(s.capacityProvider)] += counts[i]; });
  return out;
}
