import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { output } from '../context.js';
import type { Probe } from '../types.js';

/** P10: the log group keeps logs exactly as long as the template says. */
export const p10LogRetention: Probe = {
  id: 'P10', covers: ['P10', 'R9.2', 'R12.4'], title: 'log retention as in the template',
  async run(ctx) {
    const name = output(ctx, 'LogGroupName');
    const expected = ctx.config.logRetentionDays;
    if (expected === undefined) return { ok: false, detail: 'the template sets no log retention' };
    const groups = (await ctx.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups ?? [];
    const group = groups.find((g) => g.logGroupName === name);
    if (!group) return { ok: false, detail: `log group ${name} not found` };
    const days = group.retentionInDays;
    return { ok: days === expected, figures: { retentionDays: days ?? 0, expected }, detail: `${name}: ${days === undefined ? 'kept forever' : `${days} day(s)`}, expected ${expected}` };
  },
};
