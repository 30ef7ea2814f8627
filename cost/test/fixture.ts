import { deploymentConfig, loadTemplate, TEMPLATE_PATH, TemplateView, type CfnTemplate } from '../../infra/template/index.js';
import type { CostConfig } from '../model.js';
import { loadPrices } from '../prices.js';

export const prices = loadPrices();
export const US = { region: 'us-east-1', prices } as const;

/**
 * Mutants are built from the committed template (not VERIFY_TEMPLATE), so the checks' ability to fail
 * stays proven whatever template is under test.
 */
const project = loadTemplate(TEMPLATE_PATH);
export const projectConfig: CostConfig = deploymentConfig(project);

export function mutantView(description: string, change: (t: CfnTemplate) => void): TemplateView {
  const json = project.cloneJson();
  change(json);
  return new TemplateView(json, `mutant: ${description}`);
}

const alarm = (id: string, periodSeconds = 60) => ({
  id, metricName: 'M', namespace: 'N', statistic: 'Average', periodSeconds, evaluationPeriods: 1, datapointsToAlarm: 1,
  threshold: 1, comparisonOperator: 'LessThanThreshold', treatMissingData: 'missing', alarmActions: 1, notifiesSns: true,
});

/**
 * A deployment written out in full for the pinned figures, so they do not move when the project's
 * template does: 0.5 vCPU / 1 GB x86 tasks, FARGATE base 2 weight 1 + FARGATE_SPOT weight 3, public IPs,
 * an internet-facing ALB in 2 subnets, Container Insights on, 2 alarms + 1 target tracking policy,
 * 1 dashboard, 7-day logs, ECR keeping 10 images, no NAT gateway.
 */
export const FIXTURE: CostConfig = {
  ...projectConfig,
  service: {
    ...projectConfig.service,
    launchType: undefined,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 }],
    assignPublicIp: true, availabilityZones: 2,
  },
  cluster: { ...projectConfig.cluster, containerInsights: true, containerInsightsMode: 'enabled' },
  task: { ...projectConfig.task, cpuUnits: 512, memoryMiB: 1024, architecture: 'X86_64' },
  loadBalancer: { ...projectConfig.loadBalancer, type: 'application', subnets: 2, scheme: 'internet-facing' },
  alarms: [alarm('A'), alarm('B')],
  targetTrackingPolicies: 1,
  dashboards: 1,
  logRetentionDays: 7,
  ecr: { id: 'Repo', scanOnPush: true, tagMutability: 'MUTABLE', maxImageCount: 10 },
  natGateways: 0,
  scaling: projectConfig.scaling && { ...projectConfig.scaling, minCapacity: 2, maxCapacity: 10 },
};

export { alarm };
