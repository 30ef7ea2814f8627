import { first } from '../mutate.js';
import { roleGrants, taskRole } from '../iam.js';
import { executionRoleAllows, PULL_ACTIONS } from './r2-5-execution-role-pulls-from-ecr.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/** What the awslogs driver needs of the execution role. */
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** "Create IAM roles for task execution (ECR and CloudWatch access) and task role (empty)": both roles are the template's own. */
export const rule: Rule = {
  id: 'R10.4', title: 'IAM roles: task execution (ECR and CloudWatch Logs) and an empty task role', source: 'template',
  check: (s) => {
    const exec = taskRole(s.template, 'ExecutionRoleArn');
    if (exec.kind !== 'template') return fail(exec.kind === 'none' ? 'the task definition has no execution role' : `the template creates no execution role: ${exec.why}`);
    const access = executionRoleAllows(s, [...PULL_ACTIONS, ...LOG_ACTIONS], 'pull the image and write logs');
    if (access.status !== 'pass') return access;
    const task = taskRole(s.template, 'TaskRoleArn');
    if (task.kind === 'none') return fail('the template creates no task role (the task definition has no TaskRoleArn)');
    if (task.kind === 'external') return fail(`the template creates no task role: ${task.why}`);
    const g = roleGrants(s.template, task.id);
    if (g.attached.length > 0) return fail(`task role ${task.id} has ${g.attached.join(', ')}`, task.id);
    return g.unknowns.length > 0 ? unknown(g.unknowns.join('; '), task.id) : pass(`execution role ${exec.id}: ECR pull and logs; task role ${task.id}: empty`);
  },
  mutants: [{
    description: 'execution role cannot write logs',
    template: (t) => {
      const doc = first(t, 'AWS::IAM::Policy').Properties.PolicyDocument;
      doc.Statement = doc.Statement.filter((st: any) => ![].concat(st.Action).some((a: string) => a.startsWith('logs:')));
    },
  }],
};
