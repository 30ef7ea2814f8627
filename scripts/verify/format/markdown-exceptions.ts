import type { Report } from '../types.js';
import { escapeCell } from './escape.js';
import { exceptionScope, exceptionTally, NO_REASON, sortedExceptions } from './exceptions-common.js';

/** The Exceptions section: every suppression, skip and waiver with its tool, resource and reason. */
export function exceptionsMarkdown(report: Report): string[] {
  const out = ['## Exceptions', '', `${exceptionTally(report)}: what the tools were told to accept, where it is written, and why.`, ''];
  if (report.exceptions.length === 0) return [...out, 'None.', ''];
  out.push('| tool | id | resource | scope | reason |', '| --- | --- | --- | --- | --- |');
  for (const e of sortedExceptions(report)) {
    out.push(`| ${e.tool} | ${escapeCell(e.id)} | ${escapeCell(e.resource)}${e.type ? ` (${escapeCell(e.type)})` : ''} | ${escapeCell(exceptionScope(e))} | ${escapeCell(e.reason || NO_REASON)} |`);
  }
  out.push('');
  return out;
}
