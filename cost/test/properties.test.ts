import { override } from '../../infra/template/index.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostConfig } from '../model.js';
import { monthlyCost, sum } from '../model.js';
import { USAGE_BOUNDS, type Usage } from '../usage.js';
import { alarm, FIXTURE, prices, US } from './fixture.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

/** Deployments the template could describe: sizes Fargate accepts, both architectures, any Fargate strategy. */
const config: fc.Arbitrary<CostConfig> = fc.record({
  size: fc.constantFrom([256, 512], [512, 1024], [512, 4096], [1024, 2048], [2048, 8192], [4096, 16384]),
  arch: fc.constantFrom('X86_64', 'ARM64'),
  base: fc.integer({ min: 0, max: 4 }),
  odWeight: fc.integer({ min: 0, max: 4 }),
  spotWeight: fc.integer({ min: 1, max: 4 }),
  publicIp: fc.boolean(),
  insights: fc.boolean(),
  nat: fc.integer({ min: 0, max: 3 }),
  alarms: fc.integer({ min: 0, max: 12 }),
  tt: fc.integer({ min: 0, max: 2 }),
  dashboards: fc.integer({ min: 0, max: 4 }),
  retention: fc.option(fc.constantFrom(1, 3, 7, 14, 30, 90), { nil: undefined }),
  maxImages: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  lbSubnets: fc.integer({ min: 2, max: 4 }),
}).map((g) => ({
  ...FIXTURE,
  task: { ...FIXTURE.task, cpuUnits: g.size[0], memoryMiB: g.size[1], architecture: g.arch },
  service: {
    ...FIXTURE.service, assignPublicIp: g.publicIp,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: g.base, weight: g.odWeight }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: g.spotWeight }],
  },
  cluster: { ...FIXTURE.cluster, containerInsights: g.insights, containerInsightsMode: g.insights ? 'enabled' : 'disabled' },
  natGateways: g.nat, alarms: Array.from({ length: g.alarms }, (_, i) => alarm(`A${i}`)), targetTrackingPolicies: g.tt, dashboards: g.dashboards,
  logRetentionDays: g.retention, ecr: { ...FIXTURE.ecr!, maxImageCount: g.maxImages },
  loadBalancer: { ...FIXTURE.loadBalancer, subnets: g.lbSubnets },
}));

// In hundredths: usage is metered in such steps, and it keeps subnormal doubles (5e-324 GB) out of the bill.
const within = (key: keyof typeof USAGE_BOUNDS) => fc.integer({ min: Math.round(USAGE_BOUNDS[key][0] * 100), max: Math.round(USAGE_BOUNDS[key][1] * 100) }).map((x) => x / 100);
/** Usage inside the documented bounds, without the task count. */
const usage: fc.Arbitrary<Omit<Usage, 'tasks'>> = fc.record({
  hours: fc.constantFrom(672, 720, 730, 744),
  lcu: within('lcu'), logIngestGb: within('logIngestGb'), imageSizeGb: within('imageSizeGb'),
  imagesPushed: fc.integer({ min: USAGE_BOUNDS.imagesPushed[0], max: USAGE_BOUNDS.imagesPushed[1] }),
  egressGb: within('egressGb'), taskOutboundGb: within('taskOutboundGb'), alarmEmails: within('alarmEmails'),
  neverExpiringLogMonths: within('neverExpiringLogMonths'),
});
const freeTier = fc.boolean();
const spotOnly = (c: CostConfig): CostConfig => (override(c, { service: override(c.service, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }] }) }));
const onDemandOnly = (c: CostConfig): CostConfig => (override(c, { service: override(c.service, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }] }) }));

describe('properties of the cost model (fast-check)', () => {
  it('more tasks never cost less', () => {
    fc.assert(fc.property(config, usage, freeTier, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), (c, u, ft, n, more) => {
      const opts = { ...US, freeTier: ft };
      expect(monthlyCost(c, { ...u, tasks: n + more }, opts).totalUsd).toBeGreaterThanOrEqual(monthlyCost(c, { ...u, tasks: n }, opts).totalUsd);
    }), { numRuns: RUNS });
  });

  it('a higher daily curve never costs less', () => {
    const curve = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 24, maxLength: 24 });
    fc.assert(fc.property(config, usage, curve, curve, (c, u, a, extra) => {
      const higher = a.map((n, h) => n + extra[h]);
      expect(monthlyCost(c, { ...u, tasks: higher }, US).totalUsd).toBeGreaterThanOrEqual(monthlyCost(c, { ...u, tasks: a }, US).totalUsd);
    }), { numRuns: RUNS });
  });

  it('a Spot task never costs more than an on-demand one', () => {
    fc.assert(fc.property(config, usage, fc.integer({ min: 1, max: 20 }), (c, u, n) => {
      expect(monthlyCost(spotOnly(c), { ...u, tasks: n }, US).totalUsd).toBeLessThanOrEqual(monthlyCost(onDemandOnly(c), { ...u, tasks: n }, US).totalUsd);
    }), { numRuns: RUNS });
  });

  it('the total equals the sum of the lines, and each line is quantity x unit price', () => {
    fc.assert(fc.property(config, usage, freeTier, fc.integer({ min: 0, max: 20 }), (c, u, ft, n) => {
      const bill = monthlyCost(c, { ...u, tasks: n }, { ...US, freeTier: ft });
      // Summed in the opposite order to the model's, so a total that is not the lines' sum shows.
      expect(bill.totalUsd).toBeCloseTo(sum([...bill.lines].reverse().map((l) => (l.quantity - l.freeQuantity) * l.unitUsd)), 9);
      for (const l of bill.lines) {
        expect(l.amountUsd).toBeGreaterThanOrEqual(0);
        expect(l.freeQuantity).toBeLessThanOrEqual(l.quantity);
      }
    }), { numRuns: RUNS });
  });

  it('changing one price changes exactly the lines that use it', () => {
    fc.assert(fc.property(config, usage, fc.integer({ min: 1, max: 20 }), fc.nat(), fc.double({ min: 1.01, max: 3, noNaN: true }), (c, u, n, pick, factor) => {
      const before = monthlyCost(c, { ...u, tasks: n }, US);
      const keys = [...new Set(before.lines.map((l) => l.priceKey))];
      const key = keys[pick % keys.length];
      const old = prices.price(key, 'us-east-1');
      const oldUsd = 'usd' in old ? old.usd : old.tiers[0].usd;
      const after = monthlyCost(c, { ...u, tasks: n }, { region: 'us-east-1', prices: prices.withPrice(key, 'us-east-1', oldUsd * factor) });
      expect(after.lines.map((l) => l.id)).toEqual(before.lines.map((l) => l.id));
      before.lines.forEach((l, i) => {
        // withPrice changes a flat price, or the first tier of a tiered one.
        const uses = l.priceKey === key && l.unitUsd === oldUsd;
        if (!uses) expect(after.lines[i].amountUsd, l.id).toBe(l.amountUsd);
        // A line the free tier covers in full stays at 0 either way.
        else if (l.amountUsd > 0) expect(after.lines[i].amountUsd, l.id).toBeGreaterThan(l.amountUsd);
        else expect(after.lines[i].amountUsd, l.id).toBe(0);
      });
    }), { numRuns: RUNS });
  });

  it('the free tier never makes a bill dearer', () => {
    fc.assert(fc.property(config, usage, fc.integer({ min: 0, max: 20 }), (c, u, n) => {
      expect(monthlyCost(c, { ...u, tasks: n }, { ...US, freeTier: true }).totalUsd).toBeLessThanOrEqual(monthlyCost(c, { ...u, tasks: n }, US).totalUsd);
    }), { numRuns: RUNS });
  });
});
