import { describe, expect, it } from 'vitest';
import { CostInputError } from '../errors.js';
import { monthlyCost, type Bill } from '../model.js';
import { placeTasks } from '../placement.js';
import { PriceBook } from '../prices.js';
import { allOnFargate, dailyCurve, withNatGateway } from '../scenarios.js';
import { QUIET_MONTH, type Usage } from '../usage.js';
import { alarm, FIXTURE, prices, US } from './fixture.js';

const quiet = (tasks: Usage['tasks']): Usage => ({ ...QUIET_MONTH, tasks, hours: 730 });
const amounts = (b: Bill) => Object.fromEntries(b.lines.map((l) => [l.id, l.amountUsd]));

// Every figure below is worked by hand from cost/prices.json (us-east-1) and the fixture; the
// arithmetic is in the comment beside it. Quiet month: 1 LCU, 2 GB logs, 0.3 GB image, 20 pushes,
// 20 GB out, 5 GB task traffic, 100 alarm emails; 730 hours.
describe('line items pinned against hand-computed figures', () => {
  it('2 tasks all month: every line and the total', () => {
    const bill = monthlyCost(FIXTURE, quiet(2), US);
    const expected: Record<string, number> = {
      'fargate-vcpu': 29.5504, //           2 tasks x 0.5 vCPU x 730 h = 730 vCPU-h x 0.04048
      'fargate-memory': 6.4897, //          2 x 1 GB x 730 h = 1460 GB-h x 0.004445
      'task-public-ipv4': 7.3, //           2 x 730 h x 0.005
      'alb-hours': 16.425, //               730 h x 0.0225
      'alb-lcu': 5.84, //                   1 LCU x 730 h x 0.008
      'lb-public-ipv4': 7.3, //             2 subnets x 730 h x 0.005
      'container-insights': 7.5, //         (8 + 11 + 6) metrics x 0.30
      alarms: 0.4, //                       (2 + 2 x 1 target tracking) x 0.10
      dashboards: 3, //                     1 x 3.00
      'logs-ingest': 1, //                  2 GB x 0.50
      'logs-storage': 0.0138082, //         2 GB x 7 d / (730/24 d) = 0.460274 GB-month x 0.03
      'ecr-storage': 0.3, //                min(20, 10) images x 0.3 GB = 3 GB-month x 0.10
      'data-transfer-out': 1.8, //          20 GB x 0.09
      'sns-email': 0.002, //                100 / 100,000 x 2.00
    };
    expect(Object.keys(amounts(bill)).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, usd] of Object.entries(expected)) expect(amounts(bill)[id], id).toBeCloseTo(usd, 6);
    expect(bill.totalUsd).toBeCloseTo(86.9209082, 6); // the sum of the figures above
    expect(bill.taskHours).toEqual({ 'on-demand': 1460, spot: 0 }); // both tasks are the FARGATE base
  });

  it('10 tasks: the base 2 on FARGATE, the other 8 split 1:3, so 4 on demand and 6 on Spot', () => {
    expect(placeTasks(10, FIXTURE.service.capacityProviderStrategy)).toEqual({ 'on-demand': 4, spot: 6 });
    const a = amounts(monthlyCost(FIXTURE, quiet(10), US));
    expect(a['fargate-vcpu']).toBeCloseTo(59.1008, 6); //          4 x 0.5 x 730 = 1460 vCPU-h x 0.04048
    expect(a['fargate-memory']).toBeCloseTo(12.9794, 6); //        4 x 1 x 730 = 2920 GB-h x 0.004445
    expect(a['fargate-spot-vcpu']).toBeCloseTo(28.2262749, 6); //  6 x 0.5 x 730 = 2190 vCPU-h x 0.01288871
    expect(a['fargate-spot-memory']).toBeCloseTo(6.1988826, 6); // 6 x 1 x 730 = 4380 GB-h x 0.00141527
    expect(a['task-public-ipv4']).toBeCloseTo(36.5, 6); //         10 x 730 x 0.005
  });

  it('ARM64 tasks use the ARM prices', () => {
    const a = amounts(monthlyCost({ ...FIXTURE, task: { ...FIXTURE.task, architecture: 'ARM64' } }, quiet(2), US));
    expect(a['fargate-vcpu']).toBeCloseTo(23.6374, 6); //   730 vCPU-h x 0.03238
    expect(a['fargate-memory']).toBeCloseTo(5.1976, 6); //  1460 GB-h x 0.00356
  });

  it('a daily curve: hour by hour placement, repeated for 730/24 days', () => {
    const curve = dailyCurve(FIXTURE);
    expect(curve).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 4, 6, 6, 8, 10, 10, 6, 6, 6, 4, 4, 4, 2, 2, 2, 2]);
    // On demand per day: 8x2 + 2 + 2x3 + 3 + 2x4 + 3x3 + 3x2 + 4x2 = 58 task-hours; Spot: 2 + 2x3 + 5 + 2x6 + 3x3 + 3x2 = 40.
    const bill = monthlyCost(FIXTURE, quiet(curve), US);
    expect(bill.taskHours['on-demand']).toBeCloseTo(58 * 730 / 24, 9);
    expect(bill.taskHours.spot).toBeCloseTo(40 * 730 / 24, 9);
  });

  it('the NAT gateway counterfactual: gateway hours, data, its address; no task addresses', () => {
    const a = amounts(monthlyCost(withNatGateway(FIXTURE), quiet(2), US));
    expect(a['nat-hours']).toBeCloseTo(32.85, 6); //        730 h x 0.045
    expect(a['nat-data']).toBeCloseTo(0.225, 6); //         5 GB x 0.045
    expect(a['nat-public-ipv4']).toBeCloseTo(3.65, 6); //   730 h x 0.005
    expect(a['task-public-ipv4']).toBeUndefined();
  });

  it('all on FARGATE: no Spot line', () => {
    const bill = monthlyCost(allOnFargate(FIXTURE), quiet(10), US);
    expect(bill.taskHours).toEqual({ 'on-demand': 7300, spot: 0 });
    expect(amounts(bill)['fargate-vcpu']).toBeCloseTo(147.752, 6); // 10 x 0.5 x 730 = 3650 x 0.04048
  });

  it('a log group that never expires holds the configured months of logs', () => {
    const a = amounts(monthlyCost({ ...FIXTURE, logRetentionDays: undefined }, quiet(2), US));
    expect(a['logs-storage']).toBeCloseTo(0.72, 6); // 2 GB x 12 months x 0.03
  });

  it('no lifecycle rule: every pushed image is stored', () => {
    const a = amounts(monthlyCost({ ...FIXTURE, ecr: { ...FIXTURE.ecr!, maxImageCount: undefined } }, quiet(2), US));
    expect(a['ecr-storage']).toBeCloseTo(0.6, 6); // 20 images x 0.3 GB x 0.10
  });

  it('custom metrics are priced by tier', () => {
    // With the first tier ending at 20 metrics, 25 metrics are 20 x 0.30 + 5 x 0.10.
    const tiers = prices.tiered('custom_metric_month', 'us-east-1').tiers;
    const book = new PriceBook({ ...prices.file, regions: { ...prices.file.regions, 'us-east-1': { ...prices.file.regions['us-east-1'], custom_metric_month: { ...prices.tiered('custom_metric_month', 'us-east-1'), tiers: [{ upTo: 20, usd: tiers[0].usd }, ...tiers.slice(1)] } } } });
    const lines = monthlyCost(FIXTURE, quiet(2), { region: 'us-east-1', prices: book }).lines.filter((l) => l.priceKey === 'custom_metric_month');
    expect(lines.map((l) => [l.quantity, l.amountUsd])).toEqual([[20, expect.closeTo(6, 9)], [5, expect.closeTo(0.5, 9)]]);
  });

  it('the free tier, when asked for, takes the always-free allowances off', () => {
    const bill = monthlyCost(FIXTURE, quiet(2), { ...US, freeTier: true });
    const a = amounts(bill);
    expect(a['container-insights']).toBeCloseTo(4.5, 6); // (25 - 10 free) x 0.30
    for (const id of ['alarms', 'dashboards', 'logs-ingest', 'logs-storage', 'data-transfer-out', 'sns-email']) expect(a[id], id).toBe(0);
    expect(bill.totalUsd).toBeCloseTo(86.9209082 - 3 - 0.4 - 3 - 1 - 0.0138082 - 1.8 - 0.002, 6);
  });

  it('the free tier is off by default', () => {
    expect(monthlyCost(FIXTURE, quiet(2), US).lines.every((l) => l.freeQuantity === 0)).toBe(true);
  });

  it('every line names its price key, source and date', () => {
    for (const l of monthlyCost(withNatGateway(FIXTURE), quiet(10), US).lines) {
      expect(l.source.length, l.id).toBeGreaterThan(0);
      expect(l.date, l.id).toMatch(/^\d{4}/);
      expect(prices.price(l.priceKey, 'us-east-1').source).toBe(l.source);
    }
  });
});

describe('prices missing or wrong are errors, never zeros', () => {
  it('a region the snapshot lacks', () => {
    expect(() => monthlyCost(FIXTURE, quiet(2), { region: 'ap-south-9', prices })).toThrow(/unknown region ap-south-9/);
  });

  it('a price the snapshot lacks for a region names the price and the region', () => {
    expect(() => monthlyCost(FIXTURE, quiet(2), { region: 'eu-west-1', prices })).toThrow(CostInputError);
    expect(() => monthlyCost(FIXTURE, quiet(2), { region: 'eu-west-1', prices })).toThrow(/eu-west-1 price for custom_metric_month/);
  });

  it('eu-west-1 prices what it has', () => {
    const lean = { ...FIXTURE, cluster: { ...FIXTURE.cluster, containerInsights: false, containerInsightsMode: 'disabled' }, alarms: [], targetTrackingPolicies: 0, dashboards: 0, ecr: undefined };
    const usage = { ...quiet(2), logIngestGb: 0, egressGb: 0, alarmEmails: 0 };
    const a = amounts(monthlyCost(lean, usage, { region: 'eu-west-1', prices }));
    expect(a['alb-hours']).toBeCloseTo(18.396, 6); // 730 x 0.0252
  });

  it('a removed price is an error, not a cheaper bill', () => {
    const { public_ipv4_hour: _gone, ...rest } = prices.file.regions['us-east-1'];
    const book = new PriceBook({ ...prices.file, regions: { ...prices.file.regions, 'us-east-1': rest } });
    expect(() => monthlyCost(FIXTURE, quiet(2), { region: 'us-east-1', prices: book })).toThrow(/public_ipv4_hour/);
  });

  it('what the snapshot cannot price is refused: enhanced Container Insights, high-resolution alarms, an EC2 provider, an unknown architecture', () => {
    expect(() => monthlyCost({ ...FIXTURE, cluster: { ...FIXTURE.cluster, containerInsightsMode: 'enhanced' } }, quiet(2), US)).toThrow(/enhanced/);
    expect(() => monthlyCost({ ...FIXTURE, alarms: [alarm('fast', 10)] }, quiet(2), US)).toThrow(/high_resolution_alarm_month/);
    expect(() => monthlyCost({ ...FIXTURE, service: { ...FIXTURE.service, capacityProviderStrategy: [{ capacityProvider: 'MyAsgProvider', base: 0, weight: 1 }] } }, quiet(2), US)).toThrow(/MyAsgProvider/);
    expect(() => monthlyCost({ ...FIXTURE, task: { ...FIXTURE.task, architecture: 'RISCV' } }, quiet(2), US)).toThrow(/RISCV/);
  });

  it('usage that cannot be a month is refused', () => {
    expect(() => monthlyCost(FIXTURE, quiet(-1), US)).toThrow(CostInputError);
    expect(() => monthlyCost(FIXTURE, quiet([2, 2]), US)).toThrow(/24 hourly/);
    expect(() => monthlyCost(FIXTURE, { ...quiet(2), lcu: -1 }, US)).toThrow(/lcu/);
  });

  it('the snapshot file itself: a price without a source is rejected', async () => {
    const { validate } = await import('../prices.js');
    const bad = structuredClone(prices.file) as any;
    delete bad.regions['us-east-1'].alb_hour.source;
    expect(() => validate(bad)).toThrow(/alb_hour lacks a source/);
    expect(() => validate(prices.file)).not.toThrow();
  });
});
