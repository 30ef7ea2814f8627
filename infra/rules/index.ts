// The rule pack: one acceptance criterion per file in criteria/. Add a rule here to make it run.
import type { Rule } from './types.js';
import { rule as r1_1 } from './criteria/r1-1-multi-stage.js';
import { rule as r1_3 } from './criteria/r1-3-user-1000.js';
import { rule as r1_4 } from './criteria/r1-4-expose-8501.js';
import { rule as r1_6 } from './criteria/r1-6-api-base-url-env.js';
import { rule as r1_7 } from './criteria/r1-7-labels.js';
import { rule as r2_1 } from './criteria/r2-1-scan-on-push.js';
import { rule as r2_2 } from './criteria/r2-2-keep-ten-images.js';
import { rule as r2_5 } from './criteria/r2-5-execution-role-pulls-from-ecr.js';
import { rule as r2_6 } from './criteria/r2-6-mutable-tags.js';
import { rule as r3_1 } from './criteria/r3-1-capacity-providers.js';
import { rule as r3_2 } from './criteria/r3-2-prefer-spot.js';
import { rule as r3_3 } from './criteria/r3-3-base-on-fargate.js';
import { rule as r3_4 } from './criteria/r3-4-container-insights.js';
import { rule as r3_5 } from './criteria/r3-5-multi-az-tasks.js';
import { rule as r4_1 } from './criteria/r4-1-half-vcpu.js';
import { rule as r4_2 } from './criteria/r4-2-one-gb.js';
import { rule as r4_3 } from './criteria/r4-3-container-port.js';
import { rule as r4_4 } from './criteria/r4-4-log-group.js';
import { rule as r4_5 } from './criteria/r4-5-execution-role.js';
import { rule as r4_6 } from './criteria/r4-6-empty-task-role.js';
import { rule as r4_7 } from './criteria/r4-7-container-health-check.js';
import { rule as r5_1 } from './criteria/r5-1-listeners.js';
import { rule as r5_2 } from './criteria/r5-2-http-redirects-to-https.js';
import { rule as r5_3 } from './criteria/r5-3-forward-to-healthy-tasks.js';
import { rule as r5_4 } from './criteria/r5-4-health-check-path-and-interval.js';
import { rule as r5_5 } from './criteria/r5-5-unhealthy-after-three.js';
import { rule as r5_6 } from './criteria/r5-6-healthy-after-two.js';
import { rule as r5_7 } from './criteria/r5-7-dns-name-output.js';
import { rule as r6_1 } from './criteria/r6-1-desired-two.js';
import { rule as r6_2 } from './criteria/r6-2-replaces-unhealthy-tasks.js';
import { rule as r6_3 } from './criteria/r6-3-min-healthy-100.js';
import { rule as r6_4 } from './criteria/r6-4-max-200.js';
import { rule as r6_5 } from './criteria/r6-5-circuit-breaker-rollback.js';
import { rule as r6_6 } from './criteria/r6-6-grace-period.js';
import { rule as r6_7 } from './criteria/r6-7-registered-on-8501.js';
import { rule as r7_1 } from './criteria/r7-1-capacity-two-to-ten.js';
import { rule as r7_2 } from './criteria/r7-2-scale-out-on-cpu.js';
import { rule as r7_3 } from './criteria/r7-3-scale-in-on-cpu.js';
import { rule as r7_4 } from './criteria/r7-4-scale-out-cooldown.js';
import { rule as r7_5 } from './criteria/r7-5-scale-in-cooldown.js';
import { rule as r7_7 } from './criteria/r7-7-stops-at-ten.js';
import { rule as r8_1 } from './criteria/r8-1-alb-open-on-80-443-only.js';
import { rule as r8_2 } from './criteria/r8-2-tasks-only-from-alb.js';
import { rule as r8_3 } from './criteria/r8-3-task-egress-https.js';
import { rule as r8_4 } from './criteria/r8-4-public-subnets-public-ips.js';
import { rule as r8_5 } from './criteria/r8-5-alb-public-multi-az.js';
import { rule as r9_1 } from './criteria/r9-1-awslogs.js';
import { rule as r9_2 } from './criteria/r9-2-retention-seven-days.js';
import { rule as r9_3 } from './criteria/r9-3-service-metrics.js';
import { rule as r9_4 } from './criteria/r9-4-alb-metrics.js';
import { rule as r9_5 } from './criteria/r9-5-healthy-host-alarm.js';
import { rule as r9_6 } from './criteria/r9-6-response-time-alarm.js';
import { rule as r9_7 } from './criteria/r9-7-container-insights-detail.js';
import { rule as r10_1 } from './criteria/r10-1-all-resources.js';
import { rule as r10_2 } from './criteria/r10-2-parameters.js';
import { rule as r10_3 } from './criteria/r10-3-outputs.js';
import { rule as r10_4 } from './criteria/r10-4-iam-roles.js';
import { rule as r10_5 } from './criteria/r10-5-cost-tags.js';
import { rule as r12_3 } from './criteria/r12-3-image-lifecycle.js';
import { rule as r12_4 } from './criteria/r12-4-log-retention.js';
import { rule as r12_6 } from './criteria/r12-6-application-load-balancer.js';
import { rule as r12_7 } from './criteria/r12-7-no-nat-gateway.js';

/** Every rule, in the specification's order. */
export const ALL_RULES: readonly Rule[] = [
  r1_1, r1_3, r1_4, r1_6, r1_7,
  r2_1, r2_2, r2_5, r2_6,
  r3_1, r3_2, r3_3, r3_4, r3_5,
  r4_1, r4_2, r4_3, r4_4, r4_5, r4_6, r4_7,
  r5_1, r5_2, r5_3, r5_4, r5_5, r5_6, r5_7,
  r6_1, r6_2, r6_3, r6_4, r6_5, r6_6, r6_7,
  r7_1, r7_2, r7_3, r7_4, r7_5, r7_7,
  r8_1, r8_2, r8_3, r8_4, r8_5,
  r9_1, r9_2, r9_3, r9_4, r9_5, r9_6, r9_7,
  r10_1, r10_2, r10_3, r10_4, r10_5,
  r12_3, r12_4, r12_6, r12_7,
];

export type { Rule, RuleOutcome, RuleSubject, Mutant } from './types.js';
