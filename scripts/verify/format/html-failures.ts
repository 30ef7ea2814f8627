import type { Report } from '../types.js';
import { failureLine } from './digest.js';
import { escapeHtml as h } from './escape.js';

/**
 * Why the run is not clean, one short line each: a row by its decisive evidence, linked to the row that
 * has the rest; any other problem (an expired waiver, a cdk-nag error, a stale template) as said.
 */
export function failuresSection(report: Report): string {
  if (report.failures.length === 0) return '';
  const items = report.failures.map((f) => {
    const { id, text } = failureLine(f, report);
    return id ? `<li><a href="#${h(id)}">${h(id)}</a>${h(text.slice(id.length))}</li>` : `<li>${h(text)}</li>`;
  });
  return `<section id="failures"><h2>Failures</h2><ul>${items.join('')}</ul></section>`;
}
