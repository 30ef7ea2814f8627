import { TemplateError } from './errors.js';
import type { Found, TemplateView } from './view.js';

/**
 * The numbers of a deployment, read from a template. The model, the cost model and the probes take
 * their parameters from here and from nowhere else, so a change of the template changes what they test.
 * Absent optional parts are `undefined`; absent required parts throw a TemplateError naming them.
 */
export interface DeploymentConfig {
  readonly service: {
    readonly id: string;
    readonly desiredCount: number;
    readonly minimumHealthyPercent: number;
    readonly maximumPercent: number;
    readonly healthCheckGracePeriodSeconds: number;
    readonly circuitBreaker: { readonly enable: boolean; readonly rollback: boolean };
    readonly launchType: string | undefined;
    readonly capacityProviderStrategy: ReadonlyArray<{ readonly capacityProvider: string; readonly base: number; readonly weight: number }>;
    readonly assignPublicIp: boolean;
    readonly subnetIds: readonly string[];
    /** Distinct availability zones of the service's subnets (by the subnets' AvailabilityZone expressions). */
    readonly availabilityZones: number;
    /** Whether ECS moves tasks back into balance across AZs; ECS enables it when a new service leaves it unset. */
    readonly availabilityZoneRebalancing: boolean;
  };
  readonly cluster: {
    readonly id: string; readonly capacityProviders: readonly string[]; readonly containerInsights: boolean;
    /** The containerInsights setting as written ('disabled' when absent): 'enhanced' is billed differently from 'enabled'. */
    readonly containerInsightsMode: string;
  };
  readonly task: {
    readonly id: string;
    readonly cpuUnits: number;
    readonly memoryMiB: number;
    readonly architecture: string;
    readonly containerPort: number;
    readonly user: string | undefined;
    readonly healthCheck: { readonly command: readonly string[]; readonly intervalSeconds: number; readonly timeoutSeconds: number; readonly retries: number; readonly startPeriodSeconds: number } | undefined;
    readonly logGroupName: string | undefined;
    readonly stopTimeoutSeconds: number;
  };
  readonly targetGroup: {
    readonly id: string;
    readonly port: number;
    readonly healthCheckPath: string;
    readonly healthCheckIntervalSeconds: number;
    readonly healthCheckTimeoutSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
    readonly deregistrationDelaySeconds: number;
    readonly stickiness: boolean;
  };
  readonly loadBalancer: { readonly id: string; readonly type: string; readonly subnets: number; /** 'internet-facing' (the ELBv2 default) or 'internal'; only internet-facing nodes hold public IPv4 addresses. */ readonly scheme: string };
  readonly listeners: ReadonlyArray<{ readonly id: string; readonly port: number; readonly protocol: string; readonly redirect?: { readonly protocol: string; readonly port: string; readonly statusCode: string }; readonly forwardsToTargetGroup: boolean }>;
  readonly scaling: {
    readonly minCapacity: number;
    readonly maxCapacity: number;
    readonly targetValue: number;
    readonly metric: string;
    readonly scaleOutCooldownSeconds: number;
    readonly scaleInCooldownSeconds: number;
  } | undefined;
  readonly alarms: ReadonlyArray<{
    readonly id: string; readonly metricName: string; readonly namespace: string; readonly statistic: string;
    readonly periodSeconds: number; readonly evaluationPeriods: number; readonly datapointsToAlarm: number;
    readonly threshold: number; readonly comparisonOperator: string; readonly treatMissingData: string;
    readonly alarmActions: number; readonly notifiesSns: boolean;
  }>;
  readonly logRetentionDays: number | undefined;
  readonly ecr: { readonly id: string; readonly scanOnPush: boolean; readonly tagMutability: string; readonly maxImageCount: number | undefined } | undefined;
  readonly natGateways: number;
  /** Target tracking scaling policies of any scalable target: each one makes Application Auto Scaling create two CloudWatch alarms (billed). */
  readonly targetTrackingPolicies: number;
  /** CloudWatch dashboards (billed per dashboard per month). */
  readonly dashboards: number;
  /** Inbound rules of the tasks' security groups and of the load balancer's. */
  readonly securityGroups: { readonly task: readonly IngressRule[]; readonly taskEgress: readonly IngressRule[]; readonly loadBalancer: readonly IngressRule[]; readonly taskGroupIds: readonly string[]; readonly loadBalancerGroupIds: readonly string[] };
}

/** One security group rule: a port range from a CIDR or from another security group (by logical id). */
export interface IngressRule { readonly protocol: string; readonly fromPort: number; readonly toPort: number; readonly cidr?: string; readonly sourceGroupId?: string }

const DEFAULT_SERVICE = { minimumHealthyPercent: 100, maximumPercent: 200 }; // ECS API defaults for a service with desired count

export function deploymentConfig(t: TemplateView): DeploymentConfig {
  const service = t.one('AWS::ECS::Service', 'the ECS service');
  const taskDefId = t.refersTo(service.props.TaskDefinition);
  const taskDef = (taskDefId && t.byId(taskDefId)) || t.one('AWS::ECS::TaskDefinition', 'the task definition');
  const containers: any[] = t.get(taskDef, 'ContainerDefinitions') ?? [];
  if (containers.length === 0) throw new TemplateError(`${t.source}: task definition ${taskDef.id} has no container`);
  const lbRefs: any[] = t.get(service, 'LoadBalancers') ?? [];
  const lbContainerName = lbRefs[0]?.ContainerName;
  const container = containers.find((c) => c.Name === lbContainerName) ?? containers[0];
  const tgId = lbRefs.length > 0 ? t.refersTo(lbRefs[0].TargetGroupArn) : undefined;
  const targetGroup = (tgId && t.byId(tgId)) || t.one('AWS::ElasticLoadBalancingV2::TargetGroup', 'the target group');
  const lb = t.one('AWS::ElasticLoadBalancingV2::LoadBalancer', 'the load balancer');
  const cluster = t.one('AWS::ECS::Cluster', 'the cluster');

  const subnetIds: string[] = (t.get(service, 'NetworkConfiguration.AwsvpcConfiguration.Subnets') ?? []).map((s: unknown) => t.refersTo(s) ?? JSON.stringify(s));
  const azs = new Set(subnetIds.map((id) => {
    const subnet = t.byId(id);
    return subnet ? JSON.stringify(t.get(subnet, 'AvailabilityZone') ?? id) : id;
  }));

  const capacityProviders = new Set<string>();
  for (const a of t.ofType('AWS::ECS::ClusterCapacityProviderAssociations')) for (const p of t.get(a, 'CapacityProviders') ?? []) capacityProviders.add(p);
  for (const p of t.get(cluster, 'CapacityProviders') ?? []) capacityProviders.add(p);
  const insightsSetting = (t.get(cluster, 'ClusterSettings') ?? []).find((s: any) => s.Name === 'containerInsights');

  const hc = container.HealthCheck;
  const logOptions = container.LogConfiguration?.LogDriver === 'awslogs' ? container.LogConfiguration.Options ?? {} : {};
  const logGroupName = resolveLogGroupName(t, logOptions['awslogs-group']);

  const tgAttrs = attributes(t, targetGroup, 'TargetGroupAttributes');
  const lbSubnets = t.get(lb, 'Subnets') ?? [];

  return {
    service: {
      id: service.id,
      desiredCount: t.number(service, 'DesiredCount'),
      minimumHealthyPercent: numberOr(t.get(service, 'DeploymentConfiguration.MinimumHealthyPercent'), DEFAULT_SERVICE.minimumHealthyPercent),
      maximumPercent: numberOr(t.get(service, 'DeploymentConfiguration.MaximumPercent'), DEFAULT_SERVICE.maximumPercent),
      healthCheckGracePeriodSeconds: numberOr(t.get(service, 'HealthCheckGracePeriodSeconds'), 0),
      circuitBreaker: {
        enable: t.get(service, 'DeploymentConfiguration.DeploymentCircuitBreaker.Enable') === true,
        rollback: t.get(service, 'DeploymentConfiguration.DeploymentCircuitBreaker.Rollback') === true,
      },
      launchType: t.get(service, 'LaunchType'),
      capacityProviderStrategy: (t.get(service, 'CapacityProviderStrategy') ?? []).map((s: any) => ({
        capacityProvider: String(s.CapacityProvider), base: numberOr(s.Base, 0), weight: numberOr(s.Weight, 0),
      })),
      assignPublicIp: t.get(service, 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp') === 'ENABLED',
      subnetIds,
      availabilityZones: azs.size,
      availabilityZoneRebalancing: String(t.get(service, 'AvailabilityZoneRebalancing') ?? 'ENABLED') === 'ENABLED',
    },
    cluster: {
      id: cluster.id,
      capacityProviders: [...capacityProviders],
      containerInsights: insightsSetting !== undefined && ['enabled', 'enhanced'].includes(String(insightsSetting.Value)),
      containerInsightsMode: insightsSetting === undefined ? 'disabled' : String(insightsSetting.Value),
    },
    task: {
      id: taskDef.id,
      cpuUnits: t.number(taskDef, 'Cpu'),
      memoryMiB: t.number(taskDef, 'Memory'),
      architecture: String(t.get(taskDef, 'RuntimePlatform.CpuArchitecture') ?? 'X86_64'),
      containerPort: numberOr(container.PortMappings?.[0]?.ContainerPort, NaN),
      user: container.User === undefined ? undefined : String(container.User),
      healthCheck: hc ? {
        command: hc.Command ?? [],
        intervalSeconds: numberOr(hc.Interval, 30), timeoutSeconds: numberOr(hc.Timeout, 5),
        retries: numberOr(hc.Retries, 3), startPeriodSeconds: numberOr(hc.StartPeriod, 0),
      } : undefined,
      logGroupName,
      stopTimeoutSeconds: numberOr(container.StopTimeout, 30),
    },
    targetGroup: {
      id: targetGroup.id,
      port: t.number(targetGroup, 'Port'),
      // Defaults are the ELBv2 API's for an HTTP target group.
      healthCheckPath: String(t.get(targetGroup, 'HealthCheckPath') ?? '/'),
      healthCheckIntervalSeconds: numberOr(t.get(targetGroup, 'HealthCheckIntervalSeconds'), 30),
      healthCheckTimeoutSeconds: numberOr(t.get(targetGroup, 'HealthCheckTimeoutSeconds'), 5),
      healthyThreshold: numberOr(t.get(targetGroup, 'HealthyThresholdCount'), 5),
      unhealthyThreshold: numberOr(t.get(targetGroup, 'UnhealthyThresholdCount'), 2),
      deregistrationDelaySeconds: numberOr(tgAttrs['deregistration_delay.timeout_seconds'], 300),
      stickiness: tgAttrs['stickiness.enabled'] === 'true',
    },
    loadBalancer: { id: lb.id, type: String(t.get(lb, 'Type') ?? 'application'), subnets: Array.isArray(lbSubnets) ? lbSubnets.length : 0, scheme: String(t.get(lb, 'Scheme') ?? 'internet-facing') },
    listeners: t.ofType('AWS::ElasticLoadBalancingV2::Listener').map((l) => {
      const actions: any[] = t.get(l, 'DefaultActions') ?? [];
      const redirect = actions.find((a) => a.Type === 'redirect')?.RedirectConfig;
      return {
        id: l.id, port: t.number(l, 'Port'), protocol: String(t.get(l, 'Protocol') ?? ''),
        redirect: redirect ? { protocol: String(redirect.Protocol ?? '#{protocol}'), port: String(redirect.Port ?? '#{port}'), statusCode: String(redirect.StatusCode) } : undefined,
        forwardsToTargetGroup: actions.some((a) => a.Type === 'forward' && (t.refersTo(a.TargetGroupArn) === targetGroup.id
          || (a.ForwardConfig?.TargetGroups ?? []).some((g: any) => t.refersTo(g.TargetGroupArn) === targetGroup.id))),
      };
    }),
    scaling: scalingOf(t, service),
    alarms: t.ofType('AWS::CloudWatch::Alarm').map((a) => {
      const actions: unknown[] = t.get(a, 'AlarmActions') ?? [];
      const evaluationPeriods = numberOr(t.get(a, 'EvaluationPeriods'), 1);
      return {
        id: a.id, metricName: String(t.get(a, 'MetricName') ?? ''), namespace: String(t.get(a, 'Namespace') ?? ''),
        statistic: String(t.get(a, 'Statistic') ?? t.get(a, 'ExtendedStatistic') ?? ''),
        periodSeconds: numberOr(t.get(a, 'Period'), 60), evaluationPeriods,
        datapointsToAlarm: numberOr(t.get(a, 'DatapointsToAlarm'), evaluationPeriods),
        threshold: t.number(a, 'Threshold'), comparisonOperator: String(t.get(a, 'ComparisonOperator')),
        treatMissingData: String(t.get(a, 'TreatMissingData') ?? 'missing'),
        alarmActions: actions.length,
        notifiesSns: actions.some((x) => { const id = t.refersTo(x); return id !== undefined && t.byId(id)?.resource.Type === 'AWS::SNS::Topic'; }),
      };
    }),
    logRetentionDays: logRetention(t, logGroupName),
    ecr: ecrOf(t),
    natGateways: t.ofType('AWS::EC2::NatGateway').length,
    targetTrackingPolicies: t.ofType('AWS::ApplicationAutoScaling::ScalingPolicy').filter((p) => t.get(p, 'PolicyType') === 'TargetTrackingScaling').length,
    dashboards: t.ofType('AWS::CloudWatch::Dashboard').length,
    securityGroups: securityGroupsOf(t, service, lb),
  };
}

function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isNaN(n) ? fallback : n;
}

function attributes(t: TemplateView, found: Found, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of t.get(found, key) ?? []) out[String(a.Key)] = String(a.Value);
  return out;
}

function resolveLogGroupName(t: TemplateView, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = t.refersTo(value);
  if (!id) return undefined;
  const group = t.byId(id);
  const name = group ? t.get(group, 'LogGroupName') : undefined;
  return typeof name === 'string' ? name : undefined;
}

function logRetention(t: TemplateView, logGroupName: string | undefined): number | undefined {
  const groups = t.ofType('AWS::Logs::LogGroup');
  const group = groups.find((g) => t.get(g, 'LogGroupName') === logGroupName) ?? groups[0];
  if (!group) return undefined;
  const days = t.get(group, 'RetentionInDays');
  return days === undefined ? undefined : Number(days);
}

function ecrOf(t: TemplateView): DeploymentConfig['ecr'] {
  const repo = t.maybeOne('AWS::ECR::Repository');
  if (!repo) return undefined;
  let maxImageCount: number | undefined;
  const policyText = t.get(repo, 'LifecyclePolicy.LifecyclePolicyText');
  if (typeof policyText === 'string') {
    try {
      const policy = JSON.parse(policyText);
      const counts = (policy.rules ?? [])
        .filter((r: any) => r.selection?.countType === 'imageCountMoreThan' && r.action?.type === 'expire' && (r.selection?.tagStatus ?? 'any') === 'any')
        .map((r: any) => Number(r.selection.countNumber));
      if (counts.length > 0) maxImageCount = Math.min(...counts);
    } catch {
      throw new TemplateError(`${t.source}: ECR repository ${repo.id} has a lifecycle policy that is not valid JSON`);
    }
  }
  return {
    id: repo.id,
    scanOnPush: t.get(repo, 'ImageScanningConfiguration.ScanOnPush') === true || t.get(repo, 'ImageScanningConfiguration.ScanOnPush') === 'true',
    tagMutability: String(t.get(repo, 'ImageTagMutability') ?? 'MUTABLE'),
    maxImageCount,
  };
}

function scalingOf(t: TemplateView, service: Found): DeploymentConfig['scaling'] {
  const targets = t.ofType('AWS::ApplicationAutoScaling::ScalableTarget').filter((s) => t.get(s, 'ScalableDimension') === 'ecs:service:DesiredCount');
  const target = targets[0];
  if (!target) return undefined;
  const policy = t.ofType('AWS::ApplicationAutoScaling::ScalingPolicy').find((p) => t.refersTo(p.props.ScalingTargetId) === target.id
    && t.get(p, 'PolicyType') === 'TargetTrackingScaling');
  const tt = policy ? t.get(policy, 'TargetTrackingScalingPolicyConfiguration') : undefined;
  return {
    minCapacity: t.number(target, 'MinCapacity'),
    maxCapacity: t.number(target, 'MaxCapacity'),
    targetValue: numberOr(tt?.TargetValue, NaN),
    metric: String(tt?.PredefinedMetricSpecification?.PredefinedMetricType ?? tt?.CustomizedMetricSpecification?.MetricName ?? ''),
    // Application Auto Scaling's default cooldown for ECS is 300 s in each direction.
    scaleOutCooldownSeconds: numberOr(tt?.ScaleOutCooldown, 300),
    scaleInCooldownSeconds: numberOr(tt?.ScaleInCooldown, 300),
  };
}

function groupIds(t: TemplateView, list: unknown): string[] {
  return (Array.isArray(list) ? list : []).map((g) => t.refersTo(g)).filter((id): id is string => id !== undefined);
}

function rulesOf(t: TemplateView, groupId: string, direction: 'ingress' | 'egress'): IngressRule[] {
  const group = t.byId(groupId);
  const inline: any[] = (group && t.get(group, direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress')) ?? [];
  const standalone = t.ofType(direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress')
    .filter((r) => t.refersTo(r.props.GroupId) === groupId).map((r) => t.resolve(r.props));
  return [...inline, ...standalone].map((r: any) => ({
    protocol: String(r.IpProtocol),
    fromPort: numberOr(r.FromPort, r.IpProtocol === '-1' ? 0 : NaN),
    toPort: numberOr(r.ToPort, r.IpProtocol === '-1' ? 65535 : NaN),
    cidr: r.CidrIp ?? r.CidrIpv6,
    sourceGroupId: t.refersTo(direction === 'ingress' ? r.SourceSecurityGroupId : r.DestinationSecurityGroupId),
  }));
}

function securityGroupsOf(t: TemplateView, service: Found, lb: Found): DeploymentConfig['securityGroups'] {
  const taskGroupIds = groupIds(t, t.get(service, 'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups'));
  const loadBalancerGroupIds = groupIds(t, t.get(lb, 'SecurityGroups'));
  return {
    taskGroupIds, loadBalancerGroupIds,
    task: taskGroupIds.flatMap((id) => rulesOf(t, id, 'ingress')),
    taskEgress: taskGroupIds.flatMap((id) => rulesOf(t, id, 'egress')),
    loadBalancer: loadBalancerGroupIds.flatMap((id) => rulesOf(t, id, 'ingress')),
  };
}
