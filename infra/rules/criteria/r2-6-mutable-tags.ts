import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R2.6', title: 'ECR tags are mutable so "latest" can move', source: 'template',
  check: (s) => {
    const ecr = s.config().ecr;
    if (!ecr) return fail('the template has no AWS::ECR::Repository');
    return ecr.tagMutability === 'MUTABLE' ? pass('ImageTagMutability = MUTABLE') : fail(`ImageTagMutability = ${ecr.tagMutability}`, ecr.id);
  },
  mutants: [{ description: 'ImageTagMutability IMMUTABLE', template: (t) => setProp(t, 'AWS::ECR::Repository', 'ImageTagMutability', 'IMMUTABLE') }],
};
