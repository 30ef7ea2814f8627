import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentConfig, loadTemplate, TemplateError, TemplateView } from '../template/index.js';

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
