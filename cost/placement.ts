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

/** ECS API reference, CapacityProviderStrategyItem: base 0..100000, weight 0..1000 (whole numbers). */
const MAX_BASE = 100_000;
const MAX_WEIGHT = 1000;
const inRange = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;

/**
 * How ECS places `n` tasks of a service by its capacity provider strategy, one task at a time with the
 * harness's one placement rule (properties/model/placement.ts, which the runtime properties also use):
 * the base first, then the rest in proportion to the weights, ties to the first listed. Adding a task
 * never moves an earlier one, so placement(n + 1) is placement(n) plus one task.
 *
 * The time does not grow with `n` (a price asked for at 100 000 000 tasks answers at once): after the
 * bases, the weighted rule gives the next task to the provider with the smallest (extra + 1) / weight,
 * which is D'Hondt's method, and D'Hondt hands out every whole round of sum-of-weights tasks exactly by
 * weight. So the bases and whole rounds are added at once and only the last partial round (fewer tasks
 * than the sum of the weights, so at most a few thousand) is placed one by one.
 */
export function placeTasks(n: number, strategy: readonly StrategyItem[], launchType?: string): Record<Capacity, number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new CostInputError(`task count ${n} is not a whole number of tasks`);
  const bad = strategy.find((s) => !inRange(s.base, MAX_BASE) || !inRange(s.weight, MAX_WEIGHT));
  if (bad) throw new CostInputError(`capacity provider ${bad.capacityProvider} has base ${bad.base} and weight ${bad.weight}: ECS takes whole numbers, base 0 to ${MAX_BASE} and weight 0 to ${MAX_WEIGHT}`);
  const active = new Map<string, number>();
  const add = (provider: string, count: number) => active.set(provider, (active.get(provider) ?? 0) + count);
  const next = () => chooseCapacityProvider([...strategy], launchType, active);
  let rest = n;
  if (launchType === undefined) {
    // The bases, filled in strategy order (the rule's first step), however large they are.
    for (const s of strategy) { const take = Math.min(s.base, rest); if (take > 0) add(s.capacityProvider, take); rest -= take; }
  }
  const weighted = launchType === undefined ? strategy.filter((s) => s.weight > 0) : [];
  const round = weighted.reduce((sum, s) => sum + s.weight, 0);
  if (round === 0) {
    // A launch type, no strategy, or only zero weights: one provider takes every task past the bases.
    if (rest > 0) add(next(), rest);
  } else {
    const wholeRounds = Math.floor(rest / round);
    for (const s of weighted) add(s.capacityProvider, wholeRounds * s.weight);
    for (let i = wholeRounds * round; i < rest; i++) add(next(), 1);
  }
  const out: Record<Capacity, number> = { 'on-demand': 0, spot: 0 };
  for (const [provider, count] of active) out[capacityOf(provider)] += count;
  return out;
}
