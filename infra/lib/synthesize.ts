import { App, Aspects, DefaultStackSynthesizer } from 'aws-cdk-lib';
import { Annotations as CdkAnnotations, Match } from 'aws-cdk-lib/assertions';
import cdkNag from 'cdk-nag';

const { AwsSolutionsChecks } = cdkNag;
import { DashboardStack } from './dashboard-stack.js';

export interface NagFinding { readonly level: 'error' | 'warning'; readonly path: string; readonly message: string }
export interface Synthesis {
  /** The CloudFormation template, as `sam deploy` receives it. */
  readonly template: Record<string, unknown>;
  /** Unsuppressed findings of cdk-nag's AwsSolutions pack. */
  readonly nagFindings: NagFinding[];
}

/**
 * Synthesizes the stack in-process with cdk-nag as an aspect. The synthesizer generates no bootstrap
 * rule and no metadata resource, so the template deploys with `sam deploy` into any account.
 */
export function synthesize(): Synthesis {
  const app = new App({
    analyticsReporting: false,
    context: { 'aws:cdk:enable-path-metadata': false },
  });
  const stack = new DashboardStack(app, 'VibeJudgeDashboard', {
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    description: 'VibeJudge organizer dashboard on ECS Fargate behind an ALB',
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as Record<string, unknown>;
  const annotations = CdkAnnotations.fromStack(stack);
  const nagFindings: NagFinding[] = [
    ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-')).map((m) => ({ level: 'error' as const, path: m.id, message: String(m.entry.data) })),
    ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-')).map((m) => ({ level: 'warning' as const, path: m.id, message: String(m.entry.data) })),
  ];
  return { template, nagFindings };
}
