import { isUnknown, type Found, type TemplateView } from '../template/index.js';

/** The service's task definition (by its TaskDefinition reference), else the template's first one. */
export function serviceTaskDefinition(t: TemplateView): Found | undefined {
  const service = t.maybeOne('AWS::ECS::Service');
  const id = service ? t.refersTo(service.props.TaskDefinition) : undefined;
  return (id ? t.byId(id) : undefined) ?? t.maybeOne('AWS::ECS::TaskDefinition');
}

/** A value in a few words, for a reason: the unknown it resolves to, or its expression. */
export function describeValue(t: TemplateView, raw: unknown): string {
  const v = t.resolve(raw);
  if (isUnknown(v)) return v.why;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
