import type { Changes, ExceptionEntry, Report, RowStatus } from '../types.js';
import { nowBecause, STATUS_SIGN } from './digest.js';
import { escapeCell } from './escape.js';

const money = (v: number | undefined, none = 'not priced'): string => (v === undefined ? none : `$${v.toFixed(2)}`);
const signed = (v: number): string => (v === 0 ? '0' : `${v > 0 ? '+' : '-'}$${Math.abs(v).toFixed(2)}`);
const status = (s: RowStatus | 'absent'): string => (s === 'absent' ? '_absent_' : `${STATUS_SIGN[s]} ${s}`);
const exception = (e: ExceptionEntry): string => `${e.tool} \`${e.id}\` on ${e.resource}${e.appliesTo?.length ? ` (only ${e.appliesTo.join(', ')})` : ''}`;

/** "Since the last release" (with --compare): rows whose status changed, waivers, cost per scenario. */
export function changesMarkdown(changes: Changes, report: Pick<Report, 'rows' | 'stages'>): string[] {
  const p = changes.previous;
  const out = ['## Since the last release', '',
    `Compared with \`${p.path}\` (generated ${p.generatedAt} by version ${p.version}, of \`${p.templatePath}\`): ${changes.templateChanged ? `the template changed (sha256 ${p.templateSha256.slice(0, 12)} then)` : 'the same template'}.`, ''];
  if (changes.rows.length === 0) out.push('No row changed status.', '');
  else {
    if (changes.regressions.length > 0) out.push(`**${changes.regressions.length} row${changes.regressions.length === 1 ? '' : 's'} passed before and do${changes.regressions.length === 1 ? 'es' : ''} not now: ${changes.regressions.join(', ')}.**`, '');
    out.push('| id | was | now | now, because |', '| --- | --- | --- | --- |');
    for (const r of changes.rows) out.push(`| ${r.id} | ${status(r.from)} | ${status(r.to)} | ${escapeCell(nowBecause(r.id, r.summary, report))} |`);
    out.push('');
  }
  const w = changes.waivers;
  const waivers = [
    ...w.added.map((x) => `- waiver added: ${x.id} until ${x.expires}: ${x.reason}`),
    ...w.removed.map((x) => `- waiver removed: ${x.id} (was until ${x.expires}: ${x.reason})`),
    ...w.changed.map((x) => `- waiver changed: ${x.id}: until ${x.from.expires} -> ${x.to.expires}${x.from.reason !== x.to.reason ? `; reason now: ${x.to.reason}` : ''}`),
  ];
  const x = changes.exceptions;
  const exceptions = x ? [
    ...x.added.map((e) => `- exception added: ${exception(e)}: ${e.reason || '(no reason written)'}`),
    ...x.removed.map((e) => `- exception removed: ${exception(e)}`),
    ...x.changed.map((c) => `- exception changed: ${exception(c.to)}: reason now: ${c.to.reason || '(no reason written)'}`),
  ] : ['- the previous report did not list its exceptions (cdk-nag suppressions, checkov skips, cfn-lint ignores)'];
  out.push(...(waivers.length + exceptions.length > 0 ? [...waivers, ...exceptions] : ['No waiver or exception added, removed or changed.']), '');
  if (changes.cost.length > 0) {
    out.push('| cost scenario | was | now | change | lines that changed |', '| --- | ---: | ---: | ---: | --- |');
    for (const c of changes.cost) out.push(`| ${escapeCell(c.scenario)} | ${money(c.from)} | ${money(c.to)} | ${signed(c.delta)} | ${escapeCell(c.lines.map((l) => `${l.label}: ${money(l.from, 'none')} -> ${money(l.to, 'none')}`).join('; '))} |`);
    out.push('');
  }
  return out;
}
