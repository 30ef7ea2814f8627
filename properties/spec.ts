/**
 * The specification's numbers (requirements.md), which the properties assert. These are the claims
 * under test, not the deployment's settings: the deployment's values come from the template through
 * `deploymentConfig`, and a template that departs from these numbers must fail a property.
 */
export const SPEC = {
  /** R6.1, R7.1: at least 2 tasks. */
  minTasks: 2,
  /** R7.1, R7.7: at most 10 tasks. */
  maxTasks: 10,
  /** R6.2: a replacement starts within 60 s. */
  replacementSeconds: 60,
  /** R6.3: minimum healthy 100 % during deployments. */
  minimumHealthyPercent: 100,
  /** R6.4: at most 200 % (4 tasks at desired 2) during deployments. */
  maximumPercent: 200,
  /** R7.4, R7.5: cooldowns per direction. */
  scaleOutCooldownSeconds: 60,
  scaleInCooldownSeconds: 300,
  /** R5.4-R5.6: checks every 30 s, 3 failures make a target unhealthy, 2 passes make it healthy. */
  healthCheckIntervalSeconds: 30,
  unhealthyChecks: 3,
  healthyChecks: 2,
  /** R1.5: the health endpoint answers within 2 s. */
  healthResponseSeconds: 2,
  /** R8.2, R1.4: the app's port. */
  appPort: 8501,
  /** R5.2: HTTP 80 is redirected to HTTPS 443. */
  httpPort: 80,
  httpsPort: 443,
  /** R2.2: ten images kept. */
  maxImages: 10,
  /** R9.2: logs kept 7 days. */
  logRetentionDays: 7,
  /** R1.3: UID 1000. */
  uid: 1000,
  /** R1.2: image below 500 MB. */
  maxImageBytes: 500 * 1000 * 1000,
  /** R4.1, R4.2: 0.5 vCPU and 1 GB. */
  cpuUnits: 512,
  memoryMiB: 1024,
  /** R9.5: the alarm fires when HealthyHostCount falls below 1. */
  healthyHostAlarmBelow: 1,
  /** R3.5: tasks across at least two zones. */
  minAvailabilityZones: 2,
} as const;
