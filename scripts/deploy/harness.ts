import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../infra/template/index.js';

/**
 * What the deploy script's tests share: running the script, and a throwaway image to push.
 * DEPLOY_SCRIPT_UNDER_TEST runs the same tests against another copy of the script (an older one, to
 * show that a test fails on it); by default the repository's own.
 */
export const SCRIPT = process.env.DEPLOY_SCRIPT_UNDER_TEST ?? join(REPO_ROOT, 'scripts', 'deploy.sh');
export const STACK = 'vibejudge-dashboard-dev';
/** A full deploy runs the AWS CLI and the SAM CLI a dozen times: about 1-2 minutes on a busy 2-core machine. */
export const FULL_DEPLOY_MS = 600_000;

export interface Run { code: number; out: string; err: string; seconds: number; signal?: NodeJS.Signals | null }

/**
 * Runs deploy.sh with exactly the given PATH and environment; no terminal, so nothing can prompt. In its
 * own process group, so that a test can signal the script and its children at once (as Ctrl-C does).
 */
export function deploy(args: string[], env: Record<string, string>, started?: (child: ChildProcess) => void): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT, ...args], {
      cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { HOME: process.env.HOME ?? '/tmp', SAM_CLI_TELEMETRY: '0', ...env },
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { err += d; });
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, out, err, seconds: (Date.now() - t0) / 1000 }));
    started?.(child);
  });
}

/** The commit a run deployed, as it announced it (HEAD may move while the suite runs). */
export function commitOf(r: Run): string {
  const sha = /deploying commit ([0-9a-f]{40}) /.exec(r.out)?.[1];
  if (!sha) throw new Error(`deploy.sh did not announce its commit:\n${r.out.slice(0, 500)}`);
  return sha;
}

/** The last line the script wrote on stderr (its verdict when it stops). */
export function lastErrorLine(r: Run): string {
  return r.err.trim().split('\n').pop() ?? '';
}

export function requireDocker(): void {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
  } catch {
    throw new Error('no Docker engine answers: run bash scripts/setup-docker.sh');
  }
}

/** A one-file image made locally: the push path is what is tested, and no registry can be pulled from. */
export function makeTestImage(name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'image-'));
  writeFileSync(join(dir, 'build.txt'), `deploy test ${name} ${Date.now()}\n`);
  execFileSync('bash', ['-c', `tar -C ${dir} -c . | docker import - ${name}`], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

/** Removes the test image and every tag pushed to the stand-in registry on `registryPort`. */
export function removeTestImages(name: string, registryPort: number | undefined): void {
  try {
    execFileSync('bash', ['-c', `docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^(${name}|127\\.0\\.0\\.1:${registryPort}/)' | xargs -r docker rmi -f`], { stdio: 'ignore' });
  } catch { /* best effort */ }
}
