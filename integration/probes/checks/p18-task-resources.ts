import { runningTasks } from '../context.js';
import type { Probe } from '../types.js';
import { liveTaskDefinition } from './task-definition.js';

/** P18: the task definition and every running task have the template's CPU and memory. */
export const p18TaskResources: Probe = {
  id: 'P18', covers: ['P18', 'R4.1', 'R4.2'], title: 'task CPU and memory as in the template',
  async run(ctx) {
    const { cpuUnits, memoryMiB } = ctx.config.task;
    const td = await liveTaskDefinition(ctx);
    const problems: string[] = [];
    if (Number(td.cpu) !== cpuUnits || Number(td.memory) !== memoryMiB) problems.push(`task definition ${td.family}:${td.revision} has cpu ${td.cpu ?? 'unset'} memory ${td.memory ?? 'unset'}`);
    const tasks = ctx.outputs.ServiceArn ? await runningTasks(ctx) : [];
    for (const t of tasks) {
      if (Number(t.cpu) !== cpuUnits || Number(t.memory) !== memoryMiB) problems.push(`task ${t.taskArn?.split('/').pop()} has cpu ${t.cpu} memory ${t.memory}`);
    }
    return {
      ok: problems.length === 0, figures: { cpuUnits, memoryMiB, tasksChecked: tasks.length },
      detail: problems.length === 0 ? `cpu ${cpuUnits} memory ${memoryMiB} MiB on the definition and ${tasks.length} running task(s)` : `${problems.join('; ')}; expected cpu ${cpuUnits} memory ${memoryMiB}`,
    };
  },
};
