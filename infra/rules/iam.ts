import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstUnknown, isUnknown, type Found, type TemplateView } from '../template/index.js';
import { describeValue, serviceTaskDefinition } from './resolve.js';

/** One AWS managed policy of the snapshot: its ARN, where its document was read, and the document. */
export interface ManagedPolicy { readonly name: string; readonly arn: string; readonly source: string; readonly document: PolicyDocument }
interface PolicyDocument { readonly Statement: unknown }

export const MANAGED_POLICIES_PATH = join(dirname(fileURLToPath(import.meta.url)), 'aws-managed-policies.json');
const SNAPSHOT: { retrieved: string; policies: Record<string, { arn: string; source: string; document: PolicyDocument }> } =
  JSON.parse(readFileSync(MANAGED_POLICIES_PATH, 'utf8'));

/** The AWS managed policies the snapshot holds, by name. */
export const MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  Object.entries(SNAPSHOT.policies).map(([name, p]) => [name, { name, ...p }]),
);
export const MANAGED_POLICIES_RETRIEVED = SNAPSHOT.retrieved;

/** What a role may do, as far as the template shows it. */
export interface Grants {
  /** Allow patterns (actions as written, wildcards kept, e.g. `ecr:Get*`). */
  readonly allow: readonly string[];
  /** Allow statements with NotAction: every action except these patterns. */
  readonly allowAllBut: ReadonlyArray<readonly string[]>;
  /** Deny patterns, which win over any allow. */
  readonly deny: readonly string[];
  /** Every policy attached, whatever it grants: inline names, policy resources, managed policy names or ARNs. */
  readonly attached: readonly string[];
  /** Attached policies whose content the template does not show (a customer managed policy ARN, one outside the snapshot, a parameter). */
  readonly unknowns: readonly string[];
}

/** A role the task definition names: none, one of the template's roles, or one the template cannot show. */
export type RoleRef = { readonly kind: 'none' } | { readonly kind: 'template'; readonly id: string } | { readonly kind: 'external'; readonly why: string };

/** The role in the (service's) task definition's ExecutionRoleArn or TaskRoleArn. */
export function taskRole(t: TemplateView, which: 'ExecutionRoleArn' | 'TaskRoleArn'): RoleRef {
  const td = serviceTaskDefinition(t);
  if (!td) return { kind: 'none' };
  const value = t.resolve(td.props[which]);
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  if (isUnknown(value)) return { kind: 'external', why: `${which} of ${td.id}: ${value.why}` };
  const id = t.refersTo(value);
  if (id && t.byId(id)?.resource.Type === 'AWS::IAM::Role') return { kind: 'template', id };
  return { kind: 'external', why: `${which} of ${td.id} is ${describeValue(t, value)}, a role this template does not define` };
}

/**
 * Every grant of a role of the template: its inline Policies, AWS::IAM::Policy, AWS::IAM::RolePolicy and
 * AWS::IAM::ManagedPolicy resources attached to it, and its ManagedPolicyArns (AWS managed policies
 * expanded from the dated snapshot, whatever the partition in the ARN, so `!Sub arn:${AWS::Partition}:...` counts).
 */
export function roleGrants(t: TemplateView, roleId: string): Grants {
  const allow: string[] = [];
  const allowAllBut: string[][] = [];
  const deny: string[] = [];
  const attached: string[] = [];
  const unknowns: string[] = [];
  const addDocument = (what: string, doc: any) => {
    if (isUnknown(doc)) { unknowns.push(`${what} (${doc.why})`); return; }
    for (const st of toList(doc?.Statement)) {
      const s = st as Record<string, unknown>;
      const u = firstUnknown([s.Effect, s.Action, s.NotAction]);
      if (u) { unknowns.push(`${what} (${u.why})`); continue; }
      const actions = toList(s.Action).map(String);
      const notActions = toList(s.NotAction).map(String);
      // A conditional statement holds only for some requests: an allow under a condition is not known to
      // cover the agent's calls (an unknown, never a pass); a deny under a condition is not taken as a deny.
      if (s.Condition !== undefined) {
        if (s.Effect === 'Allow') unknowns.push(`${what} allows ${[...actions, ...notActions.map((a) => `all but ${a}`)].join(', ')} only under a condition`);
        continue;
      }
      if (s.Effect === 'Allow') {
        allow.push(...actions);
        if (notActions.length > 0) allowAllBut.push(notActions);
      } else if (s.Effect === 'Deny') {
        deny.push(...actions);
      }
    }
  };
  const role = t.byId(roleId);
  if (!role) return { allow, allowAllBut, deny, attached, unknowns };

  const inline = t.get(role, 'Policies');
  if (isUnknown(inline)) { attached.push('inline policies'); unknowns.push(`${roleId} Policies (${inline.why})`); }
  for (const p of isUnknown(inline) ? [] : toList(inline)) {
    const name = `inline ${String((p as any)?.PolicyName ?? '?')}`;
    attached.push(name);
    addDocument(name, (p as any)?.PolicyDocument);
  }
  const arns = t.get(role, 'ManagedPolicyArns');
  if (isUnknown(arns)) { attached.push('managed policies'); unknowns.push(`${roleId} ManagedPolicyArns (${arns.why})`); }
  for (const value of isUnknown(arns) ? [] : toList(arns)) {
    const m = managedPolicyOf(t, value);
    if ('policy' in m) { attached.push(m.policy.name); addDocument(m.policy.name, m.policy.document); }
    else if ('resource' in m) { attached.push(m.resource.id); addDocument(m.resource.id, t.get(m.resource, 'PolicyDocument')); }
    else { attached.push(m.unknown); unknowns.push(m.unknown); }
  }
  const attachedTo = (found: Found, key: 'Roles' | 'RoleName') => {
    const value = t.resolve(found.props[key]);
    return (key === 'Roles' ? toList(value) : [value]).some((r) => t.refersTo(r) === roleId);
  };
  const separate: Array<[string, 'Roles' | 'RoleName']> = [['AWS::IAM::Policy', 'Roles'], ['AWS::IAM::RolePolicy', 'RoleName'], ['AWS::IAM::ManagedPolicy', 'Roles']];
  for (const [type, key] of separate) {
    for (const p of t.ofType(type)) {
      if (attachedTo(p, key) && !attached.includes(p.id)) { attached.push(p.id); addDocument(p.id, t.get(p, 'PolicyDocument')); }
    }
  }
  return { allow, allowAllBut, deny, attached, unknowns };
}

/** Whether the grants allow an action (IAM matching: case-insensitive, `*` and `?` wildcards; a Deny wins). */
export function allows(g: Grants, action: string): boolean {
  if (g.deny.some((p) => actionMatches(p, action))) return false;
  return g.allow.some((p) => actionMatches(p, action)) || g.allowAllBut.some((not) => !not.some((p) => actionMatches(p, action)));
}

export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

/** A ManagedPolicyArns entry (resolved): an AWS managed policy of the snapshot, a policy resource of the template, or an unknown. */
function managedPolicyOf(t: TemplateView, value: unknown): { policy: ManagedPolicy } | { resource: Found } | { unknown: string } {
  if (isUnknown(value)) return { unknown: `a managed policy: ${value.why}` };
  const id = t.refersTo(value);
  const resource = id ? t.byId(id) : undefined;
  if (resource?.resource.Type === 'AWS::IAM::ManagedPolicy') return { resource };
  const m = typeof value === 'string' ? value.match(/^arn:aws[a-z-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/) : null;
  if (m) {
    const policy = MANAGED_POLICIES.get(m[1]);
    return policy ? { policy } : { unknown: `AWS managed policy ${m[1]} (not in the snapshot infra/rules/aws-managed-policies.json)` };
  }
  return { unknown: `managed policy ${describeValue(t, value)} (its document is not in the template)` };
}

function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
