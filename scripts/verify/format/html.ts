import { REQUIREMENTS } from '../spec-ids.js';
import { formatNumber } from '../rows.js';
import { verdictLine } from '../report.js';
import { describeSource } from '../traceability.js';
import { ROW_STATUSES, type Report, type Row } from '../types.js';
import { costChartSvg } from './chart.js';
import { escapeHtml as h } from './escape.js';

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f3f3f3}.PASS{background:#e3f5e1}.FAIL{background:#fbe0e0;font-weight:bold}.WAIVED{background:#fff4d6}.NOT-VERIFIED{background:#eee;color:#555}.ERROR{background:#f1e0fb;font-weight:bold}
.verdict{font-size:1.2em;padding:.5em;border-radius:4px}.ok{background:#e3f5e1}.bad{background:#fbe0e0}
pre{background:#f7f7f7;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap}small{color:#666}ul.src{margin:0;padding-left:1.2em}`;

/** The report as one self-contained HTML page: no scripts, no external styles or images. */
export function renderHtml(report: Report): string {
  const c = report.counts;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Compliance report: ${h(report.template.title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>Compliance report: ${h(report.template.title)}</h1>`);
  parts.push(`<p class="verdict ${report.exitCode === 0 ? 'ok' : 'bad'}">${h(verdictLine(report))}</p>`);
  parts.push(`<p>Template <code>${h(report.template.path)}</code> (${h(report.template.origin)}, ${report.template.resources} resources, sha256 <code>${h(report.template.sha256.slice(0, 12))}</code>), generated ${h(report.generatedAt)} by ${h(report.tool.name)} ${h(report.tool.version)}.</p>`);
  parts.push(`<table><tr>${ROW_STATUSES.map((s) => `<th>${s}</th>`).join('')}</tr><tr>${ROW_STATUSES.map((s) => `<td>${c[s]}</td>`).join('')}</tr></table>`);

  parts.push('<h2>Stages</h2><table><tr><th>stage</th><th>status</th><th>seconds</th><th>what happened</th></tr>');
  for (const s of report.stages) parts.push(`<tr><td>${h(s.name)}</td><td>${h(s.status)}</td><td>${s.seconds.toFixed(1)}</td><td>${h(s.note)}${s.log ? ` <small>(log: ${h(s.log)})</small>` : ''}</td></tr>`);
  parts.push('</table>');

  if (report.errors.length > 0) parts.push(`<h2>Harness errors (the harness could not judge these; not a verdict on the template)</h2><ul>${report.errors.map((f) => `<li>${h(f)}</li>`).join('')}</ul>`);
  if (report.failures.length > 0) parts.push(`<h2>Failures</h2><ul>${report.failures.map((f) => `<li>${h(f)}</li>`).join('')}</ul>`);
  if (report.waivers.length > 0) parts.push(`<h2>Waivers</h2><ul>${report.waivers.map((w) => `<li><b>${h(w.kind)}</b>: ${h(w.message)}</li>`).join('')}</ul>`);

  for (const req of REQUIREMENTS) {
    parts.push(`<h2 id="req-${req.number}">Requirement ${req.number}: ${h(req.title)}</h2>`);
    parts.push(rowsTable(report.rows.filter((r) => r.kind === 'criterion' && r.requirement === req.number)));
  }
  parts.push('<h2 id="properties">Correctness properties</h2>');
  parts.push(rowsTable(report.rows.filter((r) => r.kind === 'property')));
  if (report.properties.length > 0) {
    parts.push('<h3>Property tests</h3>');
    for (const p of report.properties) {
      const failed = p.tests.filter((t) => t.status === 'failed');
      parts.push(`<details${failed.length > 0 ? ' open' : ''}><summary>${h(p.id)}: ${p.tests.filter((t) => t.status === 'passed').length} passed, ${failed.length} failed, ${p.tests.filter((t) => t.status === 'skipped').length} skipped</summary><ul>`);
      for (const t of p.tests) {
        parts.push(`<li class="${t.status === 'failed' ? 'FAIL' : t.status === 'passed' ? 'PASS' : 'NOT-VERIFIED'}">${h(t.status)}: ${h(t.name)} <small>${h(t.file)}</small>`);
        if (t.message) parts.push(`<pre>${h(t.message)}</pre>`);
        parts.push('</li>');
      }
      parts.push('</ul></details>');
    }
  }

  if (report.cost) {
    parts.push(`<h2 id="cost">Cost</h2><p>${h(report.cost.note)}</p>`);
    for (const s of report.cost.scenarios) {
      parts.push(`<h3>${h(s.name)}: $${s.total.toFixed(2)} per month</h3>${costChartSvg(s)}`);
      parts.push(`<table><tr><th>line</th><th>$ per month</th><th>how</th></tr>${s.lines.map((l) => `<tr><td>${h(l.label)}</td><td>${l.amount.toFixed(2)}</td><td>${h(l.detail ?? '')}</td></tr>`).join('')}</table>`);
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
  parts.push('</body></html>\n');
  return parts.join('\n');
}

function rowsTable(rows: readonly Row[]): string {
  const body = rows.map((r) => {
    const sources = r.sources.map((s) => {
      const figures = s.figures ? ` [${Object.entries(s.figures).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ')}]` : '';
      const text = s.status === 'pass' ? s.evidence ?? 'passed' : s.reason ?? s.status;
      return `<li><b>${h(s.status)}</b> ${h(describeSource(s.source))}: ${h(text)}${h(figures)}${s.resource ? ` <small>(at ${h(s.resource)})</small>` : ''}</li>`;
    }).join('');
    const waiver = r.waiver ? `<p><b>Waiver</b> until ${h(r.waiver.expires)}${r.waiver.expired ? ' (EXPIRED)' : ''}: ${h(r.waiver.reason)}</p>` : '';
    // Each source is listed with what it said; only a row that is not verified repeats, first, what it waits for.
    const lead = r.status === 'NOT VERIFIED' || r.status === 'ERROR' ? h(r.summary) : '';
    return `<tr class="${r.status.replace(' ', '-')}" id="${h(r.id)}"><td>${h(r.id)}</td><td>${h(r.status)}</td><td>${h(r.text)}</td><td>${lead}<ul class="src">${sources}</ul>${waiver}</td></tr>`;
  }).join('');
  return `<table><tr><th>id</th><th>status</th><th>statement</th><th>evidence or reason</th></tr>${body}</table>`;
}
