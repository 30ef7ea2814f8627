import type { Report } from '../types.js';
import { decisiveEvidence, shorten } from './digest.js';
import { escapeHtml as h } from './escape.js';

/**
 * Why the run is not clean, one short line each: a failing row by its decisive evidence, linked to the
 * row that has the rest; any other problem (an expired waiver, a cdk-nag error, a stale template) as said.
 */
export function failuresSection(report: Report): string {
  if (report.failures.length === 0) return '';
  const rows = new Map(report.rows.filter((r) => r.status === 'FAIL').map((r) => [`${r.id} FAIL: ${r.summary}`, r]));
  const items = report.failures.map((f) => {
    const row = rows.get(f);
    return row ? `<li><a href="#${h(row.id)}">${h(row.id)}</a> FAIL: ${h(decisiveEvidence(row, report.stages).text)}</li>` : `<li>${h(shorten(f, 400))}</li>`;
  });
  return `<section id="failures"><h2>Failures</h2><ul>${items.join('')}</ul></section>`;
}
