import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { listener } from '../infra/rules/mutate.js';
import { handleRequest } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P19 HTTPS redirect (R5.2): any HTTP request on port 80, whatever its host, path and query, is
 * answered with a permanent or temporary redirect to the same host, path and query over HTTPS on 443.
 */
const evidence = new PropertyEvidence('P19', ['R5.2']);
afterAll(() => { evidence.write(); });

const requests = fc.record({
  host: fc.domain(),
  path: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  query: fc.oneof(fc.constant(''), fc.webQueryParameters()),
});

function redirectsToHttps(config: DeploymentConfig) {
  return fc.property(requests, ({ host, path, query }) => {
    const outcome = handleRequest(config.listeners, { port: SPEC.httpPort, host, path, query });
    if (outcome.kind !== 'redirect') throw new Error(`port ${SPEC.httpPort} answered with ${outcome.kind}, not a redirect`);
    if (outcome.statusCode !== 301 && outcome.statusCode !== 302) throw new Error(`redirect status ${outcome.statusCode}`);
    const to = new URL(outcome.location);
    const port = to.port === '' ? SPEC.httpsPort : Number(to.port);
    if (to.protocol !== 'https:' || port !== SPEC.httpsPort) throw new Error(`redirected to ${outcome.location}`);
    if (to.hostname !== new URL(`http://${host}`).hostname) throw new Error(`redirect changed the host to ${to.hostname}`);
    if (!outcome.location.endsWith(`${path}${query ? `?${query}` : ''}`)) throw new Error(`redirect lost the path or query: ${outcome.location}`);
  });
}

describe('P19 HTTPS redirect', () => {
  it('P19 every HTTP request on port 80 is redirected to HTTPS on port 443 with host, path and query kept', () => {
    assertHolds(evidence, 'P19 holds on the template under test', redirectsToHttps(configUnderTest));
  });

  it('P19 rejects a redirect to port 8443', () => {
    expectRejects(evidence, 'P19 mutant RedirectConfig Port 8443', redirectsToHttps(mutantConfig('redirect to 8443',
      (t) => { listener(t, SPEC.httpPort).DefaultActions[0].RedirectConfig.Port = '8443'; })));
  });

  it('P19 rejects an HTTP listener that forwards to the targets', () => {
    expectRejects(evidence, 'P19 mutant port 80 forwards', redirectsToHttps(mutantConfig('port 80 forwards', (t) => {
      listener(t, SPEC.httpPort).DefaultActions = [{ Type: 'forward', TargetGroupArn: { Ref: configUnderTest.targetGroup.id } }];
    })));
  });
});
