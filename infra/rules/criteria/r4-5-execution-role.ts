import { setProp } from '../mutate.js';
import { executionRoleAllows, PULL_ACTIONS } from './r2-5-execution-role-pulls-from-ecr.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.5', title: 'The task definition uses an execution role that can pull from ECR', source: 'template',
  check: (s) => executionRoleAllows(s, PULL_ACTIONS, 'pull the image'),
  mutants: [{ description: 'no ExecutionRoleArn', template: (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'ExecutionRoleArn', undefined) }],
};
