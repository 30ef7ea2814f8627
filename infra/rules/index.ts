// The rule pack: one acceptance criterion per file in criteria/. Add a rule here to make it run.
import type { Rule } from './types.js';
import { rule as r2_1 } from './criteria/r2-1-scan-on-push.js';
import { rule as r2_2 } from './criteria/r2-2-keep-ten-images.js';
import { rule as r2_5 } from './criteria/r2-5-execution-role-pulls-from-ecr.js';
import { rule as r2_6 } from './criteria/r2-6-mutable-tags.js';
import { rule as r3_1 } from './criteria/r3-1-capacity-providers.js';
import { rule as r3_2 } from './criteria/r3-2-prefer-spot.js';
import { rule as r3_3 } from './criteria/r3-3-base-on-fargate.js';
import { rule as r3_4 } from './criteria/r3-4-container-insights.js';
import { rule as r3_5 } from './criteria/r3-5-multi-az-tasks.js';

export const ALL_RULES: readonly Rule[] = [
  r2_1, r2_2, r2_5, r2_6,
  r3_1, r3_2, r3_3, r3_4, r3_5,
];

export type { Rule, RuleOutcome, RuleSubject, Mutant } from './types.js';
