import { readFileSync } from 'node:fs';
import { App, CfnResource, DefaultStackSynthesizer, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import cdkNag from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type Synthesis } from '../lib/synthesize.js';
import { DashboardStack } from '../lib/dashboard-stack.js';
import { NAG_SUPPRESSIONS } from '../lib/nag-suppressions.js';
import { serializeTemplate, TEMPLATE_PATH } from '../template/index.js';

// The one synthesis of a test run: every other check reads the committed template.
let synthesis: Synthesis;
beforeAll(() => { synthesis = synthesize(); }, 120_000);

describe('the committed template', () => {
  it('is exactly what the CDK app synthesizes now (run `npm run synth` when this fails)', () => {
    expect(readFileSync(TEMPLATE_PATH, 'utf8') === serializeTemplate(synthesis.template), 'infra/template.json is stale').toBe(true);
  });

  it('deploys with `sam deploy` into an account that never ran `cdk bootstrap`', () => {
    const text = JSON.stringify(synthesis.template);
    expect(text).not.toContain('BootstrapVersion');
    expect(text).not.toContain('AWS::CDK::Metadata');
    expect(text).not.toContain('cdk-hnb659fds'); // bootstrap asset bucket/repository
  });
});

describe('cdk-nag AwsSolutions pack', () => {
  it('reports no unsuppressed error or warning on the stack', () => {
    expect(synthesis.nagFindings.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
  });

  it('keeps every suppression on its one resource, with its reason, and none stack-wide', () => {
    const template = synthesis.template as { Metadata?: Record<string, unknown>; Resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress?: Array<{ id: string; reason: string; applies_to?: string[] }> } } }> };
    expect(template.Metadata?.cdk_nag, 'no stack-wide cdk-nag suppression').toBeUndefined();
    const onResources = Object.entries(template.Resources).flatMap(([logicalId, r]) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((s) => ({ logicalId, ...s })));
    expect(onResources.map((s) => s.id).sort()).toEqual(NAG_SUPPRESSIONS.map((s) => s.id).sort());
    for (const s of NAG_SUPPRESSIONS) {
      expect(s.reason.length).toBeGreaterThan(40);
      const where = onResources.filter((r) => r.id === s.id);
      expect(where, `${s.id} is suppressed on exactly one resource`).toHaveLength(1);
      expect(where[0].reason).toBe(s.reason);
      expect(where[0].applies_to).toEqual(s.appliesTo);
    }
    // The execution role's wildcard is accepted for its resource "*" only, not for any action wildcard.
    expect(NAG_SUPPRESSIONS.find((s) => s.id === 'AwsSolutions-IAM5')?.appliesTo).toEqual(['Resource::*']);
  });

  it('still reports a new wildcard or an open port on any other resource (the suppressions are not stack-wide)', () => {
    const { AwsSolutionsChecks } = cdkNag;
    const app = new App({ analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
    const stack = new DashboardStack(app, 'Widened', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    // A wildcard on the task role (which has no policy at all), an action wildcard on the execution role
    // (whose suppression covers its resource "*" only), and SSH open to the world on the task group.
    (stack.node.findChild('TaskRole') as iam.Role).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    (stack.node.findChild('TaskExecutionRole') as iam.Role).addToPolicy(new iam.PolicyStatement({ actions: ['logs:*'], resources: ['*'] }));
    (stack.node.findChild('TaskSecurityGroup') as ec2.SecurityGroup).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    app.synth();
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-')).map((m) => `${m.id} ${String(m.entry.data).split(': ')[0]}`);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/Widened\/TaskRole\/DefaultPolicy\/Resource AwsSolutions-IAM5\[Resource::\*\]/),
      expect.stringMatching(/^\/Widened\/TaskExecutionRole\/DefaultPolicy\/Resource AwsSolutions-IAM5\[Action::logs:\*\]/),
      expect.stringMatching(/^\/Widened\/TaskSecurityGroup\/Resource AwsSolutions-EC23/),
    ]));
    // and nothing else: the accepted findings stay suppressed on their own resources.
    expect(errors).toHaveLength(3);
  });

  it('needs every suppression: without them, cdk-nag reports exactly the suppressed findings on their resources', () => {
    const { AwsSolutionsChecks } = cdkNag;
    const app = new App({ analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
    const stack = new DashboardStack(app, 'Bare', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    for (const c of stack.node.findAll()) {
      if (CfnResource.isCfnResource(c)) delete (c.cfnOptions.metadata as Record<string, unknown> | undefined)?.cdk_nag;
    }
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    app.synth();
    const found = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-')).map((m) => `${m.id} ${String(m.entry.data).split(': ')[0]}`).sort();
    const expected = NAG_SUPPRESSIONS.flatMap((s) => (s.appliesTo ?? ['']).map((a) => `/Bare/${s.path} ${s.id}${a ? `[${a}]` : ''}`)).sort();
    expect(found).toEqual(expected);
  });

  it('does find a violation on a stack that has one (the pack is really running)', () => {
    const { AwsSolutionsChecks } = cdkNag;
    const app = new App({ analyticsReporting: false });
    const stack = new Stack(app, 'Broken', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, restrictDefaultSecurityGroup: false });
    const sg = new ec2.SecurityGroup(stack, 'Open', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22)); // AwsSolutions-EC23: open to the world
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-EC23'));
    expect(errors.length).toBeGreaterThan(0);
  });
});
