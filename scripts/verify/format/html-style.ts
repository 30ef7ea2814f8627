import { ROW_STATUSES } from '../types.js';
import { statusKey } from './digest.js';

/** Background, text and border colour of each status (the sign and the word say it too: see STATUS_SIGN). */
const COLOURS: Record<string, readonly [string, string, string]> = {
  PASS: ['#e3f5e1', '#1b5e20', '#7cb87a'],
  FAIL: ['#fbe0e0', '#8e1010', '#d77'],
  WAIVED: ['#fff1c9', '#6b4e00', '#d9b44a'],
  'NOT-VERIFIED': ['#ececec', '#444', '#aaa'],
  ERROR: ['#f1e0fb', '#5b1680', '#b07ad0'],
};

/**
 * The status filter without a script: one radio button per status before the content, and rules that
 * hide the rows (and the requirements left empty) of every other status. A row reached by a link of
 * the grid is shown whatever the filter, so no link of the page leads nowhere.
 */
function filterRules(): string {
  return ROW_STATUSES.map(statusKey).map((k) => [
    `#show-${k}:checked~main tr.row:not(.${k}){display:none}`,
    `#show-${k}:checked~main section.group:not(:has(tr.row.${k})){display:none}`,
    `#show-${k}:checked~.summary .cell:not(.${k}){opacity:.25}`,
    `#show-${k}:checked~.summary label[for=show-${k}],#show-${k}:focus-visible~.summary label[for=show-${k}]{outline:3px solid #222;outline-offset:1px}`,
    `#show-${k}:checked~main::before{content:"Showing only the ${k.replace('-', ' ')} rows (choose \\"all\\" above to show every row)";display:block;padding:.4em;background:#fffbe6;border:1px solid #d9b44a}`,
  ].join('\n')).join('\n') +
    '\n#show-all:checked~.summary label[for=show-all],#show-all:focus-visible~.summary label[for=show-all]{outline:3px solid #222;outline-offset:1px}' +
    '\nmain tr.row:target{display:table-row!important;outline:3px solid #222}main section.group:has(:target){display:block!important}';
}

export function pageStyle(): string {
  const colours = Object.entries(COLOURS).map(([k, [bg, fg, border]]) => `.${k}{--bg:${bg};--fg:${fg};--bd:${border}}`).join('\n');
  return `body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.2em 0 .4em}h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f3f3f3}code{font-size:13px;background:#f3f3f3;padding:0 3px}small,.muted{color:#555}
pre{background:#f7f7f7;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap;margin:.3em 0}
${colours}
.verdict{font-size:1.15em;padding:.5em .7em;border-left:6px solid var(--bd);background:var(--bg);color:var(--fg);margin:.5em 0}
.badge{display:inline-block;white-space:nowrap;padding:0 .45em;border-radius:3px;border:1px solid var(--bd);background:var(--bg);color:var(--fg);font-weight:600;font-size:13px}
.filter{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.summary{display:grid;grid-template-columns:minmax(0,1fr) 14em;gap:1.5em;align-items:start;margin:.8em 0}
@media (max-width:900px){.summary{grid-template-columns:1fr}.counts{flex-direction:row;flex-wrap:wrap}}
.grid caption{text-align:left;font-size:13px}
.grid{width:auto;margin:0}.grid th{font-weight:600;white-space:nowrap;background:none;border:none;padding:2px 8px 2px 0}.grid td{border:none;padding:2px 0}
.grid th a{color:inherit}.grid th small{font-weight:normal}
.cell{display:inline-block;min-width:3.4em;margin:1px;padding:1px 3px;border:1px solid var(--bd);background:var(--bg);color:var(--fg);border-radius:3px;font-size:12px;text-decoration:none;font-variant-numeric:tabular-nums}
.cell .sign{float:right;margin-left:3px;font-weight:bold}
.counts{display:flex;flex-direction:column;gap:4px;min-width:13em}
.counts label{display:flex;justify-content:space-between;gap:1em;cursor:pointer;padding:2px 8px;border:1px solid var(--bd,#aaa);background:var(--bg,#fff);color:var(--fg,#222);border-radius:3px}
.counts label b{font-variant-numeric:tabular-nums}.counts .hint{font-size:12px;color:#555;margin-top:.3em}
table.rows{table-layout:fixed}table.rows th:nth-child(1){width:4.5em}table.rows th:nth-child(2){width:9.5em}table.rows th:nth-child(3){width:30%}
tr.row td{background:none;overflow-wrap:anywhere}tr.row td.st{background:var(--bg)}
td.stmt{font-size:13px;color:#333}.lead{margin:0}
details{margin-top:.2em}details>summary{cursor:pointer;color:#1a4d8f;font-size:13px}
ul.src{margin:.2em 0;padding-left:1.2em;font-size:13px}ul.src li{margin:.15em 0}
.stage-ref,#stages td:nth-child(2){white-space:nowrap}
tr.changed td{background:#fffbe6}
${filterRules()}
@media print{body{max-width:none;margin:0;font-size:11px}.counts .hint{display:none}.summary{grid-template-columns:1fr}.counts{flex-direction:row;flex-wrap:wrap}.counts label{outline:none!important}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}h2,h3{break-after:avoid}details>summary{color:#555}}`;
}
