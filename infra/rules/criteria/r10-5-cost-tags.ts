import { isUnknown } from '../../template/index.js';
import { first } from '../mutate.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/** Resource types of this kind of stack whose CloudFormation schema takes Tags (and are billed or counted). */
export const TAGGABLE_TYPES = [
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::InternetGateway', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::ECR::Repository', 'AWS::ECS::Cluster', 'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::SNS::Topic', 'AWS::CertificateManager::Certificate',
];
/** Tag keys that name or describe one resource, or that tools set: they allocate no cost. */
const NOT_COST_KEYS = /^(name|description|aws:.*|aws-cdk:.*)$/i;

/**
 * "All resources with appropriate tags for cost tracking": the same cost-allocation tag keys on every
 * taggable resource, whichever keys they are. A template that tags nothing may be tagged at the stack
 * level (`--tags`, samconfig), which the template does not show: NOT VERIFIED.
 */
export const rule: Rule = {
  id: 'R10.5', title: 'Every taggable resource carries the same cost-allocation tags', source: 'template',
  check: (s) => {
    const resources = TAGGABLE_TYPES.flatMap((type) => s.template.ofType(type));
    if (resources.length === 0) return unknown('the template has no taggable resource of this stack\'s kinds');
    const keysOf = new Map<string, Set<string>>();
    for (const r of resources) {
      const tags = s.template.get(r, 'Tags');
      if (isUnknown(tags)) return unknown(`the tags of ${r.id} are not known: ${tags.why}`, r.id);
      const list: any[] = Array.isArray(tags) ? tags : tags && typeof tags === 'object' ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : [];
      keysOf.set(r.id, new Set(list.map((t) => String(t?.Key)).filter((k) => !NOT_COST_KEYS.test(k))));
    }
    const all = [...keysOf.values()];
    if (all.every((k) => k.size === 0)) return unknown('no resource carries a cost-allocation tag; stack-level tags (deploy --tags) would not show in the template');
    const common = [...all[0]].filter((k) => all.every((keys) => keys.has(k)));
    if (common.length > 0) return pass(`${resources.length} taggable resources all carry ${common.join(', ')}`);
    const counts = new Map<string, number>();
    for (const keys of all) for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const without = [...keysOf.entries()].filter(([, keys]) => !keys.has(key)).map(([id]) => id);
    return fail(`no tag key is on every taggable resource: ${key}, the most common, is missing on ${without.join(', ')}`, without[0]);
  },
  mutants: [{ description: 'service without tags', template: (t) => { delete first(t, 'AWS::ECS::Service').Properties.Tags; } }],
};
