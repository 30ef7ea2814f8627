import { isUnknown, type DeploymentConfig } from '../template/index.js';
import { fail, unknown, type RuleOutcome, type RuleSubject } from './types.js';
import { actionMatches } from './iam.js';
import { serviceTaskDefinition } from './resolve.js';

export type Repository = NonNullable<DeploymentConfig['ecr']>;

/**
 * The template's ECR repository, or the outcome when it has none: NOT VERIFIED when the image comes
 * from an ECR repository (or a value) the template does not show, a failure when it comes from no ECR
 * repository at all.
 */
export function repositoryOr(s: RuleSubject): Repository | RuleOutcome {
  const ecr = s.config().ecr;
  if (ecr) return ecr;
  const td = serviceTaskDefinition(s.template);
  const containers = td ? s.template.get(td, 'ContainerDefinitions') : undefined;
  const image = Array.isArray(containers) ? containers.map((c: any) => c?.Image).find((i) => i !== undefined) : undefined;
  if (isUnknown(image)) return unknown(`the template defines no ECR repository, and its image is not known: ${image.why}`);
  const text = typeof image === 'string' ? image : JSON.stringify(image ?? null);
  if (/\.dkr\.ecr\.|dkr\.ecr/.test(text)) return unknown(`the image ${text} is in an ECR repository this template does not define, whose settings it cannot show`);
  return fail(`the template defines no AWS::ECR::Repository (the image ${text} does not come from ECR)`);
}

export const isOutcome = (x: Repository | RuleOutcome): x is RuleOutcome => 'status' in x;

/** Registry-wide scanning rules of the template (AWS::ECR::RegistryScanningConfiguration) that scan this repository on push or continuously. */
export function registryScansOnPush(s: RuleSubject, repositoryId: string): string | undefined {
  const repo = s.template.byId(repositoryId);
  const name = repo ? s.template.get(repo, 'RepositoryName') : undefined;
  for (const cfg of s.template.ofType('AWS::ECR::RegistryScanningConfiguration')) {
    for (const r of s.template.get(cfg, 'Rules') ?? []) {
      if (!['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'].includes(String(r?.ScanFrequency))) continue;
      const filters: any[] = r?.RepositoryFilters ?? [];
      if (filters.some((f) => f?.Filter === '*' || (typeof name === 'string' && actionMatches(String(f?.Filter), name)))) {
        return `${cfg.id} scans ${String(r.ScanFrequency)} for ${filters.map((f) => f.Filter).join(', ')}`;
      }
    }
  }
  return undefined;
}
