import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { runningTasks } from '../context.js';
import type { Probe } from '../types.js';
import { repositoryName } from './p09-image-count.js';
import { liveTaskDefinition } from './task-definition.js';

/** R2.4: every running task runs exactly the sha256 digest ECR stores for the deployed tag. */
export const r024ImageDigest: Probe = {
  id: 'R2.4', covers: ['R2.4'], title: 'running tasks run the digest stored for the deployed tag',
  async run(ctx) {
    const td = await liveTaskDefinition(ctx);
    const image = td.containerDefinitions?.[0]?.image ?? '';
    const tag = image.includes('@') ? undefined : image.split(':').pop();
    let wanted: string | undefined;
    try {
      wanted = image.includes('@') ? image.split('@')[1]
        : (await ctx.clients.ecr.send(new DescribeImagesCommand({ repositoryName: repositoryName(ctx), imageIds: [{ imageTag: tag }] }))).imageDetails?.[0]?.imageDigest;
    } catch (e) {
      if ((e as Error).name === 'ImageNotFoundException') return { ok: false, detail: `the deployed tag ${tag} is not in the repository (expired, or never pushed)` };
      throw e;
    }
    if (!wanted?.startsWith('sha256:')) return { ok: false, detail: `no sha256 digest stored for ${image}` };
    const tasks = await runningTasks(ctx);
    if (tasks.length === 0) return { ok: false, detail: 'no running task to compare' };
    const wrong = tasks.filter((t) => (t.containers ?? []).some((c) => c.imageDigest !== wanted));
    return { ok: wrong.length === 0, figures: { tasks: tasks.length, mismatched: wrong.length }, detail: wrong.length === 0 ? `${tasks.length} task(s) run ${tag ?? ''} ${wanted.slice(0, 19)}...` : `${wrong.length} task(s) run another digest than ${wanted}` };
  },
};
