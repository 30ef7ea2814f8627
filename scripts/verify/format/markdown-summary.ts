import { ROW_STATUSES, type Report } from '../types.js';
import { groups, STATUS_SIGN } from './digest.js';
import { escapeCell } from './escape.js';

/**
 * The requirements by status in one compact table (the HTML page's grid, for a pull-request comment):
 * a line per requirement with its counts and the ids that do not pass, each with its status's sign.
 */
export function summaryTable(report: Report): string[] {
  const out = ['## Summary', '', `| requirement | ${ROW_STATUSES.map((s) => `${STATUS_SIGN[s]} ${s}`).join(' | ')} | not passing |`, `| --- |${ROW_STATUSES.map(() => ' ---: |').join('')} --- |`];
  for (const g of groups(report)) {
    const notPassing = g.rows.filter((r) => r.status !== 'PASS').map((r) => `${r.id} ${STATUS_SIGN[r.status]}`).join(', ');
    out.push(`| ${g.label} ${escapeCell(g.title)} | ${ROW_STATUSES.map((s) => g.counts[s]).join(' | ')} | ${notPassing} |`);
  }
  out.push('', `Signs: ${ROW_STATUSES.map((s) => `${STATUS_SIGN[s]} ${s}`).join(', ')}.`, '');
  return out;
}
