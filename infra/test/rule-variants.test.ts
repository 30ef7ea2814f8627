import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TemplateView, type CfnTemplate } from '../template/index.js';
import { ALL_RULES } from '../rules/index.js';
import { runRule, subjectOf } from '../rules/run.js';

/**
 * The same criterion met (or broken) in the forms other authors use: each case changes the hand-written
 * fixture, which passes nearly every rule, in one way and names the status the changed template earns.
 */
const BASE = loadTemplate(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'foreign', 'handwritten-short-form.yaml'));
const res = (t: CfnTemplate) => t.Resources;
const status = (id: string, change: (t: CfnTemplate) => void) => {
  const json = BASE.cloneJson();
  change(json);
  const rule = ALL_RULES.find((r) => r.id === id)!;
  const outcome = runRule(rule, subjectOf(new TemplateView(json, 'variant'), undefined));
  return `${outcome.status}${outcome.status === 'pass' ? '' : `: ${outcome.reason}`}`;
};
const container = (t: CfnTemplate) => res(t).TaskDefinition.Properties!.ContainerDefinitions[0];

describe('R4.7: a health check is one that asks Streamlit, whatever the tool', () => {
  it.each([
    ['wget', ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8501/_stcore/health || exit 1'], 'pass'],
    ['python', ['CMD', 'python3', '-c', "import urllib.request as u; u.urlopen('http://localhost:8501/_stcore/health')"], 'pass'],
    ['the port from the container environment', ['CMD-SHELL', 'curl -fs http://localhost:${PORT}/_stcore/health'], 'pass'],
    ['a process check', ['CMD-SHELL', 'pgrep -f "streamlit run" || exit 1'], 'pass'],
    ['wget without the scheme', ['CMD-SHELL', 'wget --spider -q localhost:8501/_stcore/health'], 'pass'],
    ['a host option that is not a request', ['CMD-SHELL', 'nc -z -w 2 localhost 8080'], 'fail'],
    ['another port', ['CMD-SHELL', 'curl -f http://localhost:8080/_stcore/health || exit 1'], 'fail'],
    ['a check of nothing', ['CMD-SHELL', 'exit 0'], 'fail'],
    ['NONE', ['NONE'], 'fail'],
  ])('%s', (_d, command, expected) => {
    expect(status('R4.7', (t) => {
      container(t).HealthCheck.Command = command;
      container(t).Environment.push({ Name: 'PORT', Value: '8501' });
    })).toMatch(new RegExp(`^${expected}`));
  });
});

describe('R7.2 - R7.5: step scaling on CloudWatch alarms is scaling on CPU too', () => {
  const stepScaling = (outCooldown: number, outSeconds = 60) => (t: CfnTemplate) => {
    delete res(t).CpuScaling;
    const step = (adjust: number, cooldown: number) => ({
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: { PolicyName: `step${adjust}`, PolicyType: 'StepScaling', ScalingTargetId: { Ref: 'ScalableTarget' },
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', Cooldown: cooldown, MetricAggregationType: 'Average',
          StepAdjustments: [adjust > 0 ? { MetricIntervalLowerBound: 0, ScalingAdjustment: adjust } : { MetricIntervalUpperBound: 0, ScalingAdjustment: adjust }] } },
    });
    const alarm = (policy: string, op: string, seconds: number) => ({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 60, EvaluationPeriods: seconds / 60,
        Threshold: 70, ComparisonOperator: op, AlarmActions: [{ Ref: policy }] },
    });
    Object.assign(res(t), {
      StepOut: step(1, outCooldown), StepIn: step(-1, 300),
      CpuHigh: alarm('StepOut', 'GreaterThanThreshold', outSeconds), CpuLow: alarm('StepIn', 'LessThanThreshold', 300),
    });
  };
  it('CPU > 70 % for 60 s adds tasks, < 70 % for 300 s removes them, cooldowns 60 and 300: all pass', () => {
    for (const id of ['R7.1', 'R7.2', 'R7.3', 'R7.4', 'R7.5', 'R7.7']) expect(status(id, stepScaling(60)), id).toBe('pass');
  });
  it('a 120 s scale-out alarm, or a 300 s scale-out cooldown, fails', () => {
    expect(status('R7.2', stepScaling(60, 120))).toMatch(/^fail/);
    expect(status('R7.4', stepScaling(300))).toMatch(/^fail/);
  });
  it('target tracking on the AWS/ECS CPUUtilization average (customized metric) is the same as the predefined metric', () => {
    expect(status('R7.2', (t) => {
      res(t).CpuScaling.Properties!.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification = undefined;
      res(t).CpuScaling.Properties!.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Statistic: 'Average' };
    })).toBe('pass');
  });
});

describe('AWS defaults and other forms', () => {
  it('R6.1: DesiredCount omitted under auto scaling from 2 starts at 2 (the scalable target brings it into range); without scaling it is 1', () => {
    expect(status('R6.1', (t) => { delete res(t).Service.Properties!.DesiredCount; })).toBe('pass');
    expect(status('R6.1', (t) => { delete res(t).Service.Properties!.DesiredCount; delete res(t).ScalableTarget; delete res(t).CpuScaling; })).toMatch(/^fail: DesiredCount 1/);
  });
  it('R9.6: an alarm written with Metrics (MetricStat) is an alarm on TargetResponseTime', () => {
    expect(status('R9.6', (t) => {
      const p = res(t).SlowResponses.Properties!;
      delete p.MetricName; delete p.Namespace; delete p.Statistic; delete p.Period; delete p.Dimensions;
      p.Metrics = [{ Id: 'm1', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime' }, Period: 60, Stat: 'Average' } }];
    })).toBe('pass');
  });
  it('R8.3: egress on 443 only to a private range is NOT VERIFIED (where is the API?); UDP only fails', () => {
    expect(status('R8.3', (t) => { res(t).ServiceSecurityGroup.Properties!.SecurityGroupEgress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }]; })).toMatch(/^unknown/);
    expect(status('R8.3', (t) => { res(t).ServiceSecurityGroup.Properties!.SecurityGroupEgress = [{ IpProtocol: 'udp', FromPort: 0, ToPort: 65535, CidrIp: '0.0.0.0/0' }]; })).toMatch(/^fail/);
  });
  it('R8.1: IpProtocol -1 on the ALB group is every port, so more than 80 and 443', () => {
    expect(status('R8.1', (t) => { res(t).LoadBalancerSecurityGroup.Properties!.SecurityGroupIngress.push({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }); })).toMatch(/^fail/);
    expect(status('R8.1', (t) => { res(t).LoadBalancerSecurityGroup.Properties!.SecurityGroupIngress.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' }); })).toBe('pass');
  });
  it('R2.6: IMMUTABLE with "latest" excluded lets latest move; MUTABLE_WITH_EXCLUSION of latest does not', () => {
    const mode = (m: string, filter: string) => (t: CfnTemplate) => Object.assign(res(t).Repository.Properties!, {
      ImageTagMutability: m, ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: filter }],
    });
    expect(status('R2.6', mode('IMMUTABLE_WITH_EXCLUSION', 'latest'))).toBe('pass');
    expect(status('R2.6', mode('MUTABLE_WITH_EXCLUSION', 'lat*'))).toMatch(/^fail/);
  });
  it('R2.1: registry-wide scan-on-push rules count when the repository sets nothing', () => {
    expect(status('R2.1', (t) => {
      delete res(t).Repository.Properties!.ImageScanningConfiguration;
      res(t).Scanning = { Type: 'AWS::ECR::RegistryScanningConfiguration', Properties: { ScanType: 'BASIC', Rules: [{ ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }] } };
    })).toBe('pass');
  });
  it('R3.2 / R3.3: the FARGATE launch type is no Spot, and 2 tasks on FARGATE only while desired and scaling minimum are 2', () => {
    expect(status('R3.2', (t) => { res(t).Service.Properties!.LaunchType = 'FARGATE'; })).toMatch(/^fail/);
    expect(status('R3.3', (t) => { res(t).Service.Properties!.LaunchType = 'FARGATE'; })).toBe('pass');
    expect(status('R3.3', (t) => { res(t).Service.Properties!.LaunchType = 'FARGATE'; res(t).ScalableTarget.Properties!.MinCapacity = 1; })).toMatch(/^fail/);
  });
  it('R3.5: two subnets without an AvailabilityZone may land in one zone: NOT VERIFIED', () => {
    expect(status('R3.5', (t) => { delete res(t).PublicSubnetA.Properties!.AvailabilityZone; delete res(t).PublicSubnetB.Properties!.AvailabilityZone; })).toMatch(/^unknown/);
  });
  it('R9.2: a log group the awslogs driver creates itself keeps logs forever; one from elsewhere is NOT VERIFIED', () => {
    const elsewhere = (create: string | undefined) => (t: CfnTemplate) => {
      delete res(t).LogGroup;
      container(t).LogConfiguration.Options['awslogs-group'] = '/ecs/vibejudge-dashboard';
      if (create) container(t).LogConfiguration.Options['awslogs-create-group'] = create;
    };
    expect(status('R9.2', elsewhere('true'))).toMatch(/^fail/);
    expect(status('R9.2', elsewhere(undefined))).toMatch(/^unknown/);
  });
  it('R10.3: ARNs and URIs built with Fn::Sub from a name count', () => {
    expect(status('R10.3', (t) => {
      t.Outputs!.ClusterArn = { Value: { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/${Cluster}' } };
      t.Outputs!.RepositoryUri = { Value: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repository}' } };
    })).toBe('pass');
    expect(status('R10.3', (t) => { t.Outputs!.ClusterArn = { Value: { Ref: 'Cluster' } }; })).toMatch(/^fail/);
  });
  it('R10.5: any consistent keys pass; one resource without them fails', () => {
    expect(status('R10.5', (t) => {
      for (const r of Object.values(res(t))) if (r.Properties?.Tags) r.Properties.Tags = [{ Key: 'cost-center', Value: 'cc-42' }];
      for (const id of ['ExecutionRole', 'TaskRole']) res(t)[id].Properties!.Tags = [{ Key: 'cost-center', Value: 'cc-42' }];
    })).toBe('pass');
    expect(status('R10.5', (t) => {
      for (const id of ['ExecutionRole', 'TaskRole']) res(t)[id].Properties!.Tags = [{ Key: 'Project', Value: 'dashboard' }];
    })).toBe('pass');
    expect(status('R10.5', (t) => {
      for (const id of ['ExecutionRole', 'TaskRole']) res(t)[id].Properties!.Tags = [{ Key: 'Project', Value: 'dashboard' }];
      delete res(t).Cluster.Properties!.Tags;
    })).toMatch(/^fail: .*Cluster/);
  });
});

describe('R1.3: the user of the final stage, however it is created', () => {
  const r1_3 = ALL_RULES.find((r) => r.id === 'R1.3')!;
  const df = (user: string, run = '') => `FROM python:3.11-slim AS build\nRUN pip wheel .\nFROM python:3.11-slim\n${run}\nCOPY --from=build /w /w\nUSER ${user}\n`;
  const check = (text: string) => runRule(r1_3, subjectOf(BASE, text)).status;
  it.each([
    ['USER 1000', df('1000'), 'pass'],
    ['useradd -u 1000', df('app', 'RUN groupadd -g 1000 app && useradd -u 1000 -g app app'), 'pass'],
    ['adduser --uid 1000 (Debian)', df('streamlit', 'RUN adduser --disabled-password --gecos "" --uid 1000 streamlit'), 'pass'],
    ['adduser -D -u 1000 (busybox)', df('app:app', 'RUN addgroup -g 1000 app && adduser -D -u 1000 -G app app'), 'pass'],
    ['a user of the base image (node is UID 1000 there)', df('node'), 'unknown'],
    ['useradd without a UID', df('app', 'RUN useradd app'), 'fail'],
    ['useradd -u 1001', df('app', 'RUN useradd -u 1001 app'), 'fail'],
    ['USER 1001', df('1001'), 'fail'],
  ])('%s', (_d, text, expected) => expect(check(text)).toBe(expected));
});

describe('R1.7: labels for maintainer, version and description, plain or OCI keys', () => {
  const r1_7 = ALL_RULES.find((r) => r.id === 'R1.7')!;
  const df = (labels: string) => `FROM python:3.11-slim\nLABEL ${labels}\nUSER 1000\n`;
  const check = (text: string) => runRule(r1_7, subjectOf(BASE, text)).status;
  it('OCI annotations alone carry all three', () => {
    expect(check(df('org.opencontainers.image.authors="team" org.opencontainers.image.version="1.2" org.opencontainers.image.description="dashboard"'))).toBe('pass');
  });
  it('a title is no description', () => {
    expect(check(df('maintainer="team" version="1.2" org.opencontainers.image.title="dashboard"'))).toBe('fail');
  });
});

describe('R1.4: EXPOSE through a variable', () => {
  const r1_4 = ALL_RULES.find((r) => r.id === 'R1.4')!;
  const check = (text: string) => runRule(r1_4, subjectOf(BASE, text)).status;
  it('ENV PORT=8501 then EXPOSE ${PORT} exposes 8501; ARG PORT=8080 does not', () => {
    expect(check('FROM python:3.11-slim\nENV PORT=8501\nEXPOSE ${PORT}\n')).toBe('pass');
    expect(check('FROM python:3.11-slim\nARG PORT=8080\nEXPOSE $PORT\n')).toBe('fail');
  });
});
