import { setProp } from '../mutate.js';
import { executionRolePolicyActions } from '../iam.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.5', title: 'The task definition uses an execution role that can pull from ECR', source: 'template',
  check: (s) => {
    const actions = executionRolePolicyActions(s.template);
    if (actions === undefined) return fail('the task definition has no ExecutionRoleArn naming a role of the template');
    return actions.has('ecr:BatchGetImage') || actions.has('ecr:*') ? pass('ExecutionRoleArn set; role allows ecr:BatchGetImage')
      : fail('the execution role cannot pull images (no ecr:BatchGetImage)');
  },
  mutants: [{ description: 'no ExecutionRoleArn', template: (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'ExecutionRoleArn', undefined) }],
};
