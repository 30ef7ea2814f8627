import { runningTasks } from '../context.js';
import type { Probe } from '../types.js';

/** P17: two or more running tasks are spread over at least two availability zones. */
export const p17MultiAz: Probe = {
  id: 'P17', covers: ['P17', 'R3.5'], title: 'running tasks in at least two availability zones',
  async run(ctx) {
    // The most zones the service can use is the number of its subnets' zones; the property asks for 2.
    const wanted = Math.min(2, ctx.config.service.availabilityZones);
    const tasks = await runningTasks(ctx);
    const zones = new Set(tasks.map((t) => t.availabilityZone ?? 'unknown'));
    if (tasks.length < 2) return { ok: false, figures: { tasks: tasks.length, zones: zones.size }, detail: `${tasks.length} running task(s): cannot be spread` };
    return { ok: zones.size >= wanted, figures: { tasks: tasks.length, zones: zones.size }, detail: `${tasks.length} task(s) in ${[...zones].sort().join(', ')}; at least ${wanted} zones expected` };
  },
};
