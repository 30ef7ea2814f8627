import { setProp } from '../mutate.js';
import { isOutcome, repositoryOr } from '../ecr.js';
import { fail, pass, type Rule } from '../types.js';

/** "Delete the oldest images to maintain only the 10 most recent": a count rule over all images (tagStatus any) of exactly 10. */
export const rule: Rule = {
  id: 'R2.2', title: 'ECR lifecycle policy expires all but the 10 most recent images', source: 'template',
  check: (s) => {
    const ecr = repositoryOr(s);
    if (isOutcome(ecr)) return ecr;
    if (ecr.maxImageCount === undefined) return fail('no lifecycle rule expires images beyond a count (tagStatus any)', ecr.id);
    if (ecr.maxImageCount === 10) return pass('lifecycle keeps the 10 most recent images');
    return fail(ecr.maxImageCount > 10 ? `lifecycle keeps ${ecr.maxImageCount} images, more than 10` : `lifecycle keeps only ${ecr.maxImageCount} images, so some of the 10 most recent are deleted`, ecr.id);
  },
  mutants: [{
    description: 'lifecycle keeps 11 images',
    template: (t) => setProp(t, 'AWS::ECR::Repository', 'LifecyclePolicy.LifecyclePolicyText',
      JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 11 }, action: { type: 'expire' } }] })),
  }],
};
