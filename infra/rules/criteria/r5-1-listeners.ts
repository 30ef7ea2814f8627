import { isUnknown } from '../../template/index.js';
import { listener } from '../mutate.js';
import { fail, pass, unknown, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.1', title: 'The ALB listens on 80 (HTTP) and 443 (HTTPS with a certificate)', source: 'template',
  check: (s) => {
    const { listeners } = s.config();
    // No listener here: when the load balancer itself lives in another stack, so may its listeners.
    if (listeners.length === 0) return fail(`no listener on ${s.config().loadBalancer.id}`);
    const http = listeners.find((l) => l.port === 80 && l.protocol === 'HTTP');
    const https = listeners.find((l) => l.port === 443 && l.protocol === 'HTTPS');
    if (!http) return fail(`no HTTP listener on port 80 (listeners: ${listeners.map((l) => `${l.protocol}:${l.port}`).join(', ')})`);
    if (!https) return fail(`no HTTPS listener on port 443 (listeners: ${listeners.map((l) => `${l.protocol}:${l.port}`).join(', ')})`);
    const certs = s.template.get(s.template.byId(https.id)!, 'Certificates');
    if (isUnknown(certs)) return unknown(`whether the HTTPS listener has a certificate depends on ${certs.why}`, https.id);
    const extra = s.template.ofType('AWS::ElasticLoadBalancingV2::ListenerCertificate').filter((c) => s.template.refersTo(c.props.ListenerArn) === https.id);
    if ((!Array.isArray(certs) || certs.length === 0) && extra.length === 0) return fail('the HTTPS listener has no certificate', https.id);
    return pass('listeners HTTP:80 and HTTPS:443 with a certificate');
  },
  mutants: [{ description: 'HTTPS listener downgraded to HTTP on 443', template: (t) => { const l = listener(t, 443); l.Protocol = 'HTTP'; delete l.Certificates; delete l.SslPolicy; } }],
};
