/**
 * AWS's documented behaviour that the template does not (and cannot) configure. These are facts about
 * the services, not choices of this deployment, so they live here as named constants; every value the
 * deployment chooses is read from the template through `deploymentConfig`. Sources are the AWS guides
 * named on each constant (summarised in the team's reference notes, streamlit-on-ecs.md).
 */

/**
 * Deployment circuit breaker failure threshold: 0.5 x desired count, clamped to [3, 200] (the default
 * BOUNDED_PERCENT threshold of 50). Corrected from [10, 200]: the API reference gives a minimum of 3.
 * (Amazon ECS API Reference, ServiceDeploymentCircuitBreaker, `threshold`: "a minimum threshold of 3 and a
 * maximum threshold of 200", formula 0.5 * desired task count; ThresholdConfiguration: BOUNDED_PERCENT 50
 * by default, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentCircuitBreaker.html.)
 */
export const CIRCUIT_BREAKER_FACTOR = 0.5;
export const CIRCUIT_BREAKER_MIN_THRESHOLD = 3;
export const CIRCUIT_BREAKER_MAX_THRESHOLD = 200;

/** The failure count at which ECS stops a deployment, for a given desired count. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(CIRCUIT_BREAKER_MAX_THRESHOLD, Math.max(CIRCUIT_BREAKER_MIN_THRESHOLD, Math.ceil(CIRCUIT_BREAKER_FACTOR * desiredCount)));
}

/**
 * A newly registered target is healthy after ONE passed health check (its `initial` state); the
 * HealthyThresholdCount applies to a target that was unhealthy. (Elastic Load Balancing User Guide,
 * "Health checks for Application Load Balancer target groups": "After your target is registered, it must
 * pass one health check to be considered healthy"; HealthyThresholdCount: "consecutive health checks
 * successes required before considering an unhealthy target healthy",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html.)
 */
export const PASSED_CHECKS_FOR_NEW_TARGET = 1;

/**
 * ECS replaces an unhealthy task by starting its replacement first, within maximumPercent, and stops
 * the unhealthy task once the replacement is healthy; only when maximumPercent leaves no room does it
 * stop unhealthy tasks one by one, keeping minimumHealthyPercent. (Amazon ECS API Reference,
 * DeploymentConfiguration, maximumPercent: "The Amazon ECS scheduler uses this parameter to replace
 * unhealthy tasks by starting replacement tasks first and then stopping the unhealthy tasks" and
 * minimumHealthyPercent; Amazon ECS Developer Guide, "Deploy Amazon ECS services by replacing tasks":
 * "As the replacement tasks launch and become healthy, the unhealthy tasks will gradually be stopped".)
 */
export const UNHEALTHY_TASK_REPLACED_BEFORE_STOP = true;

/**
 * Each deployment of a service carries its own capacity provider strategy, so a strategy's `base` is
 * filled by the tasks of the deployment being placed, not by the tasks of older deployments still
 * running beside it. (Amazon ECS API Reference, Deployment, `capacityProviderStrategy`: "The capacity
 * provider strategy that the deployment is using"; CapacityProviderStrategyItem, `base`: "how many tasks,
 * at a minimum, to run on the specified capacity provider".) An inference from the API's shape: the
 * guides do not spell out the rolling-update case.
 */
export const CAPACITY_PROVIDER_BASE_PER_DEPLOYMENT = true;

/**
 * Fargate Spot capacity may be unavailable; ECS then keeps retrying to launch the Spot task until
 * capacity is available and does NOT replace Spot with on-demand capacity. (Amazon ECS Best Practices
 * Guide / Developer Guide, "Amazon ECS clusters for Fargate", Fargate Spot termination notices: "During
 * periods of extremely high demand, Fargate Spot capacity might be unavailable ... the Amazon ECS service
 * retries launching tasks until the required capacity becomes available. Fargate does not replace Spot
 * capacity with on-demand capacity.")
 */
export const SPOT_FALLS_BACK_TO_ON_DEMAND = false;

/**
 * Application Auto Scaling brings a service's desired count into [MinCapacity, MaxCapacity] when the
 * scalable target is registered and when a scaling policy acts; it does not re-check the range on a
 * timer. A scale-out below the minimum goes to at least the minimum; a scale-in never goes below it.
 * (Application Auto Scaling API Reference, RegisterScalableTarget: "it changes the resource's current
 * capacity to a value that is inside of this range ... scaling policies will not scale capacity to values
 * that are outside of the minimum and maximum range"; Amazon ECS Developer Guide, "Automatically scale
 * your Amazon ECS service", considerations on a desired count below the minimum or above the maximum.)
 */
export const SCALING_CLAMPS_ONLY_ON_REGISTRATION_AND_ACTION = true;

/**
 * Target tracking scales in conservatively: it does not scale in when removing one unit of capacity
 * would likely push the metric above the target value. (Application Auto Scaling User Guide, "How target
 * tracking scaling for Application Auto Scaling works": "If the metric is below the target value, the
 * policy won't scale in if it calculates that removing the minimum unit of capacity is likely to cause the
 * metric to exceed the target value"; scale-in is slower and happens only when utilization is
 * sufficiently below the target.)
 */
export const SCALE_IN_ONLY_IF_METRIC_STAYS_AT_TARGET = true;

/**
 * Application Auto Scaling turns off scale-in while an ECS deployment is in progress and resumes it when
 * the deployment completes; scale-out continues. (Amazon ECS Developer Guide, "Troubleshooting service
 * auto scaling in Amazon ECS",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-auto-scaling.html.)
 */
export const SCALE_IN_SUSPENDED_DURING_DEPLOYMENTS = true;

/**
 * Target tracking creates two alarms on the one-minute metric: scale out after 3 of 3 datapoints above
 * the target, scale in after 15 of 15 datapoints below 90 % of the target.
 * (Application Auto Scaling User Guide, "Target tracking scaling policies"; containers-roadmap#1208.)
 */
export const TARGET_TRACKING_PERIOD_SECONDS = 60;
export const SCALE_OUT_DATAPOINTS = 3;
export const SCALE_IN_DATAPOINTS = 15;
export const SCALE_IN_TARGET_RATIO = 0.9;

/**
 * Fargate Spot: a task gets a two-minute warning (SIGTERM and an EventBridge event) before it is
 * stopped. (Amazon ECS Developer Guide, "Fargate capacity providers", Spot termination notices.)
 */
export const SPOT_WARNING_SECONDS = 120;

/**
 * When every registered target is unhealthy, the ALB fails open and routes to all of them.
 * (Elastic Load Balancing User Guide, "Health checks for Application Load Balancer target groups".)
 */
export const ALB_FAILS_OPEN = true;

/**
 * ECR applies lifecycle policies asynchronously: images that meet the criteria are expired within
 * 24 hours. (Amazon ECR User Guide, "Lifecycle policies".)
 */
export const ECR_LIFECYCLE_MAX_DELAY_SECONDS = 24 * 3600;

/**
 * CloudWatch Logs does not delete events the moment they pass the retention period; deletion
 * typically happens within 72 hours after. (CloudWatch Logs API reference, PutRetentionPolicy.)
 */
export const LOG_DELETION_MAX_LAG_SECONDS = 72 * 3600;

/** ALB metrics (HealthyHostCount, TargetResponseTime) are published per minute. (ELB User Guide, CloudWatch metrics.) */
export const ALB_METRIC_PERIOD_SECONDS = 60;

/**
 * CloudWatch alarms publish to SNS as the service principal `cloudwatch.amazonaws.com`, on behalf of the
 * alarm's account: the request carries `aws:SourceAccount` (the account) and `aws:SourceArn` (the alarm's
 * ARN), which a topic or key policy uses to scope the service to the account's own alarms, and is made
 * over TLS (`aws:SecureTransport` true). (Amazon CloudWatch User Guide, "Confused deputy prevention" and
 * "Using Amazon SNS notifications with CloudWatch alarms"; Amazon SNS Developer Guide, "Amazon SNS
 * security best practices", enforce encryption of data in transit.)
 */
export const CLOUDWATCH_SERVICE_PRINCIPAL = 'cloudwatch.amazonaws.com';

/**
 * A topic without a policy of its own has SNS's default policy, which lets the owner account's
 * principals (`AWS: "*"` with `AWS:SourceOwner` = the account) publish, and CloudWatch alarms of the
 * account publish under it. An `AWS::SNS::TopicPolicy` (or `TopicInlinePolicy`) sets the topic's policy
 * attribute and so replaces the default one: what it does not allow is denied, and a policy of Deny
 * statements only allows nothing. (Amazon SNS Developer Guide, "Example cases for Amazon SNS access
 * control"; AWS CloudFormation User Guide, AWS::SNS::TopicPolicy; IAM User Guide, "Policy evaluation
 * logic", implicit deny.)
 */
export const SNS_DEFAULT_POLICY_LETS_ACCOUNT_PUBLISH = true;

/**
 * A topic encrypted with a KMS key can be published to by an AWS service only if that key's policy lets
 * the service principal use it (`kms:GenerateDataKey*` and `kms:Decrypt`). The AWS managed key for SNS
 * (`alias/aws/sns`) has a policy nobody can change, so CloudWatch can never publish to a topic encrypted
 * with it: such a topic needs a customer managed key. (Amazon SNS Developer Guide, "Managing Amazon SNS
 * encryption keys and costs", "Enable compatibility between event sources from AWS services and
 * encrypted topics", https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html.)
 */
export const SNS_AWS_MANAGED_KEY_ALIAS = 'alias/aws/sns';
export const KMS_ACTIONS_TO_PUBLISH_ENCRYPTED = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/**
 * In a key policy, the account's root principal only lets the account's IAM policies grant use of the
 * key; an AWS service principal is not an IAM identity of the account, so it may use the key only if a
 * statement names it (or `*`). (AWS KMS Developer Guide, "Default key policy", allows access to the AWS
 * account and enables IAM policies.)
 */
export const KEY_POLICY_ACCOUNT_PRINCIPAL_ADMITS_SERVICES = false;

/**
 * Nobody is notified by a topic without subscribers: SNS accepts the publish and delivers it to each
 * subscription of the topic, and to no one else. (Amazon SNS Developer Guide, "Subscribing to an Amazon
 * SNS topic".)
 */
export const SNS_DELIVERS_ONLY_TO_SUBSCRIPTIONS = true;

/**
 * A listener evaluates its rules in priority order, lowest value first, and runs the default action only
 * when no rule's conditions all match. A redirect keeps every URI component it does not set (protocol,
 * host, port, path, query) and may reuse them with `#{protocol}`, `#{host}`, `#{port}`, `#{path}` (without
 * its leading "/") and `#{query}`; its status is HTTP_301 or HTTP_302. (Elastic Load Balancing User Guide,
 * "Listener rules for your Application Load Balancer"; ELBv2 API Reference, RedirectActionConfig.)
 */
export const LISTENER_RULES_LOWEST_PRIORITY_FIRST = true;

/**
 * An Application Load Balancer publishes HealthyHostCount in the `AWS/ApplicationELB` namespace per
 * target group and load balancer (dimensions `TargetGroup` and `LoadBalancer`, also per availability
 * zone). An alarm whose dimensions name another target group or load balancer, or leave one out, watches
 * a metric that is not the service's. (Elastic Load Balancing User Guide, "CloudWatch metrics for your
 * Application Load Balancer", metric dimensions.)
 */
export const ALB_METRICS_NAMESPACE = 'AWS/ApplicationELB';
export const ALB_TARGET_METRIC_DIMENSIONS = ['TargetGroup', 'LoadBalancer'] as const;
