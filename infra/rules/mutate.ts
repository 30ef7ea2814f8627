import type { CfnResource, CfnTemplate } from '../template/index.js';

/** The first resource of a type in a template (for building mutants); throws when there is none. */
export function first(t: CfnTemplate, type: string): CfnResource & { Properties: Record<string, any> } {
  const r = Object.values(t.Resources).find((x) => x.Type === type);
  if (!r) throw new Error(`mutant: the template has no ${type}`);
  r.Properties ??= {};
  return r as CfnResource & { Properties: Record<string, any> };
}

/** Sets `path` (dot separated, numeric parts index arrays) on the first resource of `type`. */
export function setProp(t: CfnTemplate, type: string, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: any = first(t, type).Properties;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  const last = parts[parts.length - 1];
  if (value === undefined) delete cur[last]; else cur[last] = value;
}

/** Removes every resource of a type. */
export function removeAll(t: CfnTemplate, type: string): void {
  for (const [id, r] of Object.entries(t.Resources)) if (r.Type === type) delete t.Resources[id];
}

/** The first container definition of the first task definition. */
export function container(t: CfnTemplate): Record<string, any> {
  return first(t, 'AWS::ECS::TaskDefinition').Properties.ContainerDefinitions[0];
}

/** Sets a target group attribute (adds it when absent). */
export function setTargetGroupAttribute(t: CfnTemplate, key: string, value: string): void {
  const props = first(t, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
  props.TargetGroupAttributes ??= [];
  const attr = props.TargetGroupAttributes.find((a: any) => a.Key === key);
  if (attr) attr.Value = value; else props.TargetGroupAttributes.push({ Key: key, Value: value });
}

/** The listener with a given port. */
export function listener(t: CfnTemplate, port: number): Record<string, any> {
  const l = Object.values(t.Resources).find((r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties?.Port === port);
  if (!l) throw new Error(`mutant: no listener on ${port}`);
  return l.Properties!;
}
