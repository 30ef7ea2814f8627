import { TemplateError, UnknownValueError } from './errors.js';
import { firstUnknown, isUnknown } from './unknown.js';
import { alarmNotificationPaths, type AlarmNotificationPath } from './alarm-delivery.js';
import { listenerRouting, type ListenerRouting } from './routing.js';
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
    /** The port the health check asks: a number, or 'traffic-port' (the port each target was registered on). */
    readonly healthCheckPort: string;
    /** HTTP or HTTPS (the ELBv2 default for an HTTP target group is HTTP). */
    readonly healthCheckProtocol: string;
    /** The HTTP codes that pass (Matcher.HttpCode: "200", "200,202", "200-299"; ELBv2 default 200). */
    readonly healthCheckMatcher: string;
    /** The port ECS registers each task on: the service's LoadBalancers ContainerPort. */
    readonly registeredPort: number;
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
  /** Every listener with its rules (priority order, conditions, actions) and default action, every redirect field spelled out. */
  readonly routing: readonly ListenerRouting[];
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
  /** Each alarm's notification path (action -> topic -> topic policy -> key -> subscriptions), by the alarm's logical id. */
  readonly alarmNotifications: Readonly<Record<string, AlarmNotificationPath>>;
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

const DEFAULT_SERVICE = { minimumHealthyPercent: 100, maximumPercent: 200, desiredCount: 1 }; // ECS API defaults for a new service

/**
 * Reads the deployment's numbers field by field: every section and every field is computed when it is
 * first read, so a value the template cannot tell (an `UnknownValueError`) or a part it lacks blocks
 * only the checks that read it, never the whole template.
 */
export function deploymentConfig(t: TemplateView): DeploymentConfig {
  const service = t.one('AWS::ECS::Service', 'the ECS service');
  const taskDef = lazyValue(() => {
    const taskDefId = t.refersTo(service.props.TaskDefinition);
    const byRef = taskDefId ? t.byId(taskDefId) : undefined;
    if (byRef) return byRef;
    known(t.resolve(service.props.TaskDefinition), `${service.resource.Type} ${service.id} TaskDefinition`);
    return t.one('AWS::ECS::TaskDefinition', 'the task definition');
  });
  const container = lazyValue(() => {
    // The list itself must be known; each container's fields are checked where they are read (an image from
    // a parameter does not hide the port).
    const list = t.get(taskDef(), 'ContainerDefinitions') ?? [];
    known(list, `${taskDef().id} ContainerDefinitions`, { whole: true });
    if (!Array.isArray(list)) throw new TemplateError(`${t.source}: task definition ${taskDef().id} ContainerDefinitions is not a list`);
    const containers: any[] = (list as unknown[]).filter((c) => !isUnknown(c));
    if (containers.length < (list as unknown[]).length) known(list, `${taskDef().id} ContainerDefinitions`);
    if (containers.length === 0) throw new TemplateError(`${t.source}: task definition ${taskDef().id} has no container`);
    const lbContainerName = (t.get(service, 'LoadBalancers') ?? [])[0]?.ContainerName;
    return containers.find((c) => c.Name === lbContainerName) ?? containers[0];
  });
  const containerWhat = (field: string) => `container ${String(container().Name ?? '')} of ${taskDef().id} ${field}`;
  const targetGroup = lazyValue(() => {
    const lbRefs: any[] = t.get(service, 'LoadBalancers') ?? [];
    const tgId = lbRefs.length > 0 ? t.refersTo(lbRefs[0].TargetGroupArn) : undefined;
    const byRef = tgId ? t.byId(tgId) : undefined;
    if (byRef) return byRef;
    if (lbRefs.length > 0) known(lbRefs[0].TargetGroupArn, `${service.id} LoadBalancers target group`);
    return oneHere(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'the target group');
  });
  const lb = lazyValue(() => oneHere(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'the load balancer'));
  const cluster = lazyValue(() => oneHere(t, 'AWS::ECS::Cluster', 'the cluster'));
  const tgAttrs = lazyValue(() => attributes(t, targetGroup(), 'TargetGroupAttributes'));
  const subnetIds = lazyValue(() => (t.known(service, 'NetworkConfiguration.AwsvpcConfiguration.Subnets') ?? []).map((s: unknown) => t.refersTo(s) ?? JSON.stringify(s)) as string[]);
  const logGroupName = lazyValue(() => {
    const log = known(container().LogConfiguration, containerWhat('LogConfiguration'));
    return resolveLogGroupName(t, log?.LogDriver === 'awslogs' ? log.Options?.['awslogs-group'] : undefined);
  });
  const insightsSetting = lazyValue(() => (t.known(cluster(), 'ClusterSettings') ?? []).find((s: any) => s.Name === 'containerInsights'));

  return lazy<DeploymentConfig>({
    service: () => lazy<DeploymentConfig['service']>({
      id: () => service.id,
      desiredCount: () => t.numberOr(service, 'DesiredCount', DEFAULT_SERVICE.desiredCount),
      minimumHealthyPercent: () => t.numberOr(service, 'DeploymentConfiguration.MinimumHealthyPercent', DEFAULT_SERVICE.minimumHealthyPercent),
      maximumPercent: () => t.numberOr(service, 'DeploymentConfiguration.MaximumPercent', DEFAULT_SERVICE.maximumPercent),
      healthCheckGracePeriodSeconds: () => t.numberOr(service, 'HealthCheckGracePeriodSeconds', 0),
      circuitBreaker: () => ({
        enable: isTrue(t.known(service, 'DeploymentConfiguration.DeploymentCircuitBreaker.Enable')),
        rollback: isTrue(t.known(service, 'DeploymentConfiguration.DeploymentCircuitBreaker.Rollback')),
      }),
      launchType: () => t.known(service, 'LaunchType'),
      capacityProviderStrategy: () => (t.known(service, 'CapacityProviderStrategy') ?? []).map((s: any) => ({
        capacityProvider: String(s.CapacityProvider), base: numberOr(s.Base, 0), weight: numberOr(s.Weight, 0),
      })),
      assignPublicIp: () => t.known(service, 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp') === 'ENABLED',
      subnetIds,
      // A subnet whose zone is not written down gets one AWS picks: two such subnets may share a zone.
      availabilityZones: () => new Set(subnetIds().map((id) => {
        const subnet = t.byId(id);
        if (!subnet) throw new UnknownValueError(`${service.id} subnets' availability zones`, `subnet ${id} is not defined in this template`);
        const az = t.known(subnet, 'AvailabilityZone') ?? t.known(subnet, 'AvailabilityZoneId');
        if (az === undefined) throw new UnknownValueError(`${service.id} subnets' availability zones`, `subnet ${id} names no AvailabilityZone, so AWS picks one`);
        return JSON.stringify(az);
      })).size,
      availabilityZoneRebalancing: () => String(t.known(service, 'AvailabilityZoneRebalancing') ?? 'ENABLED') === 'ENABLED',
    }),
    cluster: () => lazy<DeploymentConfig['cluster']>({
      id: () => cluster().id,
      capacityProviders: () => {
        const providers = new Set<string>();
        for (const a of t.ofType('AWS::ECS::ClusterCapacityProviderAssociations')) for (const p of t.known(a, 'CapacityProviders') ?? []) providers.add(p);
        for (const p of t.known(cluster(), 'CapacityProviders') ?? []) providers.add(p);
        return [...providers];
      },
      containerInsights: () => insightsSetting() !== undefined && ['enabled', 'enhanced'].includes(String(insightsSetting().Value)),
      containerInsightsMode: () => insightsSetting() === undefined ? 'disabled' : String(insightsSetting().Value),
    }),
    task: () => lazy<DeploymentConfig['task']>({
      id: () => taskDef().id,
      cpuUnits: () => taskSize(t, taskDef(), 'Cpu'),
      memoryMiB: () => taskSize(t, taskDef(), 'Memory'),
      architecture: () => String(t.known(taskDef(), 'RuntimePlatform.CpuArchitecture') ?? 'X86_64'),
      containerPort: () => numberOr(known(container().PortMappings?.[0]?.ContainerPort, containerWhat('ContainerPort')), NaN),
      user: () => { const u = known(container().User, containerWhat('User')); return u === undefined ? undefined : String(u); },
      healthCheck: () => {
        const hc = known(container().HealthCheck, containerWhat('HealthCheck'));
        return hc ? {
          command: hc.Command ?? [],
          intervalSeconds: numberOr(hc.Interval, 30), timeoutSeconds: numberOr(hc.Timeout, 5),
          retries: numberOr(hc.Retries, 3), startPeriodSeconds: numberOr(hc.StartPeriod, 0),
        } : undefined;
      },
      logGroupName,
      stopTimeoutSeconds: () => numberOr(known(container().StopTimeout, containerWhat('StopTimeout')), 30),
    }),
    // Defaults are the ELBv2 API's for an HTTP target group.
    targetGroup: () => lazy<DeploymentConfig['targetGroup']>({
      id: () => targetGroup().id,
      port: () => t.number(targetGroup(), 'Port'),
      healthCheckPort: () => String(t.known(targetGroup(), 'HealthCheckPort') ?? 'traffic-port'),
      // For an Application Load Balancer the health check protocol defaults to HTTP whatever the target group's protocol (ELBv2 API).
      healthCheckProtocol: () => String(t.known(targetGroup(), 'HealthCheckProtocol') ?? 'HTTP'),
      healthCheckMatcher: () => String(t.known(targetGroup(), 'Matcher.HttpCode') ?? '200'),
      registeredPort: () => {
        const lbRefs: any[] = t.get(service, 'LoadBalancers') ?? [];
        const entry = lbRefs.find((l) => t.refersTo(l.TargetGroupArn) === targetGroup().id) ?? lbRefs[0];
        return numberOr(known(entry?.ContainerPort, `${service.id} LoadBalancers ContainerPort`), t.number(targetGroup(), 'Port'));
      },
      healthCheckPath: () => String(t.known(targetGroup(), 'HealthCheckPath') ?? '/'),
      healthCheckIntervalSeconds: () => t.numberOr(targetGroup(), 'HealthCheckIntervalSeconds', 30),
      healthCheckTimeoutSeconds: () => t.numberOr(targetGroup(), 'HealthCheckTimeoutSeconds', 5),
      healthyThreshold: () => t.numberOr(targetGroup(), 'HealthyThresholdCount', 5),
      unhealthyThreshold: () => t.numberOr(targetGroup(), 'UnhealthyThresholdCount', 2),
      deregistrationDelaySeconds: () => numberOr(tgAttrs()['deregistration_delay.timeout_seconds'], 300),
      stickiness: () => tgAttrs()['stickiness.enabled'] === 'true',
    }),
    loadBalancer: () => lazy<DeploymentConfig['loadBalancer']>({
      id: () => lb().id,
      type: () => String(t.known(lb(), 'Type') ?? 'application'),
      subnets: () => { const s = t.known(lb(), 'Subnets') ?? t.known(lb(), 'SubnetMappings') ?? []; return Array.isArray(s) ? s.length : 0; },
      scheme: () => String(t.known(lb(), 'Scheme') ?? 'internet-facing'),
    }),
    listeners: () => t.ofType('AWS::ElasticLoadBalancingV2::Listener').map((l) => {
      const actions: any[] = t.known(l, 'DefaultActions') ?? [];
      const redirect = actions.find((a) => a.Type === 'redirect')?.RedirectConfig;
      return {
        id: l.id, port: t.number(l, 'Port'), protocol: String(t.known(l, 'Protocol') ?? ''),
        redirect: redirect ? { protocol: String(redirect.Protocol ?? '#{protocol}'), port: String(redirect.Port ?? '#{port}'), statusCode: String(redirect.StatusCode) } : undefined,
        forwardsToTargetGroup: actions.some((a) => a.Type === 'forward' && (t.refersTo(a.TargetGroupArn) === targetGroup().id
          || (a.ForwardConfig?.TargetGroups ?? []).some((g: any) => t.refersTo(g.TargetGroupArn) === targetGroup().id))),
      };
    }),
    routing: () => listenerRouting(t),
    scaling: () => scalingOf(t, service),
    alarms: () => t.ofType('AWS::CloudWatch::Alarm').map((a) => {
      const actions: unknown[] = t.known(a, 'AlarmActions') ?? [];
      const evaluationPeriods = t.numberOr(a, 'EvaluationPeriods', 1);
      return {
        id: a.id, metricName: String(t.known(a, 'MetricName') ?? ''), namespace: String(t.known(a, 'Namespace') ?? ''),
        statistic: String(t.known(a, 'Statistic') ?? t.known(a, 'ExtendedStatistic') ?? ''),
        periodSeconds: t.numberOr(a, 'Period', 60), evaluationPeriods,
        datapointsToAlarm: t.numberOr(a, 'DatapointsToAlarm', evaluationPeriods),
        threshold: t.number(a, 'Threshold'), comparisonOperator: String(t.known(a, 'ComparisonOperator')),
        treatMissingData: String(t.known(a, 'TreatMissingData') ?? 'missing'),
        alarmActions: actions.length,
        notifiesSns: actions.some((x) => { const id = t.refersTo(x); return id !== undefined && t.byId(id)?.resource.Type === 'AWS::SNS::Topic'; }),
      };
    }),
    alarmNotifications: () => alarmNotificationPaths(t),
    logRetentionDays: () => logRetention(t, logGroupName()),
    ecr: () => ecrOf(t),
    natGateways: () => t.ofType('AWS::EC2::NatGateway').length,
    targetTrackingPolicies: () => t.ofType('AWS::ApplicationAutoScaling::ScalingPolicy').filter((p) => t.known(p, 'PolicyType') === 'TargetTrackingScaling').length,
    dashboards: () => t.ofType('AWS::CloudWatch::Dashboard').length,
    securityGroups: () => securityGroupsOf(t, service, lb),
  });
}

/** An object whose fields are computed when first read (and then kept). */
function lazy<T extends object>(thunks: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(thunks) as Array<keyof T>) {
    let cached: { value: T[keyof T] } | undefined;
    Object.defineProperty(out, key, { enumerable: true, get: () => (cached ??= { value: thunks[key]() }).value });
  }
  return out;
}

/** A value computed once, when first asked for. */
function lazyValue<T>(compute: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => (cached ??= { value: compute() }).value;
}

/**
 * A copy of a config section with some fields changed, that reads the others lazily from the original
 * (a spread would read every field, so one unknown would block the whole copy).
 */
export function override<T extends object>(base: T, changes: Partial<T>): T {
  const out = Object.create(null) as T;
  for (const key of Object.keys(base) as Array<keyof T>) {
    if (key in changes) continue;
    Object.defineProperty(out, key, { enumerable: true, get: () => base[key] });
  }
  return Object.assign(out, changes);
}

/** A value with nothing unknown inside (with `whole`: that is not itself unknown), else an UnknownValueError naming it. */
function known<T>(value: T, what: string, opts: { whole?: boolean } = {}): T {
  const u = opts.whole ? (isUnknown(value) ? value : undefined) : firstUnknown(value);
  if (u) throw new UnknownValueError(what, u.why);
  return value;
}

const isTrue = (v: unknown): boolean => v === true || v === 'true';

/**
 * The single resource of a type in this template. When there is none but the template takes resources
 * from elsewhere (`Fn::ImportValue`, parameters without a default), the resource may live in another
 * stack: that is an unknown, not a defect.
 */
function oneHere(t: TemplateView, type: string, purpose: string): Found {
  const found = t.maybeOne(type);
  if (found) return found;
  const unknowns = importsFromElsewhere(t);
  // What points at another stack names the place best; parameters without a value come next.
  const imports = [...unknowns.filter((w) => w.startsWith('Fn::ImportValue')), ...unknowns.filter((w) => !w.startsWith('Fn::ImportValue'))];
  if (imports.length > 0) throw new UnknownValueError(`${type} (${purpose})`, `it is not in this template, which takes resources from elsewhere (${imports.slice(0, 3).join('; ')})`);
  throw new TemplateError(`${t.source} has no ${type} (needed for ${purpose})`);
}

/** What the template takes from outside itself: imported exports and parameters it cannot resolve. */
function importsFromElsewhere(t: TemplateView): string[] {
  const found: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (isUnknown(v)) { if (!found.includes(v.why)) found.push(v.why); return; }
    if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const r of Object.values(t.resources)) visit(t.resolve(r.Properties ?? {}));
  return found;
}

/**
 * Task CPU units and memory MiB in every form the ECS API accepts: a number of units or MiB ("512"),
 * vCPU ("0.5 vCPU", "1 vcpu") or GB ("1 GB", "1GB", "2gb").
 */
function taskSize(t: TemplateView, taskDef: Found, field: 'Cpu' | 'Memory'): number {
  const raw = t.known(taskDef, field);
  if (raw === undefined || raw === null || raw === '') throw new TemplateError(`${t.source}: AWS::ECS::TaskDefinition ${taskDef.id} has no ${field} (Fargate requires it)`);
  const text = String(raw).trim();
  const unit = field === 'Cpu' ? /^([0-9.]+)\s*vcpu$/i : /^([0-9.]+)\s*gb$/i;
  const m = unit.exec(text);
  const n = m ? Number(m[1]) * 1024 : Number(text);
  if (!Number.isFinite(n)) throw new TemplateError(`${t.source}: AWS::ECS::TaskDefinition ${taskDef.id} ${field} is not a valid size: ${JSON.stringify(raw)}`);
  return n;
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

/** The retention of the log group the container writes to (not of any other group the template has). */
function logRetention(t: TemplateView, logGroupName: string | undefined): number | undefined {
  const group = t.ofType('AWS::Logs::LogGroup').find((g) => t.get(g, 'LogGroupName') === logGroupName);
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

/**
 * The logical ids of the security groups a list names. A group this template does not define (imported,
 * passed in, or an id string) has rules nobody here can read: an unknown, never an empty group.
 */
function groupIds(t: TemplateView, list: unknown, what: string): string[] {
  const entries = known(Array.isArray(list) ? list : [], what);
  return entries.map((g) => {
    const id = t.refersTo(g);
    if (id === undefined || !t.byId(id)) throw new UnknownValueError(what, `security group ${JSON.stringify(g)} is not defined in this template, so its rules cannot be read`);
    return id;
  });
}

/** Every protocol, every port: an `IpProtocol` of -1. */
const ALL_TRAFFIC = { protocol: '-1', fromPort: 0, toPort: 65535 } as const;

function rulesOf(t: TemplateView, groupId: string, direction: 'ingress' | 'egress'): IngressRule[] {
  const group = t.byId(groupId);
  const inline: any[] = (group && t.known(group, direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress')) ?? [];
  const standalone = t.ofType(direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress')
    .filter((r) => t.refersTo(r.props.GroupId) === groupId).map((r) => known(t.resolve(r.props), `${r.resource.Type} ${r.id}`));
  const all = [...inline, ...standalone];
  // A group without egress rules keeps EC2's default rule: all outbound traffic to anywhere.
  if (direction === 'egress' && all.length === 0) return [{ ...ALL_TRAFFIC, cidr: '0.0.0.0/0' }];
  return all.map((r: any) => {
    const everything = String(r.IpProtocol) === '-1';
    return {
      protocol: String(r.IpProtocol),
      fromPort: everything ? ALL_TRAFFIC.fromPort : numberOr(r.FromPort, NaN),
      toPort: everything ? ALL_TRAFFIC.toPort : numberOr(r.ToPort, NaN),
      cidr: r.CidrIp ?? r.CidrIpv6,
      sourceGroupId: t.refersTo(direction === 'ingress' ? r.SourceSecurityGroupId : r.DestinationSecurityGroupId),
    };
  });
}

function securityGroupsOf(t: TemplateView, service: Found, lb: () => Found): DeploymentConfig['securityGroups'] {
  const taskGroupIds = lazyValue(() => groupIds(t, t.known(service, 'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups'), `${service.id} task security groups`));
  const loadBalancerGroupIds = lazyValue(() => groupIds(t, t.known(lb(), 'SecurityGroups'), `${lb().id} security groups`));
  return lazy<DeploymentConfig['securityGroups']>({
    taskGroupIds, loadBalancerGroupIds,
    task: () => taskGroupIds().flatMap((id) => rulesOf(t, id, 'ingress')),
    taskEgress: () => taskGroupIds().flatMap((id) => rulesOf(t, id, 'egress')),
    loadBalancer: () => loadBalancerGroupIds().flatMap((id) => rulesOf(t, id, 'ingress')),
  });
}
