import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ChildRun { readonly code: number | null; readonly timedOut: boolean; readonly stdout: string; readonly tail: string }

/**
 * Runs a suite as a child process. Its output goes to a log file (and to stderr with --verbose) so the
 * report's own progress stays readable; stdout is also kept for tools that answer in JSON.
 */
export function runChild(command: string, args: readonly string[], opts: {
  readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly log: string; readonly verbose: boolean; readonly timeoutMs: number;
}): Promise<ChildRun> {
  mkdirSync(dirname(opts.log), { recursive: true });
  const log = createWriteStream(opts.log);
  return new Promise((resolvePromise) => {
    const child = spawn(command, [...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      log.write(chunk);
      if (opts.verbose) process.stderr.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); keep(c); });
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, opts.timeoutMs);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      log.end(() => resolvePromise({ code, timedOut, stdout, tail }));
    };
    child.on('error', (e) => { tail += `\n${e.message}`; finish(null); });
    child.on('close', (code) => finish(code));
  });
}

/** The last line of a child's output that says something, without colour codes. */
export function lastMeaningfulLine(text: string): string {
  const lines = stripAnsi(text).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^at\s/.test(l));
  return lines[lines.length - 1] ?? '';
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
