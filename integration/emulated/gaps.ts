/**
 * What moto 5.2.5 does not model, found by deploying the project's template into it. The emulated
 * suite checks this list against what it sees (a gap that closes, or a new one, fails the suite), and
 * the README's "The emulator's gaps" repeats it.
 */

/** Resource types moto's CloudFormation accepts but silently does not create. */
export const UNSUPPORTED_RESOURCE_TYPES = [
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
  'AWS::CloudWatch::Alarm',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::ECS::ClusterCapacityProviderAssociations',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::TopicPolicy',
] as const;

/**
 * For each probe that cannot hold against moto: why, and the failure it must report for that reason
 * (so a probe failing for another reason is not mistaken for the gap). These probes are shown on
 * recorded answers instead (integration/probes/fixtures).
 */
export const PROBE_GAPS: Record<string, { readonly reason: string; readonly expectedFailure: RegExp }> = {
  P1: { reason: 'moto starts no Fargate tasks for a service (no running tasks)', expectedFailure: /^0 running task/ },
  P2: { reason: 'moto registers no targets and models no target health', expectedFailure: /no target registered/ },
  P9: { reason: "moto's CloudFormation drops the repository's LifecyclePolicy", expectedFailure: /no lifecycle rule/ },
  P13: { reason: 'moto has no data plane: nothing answers HTTP through the ALB', expectedFailure: /no data plane/ },
  P16: { reason: "moto's CloudFormation drops ImageScanningConfiguration; moto does not scan images", expectedFailure: /scan on push is off/ },
  P17: { reason: 'moto starts no Fargate tasks (no availability zones to compare)', expectedFailure: /^0 running task/ },
  P18: { reason: "moto's CloudFormation drops the task definition's Cpu", expectedFailure: /cpu unset/ },
  P19: { reason: 'moto has no data plane: nothing answers HTTP through the ALB', expectedFailure: /no data plane/ },
  P20: { reason: 'moto does not create AWS::CloudWatch::Alarm from a template (no alarm output)', expectedFailure: /no output HealthyHostCountAlarmName/ },
  'R2.4': { reason: "no image in moto's ECR for the deployed tag, and moto starts no tasks, so no running digest to compare", expectedFailure: /is not in the repository|no running task/ },
  'R7.6': { reason: 'moto does not create AWS::ApplicationAutoScaling::ScalableTarget from a template; no scaling activities', expectedFailure: /not registered with Application Auto Scaling/ },
  'R9.1': { reason: 'no container runs, so no log stream', expectedFailure: /no log stream with events/ },
  'R9.3': { reason: 'moto publishes no ECS or Container Insights metrics', expectedFailure: /not published: AWS\/ECS CPUUtilization/ },
  'R9.4': { reason: 'moto publishes no load balancer metrics', expectedFailure: /not published: TargetResponseTime/ },
  'R9.6': { reason: 'moto does not create AWS::CloudWatch::Alarm from a template (no alarm output)', expectedFailure: /no output TargetResponseTimeAlarmName/ },
  'R9.7': { reason: "moto's CloudFormation drops the cluster's ClusterSettings (containerInsights)", expectedFailure: /containerInsights disabled/ },
};
