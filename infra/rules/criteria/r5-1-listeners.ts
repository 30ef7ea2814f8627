import { listener } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.1', title: 'The ALB listens on 80 (HTTP) and 443 (HTTPS with a certificate)', source: 'template',
  check: (s) => {
    const { listeners } = s.config();
    const http = listeners.find((l) => l.port === 80 && l.protocol === 'HTTP');
    const https = listeners.find((l) => l.port === 443 && l.protocol === 'HTTPS');
    if (!http) return fail('no HTTP listener on port 80');
    if (!https) return fail('no HTTPS listener on port 443');
    const certs = s.template.byId(https.id)?.props.Certificates;
    if (!Array.isArray(certs) || certs.length === 0) return fail('the HTTPS listener has no certificate', https.id);
    return pass('listeners HTTP:80 and HTTPS:443 with a certificate');
  },
  mutants: [{ description: 'HTTPS listener downgraded to HTTP on 443', template: (t) => { const l = listener(t, 443); l.Protocol = 'HTTP'; delete l.Certificates; delete l.SslPolicy; } }],
};
