import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './format/html.js';
import { renderJson } from './format/json.js';
import { renderJunit } from './format/junit.js';
import { renderMarkdown } from './format/markdown.js';
import { renderSarif } from './format/sarif.js';
import type { Report } from './types.js';
import { HarnessError } from './errors.js';

export const OUTPUT_FILES = ['report.md', 'report.html', 'report.json', 'junit.xml', 'report.sarif'] as const;

/** Files the run may write into the output directory besides the reports (a stale template's fresh synthesis). */
const OTHER_FILES = ['template.json'];

/**
 * Makes the output directory and proves it writable, or stops the harness with one line saying why:
 * called before the first stage, so a report that cannot be written is known in a second, not after
 * minutes of checks. Making the directory is not enough: it may be read-only, on a full or read-only
 * file system, or hold a directory where a report file goes.
 */
export function ensureOutDir(outDir: string): void {
  const refuse = (what: string, e: unknown) => new HarnessError(`cannot write ${what}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  for (const dir of [outDir, join(outDir, 'logs')]) {
    try {
      mkdirSync(dir, { recursive: true });
      const probe = join(dir, `.write-check-${process.pid}`);
      writeFileSync(probe, '');
      rmSync(probe);
    } catch (e) {
      throw refuse(dir === outDir ? `the report to ${outDir}` : `the suites' logs to ${dir}`, e);
    }
  }
  for (const name of [...OUTPUT_FILES, ...OTHER_FILES]) {
    const path = join(outDir, name);
    try {
      if (existsSync(path) && !statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      if (existsSync(path)) accessSync(path, constants.W_OK);
    } catch (e) {
      throw refuse(`${name} in ${outDir}`, e);
    }
  }
}

/** Writes every format into the output directory; returns the file names written. */
export function writeOutputs(report: Report, outDir: string, resourceLines: ReadonlyMap<string, number>): string[] {
  ensureOutDir(outDir);
  const files: Record<(typeof OUTPUT_FILES)[number], string> = {
    'report.md': renderMarkdown(report),
    'report.html': renderHtml(report),
    'report.json': renderJson(report),
    'junit.xml': renderJunit(report),
    'report.sarif': renderSarif(report, resourceLines),
  };
  for (const [name, text] of Object.entries(files)) {
    try {
      writeFileSync(join(outDir, name), text);
    } catch (e) {
      throw new HarnessError(`cannot write ${name} in ${outDir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  return Object.keys(files);
}
