import type { Probe } from '../types.js';
import { liveTaskDefinition } from './task-definition.js';

/** P14: the container runs as the template's non-root user. */
export const p14TaskUser: Probe = {
  id: 'P14', covers: ['P14', 'R1.3'], title: 'container user as in the template (non-root)',
  async run(ctx) {
    const expected = ctx.config.task.user;
    if (expected === undefined || expected === '0' || expected === 'root') return { ok: false, detail: `the template runs the container as ${expected ?? 'the image default'}` };
    const td = await liveTaskDefinition(ctx);
    const users = (td.containerDefinitions ?? []).map((c) => `${c.name}=${c.user ?? '(image default)'}`);
    const ok = (td.containerDefinitions ?? []).length > 0 && (td.containerDefinitions ?? []).every((c) => c.user === expected);
    return { ok, detail: `${td.family}:${td.revision} users ${users.join(', ')}, expected ${expected}` };
  },
};
