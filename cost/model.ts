import type { DeploymentConfig } from '../infra/template/index.js';
import {
  ALARMS_PER_TARGET_TRACKING_POLICY, ALB_PUBLIC_IPS_PER_SUBNET, CONTAINER_INSIGHTS, PUBLIC_IPS_PER_NAT_GATEWAY,
} from './assumptions.js';
import { CostInputError } from './errors.js';
import { placeTasks, type Capacity } from './placement.js';
import type { FlatPrice, PriceBook } from './prices.js';
import { checkUsage, type Usage } from './usage.js';

/** The parts of a deployment config the bill depends on (a remedy or a counterfactual changes these). */
export type CostConfig = Pick<DeploymentConfig,
  'service' | 'cluster' | 'task' | 'loadBalancer' | 'alarms' | 'logRetentionDays' | 'ecr' | 'natGateways' | 'targetTrackingPolicies' | 'dashboards' | 'scaling'>;

export interface CostOptions {
  readonly region: string;
  readonly prices: PriceBook;
  /** Apply the always-free allowances (off unless asked for). */
  readonly freeTier?: boolean;
}

/** One line of the bill: quantity x unit price = amount, with the price's key, source and date. */
export interface LineItem {
  readonly id: string;
  readonly label: string;
  readonly priceKey: string;
  readonly quantity: number;
  /** The part of the quantity the free tier covers (0 unless the free tier option is on). */
  readonly freeQuantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly amountUsd: number;
  readonly source: string;
  readonly date: string;
}

export interface Bill {
  readonly region: string;
  readonly freeTier: boolean;
  readonly hours: number;
  readonly taskHours: Record<Capacity, number>;
  readonly lines: LineItem[];
  readonly totalUsd: number;
}

/** vCPU and GB of one task, from the task definition's CPU units and MiB. */
export function taskSize(config: CostConfig): { vcpu: number; gb: number; arch: 'x86' | 'arm' } {
  const arch = config.task.architecture === 'X86_64' ? 'x86' : config.task.architecture === 'ARM64' ? 'arm' : undefined;
  if (!arch) throw new CostInputError(`task architecture ${config.task.architecture} has no Fargate price (X86_64 or ARM64)`);
  return { vcpu: config.task.cpuUnits / 1024, gb: config.task.memoryMiB / 1024, arch };
}

/** Task-hours on each capacity over the month: a constant count, or a daily curve repeated every day. */
export function taskHoursOf(config: CostConfig, usage: Usage): Record<Capacity, number> {
  const { capacityProviderStrategy, launchType } = config.service;
  if (typeof usage.tasks === 'number') {
    const p = placeTasks(usage.tasks, capacityProviderStrategy, launchType);
    return { 'on-demand': p['on-demand'] * usage.hours, spot: p.spot * usage.hours };
  }
  const days = usage.hours / usage.tasks.length;
  const out: Record<Capacity, number> = { 'on-demand': 0, spot: 0 };
  for (const n of usage.tasks) {
    const p = placeTasks(n, capacityProviderStrategy, launchType);
    out['on-demand'] += p['on-demand'] * days;
    out.spot += p.spot * days;
  }
  return out;
}

/**
 * The monthly bill of a deployment under a usage scenario. Every quantity comes from the config (read
 * from the template) or from the usage; every unit price from the snapshot. A line whose quantity is 0 is
 * left out, so a feature the template does not use needs no price.
 */
export function monthlyCost(config: CostConfig, usage: Usage, options: CostOptions): Bill {
  checkUsage(usage);
  const { region, prices } = options;
  const freeTier = options.freeTier ?? false;
  prices.region(region);
  const lines: LineItem[] = [];
  const free = (key: string) => (freeTier ? prices.freeAllowance(key) : 0);

  const add = (id: string, label: string, priceKey: string, quantity: number, freeQuantity = 0) => {
    if (!(quantity > 0)) return;
    const p: FlatPrice = prices.flat(priceKey, region);
    const covered = Math.min(quantity, Math.max(0, freeQuantity));
    lines.push({
      id, label, priceKey, quantity, freeQuantity: covered, unit: p.unit, unitUsd: p.usd,
      amountUsd: (quantity - covered) * p.usd, source: p.source, date: p.date,
    });
  };

  // Fargate compute: each capacity at its own price, x86 or ARM by the task definition.
  const size = taskSize(config);
  const taskHours = taskHoursOf(config, usage);
  const od = taskHours['on-demand'];
  const spot = taskHours.spot;
  add('fargate-vcpu', `Fargate ${size.arch} vCPU (on-demand)`, `fargate_${size.arch}_vcpu_hour`, od * size.vcpu);
  add('fargate-memory', `Fargate ${size.arch} memory (on-demand)`, `fargate_${size.arch}_gb_hour`, od * size.gb);
  add('fargate-spot-vcpu', `Fargate Spot ${size.arch} vCPU`, `fargate_spot_${size.arch}_vcpu_hour`, spot * size.vcpu);
  add('fargate-spot-memory', `Fargate Spot ${size.arch} memory`, `fargate_spot_${size.arch}_gb_hour`, spot * size.gb);

  // Public IPv4: every task with a public IP, every node of an internet-facing load balancer, every NAT gateway.
  if (config.service.assignPublicIp) add('task-public-ipv4', 'Public IPv4 of the tasks', 'public_ipv4_hour', od + spot);

  const lb = config.loadBalancer;
  if (lb.type === 'application') {
    add('alb-hours', 'Application Load Balancer', 'alb_hour', usage.hours);
    add('alb-lcu', 'ALB capacity units', 'alb_lcu_hour', usage.lcu * usage.hours);
  } else if (lb.type === 'network') {
    add('nlb-hours', 'Network Load Balancer', 'nlb_hour', usage.hours);
    add('nlb-nlcu', 'NLB capacity units', 'nlb_nlcu_hour', usage.lcu * usage.hours);
  } else {
    throw new CostInputError(`load balancer type ${lb.type} has no price in the snapshot`);
  }
  if (lb.scheme === 'internet-facing') add('lb-public-ipv4', `Public IPv4 of the load balancer nodes (${lb.subnets} subnets)`, 'public_ipv4_hour', lb.subnets * ALB_PUBLIC_IPS_PER_SUBNET * usage.hours);

  add('nat-hours', `NAT gateways (${config.natGateways})`, 'nat_gateway_hour', config.natGateways * usage.hours);
  if (config.natGateways > 0) add('nat-data', 'NAT gateway data processed', 'nat_gateway_gb', usage.taskOutboundGb);
  add('nat-public-ipv4', 'Public IPv4 of the NAT gateways', 'public_ipv4_hour', config.natGateways * PUBLIC_IPS_PER_NAT_GATEWAY * usage.hours);

  // Container Insights: custom metrics, by volume tier.
  const mode = config.cluster.containerInsightsMode;
  if (mode === 'enhanced') throw new CostInputError('Container Insights with enhanced observability has no price in the snapshot (only the standard mode is modelled)');
  if (config.cluster.containerInsights) {
    // The config describes one cluster running one service of one task definition family.
    const [clusters, services, families] = [1, 1, 1];
    const metrics = CONTAINER_INSIGHTS.metricsPerCluster * clusters + CONTAINER_INSIGHTS.metricsPerService * services + CONTAINER_INSIGHTS.metricsPerTaskFamily * families;
    addTiered(lines, prices, region, 'container-insights', 'Container Insights metrics', 'custom_metric_month', metrics, free('custom_metric_month'));
  }

  // Alarms: the template's own and the two each target tracking policy creates. Below 60 s an alarm is high resolution.
  const highRes = config.alarms.filter((a) => a.periodSeconds < 60).length;
  const standard = config.alarms.length - highRes + ALARMS_PER_TARGET_TRACKING_POLICY * config.targetTrackingPolicies;
  add('alarms', `CloudWatch alarms (${config.alarms.length - highRes} in the template + ${ALARMS_PER_TARGET_TRACKING_POLICY * config.targetTrackingPolicies} from target tracking)`, 'standard_alarm_month', standard, free('standard_alarm_month'));
  add('alarms-high-resolution', 'High-resolution CloudWatch alarms', 'high_resolution_alarm_month', highRes);
  add('dashboards', 'CloudWatch dashboards', 'dashboard_month', config.dashboards, free('dashboard_month'));

  // Logs: ingestion, and what the retention keeps stored. The logs free tier is shared: ingestion first.
  const logsFree = free('logs_gb');
  const ingestFree = Math.min(logsFree, usage.logIngestGb);
  add('logs-ingest', 'CloudWatch Logs ingestion', 'logs_ingest_gb', usage.logIngestGb, ingestFree);
  const daysInMonth = usage.hours / 24;
  const storedGb = config.logRetentionDays === undefined
    ? usage.logIngestGb * usage.neverExpiringLogMonths
    : usage.logIngestGb * Math.min(config.logRetentionDays, daysInMonth) / daysInMonth;
  add('logs-storage', `CloudWatch Logs storage (${config.logRetentionDays === undefined ? 'never expires' : `${config.logRetentionDays}-day retention`})`, 'logs_storage_gb_month', storedGb, logsFree - ingestFree);

  if (config.ecr) {
    const kept = config.ecr.maxImageCount === undefined ? usage.imagesPushed : Math.min(usage.imagesPushed, config.ecr.maxImageCount);
    add('ecr-storage', `ECR storage (${kept} images kept)`, 'ecr_storage_gb_month', kept * usage.imageSizeGb);
  }
  add('data-transfer-out', 'Data transfer out to the internet', 'data_transfer_out_gb_first_10TB', usage.egressGb, free('data_transfer_out_gb_first_10TB'));
  add('sns-email', 'SNS email notifications (per 100,000)', 'sns_email_per_100k', usage.alarmEmails / 100_000, free('sns_email') / 100_000);

  return { region, freeTier, hours: usage.hours, taskHours, lines, totalUsd: sum(lines.map((l) => l.amountUsd)) };
}

function addTiered(lines: LineItem[], prices: PriceBook, region: string, id: string, label: string, key: string, quantity: number, freeQuantity: number): void {
  const p = prices.tiered(key, region);
  let from = 0;
  let freeLeft = Math.min(quantity, freeQuantity);
  p.tiers.forEach((tier, i) => {
    const to = tier.upTo ?? Infinity;
    const inTier = Math.max(0, Math.min(quantity, to) - from);
    from = to;
    if (inTier <= 0) return;
    const covered = Math.min(inTier, freeLeft);
    freeLeft -= covered;
    lines.push({
      id: p.tiers.length > 1 && i > 0 ? `${id}-tier${i + 1}` : id, label: i > 0 ? `${label} (tier ${i + 1})` : label, priceKey: key,
      quantity: inTier, freeQuantity: covered, unit: p.unit, unitUsd: tier.usd, amountUsd: (inTier - covered) * tier.usd, source: p.source, date: p.date,
    });
  });
}

export function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
