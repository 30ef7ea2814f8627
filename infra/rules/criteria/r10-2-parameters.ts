import { fail, pass, type Rule } from '../types.js';

/** The parameters by meaning, whatever their case or usual variants of their names. */
const ENVIRONMENT = /^(env|environment|environmentname|environmenttype|stage)$/i;
const IMAGE_TAG = /^(imagetag|image_tag|imageversion)$/i;
const DOMAIN = /^(domainname|domain|customdomain|customdomainname)$/i;

export const rule: Rule = {
  id: 'R10.2', title: 'Parameters Environment (dev/prod), ImageTag and optional DomainName', source: 'template',
  check: (s) => {
    const params = Object.entries(s.template.json.Parameters ?? {});
    const find = (re: RegExp) => params.find(([name]) => re.test(name));
    const env = find(ENVIRONMENT);
    if (!env) return fail('no Environment parameter');
    const allowed = (env[1].AllowedValues ?? []).map(String).sort().join(',');
    if (allowed !== 'dev,prod') return fail(`${env[0]} allows ${allowed || 'any value'}, not just dev and prod`);
    const tag = find(IMAGE_TAG);
    if (!tag) return fail('no ImageTag parameter');
    const domain = find(DOMAIN);
    if (!domain) return fail('no DomainName parameter');
    if (domain[1].Default === undefined) return fail(`${domain[0]} has no default, so it is not optional`);
    return pass(`${env[0]} [dev, prod], ${tag[0]}, ${domain[0]} (default ${JSON.stringify(domain[1].Default)})`);
  },
  mutants: [{ description: 'Environment allows staging', template: (t) => { t.Parameters!.Environment.AllowedValues = ['dev', 'prod', 'staging']; } }],
};
