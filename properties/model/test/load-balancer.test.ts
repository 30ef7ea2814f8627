import { describe, expect, it } from 'vitest';
import { handleRequest, pickTarget, routableTargets } from '../load-balancer.js';
import type { Target } from '../target-group.js';
import { config } from './fixtures.js';

const target = (taskId: number, state: Target['state']): Target => ({ taskId, state, registeredAt: 0, consecutiveOk: 0, consecutiveFailed: 0 });

describe('listeners', () => {
  it('the HTTP listener redirects to HTTPS on 443 keeping host, path and query (template redirect)', () => {
    const http = config.listeners.find((l) => l.redirect !== undefined)!;
    const out = handleRequest(config.listeners, { port: http.port, host: 'dash.example.org', path: '/teams', query: 'a=1' });
    expect(out).toEqual({ kind: 'redirect', statusCode: Number(http.redirect!.statusCode.replace('HTTP_', '')), location: 'https://dash.example.org/teams?a=1' });
  });

  it('the HTTPS listener forwards to the target group; a port without listener is refused', () => {
    const https = config.listeners.find((l) => l.forwardsToTargetGroup)!;
    expect(handleRequest(config.listeners, { port: https.port, host: 'h', path: '/', query: '' })).toEqual({ kind: 'forward' });
    expect(handleRequest(config.listeners, { port: 8080, host: 'h', path: '/', query: '' })).toEqual({ kind: 'refused' });
  });

  it('a redirect that keeps #{port} sends to the original port', () => {
    const listeners = [{ id: 'L', port: 80, protocol: 'HTTP', forwardsToTargetGroup: false, redirect: { protocol: 'HTTPS', port: '#{port}', statusCode: 'HTTP_302' } }];
    expect(handleRequest(listeners, { port: 80, host: 'h', path: '/x', query: '' })).toEqual({ kind: 'redirect', statusCode: 302, location: 'https://h:80/x' });
  });
});

describe('routing', () => {
  it('routes only to healthy targets, never to draining ones', () => {
    const targets = [target(1, 'healthy'), target(2, 'unhealthy'), target(3, 'draining'), target(4, 'initial')];
    expect(routableTargets(targets).map((t) => t.taskId)).toEqual([1]);
  });

  it('fails open to every registered target when none is healthy (AWS behaviour)', () => {
    const targets = [target(1, 'unhealthy'), target(2, 'initial'), target(3, 'draining')];
    expect(routableTargets(targets).map((t) => t.taskId)).toEqual([1, 2]);
  });

  it('round robin over healthy targets', () => {
    const targets = [target(2, 'healthy'), target(1, 'healthy')];
    expect([0, 1, 2].map((i) => pickTarget(targets, i)?.taskId)).toEqual([1, 2, 1]);
    expect(pickTarget([], 0)).toBeUndefined();
  });
});
