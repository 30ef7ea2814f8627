import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { output } from '../context.js';
import type { Probe } from '../types.js';

/** P8: the tasks' security group lets in only the template's port, only from the ALB's group. */
export const p08TaskIngress: Probe = {
  id: 'P8', covers: ['P8', 'R8.2'], title: 'task security group: inbound only the container port from the ALB group',
  async run(ctx) {
    const taskSg = output(ctx, 'TaskSecurityGroupId');
    const albSg = output(ctx, 'AlbSecurityGroupId');
    const expected = ctx.config.securityGroups.task;
    if (expected.length === 0 || expected.some((r) => !r.sourceGroupId || r.cidr)) return { ok: false, detail: 'the template itself opens the tasks to something other than a security group' };
    const sg = (await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [taskSg] }))).SecurityGroups?.[0];
    if (!sg) return { ok: false, detail: `security group ${taskSg} not found` };
    const problems: string[] = [];
    for (const p of sg.IpPermissions ?? []) {
      const range = `${p.IpProtocol} ${p.FromPort ?? 'all'}-${p.ToPort ?? 'all'}`;
      for (const r of p.IpRanges ?? []) problems.push(`${range} from ${r.CidrIp}`);
      for (const r of p.Ipv6Ranges ?? []) problems.push(`${range} from ${r.CidrIpv6}`);
      for (const r of p.PrefixListIds ?? []) problems.push(`${range} from prefix list ${r.PrefixListId}`);
      for (const g of p.UserIdGroupPairs ?? []) {
        const allowed = expected.some((e) => e.protocol === p.IpProtocol && e.fromPort === p.FromPort && e.toPort === p.ToPort) && g.GroupId === albSg;
        if (!allowed) problems.push(`${range} from ${g.GroupId}`);
      }
    }
    const rules = (sg.IpPermissions ?? []).length;
    if (rules === 0) problems.push('no inbound rule at all: the ALB cannot reach the tasks');
    const ports = expected.map((e) => (e.fromPort === e.toPort ? `${e.fromPort}` : `${e.fromPort}-${e.toPort}`)).join(',');
    return { ok: problems.length === 0, figures: { inboundRules: rules }, detail: problems.length === 0 ? `only tcp ${ports} from ${albSg}` : `unexpected inbound: ${problems.join('; ')}` };
  },
};
