import { fail, pass, type Rule } from '../types.js';

/** Which resource attribute each required output must carry (Ref of a service or cluster is its ARN). */
const WANTED: Array<{ what: string; type: string; attr: string | null }> = [
  { what: 'ALB DNS name', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', attr: 'DNSName' },
  { what: 'cluster ARN', type: 'AWS::ECS::Cluster', attr: 'Arn' },
  { what: 'service ARN', type: 'AWS::ECS::Service', attr: null },
  { what: 'ECR repository URI', type: 'AWS::ECR::Repository', attr: 'RepositoryUri' },
];

export const rule: Rule = {
  id: 'R10.3', title: 'Outputs: ALB DNS name, cluster ARN, service ARN, ECR repository URI', source: 'template',
  check: (s) => {
    const outputs = Object.values(s.template.json.Outputs ?? {});
    const missing = WANTED.filter((w) => !outputs.some((o) => {
      const ref = s.template.reference(o.Value);
      if (ref?.kind !== 'resource' || s.template.byId(ref.id)?.resource.Type !== w.type) return false;
      return w.attr === null ? ref.attribute === undefined || ref.attribute === 'ServiceArn' : ref.attribute === w.attr;
    })).map((w) => w.what);
    return missing.length === 0 ? pass('outputs for ALB DNS name, cluster ARN, service ARN, ECR URI') : fail(`no output for ${missing.join(', ')}`);
  },
  mutants: [{ description: 'EcrRepositoryUri output removed', template: (t) => { delete t.Outputs!.EcrRepositoryUri; } }],
};
