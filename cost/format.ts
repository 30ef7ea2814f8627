import type { CostReport, RemedyResult, ScenarioResult, Verdict } from './report.js';

const usd = (x: number) => `$${x.toFixed(2)}`;

function qty(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function table(rows: string[][], right: number[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function formatScenario(s: ScenarioResult): string {
  const tasks = typeof s.tasks === 'number' ? `${s.tasks} tasks` : `daily curve ${s.tasks.join(',')}`;
  const rows = [['line', 'quantity', 'unit', 'x unit price', '= amount', 'price key (source date)']];
  for (const l of s.bill.lines) {
    const q = l.freeQuantity > 0 ? `${qty(l.quantity)} - ${qty(l.freeQuantity)} free` : qty(l.quantity);
    rows.push([l.label, q, l.unit, `$${l.unitUsd}`, usd(l.amountUsd), `${l.priceKey} (${l.date})`]);
  }
  rows.push(['total', '', '', '', usd(s.bill.totalUsd), '']);
  const th = s.bill.taskHours;
  return `== ${s.name}: ${s.title}\n   ${tasks}; task-hours on demand ${qty(th['on-demand'])}, on Spot ${qty(th.spot)}; ${s.bill.region}${s.bill.freeTier ? ', free tier applied' : ''}\n`
    + table(rows, [1, 3, 4]);
}

function remedyLine(r: RemedyResult): string {
  const breaks = r.breaks.length > 0 ? `breaks ${r.breaks.join(', ')}` : 'breaks no criterion';
  return `${r.title}: ${usd(r.totalUsd)} (saves ${usd(r.savingUsd)}; ${r.meetsCeiling ? 'meets' : 'misses'} the ceiling by ${usd(Math.abs(r.marginUsd))}; ${breaks})`;
}

export function formatVerdict(v: Verdict): string {
  const out = [`${v.status.toUpperCase().padEnd(4)} ${v.id}  ${v.title}`, `     ${v.summary}`];
  if (v.remedies) {
    out.push('     Design changes, each re-priced by the model:');
    for (const r of v.remedies.singles) out.push(`       - ${remedyLine(r)}`);
    if (v.remedies.bestBreakingNothing) out.push(`     Best without breaking a criterion: ${remedyLine(v.remedies.bestBreakingNothing)}`);
    out.push(v.remedies.best ? `     Fewest criteria broken that meets it: ${remedyLine(v.remedies.best)}` : '     No combination of these changes meets it.');
  }
  return out.join('\n');
}

export function formatReport(r: CostReport): string {
  const summary = table([['scenario', 'monthly total'], ...r.scenarios.map((s) => [s.name, usd(s.bill.totalUsd)])], [1]);
  return [
    `Monthly cost of ${r.template} in ${r.region} (prices: ${r.snapshot.compiled}; ${r.snapshot.hoursPerMonth} h a month; free tier ${r.freeTier ? 'on' : 'off'})`,
    '',
    ...r.scenarios.map((s) => formatScenario(s) + '\n'),
    summary,
    '',
    'Verdicts',
    // P11 restates R12.5 at the same 10 tasks: its remedies are printed once.
    ...r.verdicts.map((v) => {
      const twin = r.verdicts.find((w) => w.id === 'R12.5');
      return v.id === 'P11' && twin && twin.summary === v.summary ? formatVerdict({ ...v, remedies: undefined }) + '\n     Design changes: as for R12.5.' : formatVerdict(v);
    }),
    '',
    'Assumptions',
    ...r.assumptions.map((a) => `  - ${a}`),
  ].join('\n');
}
