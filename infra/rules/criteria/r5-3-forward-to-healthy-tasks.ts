import { listener } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.3', title: 'The HTTPS listener forwards to the service\'s target group', source: 'template',
  check: (s) => {
    const c = s.config();
    const https = c.listeners.find((l) => l.port === 443);
    if (!https) return fail('no listener on port 443');
    return https.forwardsToTargetGroup ? pass(`443 forwards to ${c.targetGroup.id}, the service's target group`) : fail('the 443 listener does not forward to the service\'s target group', https.id);
  },
  mutants: [{ description: '443 answers a fixed response', template: (t) => { listener(t, 443).DefaultActions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }]; } }],
};
