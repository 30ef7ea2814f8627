import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The committed, synthesized template: what `sam deploy` deploys and what every check reads. */
export const TEMPLATE_PATH = resolve(REPO_ROOT, 'infra', 'template.json');
/** The Dockerfile the container rules read. */
export const DOCKERFILE_PATH = resolve(REPO_ROOT, 'Dockerfile');

/** One stable text form, so a stale committed template shows up as a byte difference. */
export function serializeTemplate(template: unknown): string {
  return JSON.stringify(template, null, 1) + '\n';
}
