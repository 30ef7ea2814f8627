import { carries, outputsOf } from '../outputs.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.7', title: 'The ALB\'s DNS name is a stack output (alone or inside a URL)', source: 'template',
  check: (s) => {
    const lb = s.config().loadBalancer;
    const out = outputsOf(s.template).find(([, o]) => carries(s.template.resolve(o.Value), lb.id, 'DNSName'));
    return out ? pass(`output ${out[0]} carries ${lb.id}.DNSName`) : fail('no output gives the load balancer\'s DNSName', lb.id);
  },
  mutants: [{ description: 'no output carries the DNS name (AlbDnsName and the DashboardUrl built on it removed)', template: (t) => { delete t.Outputs!.AlbDnsName; delete t.Outputs!.DashboardUrl; } }],
};
