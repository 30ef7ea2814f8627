import { describe, expect, it } from 'vitest';
import { TemplateView, type CfnTemplate } from '../template/index.js';
import { actionMatches, MANAGED_POLICIES, MANAGED_POLICIES_RETRIEVED } from '../rules/iam.js';
import { rule as r2_5 } from '../rules/criteria/r2-5-execution-role-pulls-from-ecr.js';
import { rule as r4_6 } from '../rules/criteria/r4-6-empty-task-role.js';
import { rule as r10_4 } from '../rules/criteria/r10-4-iam-roles.js';
import { runRule, subjectOf } from '../rules/run.js';

/** A task definition whose execution role carries the given managed policy ARNs and inline statements. */
function withExecutionRole(managed: unknown[], statements: unknown[] = []): CfnTemplate {
  return {
    Resources: {
      Exec: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: managed, ...(statements.length ? { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] } : {}) } },
      Task: { Type: 'AWS::IAM::Role', Properties: {} },
      Td: { Type: 'AWS::ECS::TaskDefinition', Properties: { ExecutionRoleArn: { 'Fn::GetAtt': ['Exec', 'Arn'] }, TaskRoleArn: { Ref: 'Task' }, ContainerDefinitions: [{ Name: 'app' }] } },
    },
  };
}
const status = (rule: typeof r2_5, json: CfnTemplate) => runRule(rule, subjectOf(new TemplateView(json, 'test'), undefined)).status;

describe('AWS managed policies (dated snapshot)', () => {
  it('every policy has its ARN, source and document, and the snapshot its date', () => {
    expect(MANAGED_POLICIES_RETRIEVED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const name of ['AmazonECSTaskExecutionRolePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEC2ContainerRegistryPullOnly']) {
      const p = MANAGED_POLICIES.get(name)!;
      expect(p.arn).toMatch(new RegExp(`^arn:aws:iam::aws:policy/(service-role/)?${name}$`));
      expect(p.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(JSON.stringify(p.document)).toContain('ecr:BatchGetImage');
    }
  });

  it.each([
    ['a literal ARN', 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    ['Fn::Sub with the partition', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }],
    ['Fn::Join with the partition', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEC2ContainerRegistryReadOnly']] }],
    ['the pull-only policy', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly'],
  ])('R2.5 passes an execution role with %s', (_d, arn) => {
    expect(status(r2_5, withExecutionRole([arn]))).toBe('pass');
  });

  it('R2.5 passes wildcard actions (ecr:Get*, ecr:BatchGet*) and fails a role that only pushes', () => {
    expect(status(r2_5, withExecutionRole([], [{ Effect: 'Allow', Action: ['ecr:Get*', 'ecr:BatchGet*'], Resource: '*' }]))).toBe('pass');
    expect(status(r2_5, withExecutionRole([], [{ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:GetAuthorizationToken'], Resource: '*' }]))).toBe('fail');
  });

  it('a Deny wins over the managed policy', () => {
    expect(status(r2_5, withExecutionRole(['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly'], [{ Effect: 'Deny', Action: 'ecr:BatchGetImage', Resource: '*' }]))).toBe('fail');
  });

  it('an allow under a condition is NOT VERIFIED; a deny under a condition does not undo the managed policy', () => {
    expect(status(r2_5, withExecutionRole([], [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }]))).toBe('unknown');
    expect(status(r2_5, withExecutionRole(['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly'], [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]))).toBe('pass');
  });

  it('a managed policy whose document is not known is NOT VERIFIED, never a pass or a fail', () => {
    expect(status(r2_5, withExecutionRole(['arn:aws:iam::123456789012:policy/pull-images']))).toBe('unknown');
    expect(status(r2_5, withExecutionRole(['arn:aws:iam::aws:policy/SomeFutureEcrPolicy']))).toBe('unknown');
  });

  it('R10.4 needs logs too: the ECR read-only policy alone lacks them, the task execution policy has them', () => {
    expect(status(r10_4, withExecutionRole(['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly']))).toBe('fail');
    expect(status(r10_4, withExecutionRole(['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy']))).toBe('pass');
  });

  it('R4.6: a task role with a managed policy is not empty; no task role at all gives the containers nothing', () => {
    const json = withExecutionRole([]);
    json.Resources.Task.Properties = { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly'] };
    expect(status(r4_6, json)).toBe('fail');
    delete json.Resources.Td.Properties!.TaskRoleArn;
    expect(status(r4_6, json)).toBe('pass');
  });

  it('matches IAM action patterns case-insensitively with * and ?', () => {
    expect(actionMatches('ECR:batchget*', 'ecr:BatchGetImage')).toBe(true);
    expect(actionMatches('*', 'logs:PutLogEvents')).toBe(true);
    expect(actionMatches('logs:Put?ogEvents', 'logs:PutLogEvents')).toBe(true);
    expect(actionMatches('ecr:Batch', 'ecr:BatchGetImage')).toBe(false);
  });
});
