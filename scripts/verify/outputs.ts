import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './format/html.js';
import { renderJson } from './format/json.js';
import { renderJunit } from './format/junit.js';
import { renderMarkdown } from './format/markdown.js';
import { renderSarif } from './format/sarif.js';
import type { Report } from './types.js';
import { HarnessError } from './errors.js';

export const OUTPUT_FILES = ['report.md', 'report.html', 'report.json', 'junit.xml', 'report.sarif'] as const;

/** Makes the output directory, or stops the harness with one line saying why it cannot. */
export function ensureOutDir(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new HarnessError(`cannot write the report to ${outDir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
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
