/**
 * The executable model of the deployment: a deterministic simulator of the AWS behaviour the
 * correctness properties speak about, configured from a template's `DeploymentConfig`.
 */
export { World, type WorldOptions } from './world.js';
export { DEFAULT_ASSUMPTIONS, type Assumptions } from './assumptions.js';
export * as awsFacts from './aws-facts.js';
export { circuitBreakerThreshold } from './aws-facts.js';
export { Clock, isDue, MINUTE, HOUR, DAY, type Seconds } from './clock.js';
export { EventLog, type WorldEvent, type StopReason } from './events.js';
export { ServiceScheduler, type Task, type Deployment } from './scheduler.js';
export { TargetGroup, type Target, type TargetState } from './target-group.js';
export { ContainerHealthChecks } from './container-health.js';
export { albCheckVerdict, containerCheckVerdict, matcherAccepts, measuredApp, MEASURED_APP_PATH, type CheckVerdict, type MeasuredApp } from './app-health.js';
export { handleRequest, pickTarget, routableTargets, routeRequest, ruleWitnesses, conditionMatches, type HttpRequest, type ListenerOutcome, type ListenerRequest, type RouteOutcome } from './load-balancer.js';
export { TargetTracking } from './autoscaling.js';
export { MetricAlarm, type AlarmState } from './alarms.js';
export { watchesServiceTargets, type WatchVerdict } from './alarm-metric.js';
export { notificationVerdict, type NotificationVerdict, type NotificationLink } from './notifications.js';
export { evaluatePolicy, globMatch, type PolicyRequest, type PolicyDecision } from './iam-policy.js';
export { Repository, type StoredImage } from './ecr.js';
export { LogGroup } from './logs.js';
export { acceptsInbound, cidrContains, ruleWitnessPackets, OUTSIDE_SOURCE, type InboundPacket, type PacketSource } from './network.js';
export { chooseCapacityProvider, chooseAvailabilityZone, azImbalance } from './placement.js';
