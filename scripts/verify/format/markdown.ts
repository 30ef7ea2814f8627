import { REQUIREMENTS } from '../spec-ids.js';
import { formatNumber } from '../rows.js';
import { verdictLine } from '../report.js';
import { ROW_STATUSES, type Report, type Row } from '../types.js';
import { decisiveEvidence, failureLine, rowReason } from './digest.js';
import { escapeCell } from './escape.js';
import { changesMarkdown } from './markdown-changes.js';
import { exceptionsMarkdown } from './markdown-exceptions.js';
import { summaryTable } from './markdown-summary.js';

const BADGE: Record<Row['status'], string> = { PASS: 'PASS', FAIL: '**FAIL**', WAIVED: '_WAIVED_', 'NOT VERIFIED': 'NOT VERIFIED', ERROR: '**ERROR**' };

/**
 * The report as Markdown: readable in a terminal, a pull-request comment or a release note. The summary
 * and the changes come first; a row shows what decides it (the whole evidence is in report.json and
 * the HTML page), and a stage that did not run is named, its reason said once in the stage table.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const c = report.counts;
  out.push(`# Compliance report: ${report.template.title}`, '');
  out.push(`**${verdictLine(report)}**`, '');
  out.push(`- template: \`${report.template.path}\` (${report.template.origin}, ${report.template.resources} resources, sha256 ${report.template.sha256.slice(0, 12)})`);
  out.push(`- generated: ${report.generatedAt} by ${report.tool.name} ${report.tool.version}`, '');
  out.push(`| ${ROW_STATUSES.join(' | ')} |`, `|${ROW_STATUSES.map(() => ' ---: |').join('')}`, `| ${ROW_STATUSES.map((s) => c[s]).join(' | ')} |`, '');
  out.push(...summaryTable(report));
  if (report.changes) out.push(...changesMarkdown(report.changes, report));

  out.push('## Stages', '', '| stage | status | seconds | what happened |', '| --- | --- | ---: | --- |');
  for (const s of report.stages) out.push(`| ${s.name} | ${s.status} | ${s.seconds.toFixed(1)} | ${escapeCell(s.note)}${s.log ? ` (log: \`${s.log}\`)` : ''}${s.command ? `; to run it: \`${escapeCell(s.command)}\`` : ''} |`);
  out.push('');

  if (report.errors.length > 0) {
    out.push('## Harness errors', '', 'The harness could not judge these (a check or a stage crashed); they are not verdicts on the template.', '');
    for (const e of report.errors) out.push(`- ${e.replace(/\n/g, ' ')}`);
    out.push('');
  }
  if (report.failures.length > 0) {
    out.push('## Failures', '');
    for (const f of report.failures) out.push(`- ${failureLine(f, report).text}`);
    out.push('');
  }
  if (report.waivers.length > 0) {
    out.push('## Waivers', '');
    for (const w of report.waivers) out.push(`- ${w.kind}: ${w.message}`);
    out.push('');
  }

  for (const req of REQUIREMENTS) {
    out.push(`## Requirement ${req.number}: ${req.title}`, '', '| id | status | criterion | evidence or reason |', '| --- | --- | --- | --- |');
    for (const row of report.rows.filter((r) => r.kind === 'criterion' && r.requirement === req.number)) out.push(rowLine(row, report));
    out.push('');
  }
  out.push('## Correctness properties', '', '| id | status | property | evidence or reason |', '| --- | --- | --- | --- |');
  for (const row of report.rows.filter((r) => r.kind === 'property')) out.push(rowLine(row, report));
  out.push('');

  const failedTests = report.properties.flatMap((p) => p.tests.filter((t) => t.status === 'failed').map((t) => ({ id: p.id, t })));
  if (failedTests.length > 0) {
    out.push('### Counterexamples', '');
    for (const { id, t } of failedTests) {
      out.push(`#### ${id}: ${t.name}`, '', `\`${t.file}\``, '', '```text', (t.message ?? '').replace(/```/g, "'''").trimEnd(), '```', '');
    }
  }

  if (report.cost) {
    out.push('## Cost', '', report.cost.note, '');
    for (const s of report.cost.scenarios) {
      out.push(`### ${s.name}: $${s.total.toFixed(2)} per month`, '', '| line | $ per month | how |', '| --- | ---: | --- |');
      for (const l of s.lines) out.push(`| ${escapeCell(l.label)} | ${l.amount.toFixed(2)} | ${escapeCell(l.detail ?? '')} |`);
      out.push('');
    }
  }
  if (report.figures.length > 0) {
    out.push('## Measured figures', '', '| id | figure | value | source |', '| --- | --- | ---: | --- |');
    for (const f of report.figures) out.push(`| ${f.id} | ${escapeCell(f.name)} | ${formatNumber(f.value)} | ${escapeCell(f.source)} |`);
    out.push('');
  }
  if (report.nag.length > 0) {
    out.push('## cdk-nag (AwsSolutions) findings', '', '| level | resource | finding |', '| --- | --- | --- |');
    for (const n of report.nag) out.push(`| ${n.level} | ${escapeCell(n.path)} | ${escapeCell(n.message.split('\n')[0])} |`);
    out.push('');
  }
  out.push(...exceptionsMarkdown(report));
  return out.join('\n');
}

/** A failure is said in full (it is what must be acted on); a pass by its decisive evidence. */
function rowLine(row: Row, report: Report): string {
  const waiver = row.waiver ? ` Waiver (until ${row.waiver.expires}${row.waiver.expired ? ', EXPIRED' : ''}): ${row.waiver.reason}` : '';
  const said = row.status === 'PASS' ? decisiveEvidence(row, report.stages).text : rowReason(row, report.stages);
  return `| ${row.id} | ${BADGE[row.status]} | ${escapeCell(row.text)} | ${escapeCell(said + waiver)} |`;
}
