import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary directories a command needs while it runs, removed when the process ends: normally, on an
 * error, or on Ctrl-C / SIGTERM. A tool that runs for minutes and is interrupted must not leave its
 * working files behind in the system's temporary directory.
 */

const dirs = new Set<string>();
let hooked = false;

/** A fresh directory under the system's temporary directory, removed at exit. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  dirs.add(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeScratchDirs);
    // A signal ends the process without 'exit' unless someone handles it; 128 + the signal's number is
    // the shell's convention for "ended by a signal". Listeners the command added itself run too.
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => { if (process.listenerCount(signal) === 0) process.exit(code); });
    }
  }
  return dir;
}

/** Removes one scratch directory now (it would be removed at exit anyway). */
export function removeScratchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

function removeScratchDirs(): void {
  for (const dir of dirs) {
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort at exit */ }
  }
  dirs.clear();
}
