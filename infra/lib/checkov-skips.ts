import { CfnResource, Stack } from 'aws-cdk-lib';
import { constructAt } from './nag-suppressions.js';

/** One checkov check that this design does not meet on one resource, with the reason. */
export interface CheckovSkip {
  readonly id: string;
  /** The construct path below the stack of the one CloudFormation resource it applies to. */
  readonly path: string;
  readonly reason: string;
}

/**
 * Every checkov finding on the template that the design accepts, each written into the Metadata of the
 * one resource it is about (`checkov: skip:`), where checkov reads it and the report lists it as an
 * exception. Any other failed check fails the gate (infra/test/checkov.test.ts).
 */
export const CHECKOV_SKIPS: readonly CheckovSkip[] = [
  { id: 'CKV_AWS_260', path: 'AlbSecurityGroup/Resource', reason: 'R8.1 requires port 80 open to 0.0.0.0/0 on the load balancer; its listener only answers with a 301 redirect to HTTPS.' },
  { id: 'CKV_AWS_51', path: 'Repository/Resource', reason: 'R2.6 requires mutable image tags: the deploy pushes `latest` again with every release; the running task is pinned by the commit SHA tag and its digest is recorded (R2.4).' },
  { id: 'CKV_AWS_136', path: 'Repository/Resource', reason: 'Images are encrypted at rest with AES-256 (ECR default) and hold no secrets; a KMS key costs a monthly fee and changing the encryption replaces the repository and its images.' },
  { id: 'CKV_AWS_158', path: 'LogGroup/Resource', reason: 'CloudWatch Logs encrypts every log group at rest; the dashboard logs no API keys (the container tests check it) and a customer managed key costs $1 a month plus requests, on a bill already over R12.1.' },
  { id: 'CKV_AWS_26', path: 'AlarmTopic/Resource', reason: 'Alarm notifications carry only alarm names and states; the AWS managed key alias/aws/sns would stop CloudWatch from publishing (its key policy does not allow it, see P20), and a customer managed key costs $1 a month.' },
  { id: 'CKV_AWS_18', path: 'AccessLogsBucket/Resource', reason: 'This bucket holds the load balancer\'s access logs; logging the accesses to it would need a further bucket for a record nobody reads.' },
  { id: 'CKV_AWS_21', path: 'AccessLogsBucket/Resource', reason: 'Log files are written once by the log delivery and expire after 30 days; versioning would keep every expired file as a noncurrent version and defeat the lifecycle.' },
];

export function applyCheckovSkips(stack: Stack): void {
  const byPath = new Map<string, CheckovSkip[]>();
  for (const s of CHECKOV_SKIPS) byPath.set(s.path, [...(byPath.get(s.path) ?? []), s]);
  for (const [path, skips] of byPath) {
    const resource = constructAt(stack, path) as CfnResource;
    resource.addMetadata('checkov', { skip: skips.map((s) => ({ id: s.id, comment: s.reason })) });
  }
}
