import { removeAll } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

const REQUIRED = [
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup', 'AWS::ECR::Repository', 'AWS::ECS::Cluster',
  'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup',
];

export const rule: Rule = {
  id: 'R10.1', title: 'One template creates VPC, subnets, security groups, ECR, cluster, task definition, service, ALB, target group and CloudWatch resources', source: 'template',
  check: (s) => {
    const missing = REQUIRED.filter((type) => s.template.ofType(type).length === 0);
    return missing.length === 0 ? pass(`${Object.keys(s.template.resources).length} resources, every required type present`) : fail(`missing ${missing.join(', ')}`);
  },
  mutants: [{ description: 'no ECR repository', template: (t) => removeAll(t, 'AWS::ECR::Repository') }],
};
