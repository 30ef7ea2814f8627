import { first } from '../mutate.js';
import { allows, roleGrants, taskRole } from '../iam.js';
import { fail, pass, unknown, type Rule, type RuleOutcome, type RuleSubject } from '../types.js';

/** What pulling a private ECR image takes (the token, the manifest, the layers). */
export const PULL_ACTIONS = ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/**
 * The execution role's grants checked for a set of actions: inline policies, policy resources and
 * AWS managed policies (expanded from the dated snapshot). A role outside the template, or a policy
 * whose document the template does not show, is an unknown, never a pass or a fail.
 */
export function executionRoleAllows(s: RuleSubject, actions: readonly string[], purpose: string): RuleOutcome {
  const ref = taskRole(s.template, 'ExecutionRoleArn');
  if (ref.kind === 'none') return fail(`the task definition has no ExecutionRoleArn, so ECS has no role to ${purpose} with`);
  if (ref.kind === 'external') return unknown(`the execution role's policies are not in the template: ${ref.why}`);
  const g = roleGrants(s.template, ref.id);
  const missing = actions.filter((a) => !allows(g, a));
  if (missing.length === 0) return pass(`execution role ${ref.id} allows ${actions.join(', ')} (${g.attached.join(', ')})`);
  if (g.unknowns.length > 0) return unknown(`execution role ${ref.id} shows no ${missing.join(', ')}, but also has policies whose content is not known: ${g.unknowns.join('; ')}`, ref.id);
  return fail(`execution role ${ref.id} lacks ${missing.join(', ')}${g.attached.length ? ` (it has ${g.attached.join(', ')})` : ' (it has no policy)'}`, ref.id);
}

export const rule: Rule = {
  id: 'R2.5', title: 'The task execution role may pull images from ECR', source: 'template',
  check: (s) => executionRoleAllows(s, PULL_ACTIONS, 'pull the image'),
  mutants: [{
    description: 'execution role policy without ecr:BatchGetImage',
    template: (t) => {
      const doc = first(t, 'AWS::IAM::Policy').Properties.PolicyDocument;
      for (const st of doc.Statement) if (Array.isArray(st.Action)) st.Action = st.Action.filter((a: string) => a !== 'ecr:BatchGetImage');
    },
  }],
};
