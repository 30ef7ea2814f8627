import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseCapacityProvider } from '../../properties/model/placement.js';
import { CostInputError } from '../errors.js';
import { capacityOf, placeTasks, type StrategyItem } from '../placement.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

/** The definition: one task at a time by the runtime model's rule. */
function placeOneByOne(n: number, strategy: readonly StrategyItem[], launchType?: string): Record<string, number> {
  const active = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = chooseCapacityProvider([...strategy], launchType, active);
    active.set(p, (active.get(p) ?? 0) + 1);
  }
  const out = { 'on-demand': 0, spot: 0 };
  for (const [p, count] of active) out[capacityOf(p)] += count;
  return out;
}

const item = (capacityProvider: string) => fc.record({ capacityProvider: fc.constant(capacityProvider), base: fc.integer({ min: 0, max: 6 }), weight: fc.integer({ min: 0, max: 7 }) });
const strategy: fc.Arbitrary<readonly StrategyItem[]> = fc.oneof(
  fc.constant<StrategyItem[]>([]),
  fc.tuple(item('FARGATE')).map((s) => [...s]),
  fc.tuple(item('FARGATE_SPOT')).map((s) => [...s]),
  fc.tuple(item('FARGATE'), item('FARGATE_SPOT')).map((s) => [...s]),
  fc.tuple(item('FARGATE_SPOT'), item('FARGATE')).map((s) => [...s]),
);
const DESIGN: StrategyItem[] = [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 }];

describe('task placement by capacity provider strategy', () => {
  it('is the one-by-one placement of the runtime model, for any strategy, launch type and count', () => {
    fc.assert(fc.property(strategy, fc.option(fc.constantFrom('FARGATE'), { nil: undefined }), fc.integer({ min: 0, max: 200 }), (s, launchType, n) => {
      expect(placeTasks(n, s, launchType)).toEqual(placeOneByOne(n, s, launchType));
    }), { numRuns: RUNS });
  });

  it('takes no longer for 100 000 000 tasks than for 10: whole rounds of the weights at once', () => {
    const started = performance.now();
    // The base 2 on FARGATE, then 24 999 999 rounds of 1:3, then the last 2 tasks to Spot (the smaller share).
    expect(placeTasks(100_000_000, DESIGN)).toEqual({ 'on-demand': 25_000_001, spot: 74_999_999 });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it.each([
    [[{ capacityProvider: 'FARGATE', base: 0, weight: 1e12 }]],
    [[{ capacityProvider: 'FARGATE', base: 1e12, weight: 1 }]],
    [[{ capacityProvider: 'FARGATE', base: 0, weight: 1.5 }]],
  ])('refuses a strategy outside the ranges ECS accepts: %j', (s) => {
    expect(() => placeTasks(10, s)).toThrow(CostInputError);
  });
});
