import { removeAll } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

const REQUIRED: Array<[string, string[]]> = [
  ['VPC', ['AWS::EC2::VPC']], ['subnets', ['AWS::EC2::Subnet']], ['security groups', ['AWS::EC2::SecurityGroup']],
  ['ECR', ['AWS::ECR::Repository']], ['ECS cluster', ['AWS::ECS::Cluster']], ['task definition', ['AWS::ECS::TaskDefinition']],
  ['service', ['AWS::ECS::Service']], ['ALB', ['AWS::ElasticLoadBalancingV2::LoadBalancer']], ['target group', ['AWS::ElasticLoadBalancingV2::TargetGroup']],
  ['CloudWatch resources', ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard', 'AWS::CloudWatch::CompositeAlarm', 'AWS::Logs::LogGroup']],
];

export const rule: Rule = {
  id: 'R10.1', title: 'One template creates VPC, subnets, security groups, ECR, cluster, task definition, service, ALB, target group and CloudWatch resources', source: 'template',
  check: (s) => {
    const missing = REQUIRED.filter(([, types]) => types.every((type) => s.template.ofType(type).length === 0)).map(([what, types]) => `${what} (${types.join(' or ')})`);
    return missing.length === 0 ? pass(`${Object.keys(s.template.resources).length} resources, every required kind present`) : fail(`the template creates no ${missing.join(', ')}`);
  },
  mutants: [{ description: 'no ECR repository', template: (t) => removeAll(t, 'AWS::ECR::Repository') }],
};
