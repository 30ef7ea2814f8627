import { DescribeTaskDefinitionCommand, type TaskDefinition } from '@aws-sdk/client-ecs';
import { output, service } from '../context.js';
import type { ProbeContext } from '../types.js';

/** The task definition the service runs now (falls back to the stack's output when there is no service). */
export async function liveTaskDefinition(ctx: ProbeContext): Promise<TaskDefinition> {
  const arn = ctx.outputs.ServiceArn ? (await service(ctx)).taskDefinition ?? output(ctx, 'TaskDefinitionArn') : output(ctx, 'TaskDefinitionArn');
  const td = (await ctx.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
  if (!td) throw new Error(`task definition ${arn} not found`);
  return td;
}
