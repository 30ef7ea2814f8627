import { formatNumber } from '../rows.js';
import { verdictLine } from '../report.js';
import type { Report } from '../types.js';
import { costChartSvg } from './chart.js';
import { shorten } from './digest.js';
import { escapeHtml as h } from './escape.js';
import { changesSection } from './html-changes.js';
import { exceptionsSection } from './html-exceptions.js';
import { failuresSection } from './html-failures.js';
import { rowSections } from './html-rows.js';
import { stagesSection } from './html-stages.js';
import { pageStyle } from './html-style.js';
import { filterInputs, summarySection } from './html-summary.js';

/**
 * The report as one self-contained HTML page for a reviewer with a minute: the verdict, a grid of every
 * criterion and property by status, what changed since the last release, the stages (each reason said
 * once), then a row per criterion with its one decisive piece of evidence and the rest folded. No
 * script and nothing fetched: the status filter is CSS over radio buttons; it prints as it reads.
 * Each part is a function of its own file, appended in order below.
 */
export function renderHtml(report: Report): string {
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Compliance report: ${h(report.template.title)}</title><style>${pageStyle()}</style></head><body>`);
  parts.push(`<header><h1>Compliance report: ${h(report.template.title)}</h1>`);
  parts.push(`<p class="verdict ${report.exitCode === 0 ? 'PASS' : report.exitCode === 2 ? 'ERROR' : 'FAIL'}" role="status"><b>${h(verdictLine(report))}</b></p>`);
  parts.push(`<p class="muted">Template <code>${h(report.template.path)}</code> (${h(report.template.origin)}, ${report.template.resources} resources, sha256 <code>${h(report.template.sha256.slice(0, 12))}</code>), generated ${h(report.generatedAt)} by ${h(report.tool.name)} ${h(report.tool.version)}.</p></header>`);
  // The filter's radio buttons precede everything they filter (see html-style.ts).
  parts.push(filterInputs());
  parts.push(summarySection(report));
  if (report.changes) parts.push(changesSection(report.changes, report));

  if (report.errors.length > 0) parts.push(`<section><h2>Harness errors (the harness could not judge these; not a verdict on the template)</h2><ul>${report.errors.map((f) => `<li>${h(f)}</li>`).join('')}</ul></section>`);
  if (report.failures.length > 0) parts.push(failuresSection(report));
  parts.push(stagesSection(report));
  // Each waiver's whole reason is in its row (and in the Exceptions): here one line each.
  if (report.waivers.length > 0) parts.push(`<section><h2>Waivers</h2><ul>${report.waivers.map((w) => `<li><b>${h(w.kind)}</b> (<a href="#${h(w.id)}">${h(w.id)}</a>): ${h(shorten(w.message, 160))}</li>`).join('')}</ul></section>`);

  parts.push(`<main>${rowSections(report)}</main>`);

  if (report.cost) {
    parts.push(`<h2 id="cost">Cost</h2><p>${h(report.cost.note)}</p>`);
    for (const s of report.cost.scenarios) {
      parts.push(`<h3>${h(s.name)}: $${s.total.toFixed(2)} per month</h3>${costChartSvg(s)}`);
      parts.push(`<details><summary>the ${s.lines.length} lines of ${h(s.name)}</summary><table><tr><th>line</th><th>$ per month</th><th>how</th></tr>${s.lines.map((l) => `<tr><td>${h(l.label)}</td><td>${l.amount.toFixed(2)}</td><td>${h(l.detail ?? '')}</td></tr>`).join('')}</table></details>`);
    }
  }
  if (report.figures.length > 0) {
    parts.push('<h2 id="figures">Measured figures</h2><table><tr><th>id</th><th>figure</th><th>value</th><th>source</th></tr>');
    for (const f of report.figures) parts.push(`<tr><td>${h(f.id)}</td><td>${h(f.name)}</td><td>${h(formatNumber(f.value))}</td><td>${h(f.source)}</td></tr>`);
    parts.push('</table>');
  }
  if (report.nag.length > 0) {
    parts.push('<h2>cdk-nag (AwsSolutions) findings</h2><table><tr><th>level</th><th>resource</th><th>finding</th></tr>');
    for (const n of report.nag) parts.push(`<tr><td>${h(n.level)}</td><td>${h(n.path)}</td><td>${h(n.message.split('\n')[0])}</td></tr>`);
    parts.push('</table>');
  }
  parts.push(exceptionsSection(report));
  parts.push('</body></html>\n');
  return parts.join('\n');
}
