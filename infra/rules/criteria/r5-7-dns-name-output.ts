import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R5.7', title: 'The ALB\'s DNS name is a stack output', source: 'template',
  check: (s) => {
    const lb = s.config().loadBalancer;
    const out = Object.entries(s.template.json.Outputs ?? {}).find(([, o]) => {
      const v = o.Value as any;
      return Array.isArray(v?.['Fn::GetAtt']) && v['Fn::GetAtt'][0] === lb.id && v['Fn::GetAtt'][1] === 'DNSName';
    });
    return out ? pass(`output ${out[0]} = ${lb.id}.DNSName`) : fail('no output gives the load balancer\'s DNSName', lb.id);
  },
  mutants: [{ description: 'AlbDnsName output removed', template: (t) => { delete t.Outputs!.AlbDnsName; } }],
};
