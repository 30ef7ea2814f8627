import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CfnTemplate, DeploymentConfig } from '../infra/template/index.js';
import { listener } from '../infra/rules/mutate.js';
import { routeRequest, ruleWitnesses, type ListenerRequest } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configOf, configUnderTest, mutantConfig, MutantBuildError } from './support/template.js';

/**
 * P19 HTTPS redirect (R5.2): any HTTP request on port 80, whatever its host, path, query, method, source
 * address and headers, is answered with a permanent or temporary redirect to the same host, path and
 * query over HTTPS on 443. The model routes it as the load balancer does: the listener on the port, its
 * rules in priority order (conditions, actions), then its default action, with every redirect field
 * (protocol, host, port, path, query, status) as the template sets it or the API defaults it. Besides
 * random requests, every listener rule's own witness (a request meeting all its conditions) is sent on
 * every run, so a rule that forwards some plain HTTP is found deterministically.
 */
const evidence = new PropertyEvidence('P19', ['R5.2']);
afterAll(() => { evidence.write(); });

const BASE: ListenerRequest = { scheme: 'http', port: SPEC.httpPort, host: 'dashboard.example.com', path: '/leaderboard', query: 'hackathon=h1&tab=scores', method: 'GET', sourceIp: '203.0.113.7', headers: {} };

const randomRequests: fc.Arbitrary<ListenerRequest> = fc.record({
  host: fc.domain(),
  path: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  query: fc.oneof(fc.constant(''), fc.webQueryParameters()),
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
  sourceIp: fc.ipV4(),
  userAgent: fc.constantFrom('Mozilla/5.0', 'curl/8.5.0', 'ELB-HealthChecker/2.0'),
}).map(({ userAgent, ...r }) => ({ ...BASE, ...r, headers: { 'user-agent': userAgent } }));

/** The HTTP requests every run sends: the base request and one witness per rule of the port-80 listener. */
function witnesses(config: DeploymentConfig): ListenerRequest[] {
  // No listener on 80 here: when the load balancer is in another stack, so may its listeners be, and
  // reading it is an UnknownValueError (NOT VERIFIED) rather than "refused".
  if (!config.routing.some((l) => l.port === SPEC.httpPort)) void config.loadBalancer.id;
  return [BASE, ...ruleWitnesses(config.routing.filter((l) => l.port === SPEC.httpPort), BASE)];
}

/** What is wrong with the answer to one HTTP request on port 80, or undefined when it is the redirect P19 wants. */
function problem(config: DeploymentConfig, req: ListenerRequest): string | undefined {
  const o = routeRequest(config.routing, req);
  const what = `HTTP ${req.method} http://${req.host}${req.path}${req.query ? `?${req.query}` : ''}`;
  if (o.kind !== 'redirect') {
    const answer = o.kind === 'forward' ? `forwarded in plain HTTP to ${o.targetGroups.join(', ')}` : o.kind === 'fixed-response' ? `answered ${o.statusCode}` : o.kind === 'refused' ? 'refused' : `answered by a ${o.type} action`;
    return `${what}: ${answer} (${o.by}), not redirected`;
  }
  if (o.statusCode !== 301 && o.statusCode !== 302) return `${what}: redirect status ${o.statusCode} (${o.by})`;
  if (o.protocol !== 'https' || o.port !== SPEC.httpsPort) return `${what}: redirected to ${o.location}, not HTTPS on ${SPEC.httpsPort} (${o.by})`;
  if (o.host.toLowerCase() !== req.host.toLowerCase()) return `${what}: redirected to another host, ${o.location} (${o.by})`;
  if (o.path !== req.path || o.query !== req.query) return `${what}: redirect to ${o.location} loses the path or query (${o.by})`;
  return undefined;
}

function redirectsToHttps(config: DeploymentConfig) {
  const fixed = witnesses(config);
  return fc.property(fc.oneof({ arbitrary: randomRequests, weight: 3 }, { arbitrary: fc.constantFrom(...fixed), weight: 1 }), (req) => {
    const p = problem(config, req);
    if (p) throw new Error(p);
  });
}

/** The first witness that is not redirected as P19 wants: the deterministic half of the check. */
function witnessProblem(config: DeploymentConfig): string | undefined {
  for (const w of witnesses(config)) { const p = problem(config, w); if (p) return p; }
  return undefined;
}

/** Rejected by both halves: the witness sweep and the property. */
function rejects(test: string, config: DeploymentConfig): void {
  const p = witnessProblem(config);
  evidence.fact(`${test}: shown by a rule witness`, p !== undefined, p ?? 'every witness was redirected: NOT shown');
  expect(p, `${test}: no rule witness shows it`).toBeDefined();
  expectRejects(evidence, test, redirectsToHttps(config));
}

/** The port-80 listener's redirect in a template being mutated. */
const httpRedirect = (t: CfnTemplate) => listener(t, SPEC.httpPort).DefaultActions.find((a: any) => a.Type === 'redirect').RedirectConfig;

describe('P19 HTTPS redirect', () => {
  it('P19 every HTTP request on port 80 is redirected to HTTPS on port 443 with host, path and query kept', () => {
    const p = witnessProblem(configUnderTest);
    evidence.fact('P19 every listener rule witness and the base request are redirected', p === undefined, p ?? `${witnesses(configUnderTest).length} request(s) redirected`);
    if (p) throw new Error(`a listener rule's witness is not redirected to HTTPS: ${p}`);
    assertHolds(evidence, 'P19 holds on the template under test', redirectsToHttps(configUnderTest));
  });

  it('P19 rejects a redirect to port 8443', () => {
    rejects('P19 mutant RedirectConfig Port 8443', mutantConfig('redirect to 8443', (t) => { httpRedirect(t).Port = '8443'; }));
  });

  it('P19 rejects a redirect to plain HTTP', () => {
    rejects('P19 mutant RedirectConfig Protocol HTTP', mutantConfig('redirect to http', (t) => { httpRedirect(t).Protocol = 'HTTP'; }));
  });

  it('P19 rejects a redirect to another host', () => {
    rejects('P19 mutant RedirectConfig Host elsewhere.example.net', mutantConfig('redirect to another host', (t) => { httpRedirect(t).Host = 'elsewhere.example.net'; }));
  });

  it('P19 rejects a redirect that drops the path', () => {
    rejects('P19 mutant RedirectConfig Path /', mutantConfig('redirect to /', (t) => { httpRedirect(t).Path = '/'; }));
  });

  it('P19 rejects a redirect that drops the query', () => {
    rejects('P19 mutant RedirectConfig Query ""', mutantConfig('redirect without the query', (t) => { httpRedirect(t).Query = ''; }));
  });

  it('P19 rejects an HTTP listener that forwards to the targets', () => {
    rejects('P19 mutant port 80 forwards', mutantConfig('port 80 forwards', (t) => {
      const tg = configOf(t).targetGroup.id;
      listener(t, SPEC.httpPort).DefaultActions = [{ Type: 'forward', TargetGroupArn: { Ref: tg } }];
    }));
  });

  it('P19 rejects an HTTP listener rule that forwards plain HTTP before the redirect', () => {
    rejects('P19 mutant ListenerRule priority 1 forwards /admin/* on port 80', mutantConfig('port 80 rule forwards /admin/*', (t) => {
      const c = configOf(t);
      const http = c.routing.find((l) => l.port === SPEC.httpPort);
      if (!http) throw new MutantBuildError('no listener on port 80');
      t.Resources.MutantHttpForwardRule = {
        Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        Properties: {
          ListenerArn: { Ref: http.id }, Priority: 1,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: c.targetGroup.id } }],
        },
      };
    }));
  });
});
