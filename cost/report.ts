import { UnknownValueError } from '../infra/template/index.js';
import { deploymentConfig, type TemplateView } from '../infra/template/index.js';
import { ABOUT_TOLERANCE, APPROXIMATE_SAVING, ASSUMPTIONS_TEXT } from './assumptions.js';
import { monthlyCost, sum, type Bill, type CostConfig } from './model.js';
import { placeTasks } from './placement.js';
import { loadPrices, type PriceBook } from './prices.js';
import { REMEDIES, type Remedy } from './remedies.js';
import { allOnFargate, REQUIRED_TASKS, SCENARIOS, scenarioNamed, withNatGateway, withTasks, type Scenario } from './scenarios.js';
import { QUIET_MONTH } from './usage.js';

export interface ReportOptions {
  readonly region?: string;
  readonly freeTier?: boolean;
  readonly prices?: PriceBook;
  /** Scenarios to price and show (all when absent); verdicts always use the standard ones. */
  readonly scenarios?: readonly string[];
  /** Replace the task count of the shown scenarios (or price the design at this count when no scenario is named). */
  readonly tasks?: number;
}

export interface ScenarioResult { readonly name: string; readonly title: string; readonly tasks: number | readonly number[]; readonly bill: Bill }

export interface RemedyResult {
  readonly ids: readonly string[];
  readonly title: string;
  readonly breaks: readonly string[];
  readonly consequences: readonly string[];
  readonly totalUsd: number;
  readonly savingUsd: number;
  readonly meetsCeiling: boolean;
  readonly marginUsd: number;
}

export interface Verdict {
  readonly id: string;
  readonly title: string;
  readonly status: 'pass' | 'fail';
  /** One plain sentence with the figures. */
  readonly summary: string;
  readonly figures: Record<string, number>;
  /** For a failed ceiling: each change alone, and the combination that meets it breaking the fewest criteria. */
  readonly remedies?: { readonly singles: RemedyResult[]; readonly best?: RemedyResult; readonly bestBreakingNothing?: RemedyResult };
}

export interface CostReport {
  readonly template: string;
  readonly region: string;
  readonly freeTier: boolean;
  readonly snapshot: { readonly compiled: string; readonly hoursPerMonth: number };
  readonly assumptions: readonly string[];
  readonly scenarios: ScenarioResult[];
  readonly verdicts: Verdict[];
}

interface Ctx { readonly region: string; readonly prices: PriceBook; readonly freeTier: boolean }

/** Prices one scenario on a design. */
export function priceScenario(design: CostConfig, s: Scenario, ctx: Ctx): ScenarioResult {
  const config = s.config(design);
  const usage = s.usage(design, ctx.prices.hoursPerMonth);
  return { name: s.name, title: s.title, tasks: usage.tasks, bill: monthlyCost(config, usage, ctx) };
}

/** The whole cost report for a template: what the compliance report and the CLI print. */
export function costReport(view: TemplateView, options: ReportOptions = {}): CostReport {
  return costReportForConfig(deploymentConfig(view), view.source, options);
}

export function costReportForConfig(design: CostConfig, source: string, options: ReportOptions = {}): CostReport {
  const prices = options.prices ?? loadPrices();
  const ctx: Ctx = { region: options.region ?? 'us-east-1', prices, freeTier: options.freeTier ?? false };
  prices.region(ctx.region);
  let shown: Scenario[];
  if (options.scenarios && options.scenarios.length > 0) shown = options.scenarios.map(scenarioNamed);
  else if (options.tasks !== undefined) shown = [{ ...scenarioNamed('two-tasks'), name: 'design', title: 'the design, quiet usage' }];
  else shown = [...SCENARIOS];
  if (options.tasks !== undefined) shown = shown.map((s) => withTasks(s, options.tasks!));
  return {
    template: source, region: ctx.region, freeTier: ctx.freeTier,
    snapshot: { compiled: prices.file.snapshot.compiled, hoursPerMonth: prices.hoursPerMonth },
    assumptions: ASSUMPTIONS_TEXT,
    scenarios: shown.map((s) => priceScenario(design, s, ctx)),
    verdicts: verdicts(design, ctx),
  };
}

const usd = (x: number) => `$${x.toFixed(2)}`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** R12.1, R12.5, P11, R12.2 and R12.7 on a design, each with its figures and margin. */
export function verdicts(design: CostConfig, ctx: Ctx): Verdict[] {
  const two = priceScenario(design, scenarioNamed('two-tasks'), ctx).bill;
  const ten = priceScenario(design, scenarioNamed('ten-tasks'), ctx).bill;
  const tenAllFargate = priceScenario(design, scenarioNamed('all-fargate'), ctx).bill;
  const ceiling155 = 155 * (1 + ABOUT_TOLERANCE);

  const r12_1 = ceilingVerdict('R12.1', `${REQUIRED_TASKS.r12_1} tasks all month cost less than $60`, two, 60, 'below', design, 'two-tasks', ctx, true);
  const tenTitle = `${REQUIRED_TASKS.r12_5} tasks (maximum capacity) cost at most about $155 (at most ${usd(ceiling155)})`;
  const r12_5 = ceilingVerdict('R12.5', tenTitle, ten, ceiling155, 'at-most', design, 'ten-tasks', ctx, false);
  const p11 = { ...r12_5, id: 'P11', title: `for any month at maximum capacity the cost does not exceed $155 (read as about: at most ${usd(ceiling155)})` };

  // R12.2: the saving of a Spot task against an on-demand one of the template's size, and of the whole bill.
  const oneTask = (c: CostConfig) => monthlyCost(c, { ...QUIET_MONTH, tasks: 1, hours: ctx.prices.hoursPerMonth }, ctx);
  const compute = (b: Bill) => sum(b.lines.filter((l) => l.id.startsWith('fargate-')).map((l) => l.amountUsd));
  const withIp = (b: Bill) => compute(b) + sum(b.lines.filter((l) => l.id === 'task-public-ipv4').map((l) => l.amountUsd));
  const odTask = oneTask(allOnFargate(design));
  const spotTask = oneTask({ ...design, service: { ...design.service, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }] } });
  const perTask = 1 - compute(spotTask) / compute(odTask);
  const perTaskWithIp = 1 - withIp(spotTask) / withIp(odTask);
  const twoAllFargate = monthlyCost(allOnFargate(design), { ...QUIET_MONTH, tasks: REQUIRED_TASKS.r12_1, hours: ctx.prices.hoursPerMonth }, ctx);
  const billSaving10 = 1 - ten.totalUsd / tenAllFargate.totalUsd;
  const billSaving2 = 1 - two.totalUsd / twoAllFargate.totalUsd;
  const spotAt10 = placeTasks(REQUIRED_TASKS.r12_5, design.service.capacityProviderStrategy, design.service.launchType).spot;
  const lo = APPROXIMATE_SAVING.target - APPROXIMATE_SAVING.tolerance;
  const hi = APPROXIMATE_SAVING.target + APPROXIMATE_SAVING.tolerance;
  const r12_2ok = perTask >= lo && perTask <= hi && spotAt10 > 0;
  const r12_2: Verdict = {
    id: 'R12.2', title: 'FARGATE_SPOT saves approximately 70 % against standard FARGATE', status: r12_2ok ? 'pass' : 'fail',
    summary: `A Spot task's compute costs ${usd(compute(spotTask))} a month against ${usd(compute(odTask))} on demand: ${pct(perTask)} saved per task `
      + `(${pct(perTaskWithIp)} with its public IPv4 address, which Spot does not discount); target ${pct(lo)} to ${pct(hi)}. `
      + `The strategy puts ${spotAt10} of ${REQUIRED_TASKS.r12_5} tasks on Spot, so the whole bill at ${REQUIRED_TASKS.r12_5} tasks is ${pct(billSaving10)} below all-FARGATE `
      + `(${usd(ten.totalUsd)} against ${usd(tenAllFargate.totalUsd)}); at ${REQUIRED_TASKS.r12_1} tasks the base keeps every task on FARGATE and the bill saving is ${pct(billSaving2)}.`,
    figures: {
      spotTaskComputeUsd: compute(spotTask), onDemandTaskComputeUsd: compute(odTask), perTaskSavingPct: perTask * 100, perTaskSavingWithIpv4Pct: perTaskWithIp * 100,
      targetLowPct: lo * 100, targetHighPct: hi * 100, spotTasksAtMax: spotAt10,
      billAtMaxUsd: ten.totalUsd, billAtMaxAllFargateUsd: tenAllFargate.totalUsd, billSavingAtMaxPct: billSaving10 * 100, billSavingAtTwoPct: billSaving2 * 100,
    },
  };

  // R12.7: the NAT gateway the design avoids, net of the public IPv4 addresses its tasks pay for instead.
  const nat2 = priceScenario(design, scenarioNamed('nat-gateway'), ctx).bill;
  const nat10 = monthlyCost(withNatGateway(design), scenarioNamed('ten-tasks').usage(design, ctx.prices.hoursPerMonth), ctx);
  // One gateway per zone needs the zone count, which a template that takes its subnets from elsewhere cannot tell.
  const zones = knownOrUndefined(() => design.service.availabilityZones);
  const natPerAz2 = zones === undefined ? undefined : monthlyCost(withNatGateway(design, Math.max(1, zones)), { ...QUIET_MONTH, tasks: REQUIRED_TASKS.r12_1, hours: ctx.prices.hoursPerMonth }, ctx);
  const natLines = sum(nat2.lines.filter((l) => l.id.startsWith('nat-')).map((l) => l.amountUsd));
  const saving2 = nat2.totalUsd - two.totalUsd;
  const saving10 = nat10.totalUsd - ten.totalUsd;
  const r12_7ok = design.natGateways === 0 && saving2 > 0;
  const r12_7: Verdict = {
    id: 'R12.7', title: 'public subnets with an internet gateway instead of a NAT gateway', status: r12_7ok ? 'pass' : 'fail',
    summary: `The template has ${design.natGateways} NAT gateways. One NAT gateway would cost ${usd(natLines)} a month (hours, data, its public IPv4) and save the tasks' public IPv4 addresses: `
      + `the design is ${usd(saving2)} a month cheaper at ${REQUIRED_TASKS.r12_1} tasks, ${natPerAz2 ? `${usd(natPerAz2.totalUsd - two.totalUsd)} against one NAT gateway per availability zone` : 'an unknown amount against one NAT gateway per availability zone (the zones are not in this template)'}, `
      + `and ${usd(saving10)} at ${REQUIRED_TASKS.r12_5} tasks (where ${REQUIRED_TASKS.r12_5} task addresses almost pay for the gateway).`,
    figures: {
      natGatewaysInTemplate: design.natGateways, natGatewayLinesUsd: natLines, designAtTwoUsd: two.totalUsd, natAtTwoUsd: nat2.totalUsd, savingAtTwoUsd: saving2,
      ...(natPerAz2 ? { natPerAzAtTwoUsd: natPerAz2.totalUsd, savingPerAzAtTwoUsd: natPerAz2.totalUsd - two.totalUsd } : {}), designAtMaxUsd: ten.totalUsd, natAtMaxUsd: nat10.totalUsd, savingAtMaxUsd: saving10,
    },
  };
  return [r12_1, r12_2, r12_5, p11, r12_7];
}

/**
 * A ceiling check with its margin; when it fails, the remedies: each design change alone, then every
 * combination, re-priced by the model, keeping the one that meets the ceiling breaking the fewest criteria
 * (then the cheapest, then with the fewest changes).
 */
export function ceilingVerdict(id: string, title: string, bill: Bill, ceiling: number, kind: 'below' | 'at-most', design: CostConfig, scenario: string, ctx: Ctx, taskCountMayChange: boolean): Verdict {
  const meets = (total: number) => (kind === 'below' ? total < ceiling : total <= ceiling);
  const ok = meets(bill.totalUsd);
  const margin = ceiling - bill.totalUsd;
  const figures: Record<string, number> = { totalUsd: bill.totalUsd, ceilingUsd: ceiling, marginUsd: margin, marginPct: (margin / ceiling) * 100 };
  if (id !== 'R12.1') figures.nominalUsd = 155;
  const summary = ok
    ? `${usd(bill.totalUsd)} a month, ${usd(margin)} (${pct(margin / ceiling)}) ${kind === 'below' ? 'below' : 'within'} the ${usd(ceiling)} ceiling: PASS.`
    : `${usd(bill.totalUsd)} a month, ${usd(-margin)} (${pct(-margin / ceiling)}) over the ${usd(ceiling)} ceiling: FAIL.`;
  if (ok) return { id, title, status: 'pass', summary, figures };
  const candidates = REMEDIES.filter((r) => taskCountMayChange || r.tasks === undefined);
  const s = scenarioNamed(scenario);
  const price = (chosen: readonly Remedy[]): RemedyResult => {
    const config = chosen.reduce((c, r) => r.apply(c), s.config(design));
    const tasks = chosen.find((r) => r.tasks !== undefined)?.tasks;
    const usage = s.usage(design, ctx.prices.hoursPerMonth);
    const total = monthlyCost(config, tasks === undefined ? usage : { ...usage, tasks }, ctx).totalUsd;
    return {
      ids: chosen.map((r) => r.id), title: chosen.map((r) => r.title).join(' + '),
      breaks: [...new Set(chosen.flatMap((r) => r.breaks))].sort(), consequences: chosen.map((r) => r.consequence),
      totalUsd: total, savingUsd: bill.totalUsd - total, meetsCeiling: meets(total), marginUsd: ceiling - total,
    };
  };
  const singles = candidates.map((r) => price([r]));
  const combos: RemedyResult[] = [];
  for (let mask = 1; mask < 1 << candidates.length; mask++) combos.push(price(candidates.filter((_, i) => mask & (1 << i))));
  // Changes that break no criterion cost the owner nothing in the specification, so among equally harmful
  // combinations the cheapest wins (the widest margin, which matters while Spot prices float).
  const rank = (a: RemedyResult, b: RemedyResult) => a.breaks.length - b.breaks.length || a.totalUsd - b.totalUsd || a.ids.length - b.ids.length;
  const best = combos.filter((c) => c.meetsCeiling).sort(rank)[0];
  const bestBreakingNothing = combos.filter((c) => c.breaks.length === 0).sort((a, b) => a.totalUsd - b.totalUsd)[0];
  return { id, title, status: 'fail', summary, figures, remedies: { singles, best, bestBreakingNothing } };
}

/** A value, or undefined when the template cannot tell it (any other error propagates). */
function knownOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) return undefined;
    throw e;
  }
}
