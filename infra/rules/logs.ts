import { isUnknown, UnknownValueError, type Found } from '../template/index.js';
import type { RuleSubject } from './types.js';

/** Where the service's container sends its logs with the awslogs driver. */
export type LogTarget =
  | { readonly kind: 'named'; readonly name: string; readonly group: Found | undefined; readonly createGroup: boolean }
  | { readonly kind: 'generated'; readonly resourceId: string; readonly group: Found }
  | { readonly kind: 'none'; readonly why: string };

/** The load-balanced container of the service's task definition (else its first container). */
export function mainContainer(s: RuleSubject): { task: Found; container: Record<string, any> } {
  const t = s.template;
  const task = t.byId(s.config().task.id)!;
  const containers = listOf(t.get(task, 'ContainerDefinitions'), `${task.resource.Type} ${task.id} ContainerDefinitions`);
  const service = t.byId(s.config().service.id);
  const lbName = service ? (t.get(service, 'LoadBalancers') ?? [])[0]?.ContainerName : undefined;
  return { task, container: containers.find((c) => c?.Name === lbName) ?? containers[0] ?? {} };
}

export function awslogsGroup(s: RuleSubject): LogTarget {
  const t = s.template;
  const { task, container } = mainContainer(s);
  const log = container.LogConfiguration;
  const what = `container ${String(container.Name ?? '')} of ${task.id} LogConfiguration`;
  if (isUnknown(log)) throw new UnknownValueError(what, log.why);
  if (!log) return { kind: 'none', why: 'no LogConfiguration' };
  if (isUnknown(log.LogDriver)) throw new UnknownValueError(`${what}.LogDriver`, log.LogDriver.why);
  if (log.LogDriver !== 'awslogs') return { kind: 'none', why: `LogDriver ${String(log.LogDriver)}` };
  const value = log.Options?.['awslogs-group'];
  const createGroup = String(log.Options?.['awslogs-create-group'] ?? 'false') === 'true';
  if (isUnknown(value)) throw new UnknownValueError(`${what} awslogs-group`, value.why);
  const groups = t.ofType('AWS::Logs::LogGroup');
  if (typeof value === 'string') return { kind: 'named', name: value, group: groups.find((g) => t.get(g, 'LogGroupName') === value), createGroup };
  const id = t.refersTo(value);
  const group = id ? t.byId(id) : undefined;
  if (!group || group.resource.Type !== 'AWS::Logs::LogGroup') return { kind: 'none', why: `awslogs-group is ${JSON.stringify(value)}` };
  const name = t.get(group, 'LogGroupName');
  if (isUnknown(name)) throw new UnknownValueError(`AWS::Logs::LogGroup ${group.id} LogGroupName`, name.why);
  if (name === undefined) return { kind: 'generated', resourceId: group.id, group };
  return typeof name === 'string' ? { kind: 'named', name, group, createGroup } : { kind: 'none', why: `LogGroupName is ${JSON.stringify(name)}` };
}

/** A list property, resolved: an unknown list is an UnknownValueError naming it (its items may still hold unknowns). */
export function listOf(value: unknown, what: string): any[] {
  if (isUnknown(value)) throw new UnknownValueError(what, value.why);
  return Array.isArray(value) ? value : [];
}
