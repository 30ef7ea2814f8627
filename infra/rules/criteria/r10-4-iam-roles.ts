import { first } from '../mutate.js';
import { executionRolePolicyActions, roleActions, taskRoleId } from '../iam.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R10.4', title: 'IAM roles: task execution (ECR and CloudWatch Logs) and an empty task role', source: 'template',
  check: (s) => {
    const exec = executionRolePolicyActions(s.template);
    if (!exec) return fail('no execution role of the template');
    const needs = ['ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'].filter((a) => !exec.has(a));
    if (needs.length > 0) return fail(`execution role lacks ${needs.join(', ')}`);
    const task = taskRoleId(s.template, 'TaskRoleArn');
    if (!task) return fail('no task role of the template');
    const granted = roleActions(s.template, task);
    return granted.size === 0 ? pass('execution role: ECR pull and logs; task role: empty') : fail(`task role grants ${[...granted].join(', ')}`, task);
  },
  mutants: [{
    description: 'execution role cannot write logs',
    template: (t) => {
      const doc = first(t, 'AWS::IAM::Policy').Properties.PolicyDocument;
      doc.Statement = doc.Statement.filter((st: any) => ![].concat(st.Action).some((a: string) => a.startsWith('logs:')));
    },
  }],
};
