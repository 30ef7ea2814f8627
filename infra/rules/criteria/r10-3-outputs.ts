import { carries, outputsOf, textOf } from '../outputs.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * Which value each required output must carry. `Ref` of a service is its ARN; `Ref` of a cluster or a
 * repository is its name, so an ARN or URI built around that name (`Fn::Sub`/`Fn::Join`) counts too.
 */
const WANTED: Array<{ what: string; type: string; attr: string | null; builtFromName?: RegExp }> = [
  { what: 'ALB DNS name', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', attr: 'DNSName' },
  { what: 'cluster ARN', type: 'AWS::ECS::Cluster', attr: 'Arn', builtFromName: /:ecs:.*:cluster\/$|:cluster\/\$\{/ },
  { what: 'service ARN', type: 'AWS::ECS::Service', attr: 'ServiceArn', builtFromName: /.*/ },
  { what: 'ECR repository URI', type: 'AWS::ECR::Repository', attr: 'RepositoryUri', builtFromName: /\.dkr\.ecr\./ },
];

export const rule: Rule = {
  id: 'R10.3', title: 'Outputs: ALB DNS name, cluster ARN, service ARN, ECR repository URI', source: 'template',
  check: (s) => {
    const outputs = outputsOf(s.template).map(([name, o]) => [name, { Value: s.template.resolve(o.Value) }] as const);
    const found: string[] = [];
    const missing: string[] = [];
    for (const w of WANTED) {
      const ids = s.template.ofType(w.type).map((r) => r.id);
      const hit = outputs.find(([, o]) => ids.some((id) => carries(o.Value, id, w.attr)
        || (w.builtFromName !== undefined && carries(o.Value, id, null) && (w.type === 'AWS::ECS::Service' || w.builtFromName.test(textOf(o.Value))))));
      if (hit) found.push(`${w.what} (${hit[0]})`);
      else missing.push(ids.length === 0 ? `${w.what} (the template defines no ${w.type})` : w.what);
    }
    return missing.length === 0 ? pass(`outputs: ${found.join(', ')}`) : fail(`no output for ${missing.join(', ')}`);
  },
  mutants: [{ description: 'EcrRepositoryUri output removed', template: (t) => { delete t.Outputs!.EcrRepositoryUri; } }],
};
