import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { notRun, type Collected } from '../findings.js';
import { lastMeaningfulLine } from './child.js';
import { runVitestProject } from './vitest.js';

/** Whether a Docker engine answers; the reason when it does not. */
export function dockerAvailable(): { ok: true } | { ok: false; reason: string } {
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) return { ok: false, reason: `docker info could not run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` };
  if (r.status !== 0) return { ok: false, reason: `docker info failed: ${lastMeaningfulLine(r.stderr || r.stdout) || `exit code ${r.status}`}` };
  return { ok: true };
}

/**
 * The container tests (vitest project `container`): they build the image from the Dockerfile and check
 * it from outside. They need a Docker engine; without one their criteria are NOT VERIFIED, by name.
 */
export async function runContainersStage(opts: { enabled: boolean; templatePath: string; log: string; verbose: boolean }): Promise<{ collected: Collected; note: string; status: 'ran' | 'not-run'; command?: string }> {
  if (!opts.enabled) return { collected: notRun('--no-containers was given'), note: 'not run: --no-containers was given', status: 'not-run', command: 'npm run verify (without --no-containers)' };
  const docker = dockerAvailable();
  if (!docker.ok) return { collected: notRun(`the container tests need Docker: ${docker.reason}`), note: `not run: ${docker.reason}`, status: 'not-run', command: 'bash scripts/setup-docker.sh && npm run verify' };
  const run = await runVitestProject('container', { templatePath: opts.templatePath, log: opts.log, verbose: opts.verbose, timeoutMs: 40 * 60_000 });
  if (!run.ran) return { collected: notRun(run.reason ?? 'the container tests did not run'), note: `could not run: ${run.reason}`, status: 'not-run' };
  if (run.tests.length === 0) return { collected: notRun('the container project has no tests'), note: 'ran, but found no tests', status: 'not-run' };
  return {
    collected: { ran: true, items: run.items, tests: run.tests, missing: (id) => `the container tests reported nothing for ${id}` },
    note: `${run.passed} tests passed, ${run.failed} failed, ${run.items.length} evidence items`,
    status: 'ran',
  };
}
