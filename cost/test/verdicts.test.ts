import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordEvidence } from '../../infra/evidence.js';
import { removeAll, setProp } from '../../infra/rules/mutate.js';
import { deploymentConfig, loadTemplate, type CfnTemplate } from '../../infra/template/index.js';
import { ABOUT_TOLERANCE } from '../assumptions.js';
import { costEvidence } from '../evidence.js';
import { monthlyCost, type Bill } from '../model.js';
import { PriceBook } from '../prices.js';
import { REMEDIES } from '../remedies.js';
import { ceilingVerdict, costReport, costReportForConfig, type Verdict } from '../report.js';
import { scenarioNamed } from '../scenarios.js';
import { FIXTURE, mutantView, prices, US } from './fixture.js';

const byId = (vs: Verdict[], id: string) => vs.find((v) => v.id === id)!;
const CEILING_155 = 155 * (1 + ABOUT_TOLERANCE);

/** A lean deployment: small ARM64 tasks all on Spot, no Container Insights, no dashboard. */
function cheap(t: CfnTemplate): void {
  setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '256');
  setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '512');
  setProp(t, 'AWS::ECS::TaskDefinition', 'RuntimePlatform.CpuArchitecture', 'ARM64');
  setProp(t, 'AWS::ECS::Cluster', 'ClusterSettings', [{ Name: 'containerInsights', Value: 'disabled' }]);
  setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy', [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
  removeAll(t, 'AWS::CloudWatch::Dashboard');
}
/** 4 vCPU / 8 GB tasks: the same design eight times the size. */
function expensive(t: CfnTemplate): void {
  setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '4096');
  setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '8192');
}

describe('the ceiling checks work on templates', () => {
  it('a cheap template passes R12.1 ($60) and R12.5/P11 (about $155)', () => {
    const report = costReport(mutantView('cheap', cheap));
    for (const id of ['R12.1', 'R12.5', 'P11']) expect(byId(report.verdicts, id).status, `${id}: ${byId(report.verdicts, id).summary}`).toBe('pass');
    expect(byId(report.verdicts, 'R12.1').figures.totalUsd).toBeLessThan(60);
    expect(byId(report.verdicts, 'R12.1').remedies).toBeUndefined();
  });

  it('an expensive template (Cpu 4096) fails both, with re-priced remedies', () => {
    const report = costReport(mutantView('Cpu 4096', expensive));
    for (const id of ['R12.1', 'R12.5', 'P11']) {
      const v = byId(report.verdicts, id);
      expect(v.status, v.summary).toBe('fail');
      expect(v.figures.marginUsd).toBeLessThan(0);
      expect(v.remedies!.singles.length).toBeGreaterThan(0);
    }
  });

  it('the verdict is the comparison of the figures, for the template under test too', () => {
    for (const view of [loadTemplate(), mutantView('cheap', cheap), mutantView('Cpu 4096', expensive)]) {
      const vs = costReport(view).verdicts;
      const r12_1 = byId(vs, 'R12.1');
      expect(r12_1.status).toBe(r12_1.figures.totalUsd < 60 ? 'pass' : 'fail');
      const r12_5 = byId(vs, 'R12.5');
      expect(r12_5.figures.ceilingUsd).toBeCloseTo(CEILING_155, 9);
      expect(r12_5.status).toBe(r12_5.figures.totalUsd <= CEILING_155 ? 'pass' : 'fail');
      expect(byId(vs, 'P11').status).toBe(r12_5.status);
    }
  });

  it('at the boundary: $60.00 is not below $60; exactly about-$155 is within it', () => {
    const ctx = { ...US, freeTier: false };
    const bill = (totalUsd: number): Bill => ({ region: 'us-east-1', freeTier: false, hours: 730, taskHours: { 'on-demand': 0, spot: 0 }, lines: [], totalUsd });
    expect(ceilingVerdict('R12.1', 't', bill(60), 60, 'below', FIXTURE, 'two-tasks', ctx, true).status).toBe('fail');
    expect(ceilingVerdict('R12.1', 't', bill(59.99), 60, 'below', FIXTURE, 'two-tasks', ctx, true).status).toBe('pass');
    expect(ceilingVerdict('R12.5', 't', bill(CEILING_155), CEILING_155, 'at-most', FIXTURE, 'ten-tasks', ctx, false).status).toBe('pass');
    expect(ceilingVerdict('R12.5', 't', bill(CEILING_155 + 0.01), CEILING_155, 'at-most', FIXTURE, 'ten-tasks', ctx, false).status).toBe('fail');
  });
});

describe('remedies are the model re-run on a changed config', () => {
  const design = FIXTURE;
  const report = costReportForConfig(design, 'fixture');
  const r12_1 = byId(report.verdicts, 'R12.1');

  it('each single remedy total is the model on that change', () => {
    expect(r12_1.status).toBe('fail');
    const s = scenarioNamed('two-tasks');
    for (const r of r12_1.remedies!.singles) {
      const remedy = REMEDIES.find((x) => x.id === r.ids[0])!;
      const usage = s.usage(design, prices.hoursPerMonth);
      const expected = monthlyCost(remedy.apply(design), remedy.tasks === undefined ? usage : { ...usage, tasks: remedy.tasks }, US).totalUsd;
      expect(r.totalUsd, r.title).toBeCloseTo(expected, 9);
      expect(r.savingUsd, r.title).toBeCloseTo(r12_1.figures.totalUsd - expected, 9);
      expect(r.meetsCeiling).toBe(expected < 60);
    }
  });

  it('the best combination meets the ceiling and nothing breaking fewer criteria does', () => {
    const best = r12_1.remedies!.best!;
    expect(best.meetsCeiling).toBe(true);
    const fewer = r12_1.remedies!.singles.filter((s) => s.breaks.length < best.breaks.length);
    for (const s of fewer) expect(s.meetsCeiling, s.title).toBe(false);
    expect(r12_1.remedies!.bestBreakingNothing!.breaks).toEqual([]);
  });

  it('the 10-task ceiling is not met by changing the task count the requirement fixes', () => {
    const r12_5 = byId(report.verdicts, 'R12.5');
    expect(r12_5.remedies!.singles.some((s) => s.ids.includes('one-task-spot'))).toBe(false);
  });
});

describe('R12.2 and R12.7 verdicts can fail', () => {
  it('R12.2 fails when the strategy puts nothing on Spot', () => {
    const allOd = mutantView('no Spot', (t) => setProp(t, 'AWS::ECS::Service', 'CapacityProviderStrategy', [{ CapacityProvider: 'FARGATE', Base: 2, Weight: 1 }]));
    const v = byId(costReport(allOd).verdicts, 'R12.2');
    expect(v.figures.spotTasksAtMax).toBe(0);
    expect(v.status).toBe('fail');
  });

  it('R12.2 fails when Spot saves only half', () => {
    let book: PriceBook = prices;
    for (const [spot, od] of [['fargate_spot_x86_vcpu_hour', 'fargate_x86_vcpu_hour'], ['fargate_spot_x86_gb_hour', 'fargate_x86_gb_hour']]) {
      book = book.withPrice(spot, 'us-east-1', prices.flat(od, 'us-east-1').usd * 0.5);
    }
    const v = byId(costReportForConfig(FIXTURE, 'fixture', { prices: book }).verdicts, 'R12.2');
    expect(v.figures.perTaskSavingPct).toBeCloseTo(50, 6);
    expect(v.status).toBe('fail');
  });

  it('R12.2 passes on the fixture: 68.2 % per task (0.5 vCPU, 1 GB, x86)', () => {
    const v = byId(costReportForConfig(FIXTURE, 'fixture').verdicts, 'R12.2');
    // 1 - (0.5 x 0.01288871 + 0.00141527) / (0.5 x 0.04048 + 0.004445) = 1 - 0.007859625 / 0.024685
    expect(v.figures.perTaskSavingPct).toBeCloseTo((1 - 0.007859625 / 0.024685) * 100, 6);
    expect(v.status).toBe('pass');
  });

  it('R12.7 fails on a template with a NAT gateway', () => {
    const nat = mutantView('NAT gateway', (t) => { t.Resources.Nat = { Type: 'AWS::EC2::NatGateway', Properties: {} }; });
    const v = byId(costReport(nat).verdicts, 'R12.7');
    expect(v.figures.natGatewaysInTemplate).toBe(1);
    expect(v.status).toBe('fail');
  });

  it('R12.7 on the fixture: the NAT design costs its lines minus the task addresses', () => {
    const v = byId(costReportForConfig(FIXTURE, 'fixture').verdicts, 'R12.7');
    // 32.85 hours + 0.225 data + 3.65 address - 7.30 task addresses = 29.425
    expect(v.figures.savingAtTwoUsd).toBeCloseTo(29.425, 6);
    expect(v.status).toBe('pass');
  });
});

describe('evidence for the compliance report', () => {
  it('records the real verdicts on the template under test (R12.1, R12.2, R12.5, R12.7)', () => {
    const view = loadTemplate();
    const report = costReport(view);
    const items = costEvidence(report);
    expect(items.map((i) => i.id)).toEqual(['R12.1', 'R12.2', 'R12.5', 'R12.7']);
    const path = recordEvidence('cost', items);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    for (const item of written.items) {
      const v = byId(report.verdicts, item.id);
      expect(item.status).toBe(v.status);
      expect(item.figures).toEqual(v.figures);
      if (v.status === 'fail') expect(item.reason).toMatch(/exceeds|Spot|NAT|\$/);
    }
    // The figures are the template's: a template with other task sizes gives another R12.1 total.
    expect(deploymentConfig(view).task.cpuUnits).toBeGreaterThan(0);
  });
});
