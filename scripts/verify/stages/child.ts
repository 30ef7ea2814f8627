import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ChildRun { readonly code: number | null; readonly timedOut: boolean; readonly stdout: string; readonly tail: string; readonly seconds: number }

export interface ChildOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: string;
  readonly verbose: boolean;
  readonly timeoutMs: number;
  /**
   * Whether stdout is read back (tools that answer in JSON). Without it the child writes straight into
   * its log file, so it never waits on a pipe while this process is busy synthesizing.
   */
  readonly captureStdout?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Runs a suite as a child process. Its output goes to a log file (or, with --verbose, to stderr) so the
 * report's own progress stays readable.
 */
export function runChild(command: string, args: readonly string[], opts: ChildOptions): Promise<ChildRun> {
  mkdirSync(dirname(opts.log), { recursive: true });
  const t0 = Date.now();
  if (opts.captureStdout) return runPiped(command, args, opts, t0);
  const fd = opts.verbose ? 2 : openSync(opts.log, 'w');
  return new Promise((resolvePromise) => {
    const child = spawn(command, [...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd], signal: opts.signal });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, opts.timeoutMs);
    let settled = false;
    const finish = (code: number | null, extra = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (fd !== 2) closeSync(fd);
      const tail = opts.verbose ? extra : readTail(opts.log) + extra;
      resolvePromise({ code, timedOut, stdout: '', tail, seconds: (Date.now() - t0) / 1000 });
    };
    child.on('error', (e) => finish(null, `\n${e.message}`));
    child.on('close', (code) => finish(code));
  });
}

function runPiped(command: string, args: readonly string[], opts: ChildOptions, t0: number): Promise<ChildRun> {
  const log = createWriteStream(opts.log);
  return new Promise((resolvePromise) => {
    const child = spawn(command, [...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
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
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      log.end(() => resolvePromise({ code, timedOut, stdout, tail, seconds: (Date.now() - t0) / 1000 }));
    };
    child.on('error', (e) => { tail += `\n${e.message}`; finish(null); });
    child.on('close', (code) => finish(code));
  });
}

function readTail(path: string): string {
  try { return readFileSync(path, 'utf8').slice(-4000); } catch { return ''; }
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
