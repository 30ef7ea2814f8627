import type { ListenerAction } from '../../template/routing.js';
import { listener } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/** Why an action is not a redirect of the request to HTTPS on 443 of the same host, path and query; undefined when it is. */
function notSameUrlOnHttps(a: ListenerAction): string | undefined {
  if (a.kind !== 'redirect') return a.kind === 'forward' ? `forwards plain HTTP to ${a.targetGroups.join(', ')}` : a.kind === 'fixed-response' ? `answers ${a.statusCode}` : `runs a ${a.type} action`;
  const r = a.redirect;
  if (r.protocol !== 'HTTPS' || r.port !== '443') return `redirects to ${r.protocol}:${r.port}`;
  if (r.host !== '#{host}') return `redirects to host ${r.host}`;
  if (r.path !== '/#{path}' || r.query !== '#{query}') return `redirects to path ${r.path} and query ${r.query || '(none)'}`;
  if (r.statusCode !== 'HTTP_301' && r.statusCode !== 'HTTP_302') return `redirects with status ${r.statusCode}`;
  return undefined;
}

export const rule: Rule = {
  id: 'R5.2', title: 'HTTP on 80 is answered with a redirect to HTTPS on 443 (same host, path and query), by every listener rule and the default action', source: 'template',
  check: (s) => {
    const http = s.config().routing.find((l) => l.port === 80);
    // Reading the load balancer first: when it lives in another stack, so may its listeners (NOT VERIFIED).
    if (!http) return fail(`no listener on port 80 of ${s.config().loadBalancer.id}`);
    if (http.protocol !== 'HTTP') return fail(`the port 80 listener speaks ${http.protocol}, not HTTP`, http.id);
    for (const r of http.rules) {
      const why = notSameUrlOnHttps(r.action);
      if (why) return fail(`port 80 rule ${r.id} (priority ${r.priority}) ${why}`, r.id);
    }
    const why = notSameUrlOnHttps(http.defaultAction);
    if (why) return fail(`the port 80 listener's default action ${why}`, http.id);
    const status = http.defaultAction.kind === 'redirect' ? http.defaultAction.redirect.statusCode : '';
    return pass(`port 80 redirects to HTTPS:443, same host, path and query (${status})${http.rules.length ? `, and so do its ${http.rules.length} rule(s)` : ''}`);
  },
  mutants: [
    { description: 'port 80 redirects to HTTP', template: (t) => { listener(t, 80).DefaultActions[0].RedirectConfig.Protocol = 'HTTP'; } },
    { description: 'port 80 redirects to another host', template: (t) => { listener(t, 80).DefaultActions[0].RedirectConfig.Host = 'elsewhere.example.net'; } },
    {
      description: 'a port 80 listener rule forwards plain HTTP before the redirect',
      template: (t) => {
        const [httpId] = Object.entries(t.Resources).find(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties?.Port === 80)!;
        const [tgId] = Object.entries(t.Resources).find(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup')!;
        t.Resources.MutantHttpForwardRule = {
          Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          Properties: { ListenerArn: { Ref: httpId }, Priority: 1, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }], Actions: [{ Type: 'forward', TargetGroupArn: { Ref: tgId } }] },
        };
      },
    },
  ],
};
