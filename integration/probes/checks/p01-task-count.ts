import { output, runningTasks, service } from '../context.js';
import type { Probe } from '../types.js';

/** P1: the running tasks stay within the scaling bounds the template sets. */
export const p01TaskCount: Probe = {
  id: 'P1', covers: ['P1', 'R6.1', 'R7.1'], title: 'running task count within the scaling bounds',
  async run(ctx) {
    const s = ctx.config.scaling;
    if (!s) return { ok: false, detail: 'the template has no scalable target for the service' };
    output(ctx, 'ServiceArn');
    const svc = await service(ctx);
    const running = (await runningTasks(ctx)).length;
    const ok = running >= s.minCapacity && running <= s.maxCapacity;
    return {
      ok, figures: { running, min: s.minCapacity, max: s.maxCapacity, desired: svc.desiredCount ?? 0 },
      detail: `${running} running task(s), expected ${s.minCapacity}..${s.maxCapacity} (desired ${svc.desiredCount})`,
    };
  },
};
