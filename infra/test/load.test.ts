import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentConfig, isUnknown, loadTemplate, readParameterFile, TemplateError, TemplateView, UnknownValueError } from '../template/index.js';

const dir = mkdtempSync(join(tmpdir(), 'load-'));
function file(name: string, text: string): string { const p = join(dir, name); writeFileSync(p, text); return p; }

describe('loadTemplate', () => {
  it('reads YAML with short-form intrinsics as their long forms', () => {
    const view = loadTemplate(file('short.yaml', [
      'Parameters:', '  Env: {Type: String, Default: dev}',
      'Conditions:', '  IsProd: !Equals [!Ref Env, prod]',
      'Resources:',
      '  Group:', '    Type: AWS::Logs::LogGroup', '    Properties:',
      '      LogGroupName: !Sub "/ecs/${Env}"', '      RetentionInDays: !If [IsProd, 30, 7]',
      '  Other:', '    Type: AWS::SNS::Topic', '    Properties: {DisplayName: !GetAtt Group.Arn}',
    ].join('\n')));
    const group = view.byId('Group')!;
    expect(group.props.LogGroupName).toEqual({ 'Fn::Sub': '/ecs/${Env}' });
    expect(view.number(group, 'RetentionInDays')).toBe(7);
    expect(view.withParameters({ Env: 'prod' }).number(group, 'RetentionInDays')).toBe(30);
    expect(view.reference(view.byId('Other')!.props.DisplayName)).toEqual({ kind: 'resource', id: 'Group', attribute: 'Arn' });
  });

  it.each([
    ['missing file', () => join(dir, 'nope.json'), /cannot read template .*no such file/],
    ['malformed JSON', () => file('bad.json', '{"Resources": {'), /not valid JSON/],
    ['malformed YAML', () => file('bad.yaml', 'Resources:\n  A: [\n'), /not valid YAML/],
    ['no Resources', () => file('empty.yaml', 'Parameters: {}\n'), /has no Resources section/],
    ['resource without Type', () => file('notype.json', '{"Resources": {"A": {"Properties": {}}}}'), /resource A has no Type/],
  ])('turns a %s into one clear TemplateError', (_name, path, message) => {
    let error: unknown;
    try { loadTemplate(path()); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('deploymentConfig', () => {
  it('names the missing part of an incomplete template', () => {
    const view = new TemplateView({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }, 'incomplete.yaml');
    expect(() => deploymentConfig(view)).toThrow(/incomplete.yaml has no AWS::ECS::Service/);
  });

  it('reads the numbers of the project template', () => {
    const c = deploymentConfig(loadTemplate());
    expect(c.service.desiredCount).toBeGreaterThan(0);
    expect(c.targetGroup.healthCheckPath).toMatch(/^\//);
  });
});

describe('values as CloudFormation deploys them', () => {
  const view = (json: object, params: Record<string, string> = {}) => new TemplateView(json as never, 'test.yaml', params);
  const template = {
    Parameters: {
      Env: { Type: 'String', Default: 'dev' }, VpcId: { Type: 'AWS::EC2::VPC::Id' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-a,subnet-b' },
      Image: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/image' },
    },
    Mappings: { Size: { 'us-east-1': { Cpu: 512 }, 'eu-west-1': { Cpu: 512 } }, Mem: { 'us-east-1': { Gb: 1 }, 'eu-west-1': { Gb: 2 } } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, HasVpc: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'VpcId' }, ''] }] } },
    Resources: {
      R: { Type: 'Test::Thing', Properties: {
        Sub: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/${Env}' }, SubOfResource: { 'Fn::Sub': 'http://${Alb.DNSName}' },
        Join: { 'Fn::Join': ['-', ['app', { Ref: 'Env' }]] }, Select: { 'Fn::Select': [1, { Ref: 'Subnets' }] },
        Az: { 'Fn::Select': ['0', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] }, SameEverywhere: { 'Fn::FindInMap': ['Size', { Ref: 'AWS::Region' }, 'Cpu'] },
        ByRegion: { 'Fn::FindInMap': ['Mem', { Ref: 'AWS::Region' }, 'Gb'] }, Dropped: { 'Fn::If': ['IsProd', 3, { Ref: 'AWS::NoValue' }] },
        OnUnknown: { 'Fn::If': ['HasVpc', 1, 2] }, Imported: { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-VpcId' } },
        FromSsm: { Ref: 'Image' }, NoDefault: { Ref: 'VpcId' }, Dynamic: '{{resolve:ssm:/app/port}}',
        Number: { Ref: 'VpcId' },
      } },
      OnlyInProd: { Type: 'Test::Thing', Condition: 'IsProd' },
    },
  };

  it('resolves what the template alone determines', () => {
    const t = view(template);
    const r = t.byId('R')!;
    expect(t.get(r, 'Sub')).toBe('arn:aws:iam::aws:policy/dev');
    expect(t.get(r, 'SubOfResource')).toEqual({ 'Fn::Sub': 'http://${Alb.DNSName}' });
    expect(t.get(r, 'Join')).toBe('app-dev');
    expect(t.get(r, 'Select')).toBe('subnet-b');
    expect(t.get(r, 'Az')).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(t.get(r, 'SameEverywhere')).toBe(512);
    expect(t.get(r, 'Dropped')).toBeUndefined();
    expect(Object.keys(t.resources)).toEqual(['R']);
    expect(Object.keys(t.withParameters({ Env: 'prod' }).resources)).toEqual(['R', 'OnlyInProd']);
    expect(t.withParameters({ Env: 'prod' }).get(r, 'Dropped')).toBe(3);
  });

  it.each([
    ['ByRegion', /Fn::FindInMap Mem.Gb depends on AWS::Region/],
    ['OnUnknown', /condition HasVpc depends on parameter VpcId has no default/],
    ['Imported', /Fn::ImportValue dev-VpcId/],
    ['FromSsm', /SSM Parameter Store/],
    ['NoDefault', /parameter VpcId has no default and no value was given \(--parameters\)/],
    ['Dynamic', /dynamic reference \{\{resolve:ssm:\/app\/port\}\}/],
  ])('keeps %s as an explicit unknown naming it', (field, why) => {
    const t = view(template);
    const value = t.get(t.byId('R')!, field);
    expect(isUnknown(value)).toBe(true);
    expect(value.why).toMatch(why);
    expect(() => t.known(t.byId('R')!, field)).toThrow(UnknownValueError);
  });

  it('a number from an unknown is an UnknownValueError, a missing one a TemplateError, and a given parameter makes it known', () => {
    const t = view(template);
    const r = t.byId('R')!;
    expect(() => t.number(r, 'Number')).toThrow(UnknownValueError);
    expect(() => t.number(r, 'Absent')).toThrow(TemplateError);
    expect(() => t.number(r, 'Absent')).not.toThrow(UnknownValueError);
    expect(view(template, { VpcId: '42' }).number(r, 'Number')).toBe(42);
  });
});

describe('parameter files', () => {
  it.each([
    ['CloudFormation\'s list', '[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Old", "UsePreviousValue": true}]'],
    ['a plain map', '{"Env": "prod"}'],
    ['a YAML map', 'Env: prod\n'],
  ])('reads %s', (_what, text) => {
    expect(readParameterFile(file(`params-${text.length}.json`, text))).toEqual({ Env: 'prod' });
  });

  it.each([
    ['not a list or map', '"prod"', /expected a list of \{ParameterKey, ParameterValue\} or a map/],
    ['an entry without a key', '[{"ParameterValue": "x"}]', /entry 1: expected/],
    ['a nested value', '{"Env": {"a": 1}}', /Env: expected a string/],
  ])('refuses %s with one line', (_what, text, message) => {
    expect(() => readParameterFile(file(`bad-${text.length}.json`, text))).toThrow(message);
  });
});

describe('deploymentConfig on templates written in other styles', () => {
  const base = (service: object, task: object = {}, extra: object = {}) => new TemplateView({
    Parameters: { SharedSg: { Type: 'AWS::EC2::SecurityGroup::Id' } },
    Resources: {
      Service: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: 'Task' }, ...service } },
      Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '512', Memory: '1024', ContainerDefinitions: [{ Name: 'web', PortMappings: [{ ContainerPort: 8501 }] }], ...task } },
      TaskSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'tasks' } },
      ...extra,
    },
  } as never, 'style.yaml');

  it('applies the API\'s defaults and accepted forms: DesiredCount 1, "1 vCPU" and "2 GB", all outbound without egress rules', () => {
    const c = deploymentConfig(base({ NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ Ref: 'TaskSg' }] } } }, { Cpu: '1 vCPU', Memory: '2 GB' }));
    expect(c.service.desiredCount).toBe(1);
    expect(c.task.cpuUnits).toBe(1024);
    expect(c.task.memoryMiB).toBe(2048);
    expect(c.securityGroups.taskEgress).toEqual([{ protocol: '-1', fromPort: 0, toPort: 65535, cidr: '0.0.0.0/0' }]);
  });

  it('one field it cannot read blocks only that field: an imported security group is unknown, the task size still reads', () => {
    const c = deploymentConfig(base({ NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ Ref: 'SharedSg' }] } } }));
    expect(() => c.securityGroups.task).toThrow(UnknownValueError);
    expect(() => c.securityGroups.task).toThrow(/parameter SharedSg has no default/);
    expect(c.task.cpuUnits).toBe(512);
    expect(c.service.desiredCount).toBe(1);
  });

  it('a load balancer in another stack is unknown, not missing', () => {
    const c = deploymentConfig(base({ NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ Ref: 'SharedSg' }] } } }));
    expect(() => c.loadBalancer.type).toThrow(UnknownValueError);
    const alone = deploymentConfig(base({}));
    expect(() => alone.loadBalancer.type).toThrow(TemplateError);
    expect(() => alone.loadBalancer.type).not.toThrow(UnknownValueError);
  });
});

describe('templates CloudFormation would refuse, refused in one line', () => {
  it.each([
    ['a condition that refers to itself', 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  T: {Type: AWS::SNS::Topic, Condition: A}\n', /condition A refers to itself \(A -> B -> A\)/],
    ['a resource whose condition is not defined', 'Resources:\n  T: {Type: AWS::SNS::Topic, Condition: Missing}\n', /resource T has Condition Missing, which is not defined/],
    ['a YAML alias bomb', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nResources:\n  T: {Type: AWS::SNS::Topic, Properties: {Tags: *e}}\n`, /cannot be read: Excessive alias count/],
  ])('%s', (_what, text, message) => {
    expect(() => loadTemplate(file(`refused-${text.length}.yaml`, text))).toThrow(message);
  });
});
