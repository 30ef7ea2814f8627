import { first } from '../mutate.js';
import { executionRolePolicyActions } from '../iam.js';
import { fail, pass, type Rule } from '../types.js';

const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'];

export const rule: Rule = {
  id: 'R2.5', title: 'The task execution role may pull images from ECR', source: 'template',
  check: (s) => {
    const actions = executionRolePolicyActions(s.template);
    if (actions === undefined) return fail('the task definition has no ExecutionRoleArn pointing at a role of the template');
    const missing = PULL.filter((a) => !actions.has(a) && !actions.has('ecr:*'));
    return missing.length === 0 ? pass(`execution role allows ${PULL.join(', ')}`) : fail(`execution role lacks ${missing.join(', ')}`);
  },
  mutants: [{
    description: 'execution role policy without ecr:BatchGetImage',
    template: (t) => {
      const doc = first(t, 'AWS::IAM::Policy').Properties.PolicyDocument;
      for (const st of doc.Statement) if (Array.isArray(st.Action)) st.Action = st.Action.filter((a: string) => a !== 'ecr:BatchGetImage');
    },
  }],
};
