import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import type { Probe } from '../types.js';
import { allImages, repositoryName } from './p09-image-count.js';

/** Scan states that show a scan was started (basic scanning: COMPLETE; enhanced: ACTIVE). */
const STARTED = new Set(['IN_PROGRESS', 'COMPLETE', 'ACTIVE', 'PENDING']);

/** P16: scan on push is on, and the newest image has been scanned or is being scanned. */
export const p16ScanOnPush: Probe = {
  id: 'P16', covers: ['P16', 'R2.1'], title: 'scan on push, and the latest image scanned',
  async run(ctx) {
    const expected = ctx.config.ecr?.scanOnPush;
    const name = repositoryName(ctx);
    const repo = (await ctx.clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories?.[0];
    const scanOnPush = repo?.imageScanningConfiguration?.scanOnPush === true;
    if (expected !== true) return { ok: false, detail: 'the template does not enable scan on push' };
    if (!scanOnPush) return { ok: false, detail: `repository ${name}: scan on push is off` };
    const images = await allImages(ctx);
    if (images.length === 0) return { ok: false, detail: `repository ${name} has no image to have scanned` };
    const latest = images.reduce((a, b) => ((a.imagePushedAt?.getTime() ?? 0) >= (b.imagePushedAt?.getTime() ?? 0) ? a : b));
    const status = latest.imageScanStatus?.status ?? 'none';
    const counts = latest.imageScanFindingsSummary?.findingSeverityCounts ?? {};
    const findings = Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ') || 'no findings';
    return {
      ok: STARTED.has(status), figures: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
      detail: `scan on push on; latest image ${latest.imageTags?.join(',') ?? latest.imageDigest} scan ${status} (${findings})`,
    };
  },
};
