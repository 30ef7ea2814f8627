import type { DeploymentConfig } from '../../infra/template/index.js';
import { ALB_FAILS_OPEN } from './aws-facts.js';
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
