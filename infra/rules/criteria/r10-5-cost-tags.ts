import { first } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/** Resource types of this kind of stack whose CloudFormation schema takes Tags (and are billed or counted). */
export const TAGGABLE_TYPES = [
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::InternetGateway', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::ECR::Repository', 'AWS::ECS::Cluster', 'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::SNS::Topic', 'AWS::CertificateManager::Certificate',
];
/** The cost allocation tags every taggable resource carries. */
export const COST_TAGS = ['Project', 'Environment', 'CostCenter'];

export const rule: Rule = {
  id: 'R10.5', title: 'Every taggable resource carries the cost tags Project, Environment, CostCenter', source: 'template',
  check: (s) => {
    const untagged: string[] = [];
    let count = 0;
    for (const type of TAGGABLE_TYPES) {
      for (const r of s.template.ofType(type)) {
        count++;
        const keys = new Set((r.props.Tags ?? []).map((tag: any) => tag.Key));
        const missing = COST_TAGS.filter((k) => !keys.has(k));
        if (missing.length > 0) untagged.push(`${r.id} (no ${missing.join(', ')})`);
      }
    }
    return untagged.length === 0 ? pass(`${count} taggable resources carry ${COST_TAGS.join(', ')}`) : fail(`untagged: ${untagged.join('; ')}`);
  },
  mutants: [{ description: 'service without tags', template: (t) => { delete first(t, 'AWS::ECS::Service').Properties.Tags; } }],
};
