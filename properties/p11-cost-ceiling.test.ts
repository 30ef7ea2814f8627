import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { setProp } from '../infra/rules/mutate.js';
import { ABOUT_TOLERANCE } from '../cost/assumptions.js';
import { monthlyCost, type CostConfig } from '../cost/model.js';
import { loadPrices } from '../cost/prices.js';
import { USAGE_BOUNDS, type Usage } from '../cost/usage.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { propertyParams } from './settings.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P11 Cost ceiling (R12.5): for any month at maximum capacity the bill does not exceed $155, read as
 * "about $155" = at most 5 % above ($162.75), as R12.5 says. "Any month" is any length (28 to 31 days)
 * and any usage within the cost model's documented bounds (USAGE_BOUNDS: LCUs, logs, image, egress...).
 *
 * The verdict on the template under test is recorded as it is: when the design exceeds the ceiling this
 * file does not fail and does not bend the check; it records P11 as failed with the figures. What it
 * asserts is that the check works: a template made expensive (4 vCPU / 8 GB tasks) is rejected and a
 * lean one passes for every month.
 */
const prices = loadPrices();
const CEILING = 155 * (1 + ABOUT_TOLERANCE);
const evidence = new PropertyEvidence('P11', ['R12.5'], `"about $155" is read as at most ${(ABOUT_TOLERANCE * 100).toFixed(0)} % above, $${CEILING.toFixed(2)}; usage bounded by the cost model's USAGE_BOUNDS`);
afterAll(() => { evidence.write(); });

/** Maximum capacity: the requirement's 10 tasks, or the template's larger maximum if it has one. */
const atMax = (c: CostConfig) => Math.max(SPEC.maxTasks, c.scaling?.maxCapacity ?? 0);

// Usage in hundredths, the step it is metered in.
const within = (key: keyof typeof USAGE_BOUNDS) => fc.integer({ min: Math.round(USAGE_BOUNDS[key][0] * 100), max: Math.round(USAGE_BOUNDS[key][1] * 100) }).map((x) => x / 100);
const month: fc.Arbitrary<Omit<Usage, 'tasks'>> = fc.record({
  hours: fc.constantFrom(28 * 24, 29 * 24, 30 * 24, 31 * 24),
  lcu: within('lcu'), logIngestGb: within('logIngestGb'), imageSizeGb: within('imageSizeGb'),
  imagesPushed: fc.integer({ min: USAGE_BOUNDS.imagesPushed[0], max: USAGE_BOUNDS.imagesPushed[1] }),
  egressGb: within('egressGb'), taskOutboundGb: within('taskOutboundGb'), alarmEmails: within('alarmEmails'),
  neverExpiringLogMonths: within('neverExpiringLogMonths'),
});

const bill = (c: CostConfig, u: Omit<Usage, 'tasks'>) => monthlyCost(c, { ...u, tasks: atMax(c) }, { region: 'us-east-1', prices }).totalUsd;
const withinCeiling = (c: CostConfig) => fc.property(month, (u) => bill(c, u) <= CEILING);

const cheap = mutantConfig('ARM64 0.25 vCPU / 0.5 GB, all Spot, no Container Insights, no dashboard', (t) => {
  setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '256');
  setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '512');
  setProp(t, 'AWS::ECS::TaskDefinition', 'RuntimePlatform.CpuArchitecture', 'ARM64');
  setProp(t, 'AWS::ECS::Cluster', 'ClusterSettings', [{ Name: 'containerInsights', Value: 'disabled' }]);
  setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy', [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
  for (const [id, r] of Object.entries(t.Resources)) if (r.Type === 'AWS::CloudWatch::Dashboard') delete t.Resources[id];
});
const expensive = mutantConfig('Cpu 4096 / Memory 8192', (t) => {
  setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '4096');
  setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '8192');
});

describe('P11 cost ceiling', () => {
  it('on the template under test: the real verdict, with its figures (recorded, not forced)', () => {
    const details = fc.check(withinCeiling(configUnderTest), propertyParams());
    evidence.held(`bill at ${atMax(configUnderTest)} tasks <= $${CEILING.toFixed(2)} for any month`, details);
    // The range of the bill over the bounds: the cheapest and dearest months, and a sample between them.
    const low = bill(configUnderTest, lowUsage());
    const high = bill(configUnderTest, highUsage());
    const sampled = fc.sample(month, { numRuns: 200, seed: 11 }).map((u) => bill(configUnderTest, u));
    evidence.figure('tasks', atMax(configUnderTest));
    evidence.figure('ceilingUsd', CEILING);
    evidence.figure('nominalUsd', 155);
    evidence.figure('cheapestMonthUsd', low);
    evidence.figure('dearestMonthUsd', high);
    evidence.figure('sampledMedianUsd', [...sampled].sort((a, b) => a - b)[sampled.length >> 1]);
    evidence.note(high <= CEILING ? `every month within the bounds is within the ceiling (at most $${high.toFixed(2)})`
      : low > CEILING ? `even the cheapest month within the bounds costs $${low.toFixed(2)}, above $${CEILING.toFixed(2)}: the design exceeds the ceiling whatever the usage`
        : `months from $${low.toFixed(2)} to $${high.toFixed(2)}: some exceed $${CEILING.toFixed(2)}`);
    // The check is a plain comparison: a failure's counterexample really is above the ceiling, and a pass
    // means the dearest month is within it.
    if (details.failed) expect(bill(configUnderTest, (details.counterexample as [Omit<Usage, 'tasks'>])[0])).toBeGreaterThan(CEILING);
    else expect(sampled.every((t) => t <= CEILING)).toBe(true);
    // The bounds' extremes bracket every sampled month (the bill never falls as a usage figure rises).
    for (const t of sampled) {
      expect(t).toBeGreaterThanOrEqual(low - 1e-9);
      expect(t).toBeLessThanOrEqual(high + 1e-9);
    }
  });

  it('the check rejects an expensive template (4 vCPU / 8 GB tasks)', () => {
    expectRejects(evidence, 'mutant Cpu 4096 / Memory 8192 exceeds the ceiling', withinCeiling(expensive));
  });

  it('the check passes a lean template in every month within the bounds', () => {
    assertHolds(evidence, 'lean mutant (ARM64 0.25 vCPU, all Spot, no Container Insights, no dashboard) stays within the ceiling', withinCeiling(cheap));
    expect(bill(cheap, highUsage())).toBeLessThanOrEqual(CEILING);
  });
});

/** The cheapest and the dearest month the bounds allow. */
function lowUsage(): Omit<Usage, 'tasks'> {
  return { hours: 28 * 24, ...Object.fromEntries(Object.entries(USAGE_BOUNDS).map(([k, [lo]]) => [k, lo])) } as Omit<Usage, 'tasks'>;
}
function highUsage(): Omit<Usage, 'tasks'> {
  return { hours: 31 * 24, ...Object.fromEntries(Object.entries(USAGE_BOUNDS).map(([k, [, hi]]) => [k, hi])) } as Omit<Usage, 'tasks'>;
}
