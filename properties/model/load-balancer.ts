import type { DeploymentConfig } from '../../infra/template/index.js';
import type { ListenerAction, ListenerRouting, RuleCondition } from '../../infra/template/routing.js';
import { ALB_FAILS_OPEN, LISTENER_RULES_LOWEST_PRIORITY_FIRST } from './aws-facts.js';
import { cidrContains } from './network.js';
import type { Target } from './target-group.js';

type Listener = DeploymentConfig['listeners'][number];

export interface HttpRequest { readonly port: number; readonly host: string; readonly path: string; readonly query: string }
export type ListenerOutcome =
  | { readonly kind: 'redirect'; readonly statusCode: number; readonly location: string }
  | { readonly kind: 'forward' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'fixed-or-other' };

/**
 * What the load balancer does with a request on a port: the listener's redirect (with ELB's
 * `#{protocol}`, `#{port}`, `#{host}`, `#{path}`, `#{query}` placeholders kept from the request when the
 * redirect does not override them), a forward to the target group, or no listener at all.
 */
export function handleRequest(listeners: readonly Listener[], req: HttpRequest): ListenerOutcome {
  const l = listeners.find((x) => x.port === req.port);
  if (!l) return { kind: 'refused' };
  if (l.redirect) {
    const protocol = fill(l.redirect.protocol, '#{protocol}', l.protocol).toLowerCase();
    const port = fill(l.redirect.port, '#{port}', String(req.port));
    const defaultPort = (protocol === 'https' && port === '443') || (protocol === 'http' && port === '80');
    const location = `${protocol}://${req.host}${defaultPort ? '' : `:${port}`}${req.path}${req.query ? `?${req.query}` : ''}`;
    return { kind: 'redirect', statusCode: Number(l.redirect.statusCode.replace('HTTP_', '')), location };
  }
  return l.forwardsToTargetGroup ? { kind: 'forward' } : { kind: 'fixed-or-other' };
}

function fill(value: string, placeholder: string, fromRequest: string): string {
  return value === placeholder ? fromRequest : value;
}

/**
 * The targets a new request may go to: the healthy ones; when none is healthy the ALB fails open to
 * every registered, non-draining target (AWS fact `ALB_FAILS_OPEN`). Draining targets get no new requests.
 */
export function routableTargets(targets: readonly Target[]): Target[] {
  const healthy = targets.filter((t) => t.state === 'healthy');
  if (healthy.length > 0 || !ALB_FAILS_OPEN) return healthy;
  return targets.filter((t) => t.state !== 'draining');
}

/** Round robin over the routable targets; `sequence` is the request's number. */
export function pickTarget(targets: readonly Target[], sequence: number): Target | undefined {
  const candidates = routableTargets(targets).sort((a, b) => a.taskId - b.taskId);
  return candidates.length === 0 ? undefined : candidates[sequence % candidates.length];
}

/** A request as the listener sees it: everything a listener rule condition can look at. */
export interface ListenerRequest extends HttpRequest {
  /** `http` or `https`: what the client speaks to the port. */
  readonly scheme: 'http' | 'https';
  readonly method: string;
  readonly sourceIp: string;
  /** Header names lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

export type RouteOutcome =
  | { readonly kind: 'redirect'; readonly by: string; readonly statusCode: number; readonly protocol: string; readonly host: string; readonly port: number; readonly path: string; readonly query: string; readonly location: string }
  | { readonly kind: 'forward'; readonly by: string; readonly targetGroups: readonly string[] }
  | { readonly kind: 'fixed-response'; readonly by: string; readonly statusCode: string }
  | { readonly kind: 'other'; readonly by: string; readonly type: string }
  | { readonly kind: 'refused'; readonly by: string };

/** ELB's wildcard match for rule conditions: `*` any run, `?` one character. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value);
}

function queryPairs(query: string): Array<{ key: string; value: string }> {
  return query === '' ? [] : query.split('&').map((p) => { const i = p.indexOf('='); return i < 0 ? { key: p, value: '' } : { key: p.slice(0, i), value: p.slice(i + 1) }; });
}

/**
 * Whether a request meets a rule condition (ELB User Guide, "Listener rules": host names and header
 * values are matched case-insensitively, paths case-sensitively, `*` and `?` are wildcards; a condition
 * matches when any of its values does, a rule when all its conditions do).
 */
export function conditionMatches(c: RuleCondition, req: ListenerRequest): boolean {
  switch (c.field) {
    case 'host-header': return c.values.some((v) => wildcard(v, req.host, true));
    case 'path-pattern': return c.values.some((v) => wildcard(v, req.path, false));
    case 'http-request-method': return c.values.includes(req.method);
    case 'source-ip': return c.values.some((v) => cidrContains(v, req.sourceIp));
    case 'http-header': {
      const value = req.headers[c.header.toLowerCase()];
      return value !== undefined && c.values.some((v) => wildcard(v, value, true));
    }
    case 'query-string': return queryPairs(req.query).some((p) => c.pairs.some((q) => (q.key === undefined || wildcard(q.key, p.key, true)) && wildcard(q.value, p.value, true)));
  }
}

/** A redirect component with ELB's reserved keywords filled from the request (`#{path}` without its leading "/"). */
function fillKeywords(value: string, req: ListenerRequest): string {
  return value.replace(/#\{(protocol|host|port|path|query)\}/g, (_, k: string) => {
    switch (k) {
      case 'protocol': return req.scheme;
      case 'host': return req.host;
      case 'port': return String(req.port);
      case 'path': return req.path.replace(/^\//, '');
      default: return req.query;
    }
  });
}

function perform(action: ListenerAction, by: string, req: ListenerRequest): RouteOutcome {
  switch (action.kind) {
    case 'redirect': {
      const r = action.redirect;
      const protocol = fillKeywords(r.protocol, req).toLowerCase();
      const host = fillKeywords(r.host, req);
      const port = Number(fillKeywords(r.port, req));
      const path = fillKeywords(r.path, req);
      const query = fillKeywords(r.query, req);
      const defaultPort = (protocol === 'https' && port === 443) || (protocol === 'http' && port === 80);
      const location = `${protocol}://${host}${defaultPort ? '' : `:${port}`}${path}${query ? `?${query}` : ''}`;
      return { kind: 'redirect', by, statusCode: Number(r.statusCode.replace('HTTP_', '')), protocol, host, port, path, query, location };
    }
    case 'forward': return { kind: 'forward', by, targetGroups: action.targetGroups };
    case 'fixed-response': return { kind: 'fixed-response', by, statusCode: action.statusCode };
    default: return { kind: 'other', by, type: action.type };
  }
}

/**
 * What the load balancer does with a request: the listener on its port (none, or one speaking another
 * protocol: refused), then the first rule in priority order whose conditions all match, else the
 * default action (ELB User Guide, "Listener rules for your Application Load Balancer").
 */
export function routeRequest(listeners: readonly ListenerRouting[], req: ListenerRequest): RouteOutcome {
  const l = listeners.find((x) => x.port === req.port);
  if (!l) return { kind: 'refused', by: `no listener on port ${req.port}` };
  if (l.protocol.toLowerCase() !== req.scheme) return { kind: 'refused', by: `listener ${l.id} on ${req.port} speaks ${l.protocol}, not ${req.scheme.toUpperCase()}` };
  const ordered = [...l.rules].sort((a, b) => (LISTENER_RULES_LOWEST_PRIORITY_FIRST ? a.priority - b.priority : b.priority - a.priority));
  const rule = ordered.find((r) => r.conditions.every((c) => conditionMatches(c, req)));
  return rule ? perform(rule.action, `rule ${rule.id} (priority ${rule.priority}) of listener ${l.id}`, req) : perform(l.defaultAction, `default action of listener ${l.id}`, req);
}

/**
 * For every rule of every listener, one request that meets all its conditions (the first value of each,
 * wildcards filled in): running these makes sure each rule is exercised on every run, not by chance.
 */
export function ruleWitnesses(listeners: readonly ListenerRouting[], base: ListenerRequest): ListenerRequest[] {
  const fill = (pattern: string) => pattern.replace(/\*/g, 'x').replace(/\?/g, 'y');
  const out: ListenerRequest[] = [];
  for (const l of listeners) {
    for (const rule of l.rules) {
      let req: ListenerRequest = { ...base, port: l.port };
      for (const c of rule.conditions) {
        switch (c.field) {
          case 'host-header': req = { ...req, host: fill(c.values[0] ?? req.host) }; break;
          case 'path-pattern': req = { ...req, path: fill(c.values[0] ?? req.path) }; break;
          case 'http-request-method': req = { ...req, method: c.values[0] ?? req.method }; break;
          case 'source-ip': req = { ...req, sourceIp: (c.values[0] ?? `${req.sourceIp}/32`).split('/')[0] }; break;
          case 'http-header': req = { ...req, headers: { ...req.headers, [c.header.toLowerCase()]: fill(c.values[0] ?? '') } }; break;
          case 'query-string': {
            const p = c.pairs[0];
            if (p) req = { ...req, query: [req.query, `${fill(p.key ?? 'k')}=${fill(p.value)}`].filter(Boolean).join('&') };
            break;
          }
        }
      }
      out.push(req);
    }
  }
  return out;
}
