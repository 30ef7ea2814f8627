import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { output } from '../context.js';
import type { Probe } from '../types.js';

/** R9.1: the containers' output reaches the template's log group (it has streams with events). */
export const r091LogStreams: Probe = {
  id: 'R9.1', covers: ['R9.1', 'R4.4'], title: 'container logs arrive in the log group',
  async run(ctx) {
    const name = output(ctx, 'LogGroupName');
    if (ctx.config.task.logGroupName !== undefined && ctx.config.task.logGroupName !== name) return { ok: false, detail: `output LogGroupName ${name}, the template's task logs to ${ctx.config.task.logGroupName}` };
    const streams = (await ctx.clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: name, orderBy: 'LastEventTime', descending: true, limit: 5 }))).logStreams ?? [];
    const withEvents = streams.filter((s) => s.lastEventTimestamp !== undefined);
    return { ok: withEvents.length > 0, figures: { streams: streams.length }, detail: withEvents.length > 0 ? `latest stream ${withEvents[0].logStreamName} at ${new Date(withEvents[0].lastEventTimestamp!).toISOString()}` : `no log stream with events in ${name}` };
  },
};
