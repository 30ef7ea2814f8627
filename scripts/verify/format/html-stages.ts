import type { Report } from '../types.js';
import { stagesHolding } from './digest.js';
import { escapeHtml as h } from './escape.js';

/**
 * The stages, each with what it did; a stage that did not run says why once, with the command that
 * would run it and the rows it holds back (which link here instead of repeating the reason).
 */
export function stagesSection(report: Report): string {
  const body = report.stages.map((s) => {
    const waiting = report.rows.filter((r) => stagesHolding(r, report.stages).includes(s));
    const command = s.command ? `<br>to run it: <code>${h(s.command)}</code>` : '';
    const rows = waiting.length > 0 ? `<br><small>${waiting.length} row${waiting.length === 1 ? '' : 's'} wait${waiting.length === 1 ? 's' : ''} on it: ${waiting.map((r) => `<a href="#${h(r.id)}">${h(r.id)}</a>`).join(', ')}</small>` : '';
    const status = s.status === 'ran' ? 'ran' : s.status === 'error' ? '<b>ERROR</b>' : '<b>not run</b>';
    return `<tr id="stage-${h(s.name)}"><td>${h(s.name)}</td><td>${status}</td><td>${s.seconds.toFixed(1)}</td><td>${h(s.note)}${s.log ? ` <small>(log: ${h(s.log)})</small>` : ''}${command}${rows}</td></tr>`;
  }).join('');
  return `<section id="stages"><h2>Stages</h2><table><thead><tr><th>stage</th><th>status</th><th>seconds</th><th>what happened</th></tr></thead><tbody>${body}</tbody></table></section>`;
}
