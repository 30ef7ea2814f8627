import type { Report } from '../types.js';

/** The whole report as JSON: the machine-readable form the other formats are rendered from. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
