import { DescribeImagesCommand, GetLifecyclePolicyCommand, type ImageDetail } from '@aws-sdk/client-ecr';
import type { Probe, ProbeContext } from '../types.js';
import { output } from '../context.js';

/** The repository name from the EcrRepositoryUri output (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME). */
export function repositoryName(ctx: ProbeContext): string {
  return output(ctx, 'EcrRepositoryUri').split('/').slice(1).join('/');
}

export async function allImages(ctx: ProbeContext): Promise<ImageDetail[]> {
  const images: ImageDetail[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.ecr.send(new DescribeImagesCommand({ repositoryName: repositoryName(ctx), nextToken }));
    images.push(...(page.imageDetails ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return images;
}

/** P9: at most the lifecycle's maximum of images, and the lifecycle rule that keeps it so is in place. */
export const p09ImageCount: Probe = {
  id: 'P9', covers: ['P9', 'R2.2', 'R12.3'], title: 'image count within the lifecycle maximum',
  async run(ctx) {
    const max = ctx.config.ecr?.maxImageCount;
    if (max === undefined) return { ok: false, detail: 'the template sets no image-count lifecycle rule' };
    const count = (await allImages(ctx)).length;
    let liveMax: number | undefined;
    try {
      const text = (await ctx.clients.ecr.send(new GetLifecyclePolicyCommand({ repositoryName: repositoryName(ctx) }))).lifecyclePolicyText ?? '{}';
      const counts = (JSON.parse(text).rules ?? []).filter((r: any) => r.selection?.countType === 'imageCountMoreThan' && r.action?.type === 'expire').map((r: any) => Number(r.selection.countNumber));
      if (counts.length > 0) liveMax = Math.min(...counts);
    } catch (e) {
      if ((e as Error).name !== 'LifecyclePolicyNotFoundException') throw e;
    }
    const problems: string[] = [];
    if (count > max) problems.push(`${count} images, more than ${max}`);
    if (liveMax !== max) problems.push(liveMax === undefined ? 'no lifecycle rule expiring images beyond a count' : `the lifecycle rule keeps ${liveMax}, the template says ${max}`);
    return { ok: problems.length === 0, figures: { images: count, max }, detail: problems.length === 0 ? `${count} image(s), lifecycle keeps at most ${max}` : problems.join('; ') };
  },
};
