/**
 * What the model assumes where neither the template nor the price snapshot says. Each figure is stated
 * once here, with where it comes from, and is printed with every report so a reader can disagree with it.
 */

/**
 * Standard Container Insights for ECS (the `enabled` setting, not `enhanced`) is billed as CloudWatch
 * custom metrics. Count used: 8 metrics per cluster + 11 per service + 6 per task definition family.
 *
 * Source: Gruntwork terraform-aws-ecs, modules/ecs-cluster v1.3.0, documentation of the variable
 * `enable_cluster_container_insights` ("8 custom metrics per ECS cluster, 6 custom metrics per ECS task,
 * 11 custom metrics per ECS service ... $0.30 per month up to 10,000 metrics", citing the CloudWatch
 * pricing page).
 *
 * Reading: standard Container Insights publishes task-level metrics with the dimension set
 * {ClusterName, TaskDefinitionFamily}, not per task ID (per-task and per-container dimensions are the
 * `enhanced` mode's). A metric is billed once per distinct dimension set, so the "per ECS task" figure is
 * counted once per task definition family and the count does not grow with the number of running tasks.
 * The `enhanced` mode is priced per observation and is not in the snapshot: the model refuses it rather
 * than guess. Container Insights' performance log events (ingested into a separate log group) are not
 * modelled: the snapshot has no figure for their volume.
 */
export const CONTAINER_INSIGHTS = {
  metricsPerCluster: 8,
  metricsPerService: 11,
  metricsPerTaskFamily: 6,
  source: 'Gruntwork terraform-aws-ecs modules/ecs-cluster v1.3.0, variable enable_cluster_container_insights (8 per cluster, 11 per service, 6 per task), citing the CloudWatch pricing page; counted per dimension set, so the task figure is per task definition family',
} as const;

/**
 * Each target tracking scaling policy makes Application Auto Scaling create two CloudWatch alarms (one to
 * scale out, one to scale in); they are billed like any standard alarm.
 */
export const ALARMS_PER_TARGET_TRACKING_POLICY = 2;

/**
 * An internet-facing ALB has one node, with one public IPv4 address, in each of its subnets (one per
 * availability zone). Under heavy load ELB may add nodes; the model counts the minimum.
 */
export const ALB_PUBLIC_IPS_PER_SUBNET = 1;

/**
 * "About $155" (R12.5, P11) is read as at most 5 % above the figure: a ceiling of $162.75. A bill inside
 * the tolerance passes and the report still shows how far above $155 it is.
 */
export const ABOUT_TOLERANCE = 0.05;

/**
 * "Approximately 70 % cost savings" (R12.2) is read as a saving between 65 % and 75 % (70 % plus or minus
 * 5 percentage points), measured per task on the Fargate compute a Spot task replaces.
 */
export const APPROXIMATE_SAVING = { target: 0.70, tolerance: 0.05 } as const;

/** A NAT gateway, like a task with a public IP, holds a public IPv4 address (its Elastic IP), billed by the hour. */
export const PUBLIC_IPS_PER_NAT_GATEWAY = 1;

export const ASSUMPTIONS_TEXT: readonly string[] = [
  `Container Insights (enabled): ${CONTAINER_INSIGHTS.metricsPerCluster} metrics per cluster + ${CONTAINER_INSIGHTS.metricsPerService} per service + ${CONTAINER_INSIGHTS.metricsPerTaskFamily} per task definition family, billed as custom metrics (${CONTAINER_INSIGHTS.source}); its performance log events are not modelled.`,
  `Alarms: the template's alarms plus ${ALARMS_PER_TARGET_TRACKING_POLICY} per target tracking policy (Application Auto Scaling creates them).`,
  `Public IPv4: one address per running task with a public IP, ${ALB_PUBLIC_IPS_PER_SUBNET} per ALB subnet (node), ${PUBLIC_IPS_PER_NAT_GATEWAY} per NAT gateway.`,
  'Capacity provider strategy (the harness\'s one placement rule, shared with the runtime model): the base goes first to its provider; every further task goes to the provider whose weighted share stays lowest (ties: the first listed), so whole multiples of the weights split exactly.',
  'Log storage: a retention of R days holds R/30.4 of a month of ingestion (no compression credit, an upper bound); no retention holds the configured months of logs.',
  'ECR: images stored = images pushed, capped by the lifecycle rule\'s max image count; every image counted at its full compressed size (shared layers not deduplicated, an upper bound). Basic scan on push is free.',
  `"About $155" = at most ${(ABOUT_TOLERANCE * 100).toFixed(0)} % above (ceiling $${(155 * (1 + ABOUT_TOLERANCE)).toFixed(2)}). "Approximately 70 %" = ${((APPROXIMATE_SAVING.target - APPROXIMATE_SAVING.tolerance) * 100).toFixed(0)} % to ${((APPROXIMATE_SAVING.target + APPROXIMATE_SAVING.tolerance) * 100).toFixed(0)} %.`,
  'Free tier: always-free CloudWatch, data transfer and SNS allowances, only with the free tier option (off by default); twelve-month new-account offers are not modelled.',
  'Not modelled: deployments (up to maximumPercent extra tasks for minutes), Spot interruptions and replacements, Route 53, taxes.',
];
