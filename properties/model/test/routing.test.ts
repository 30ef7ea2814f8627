import { describe, expect, it } from 'vitest';
import type { ListenerRouting } from '../../../infra/template/routing.js';
import { routeRequest, ruleWitnesses, type ListenerRequest } from '../load-balancer.js';
import { config } from './fixtures.js';

const REQ: ListenerRequest = { scheme: 'http', port: 80, host: 'Dash.Example.com', path: '/a/b', query: 'x=1', method: 'GET', sourceIp: '198.51.100.9', headers: {} };
const redirect = { protocol: '#{protocol}', host: '#{host}', port: '#{port}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_302' };

describe('listener routing', () => {
  it('the committed template: port 80 redirects to https on 443 with host, path and query kept', () => {
    expect(routeRequest(config.routing, REQ)).toMatchObject({ kind: 'redirect', statusCode: 301, location: 'https://Dash.Example.com/a/b?x=1' });
  });

  it('rules are tried lowest priority first; the default action only when none matches', () => {
    const l: ListenerRouting = {
      id: 'L', port: 80, protocol: 'HTTP', defaultAction: { kind: 'redirect', redirect: { ...redirect, protocol: 'HTTPS', port: '443' } },
      rules: [
        { id: 'R1', priority: 1, conditions: [{ field: 'host-header', values: ['*.example.com'] }, { field: 'path-pattern', values: ['/a/*'] }], action: { kind: 'forward', targetGroups: ['TG'] } },
        { id: 'R2', priority: 2, conditions: [{ field: 'path-pattern', values: ['/*'] }], action: { kind: 'fixed-response', statusCode: '404' } },
      ],
    };
    expect(routeRequest([l], REQ)).toMatchObject({ kind: 'forward', by: expect.stringContaining('R1') });
    expect(routeRequest([l], { ...REQ, path: '/A/b' })).toMatchObject({ kind: 'fixed-response' });
    expect(routeRequest([l], { ...REQ, host: 'other.net', path: 'nopath' })).toMatchObject({ kind: 'redirect', location: 'https://other.net/nopath?x=1' });
    expect(ruleWitnesses([l], REQ).map((w) => routeRequest([l], w).kind)).toEqual(['forward', 'fixed-response']);
  });

  it('redirect fields: keywords are filled from the request, a set field replaces it', () => {
    const l = (r: Partial<typeof redirect>): ListenerRouting => ({ id: 'L', port: 80, protocol: 'HTTP', rules: [], defaultAction: { kind: 'redirect', redirect: { ...redirect, ...r } } });
    expect(routeRequest([l({})], REQ)).toMatchObject({ location: 'http://Dash.Example.com/a/b?x=1' });
    expect(routeRequest([l({ protocol: 'HTTPS', port: '8443', host: 'www.#{host}', path: '/new/#{path}', query: '#{query}&y=2' })], REQ))
      .toMatchObject({ location: 'https://www.Dash.Example.com:8443/new/a/b?x=1&y=2' });
  });

  it('a listener speaking HTTPS on port 80 refuses plain HTTP; no listener refuses', () => {
    const https: ListenerRouting = { id: 'L', port: 80, protocol: 'HTTPS', rules: [], defaultAction: { kind: 'forward', targetGroups: [] } };
    expect(routeRequest([https], REQ).kind).toBe('refused');
    expect(routeRequest([], REQ).kind).toBe('refused');
  });

  it('source-ip, method, header and query-string conditions', () => {
    const only = (conditions: ListenerRouting['rules'][number]['conditions']): ListenerRouting[] => [{ id: 'L', port: 80, protocol: 'HTTP', rules: [{ id: 'R', priority: 5, conditions, action: { kind: 'forward', targetGroups: ['TG'] } }], defaultAction: { kind: 'fixed-response', statusCode: '403' } }];
    expect(routeRequest(only([{ field: 'source-ip', values: ['198.51.100.0/24'] }]), REQ).kind).toBe('forward');
    expect(routeRequest(only([{ field: 'http-request-method', values: ['POST'] }]), REQ).kind).toBe('fixed-response');
    expect(routeRequest(only([{ field: 'http-header', header: 'User-Agent', values: ['curl*'] }]), { ...REQ, headers: { 'user-agent': 'curl/8' } }).kind).toBe('forward');
    expect(routeRequest(only([{ field: 'query-string', pairs: [{ key: 'x', value: '1' }] }]), REQ).kind).toBe('forward');
  });
});
