/**
 * AWS's documented behaviour that the template does not (and cannot) configure. These are facts about
 * the services, not choices of this deployment, so they live here as named constants; every value the
 * deployment chooses is read from the template through `deploymentConfig`. Sources are the AWS guides
 * named on each constant (summarised in the team's reference notes, streamlit-on-ecs.md).
 */

/**
 * Deployment circuit breaker failure threshold: 0.5 x desired count, clamped to [10, 200].
 * (Amazon ECS Developer Guide, "How the Amazon ECS deployment circuit breaker detects failures".)
 */
export const CIRCUIT_BREAKER_FACTOR = 0.5;
export const CIRCUIT_BREAKER_MIN_THRESHOLD = 10;
export const CIRCUIT_BREAKER_MAX_THRESHOLD = 200;

/** The failure count at which ECS stops a deployment, for a given desired count. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(CIRCUIT_BREAKER_MAX_THRESHOLD, Math.max(CIRCUIT_BREAKER_MIN_THRESHOLD, Math.ceil(CIRCUIT_BREAKER_FACTOR * desiredCount)));
}

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
