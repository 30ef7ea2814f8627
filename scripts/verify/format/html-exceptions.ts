import type { Report } from '../types.js';
import { escapeHtml as h } from './escape.js';
import { exceptionScope, exceptionTally, NO_REASON, sortedExceptions } from './exceptions-common.js';

/** The Exceptions section: every suppression, skip and waiver with its tool, resource and reason. */
export function exceptionsSection(report: Report): string {
  const intro = `<p>${h(exceptionTally(report))}: what the tools were told to accept, where it is written, and why.</p>`;
  if (report.exceptions.length === 0) return `<section id="exceptions"><h2>Exceptions</h2>${intro}<p>None.</p></section>`;
  const rows = sortedExceptions(report).map((e) => `<tr><td>${h(e.tool)}</td><td><code>${h(e.id)}</code></td><td>${h(e.resource)}${e.type ? ` <span class="muted">${h(e.type)}</span>` : ''}</td><td>${h(exceptionScope(e))}</td><td>${h(e.reason || NO_REASON)}</td></tr>`);
  return `<section id="exceptions"><h2>Exceptions</h2>${intro}<table><tr><th>tool</th><th>id</th><th>resource</th><th>scope</th><th>reason</th></tr>${rows.join('')}</table></section>`;
}
