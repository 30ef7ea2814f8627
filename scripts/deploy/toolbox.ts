import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_TOOLS_BIN } from '../../integration/emulated/emulator.js';

/** The plain utilities deploy.sh uses besides the four tools it checks for. */
const UTILITIES = ['bash', 'env', 'dirname', 'sed', 'head', 'tail', 'cut', 'grep', 'tee', 'mktemp', 'rm', 'mkdir', 'cat', 'date', 'sleep', 'openssl', 'npm', 'node'];
const CHECKED = ['aws', 'docker', 'sam', 'git'] as const;

function which(name: string, path: string): string {
  // stdin from /dev/null: with a socket as stdin, Debian's bash reads ~/.bashrc as if started by sshd.
  return execFileSync('bash', ['-c', `command -v ${name}`], { env: { PATH: path }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/**
 * A directory to use as the whole PATH: exactly the utilities plus the checked tools not left out, so
 * a test controls precisely which of aws, docker, sam and git exist (a machine's own PATH may hold any).
 */
export function toolbox(without: readonly (typeof CHECKED)[number][] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-path-'));
  const search = `${AWS_TOOLS_BIN}:${process.env.PATH}`;
  for (const name of [...UTILITIES, ...CHECKED.filter((t) => !without.includes(t))]) {
    symlinkSync(which(name, search), join(dir, name));
  }
  return dir;
}
