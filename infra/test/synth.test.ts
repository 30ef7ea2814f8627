import { readFileSync } from 'node:fs';
import { App, DefaultStackSynthesizer, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import cdkNag from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type Synthesis } from '../lib/synthesize.js';
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

  it('keeps every suppression visible in the template with its reason', () => {
    const metadata = JSON.stringify(synthesis.template.Metadata ?? {});
    for (const s of NAG_SUPPRESSIONS) {
      expect(s.reason.length).toBeGreaterThan(40);
      expect(metadata).toContain(s.id);
    }
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
