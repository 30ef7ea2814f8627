import { Stack } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';

const { NagSuppressions } = cdkNag;

/** One finding of the AwsSolutions pack that this design accepts, on one resource, with its reason. */
export interface NagSuppression {
  readonly id: string;
  /** The construct path below the stack of the one CloudFormation resource it applies to. */
  readonly path: string;
  /** The findings it covers on that resource (cdk-nag's granular ids, e.g. `Resource::*`); all when absent. */
  readonly appliesTo?: readonly string[];
  readonly reason: string;
}

/**
 * Every finding of the AwsSolutions pack that this design accepts, each on the one resource it is about
 * and with its reason. They are written into that resource's metadata (cdk_nag), never stack-wide, so a
 * wildcard or an open port on any other resource is still reported; the report lists them as exceptions.
 */
export const NAG_SUPPRESSIONS: readonly NagSuppression[] = [
  { id: 'AwsSolutions-VPC7', path: 'Vpc/Resource', reason: 'VPC flow logs cost per GB ingested; the spec caps the monthly bill (R12.1) and the dashboard is reached only through the ALB, whose security groups are checked by rules R8.1 and R8.2.' },
  { id: 'AwsSolutions-EC23', path: 'AlbSecurityGroup/Resource', reason: 'The load balancer is the public entry point: R8.1 requires 80 and 443 open to 0.0.0.0/0; port 80 only redirects to HTTPS.' },
  { id: 'AwsSolutions-ECS2', path: 'TaskDefinition/Resource', reason: 'The only environment variable is API_BASE_URL, a public URL, not a secret (R1.6).' },
  {
    id: 'AwsSolutions-IAM5', path: 'TaskExecutionRole/DefaultPolicy/Resource', appliesTo: ['Resource::*'],
    reason: 'ecr:GetAuthorizationToken only exists on resource "*" (IAM reference for ECR); every other action is scoped to the stack\'s repository and log group.',
  },
  { id: 'AwsSolutions-S1', path: 'AccessLogsBucket/Resource', reason: 'This bucket receives the load balancer\'s access logs; logging the accesses to it would need a further bucket for a record nobody else reads (only the ALB log delivery may write to it, over TLS).' },
];

/** The construct at a path below the stack (e.g. `Vpc/Resource`); throws when the stack has none there. */
export function constructAt(stack: Stack, path: string): IConstruct {
  return path.split('/').reduce<IConstruct>((node, id) => node.node.findChild(id), stack);
}

export function applyNagSuppressions(stack: Stack): void {
  for (const s of NAG_SUPPRESSIONS) {
    NagSuppressions.addResourceSuppressions(constructAt(stack, s.path), [{
      id: s.id, reason: s.reason, ...(s.appliesTo ? { appliesTo: [...s.appliesTo] } : {}),
    }]);
  }
}
