import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R10.2', title: 'Parameters Environment (dev/prod), ImageTag and optional DomainName', source: 'template',
  check: (s) => {
    const p = s.template.json.Parameters ?? {};
    if (!p.Environment) return fail('no Environment parameter');
    const allowed = (p.Environment.AllowedValues ?? []).map(String).sort().join(',');
    if (allowed !== 'dev,prod') return fail(`Environment allows ${allowed || 'anything'}, not dev and prod`);
    if (!p.ImageTag) return fail('no ImageTag parameter');
    if (!p.DomainName) return fail('no DomainName parameter');
    if (p.DomainName.Default === undefined) return fail('DomainName has no default, so it is not optional');
    return pass('Environment [dev, prod], ImageTag, DomainName (default empty)');
  },
  mutants: [{ description: 'Environment allows staging', template: (t) => { t.Parameters!.Environment.AllowedValues = ['dev', 'prod', 'staging']; } }],
};
