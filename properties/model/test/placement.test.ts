import { describe, expect, it } from 'vitest';
import { azImbalance, chooseAvailabilityZone, chooseCapacityProvider } from '../placement.js';
import { config } from './fixtures.js';

const strategy = config.service.capacityProviderStrategy;

function place(n: number, launchType?: string): string[] {
  const counts = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = chooseCapacityProvider(strategy, launchType, counts);
    counts.set(p, (counts.get(p) ?? 0) + 1);
    out.push(p);
  }
  return out;
}

describe('placement by capacity provider strategy', () => {
  it('fills the base first, then shares the rest by weight (template: base 2 on FARGATE, weights 1:3)', () => {
    const providers = place(10);
    const base = strategy.find((s) => s.base > 0)!;
    expect(providers.slice(0, base.base).every((p) => p === base.capacityProvider)).toBe(true);
    const rest = providers.slice(base.base);
    const weights = Object.fromEntries(strategy.map((s) => [s.capacityProvider, s.weight]));
    const spot = rest.filter((p) => p === 'FARGATE_SPOT').length;
    const onDemand = rest.length - spot;
    // 8 tasks beyond the base split 1:3 => 2 on FARGATE, 6 on Spot.
    expect(onDemand / spot).toBeCloseTo(weights.FARGATE / weights.FARGATE_SPOT, 5);
  });

  it('while the count is within the base, nothing runs on Spot', () => {
    const base = strategy.reduce((n, s) => n + s.base, 0);
    expect(place(base).filter((p) => p === 'FARGATE_SPOT')).toEqual([]);
  });

  it('a launch type overrides any strategy (ECS: the two are exclusive)', () => {
    expect(new Set(place(6, 'FARGATE'))).toEqual(new Set(['FARGATE']));
  });
});

describe('placement across availability zones', () => {
  it('picks the available zone with the fewest tasks, the lowest on a tie', () => {
    expect(chooseAvailabilityZone([true, true], [0, 0])).toBe(0);
    expect(chooseAvailabilityZone([true, true], [1, 0])).toBe(1);
    expect(chooseAvailabilityZone([false, true], [0, 3])).toBe(1);
    expect(chooseAvailabilityZone([false, false], [0, 0])).toBeUndefined();
  });

  it('measures imbalance over available zones only', () => {
    expect(azImbalance([true, true], [2, 0])).toBe(2);
    expect(azImbalance([true, false], [2, 0])).toBe(0);
  });
});
