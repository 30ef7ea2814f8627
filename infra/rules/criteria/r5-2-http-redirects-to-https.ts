import { listener } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.2', title: 'HTTP on 80 is answered with a redirect to HTTPS on 443', source: 'template',
  check: (s) => {
    const http = s.config().listeners.find((l) => l.port === 80);
    if (!http) return fail('no listener on port 80');
    const r = http.redirect;
    if (!r) return fail('the port 80 listener does not redirect', http.id);
    if (r.protocol !== 'HTTPS' || r.port !== '443') return fail(`port 80 redirects to ${r.protocol}:${r.port}`, http.id);
    return pass(`port 80 redirects to HTTPS:443 (${r.statusCode})`);
  },
  mutants: [{ description: 'port 80 redirects to HTTP', template: (t) => { listener(t, 80).DefaultActions[0].RedirectConfig.Protocol = 'HTTP'; } }],
};
