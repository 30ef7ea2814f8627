import type { Changes, ExceptionEntry, Report, RowStatus } from '../types.js';
import { nowBecause, shorten } from './digest.js';
import { escapeHtml as h } from './escape.js';
import { badge } from './html-rows.js';

const money = (v: number | undefined, none = 'not priced'): string => (v === undefined ? none : `$${v.toFixed(2)}`);
const signed = (v: number): string => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}$${Math.abs(v).toFixed(2)}`);
const status = (s: RowStatus | 'absent'): string => (s === 'absent' ? '<i>absent</i>' : badge(s));
const exception = (e: ExceptionEntry): string => `${h(e.tool)} <code>${h(e.id)}</code> on ${h(e.resource)}${e.appliesTo?.length ? ` (only ${h(e.appliesTo.join(', '))})` : ''}`;

/**
 * "Since the last release" (with --compare): rows whose status changed (each with what decides it now),
 * waivers added, removed or changed, the cost of every scenario then and now.
 */
export function changesSection(changes: Changes, report: Pick<Report, 'rows' | 'stages'>): string {
  const p = changes.previous;
  const parts = [`<section id="since"><h2>Since the last release</h2>`,
    `<p>Compared with <code>${h(p.path)}</code>, generated ${h(p.generatedAt)} by version ${h(p.version)}, of <code>${h(p.templatePath)}</code>: ` +
    `${changes.templateChanged ? `the template changed (sha256 <code>${h(p.templateSha256.slice(0, 12))}</code> then)` : 'the same template (same sha256)'}.</p>`];

  if (changes.rows.length === 0) parts.push('<p>No row changed status.</p>');
  else {
    const regressions = changes.regressions.length;
    parts.push(`<p>${changes.rows.length} row${changes.rows.length === 1 ? '' : 's'} changed status${regressions > 0 ? `; <b>${regressions} passed before and do not now</b>` : ''}.</p>`);
    parts.push('<table><thead><tr><th>id</th><th>was</th><th>now</th><th>now, because</th></tr></thead><tbody>' + changes.rows.map((r) =>
      `<tr${changes.regressions.includes(r.id) ? ' class="changed"' : ''}><td><a href="#${h(r.id)}">${h(r.id)}</a></td><td>${status(r.from)}</td><td>${status(r.to)}</td><td>${h(nowBecause(r.id, r.summary, report))}</td></tr>`).join('') + '</tbody></table>');
  }

  const w = changes.waivers;
  const waiverItems = [
    ...w.added.map((x) => `<li><b>added</b> ${h(x.id)} until ${h(x.expires)}: ${h(shorten(x.reason, 200))}</li>`),
    ...w.removed.map((x) => `<li><b>removed</b> ${h(x.id)} (was until ${h(x.expires)}: ${h(shorten(x.reason, 200))})</li>`),
    ...w.changed.map((x) => `<li><b>changed</b> ${h(x.id)}: ${x.from.expires !== x.to.expires ? `until ${h(x.from.expires)} → ${h(x.to.expires)}` : 'same expiry'}${x.from.reason !== x.to.reason ? `; reason now: ${h(shorten(x.to.reason, 200))}` : ''}</li>`),
  ];
  const x = changes.exceptions;
  const exceptionItems = x ? [
    ...x.added.map((e) => `<li><b>added</b> ${exception(e)}: ${h(shorten(e.reason || '(no reason written)', 200))}</li>`),
    ...x.removed.map((e) => `<li><b>removed</b> ${exception(e)}</li>`),
    ...x.changed.map((c) => `<li><b>changed</b> ${exception(c.to)}: reason now: ${h(shorten(c.to.reason || '(no reason written)', 200))}</li>`),
  ] : ['<li>the previous report did not list its exceptions (cdk-nag suppressions, checkov skips, cfn-lint ignores)</li>'];
  parts.push(waiverItems.length + exceptionItems.length > 0
    ? `<h3>Waivers and exceptions</h3><ul>${[...waiverItems, ...exceptionItems].join('')}</ul>`
    : '<p>No waiver or exception added, removed or changed.</p>');

  if (changes.cost.length > 0) {
    parts.push('<h3>Cost per month</h3><table><thead><tr><th>scenario</th><th>was</th><th>now</th><th>change</th><th>lines that changed</th></tr></thead><tbody>' + changes.cost.map((c) =>
      `<tr${c.delta !== 0 ? ' class="changed"' : ''}><td>${h(c.scenario)}</td><td>${money(c.from)}</td><td>${money(c.to)}</td><td style="white-space:nowrap">${signed(c.delta)}</td><td>${c.lines.map((l) => `${h(l.label)}: ${money(l.from, 'none')} → ${money(l.to, 'none')} (${signed(l.delta)})`).join('<br>')}</td></tr>`).join('') + '</tbody></table>');
  }
  parts.push('</section>');
  return parts.join('');
}
