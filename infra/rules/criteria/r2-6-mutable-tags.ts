import { setProp } from '../mutate.js';
import { actionMatches } from '../iam.js';
import { isOutcome, repositoryOr } from '../ecr.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * "latest" must be able to move. ImageTagMutability omitted is MUTABLE (the ECR default); the
 * *_WITH_EXCLUSION modes decide by whether an exclusion filter matches "latest".
 */
export const rule: Rule = {
  id: 'R2.6', title: 'ECR tags are mutable so "latest" can move', source: 'template',
  check: (s) => {
    const ecr = repositoryOr(s);
    if (isOutcome(ecr)) return ecr;
    const mode = ecr.tagMutability;
    if (mode === 'MUTABLE') return pass('ImageTagMutability = MUTABLE (the ECR default when omitted)');
    if (mode.endsWith('_WITH_EXCLUSION')) {
      const repo = s.template.byId(ecr.id)!;
      const filters: any[] = s.template.get(repo, 'ImageTagMutabilityExclusionFilters') ?? [];
      const latestExcluded = filters.some((f) => actionMatches(String(f?.ImageTagMutabilityExclusionFilterValue ?? ''), 'latest'));
      const latestMutable = mode === 'IMMUTABLE_WITH_EXCLUSION' ? latestExcluded : !latestExcluded;
      return latestMutable ? pass(`ImageTagMutability = ${mode}; "latest" is mutable`) : fail(`ImageTagMutability = ${mode}; "latest" is immutable`, ecr.id);
    }
    return fail(`ImageTagMutability = ${mode}`, ecr.id);
  },
  mutants: [{ description: 'ImageTagMutability IMMUTABLE', template: (t) => setProp(t, 'AWS::ECR::Repository', 'ImageTagMutability', 'IMMUTABLE') }],
};
