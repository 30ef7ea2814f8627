import { setProp } from '../mutate.js';
import { isOutcome, repositoryOr } from '../ecr.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R2.2', title: 'ECR lifecycle policy expires all but the 10 most recent images', source: 'template',
  check: (s) => {
    const ecr = repositoryOr(s);
    if (isOutcome(ecr)) return ecr;
    if (ecr.maxImageCount === undefined) return fail('no lifecycle rule expires images beyond a count (tagStatus any)', ecr.id);
    return ecr.maxImageCount <= 10 ? pass(`lifecycle keeps ${ecr.maxImageCount} images`) : fail(`lifecycle keeps ${ecr.maxImageCount} images, more than 10`, ecr.id);
  },
  mutants: [{
    description: 'lifecycle keeps 11 images',
    template: (t) => setProp(t, 'AWS::ECR::Repository', 'LifecyclePolicy.LifecyclePolicyText',
      JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 11 }, action: { type: 'expire' } }] })),
  }],
};
