import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { output } from '../context.js';
import type { Probe } from '../types.js';
import { compareAlarm } from './alarm.js';

const BREACHES: Record<string, (v: number, t: number) => boolean> = {
  LessThanThreshold: (v, t) => v < t, LessThanOrEqualToThreshold: (v, t) => v <= t,
  GreaterThanThreshold: (v, t) => v > t, GreaterThanOrEqualToThreshold: (v, t) => v >= t,
};

/**
 * P20: the HealthyHostCount alarm is wired to the SNS topic as the template says, and its state agrees
 * with the healthy targets seen now (ALARM exactly when they are below the threshold).
 */
export const p20HealthyHostAlarm: Probe = {
  id: 'P20', covers: ['P20', 'R9.5'], title: 'HealthyHostCount alarm wired to SNS, state agrees with target health',
  async run(ctx) {
    const { alarm, expected, problems } = await compareAlarm(ctx, 'HealthyHostCountAlarmName', 'HealthyHostCount');
    if (!alarm || !expected) return { ok: false, detail: problems.join('; ') };
    const targets = (await ctx.clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: output(ctx, 'TargetGroupArn') }))).TargetHealthDescriptions ?? [];
    const healthy = targets.filter((t) => t.TargetHealth?.State === 'healthy').length;
    const breach = BREACHES[expected.comparisonOperator]?.(healthy, expected.threshold);
    const wantState = breach ? 'ALARM' : 'OK';
    if (alarm.StateValue !== wantState) problems.push(`state ${alarm.StateValue} with ${healthy} healthy target(s), expected ${wantState}`);
    return { ok: problems.length === 0, figures: { healthyTargets: healthy, threshold: expected.threshold }, detail: problems.length === 0 ? `${alarm.AlarmName} notifies the topic; state ${alarm.StateValue} with ${healthy} healthy target(s)` : problems.join('; ') };
  },
};
