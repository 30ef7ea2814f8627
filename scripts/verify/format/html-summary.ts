import { ROW_STATUSES, type Report, type Row } from '../types.js';
import { groups, STATUS_SIGN, statusKey } from './digest.js';
import { escapeHtml as h } from './escape.js';

/**
 * The radio buttons of the status filter. They come before the summary and the rows, as their siblings,
 * so that the page's CSS alone can act on them (html-style.ts); their labels are the counts.
 */
export function filterInputs(): string {
  return [`<input type="radio" name="show" id="show-all" class="filter" checked aria-label="show every row">`,
    ...ROW_STATUSES.map((s) => `<input type="radio" name="show" id="show-${statusKey(s)}" class="filter" aria-label="show only ${h(s)} rows">`)].join('');
}

/**
 * The whole specification at a glance: one cell per criterion and property, by requirement, coloured
 * and signed by status, each linking to its row; beside it the counts, which filter the rows.
 */
export function summarySection(report: Report): string {
  const lines = groups(report).map((g) => {
    const cells = g.rows.map((r) => gridCell(r)).join('');
    return `<tr><th scope="row"><a href="#${h(g.key)}">${h(g.label)}</a> <small>${h(g.title)}</small></th><td>${cells}</td></tr>`;
  }).join('');
  const counts = [
    `<label for="show-all"><span>all rows</span><b>${report.rows.length}</b></label>`,
    ...ROW_STATUSES.map((s) => `<label for="show-${statusKey(s)}" class="${statusKey(s)}"><span>${STATUS_SIGN[s]} ${h(s)}</span><b>${report.counts[s]}</b></label>`),
  ].join('');
  return `<section class="summary" aria-label="every criterion and property by status">` +
    `<table class="grid"><caption class="muted">Each cell is a criterion or property; it links to its row.</caption>${lines}</table>` +
    `<div class="counts" role="group" aria-label="rows by status (choose one to show only those rows)">${counts}<span class="hint">Choose a status to show only its rows.</span></div></section>`;
}

function gridCell(r: Row): string {
  const label = r.kind === 'criterion' ? r.id.slice(1) : r.id;
  return `<a class="cell ${statusKey(r.status)}" href="#${h(r.id)}" title="${h(`${r.id} ${r.status}: ${r.text}`)}" aria-label="${h(`${r.id}: ${r.status}`)}">${h(label)}<span class="sign" aria-hidden="true">${STATUS_SIGN[r.status]}</span></a>`;
}
