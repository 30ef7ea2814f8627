import type { TemplateView } from '../template/index.js';

/** Roles of the template referenced by the task definition's ExecutionRoleArn or TaskRoleArn. */
export function taskRoleId(t: TemplateView, which: 'ExecutionRoleArn' | 'TaskRoleArn'): string | undefined {
  const td = t.maybeOne('AWS::ECS::TaskDefinition');
  return td ? t.refersTo(td.props[which]) : undefined;
}

/** Every action granted to a role by inline policies, AWS::IAM::Policy resources and managed policy names. */
export function roleActions(t: TemplateView, roleId: string): Set<string> {
  const actions = new Set<string>();
  const add = (doc: any) => {
    for (const st of [].concat(doc?.Statement ?? [])) {
      if ((st as any).Effect !== 'Allow') continue;
      for (const a of [].concat((st as any).Action ?? [])) actions.add(String(a));
    }
  };
  const role = t.byId(roleId);
  if (!role) return actions;
  for (const p of t.get(role, 'Policies') ?? []) add(p.PolicyDocument);
  for (const arn of t.get(role, 'ManagedPolicyArns') ?? []) actions.add(`managed:${JSON.stringify(arn)}`);
  for (const p of t.ofType('AWS::IAM::Policy')) {
    if ((t.get(p, 'Roles') ?? []).some((r: unknown) => t.refersTo(r) === roleId)) add(t.get(p, 'PolicyDocument'));
  }
  return actions;
}

/** The actions of the execution role, or undefined when the task definition names none of the template's roles. */
export function executionRolePolicyActions(t: TemplateView): Set<string> | undefined {
  const id = taskRoleId(t, 'ExecutionRoleArn');
  return id ? roleActions(t, id) : undefined;
}
