import type { DeploymentConfig } from '../../infra/template/index.js';

type Strategy = DeploymentConfig['service']['capacityProviderStrategy'];

/**
 * The capacity provider for the next task, as ECS documents the strategy: first fill each provider's
 * `base` in strategy order, then share the rest by `weight`. A service with a launch type ignores any
 * strategy (ECS API reference: the two are exclusive), so every task gets that launch type.
 */
export function chooseCapacityProvider(strategy: Strategy, launchType: string | undefined, activeByProvider: ReadonlyMap<string, number>): string {
  if (launchType !== undefined || strategy.length === 0) return launchType ?? 'FARGATE';
  const count = (p: string) => activeByProvider.get(p) ?? 0;
  for (const s of strategy) if (count(s.capacityProvider) < s.base) return s.capacityProvider;
  let best: string | undefined;
  let bestShare = Infinity;
  for (const s of strategy) {
    if (s.weight <= 0) continue;
    // The share this provider would have of the weighted part after taking one more task.
    const share = (Math.max(0, count(s.capacityProvider) - s.base) + 1) / s.weight;
    if (share < bestShare) { best = s.capacityProvider; bestShare = share; }
  }
  // A strategy whose weights are all zero can only place its base tasks; ECS then uses the first provider.
  return best ?? strategy[0].capacityProvider;
}

/**
 * The availability zone for the next task: Fargate spreads a service's tasks across the zones of its
 * subnets, so the zone with the fewest active tasks among those available (lowest index on a tie).
 * Undefined when no zone is available.
 */
export function chooseAvailabilityZone(available: readonly boolean[], activeByAz: readonly number[]): number | undefined {
  let best: number | undefined;
  for (let az = 0; az < available.length; az++) {
    if (!available[az]) continue;
    if (best === undefined || activeByAz[az] < activeByAz[best]) best = az;
  }
  return best;
}

/** The largest difference in active tasks between two available zones. */
export function azImbalance(available: readonly boolean[], activeByAz: readonly number[]): number {
  const counts = activeByAz.filter((_, az) => available[az]);
  return counts.length === 0 ? 0 : Math.max(...counts) - Math.min(...counts);
}
