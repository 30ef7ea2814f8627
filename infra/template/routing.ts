import { UnknownValueError } from './errors.js';
import type { Found, TemplateView } from './view.js';

/**
 * What each listener of the template does with a request: its rules (`AWS::ElasticLoadBalancingV2::ListenerRule`,
 * in priority order, each with its conditions and the action that ends it) and its default action, with
 * every field of a redirect as written or as the ELBv2 API defaults it (a component not given keeps the
 * request's: `#{protocol}`, `#{host}`, `#{port}`, `/#{path}`, `#{query}`). Only reads; the load
 * balancer's behaviour is the model's (`properties/model/load-balancer.ts`).
 */

export interface RedirectConfig {
  readonly protocol: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly query: string;
  /** `HTTP_301` or `HTTP_302`. */
  readonly statusCode: string;
}

/** The action that ends a rule (the last one when a rule also authenticates). */
export type ListenerAction =
  | { readonly kind: 'redirect'; readonly redirect: RedirectConfig }
  | { readonly kind: 'forward'; readonly targetGroups: readonly string[] }
  | { readonly kind: 'fixed-response'; readonly statusCode: string }
  | { readonly kind: 'other'; readonly type: string };

/** One condition of a rule; a request must match every condition of the rule, and any value of each. */
export type RuleCondition =
  | { readonly field: 'host-header' | 'path-pattern' | 'http-request-method' | 'source-ip'; readonly values: readonly string[] }
  | { readonly field: 'http-header'; readonly header: string; readonly values: readonly string[] }
  | { readonly field: 'query-string'; readonly pairs: ReadonlyArray<{ readonly key?: string; readonly value: string }> };

export interface ListenerRule { readonly id: string; readonly priority: number; readonly conditions: readonly RuleCondition[]; readonly action: ListenerAction }

export interface ListenerRouting {
  readonly id: string;
  readonly port: number;
  readonly protocol: string;
  /** Lowest priority first: the order the load balancer evaluates them in. */
  readonly rules: readonly ListenerRule[];
  readonly defaultAction: ListenerAction;
}

function text(t: TemplateView, value: unknown, what: string): string {
  const v = t.resolve(value);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new UnknownValueError(what, `it is ${JSON.stringify(v)}, not a value the template fixes`);
}

function texts(t: TemplateView, value: unknown, what: string): string[] {
  const v = t.resolve(value);
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x, i) => text(t, x, `${what}[${i}]`));
}

function actionOf(t: TemplateView, actions: unknown, what: string): ListenerAction {
  const list: any[] = t.resolve(actions) ?? [];
  if (!Array.isArray(list) || list.length === 0) throw new UnknownValueError(what, 'it has no action');
  // The action with the highest Order ends the rule (authenticate-* actions come before it).
  const last = [...list].sort((a, b) => Number(a.Order ?? 0) - Number(b.Order ?? 0)).at(-1);
  const type = String(last.Type);
  if (type === 'redirect') {
    const r = last.RedirectConfig ?? {};
    const field = (key: string, fallback: string) => (r[key] === undefined ? fallback : text(t, r[key], `${what} RedirectConfig.${key}`));
    return {
      kind: 'redirect',
      redirect: {
        protocol: field('Protocol', '#{protocol}'), host: field('Host', '#{host}'), port: field('Port', '#{port}'),
        path: field('Path', '/#{path}'), query: field('Query', '#{query}'), statusCode: field('StatusCode', ''),
      },
    };
  }
  if (type === 'forward') {
    const groups = [last.TargetGroupArn, ...((last.ForwardConfig?.TargetGroups ?? []) as any[]).map((g) => g.TargetGroupArn)]
      .filter((g) => g !== undefined).map((g) => t.refersTo(g) ?? JSON.stringify(t.resolve(g)));
    return { kind: 'forward', targetGroups: groups };
  }
  if (type === 'fixed-response') return { kind: 'fixed-response', statusCode: String(last.FixedResponseConfig?.StatusCode ?? '') };
  return { kind: 'other', type };
}

function conditionsOf(t: TemplateView, rule: Found): RuleCondition[] {
  const raw: any[] = t.resolve(rule.props.Conditions) ?? [];
  const what = (f: string) => `${rule.resource.Type} ${rule.id} condition ${f}`;
  return raw.map((c): RuleCondition => {
    const field = String(c.Field);
    const config = (key: string) => c[key] as Record<string, unknown> | undefined;
    if (config('HostHeaderConfig')?.RegexValues || config('PathPatternConfig')?.RegexValues || config('HttpHeaderConfig')?.RegexValues) {
      throw new UnknownValueError(what(field), 'regular-expression conditions are not modelled');
    }
    switch (field) {
      case 'host-header': return { field, values: texts(t, config('HostHeaderConfig')?.Values ?? c.Values, what(field)) };
      case 'path-pattern': return { field, values: texts(t, config('PathPatternConfig')?.Values ?? c.Values, what(field)) };
      case 'http-request-method': return { field, values: texts(t, config('HttpRequestMethodConfig')?.Values ?? c.Values, what(field)) };
      case 'source-ip': return { field, values: texts(t, config('SourceIpConfig')?.Values ?? c.Values, what(field)) };
      case 'http-header': return {
        field, header: text(t, config('HttpHeaderConfig')?.HttpHeaderName, what(field)), values: texts(t, config('HttpHeaderConfig')?.Values, what(field)),
      };
      case 'query-string': return {
        field, pairs: ((config('QueryStringConfig')?.Values ?? []) as any[]).map((p) => ({ ...(p.Key === undefined ? {} : { key: text(t, p.Key, what(field)) }), value: text(t, p.Value, what(field)) })),
      };
      default: throw new UnknownValueError(what(field), `the condition field ${field} is not modelled`);
    }
  });
}

/** Every listener of the template with its rules and default action. */
export function listenerRouting(t: TemplateView): ListenerRouting[] {
  const rules = t.ofType('AWS::ElasticLoadBalancingV2::ListenerRule');
  return t.ofType('AWS::ElasticLoadBalancingV2::Listener').map((l) => ({
    id: l.id,
    port: t.number(l, 'Port'),
    protocol: String(t.get(l, 'Protocol') ?? ''),
    rules: rules.filter((r) => t.refersTo(r.props.ListenerArn) === l.id)
      .map((r) => ({ id: r.id, priority: t.number(r, 'Priority'), conditions: conditionsOf(t, r), action: actionOf(t, r.props.Actions, `${r.resource.Type} ${r.id} Actions`) }))
      .sort((a, b) => a.priority - b.priority),
    defaultAction: actionOf(t, l.props.DefaultActions, `${l.resource.Type} ${l.id} DefaultActions`),
  }));
}
