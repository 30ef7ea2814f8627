import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './format/html.js';
import { renderJson } from './format/json.js';
import { renderJunit } from './format/junit.js';
import { renderMarkdown } from './format/markdown.js';
import { renderSarif } from './format/sarif.js';
import type { Report } from './types.js';

export const OUTPUT_FILES = ['report.md', 'report.html', 'report.json', 'junit.xml', 'report.sarif'] as const;

/** Writes every format into the output directory; returns the file names written. */
export function writeOutputs(report: Report, outDir: string, resourceLines: ReadonlyMap<string, number>): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: Record<(typeof OUTPUT_FILES)[number], string> = {
    'report.md': renderMarkdown(report),
    'report.html': renderHtml(report),
    'report.json': renderJson(report),
    'junit.xml': renderJunit(report),
    'report.sarif': renderSarif(report, resourceLines),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  return Object.keys(files);
}
