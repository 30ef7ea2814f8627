import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, type TemplateView } from '../../../infra/template/index.js';
import { oneLine } from '../errors.js';
import { notRun, type Collected } from '../findings.js';
import type { CostScenario, EvidenceRecord } from '../types.js';

export interface CostStage {
  readonly collected: Collected;
  readonly scenarios: readonly CostScenario[];
  readonly note: string;
  readonly status: 'ran' | 'not-run';
}

/**
 * The cost model's verdicts (R12.1, R12.2, R12.5, R12.7, P11) and scenarios over the template under
 * test, through the library API of cost/index.ts. Until that exists, or when it cannot price this
 * template, the cost rows are NOT VERIFIED with the reason.
 */
export async function runCostStage(opts: { enabled: boolean; view: TemplateView }): Promise<CostStage> {
  const none = (reason: string): CostStage => ({ collected: notRun(reason), scenarios: [], note: `not run: ${reason}`, status: 'not-run' });
  if (!opts.enabled) return none('--no-cost was given');
  const entry = join(REPO_ROOT, 'cost', 'index.ts');
  if (!existsSync(entry)) return none('the cost model is not there yet (cost/index.ts)');
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(entry).href) as Record<string, unknown>;
  } catch (e) {
    return none(`the cost model could not be loaded: ${oneLine(e)}`);
  }
  const costReport = mod.costReport;
  if (typeof costReport !== 'function') return none('cost/index.ts exports no costReport function');
  let raw: unknown;
  try {
    raw = await (costReport as (view: TemplateView, options?: object) => unknown)(opts.view, {});
  } catch (e) {
    return none(`the cost model could not price this template: ${oneLine(e)}`);
  }
  const parsed = normalizeCostReport(raw);
  if (typeof parsed === 'string') return none(`the cost model's answer was not understood: ${parsed}`);
  const failed = parsed.items.filter((i) => i.status === 'fail').length;
  return {
    collected: { ran: true, items: parsed.items, tests: [], missing: (id) => `the cost model gave no verdict for ${id}` },
    scenarios: parsed.scenarios,
    note: `${parsed.scenarios.length} scenarios, ${parsed.items.length} verdicts (${failed} fail)`,
    status: 'ran',
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const usd = (x: number): string => `$${x.toFixed(2)}`;

/**
 * Reads the cost model's report (cost/report.ts's CostReport: scenarios with a bill of line items, and
 * verdicts with a summary, figures and, for a failed ceiling, remedies). Checked at run time because the
 * report must say so, not crash, when the model's answer changes shape. Returns a message when it does.
 */
export function normalizeCostReport(raw: unknown): { scenarios: CostScenario[]; items: EvidenceRecord[] } | string {
  if (raw === null || typeof raw !== 'object') return 'not an object';
  const r = raw as Record<string, unknown>;
  const now = new Date().toISOString();
  if (!Array.isArray(r.scenarios)) return 'no scenarios list';
  const scenarios: CostScenario[] = [];
  for (const s of r.scenarios as Array<Record<string, unknown>>) {
    const bill = (s.bill ?? {}) as Record<string, unknown>;
    const name = str(s.title) ?? str(s.name);
    const total = num(bill.totalUsd);
    if (name === undefined || total === undefined || !Array.isArray(bill.lines)) return `scenario ${String(s.name)} has no title, total or lines`;
    const lines = (bill.lines as Array<Record<string, unknown>>).map((l) => {
      const q = num(l.quantity);
      const unit = num(l.unitUsd);
      return {
        label: str(l.label) ?? str(l.id) ?? '?',
        amount: num(l.amountUsd) ?? NaN,
        detail: q !== undefined && unit !== undefined ? `${Number(q.toFixed(3))} ${str(l.unit) ?? ''} x $${unit}`.replace(/\s+x/, ' x') : undefined,
      };
    });
    if (lines.some((l) => Number.isNaN(l.amount))) return `a line of scenario ${name} has no amount`;
    scenarios.push({ name: str(s.name) && str(s.title) ? `${s.title as string} (${s.name as string})` : name, total, lines });
  }
  if (!Array.isArray(r.verdicts)) return 'no verdicts list';
  const items: EvidenceRecord[] = [];
  for (const v of r.verdicts as Array<Record<string, unknown>>) {
    const id = str(v.id);
    if (!id) return 'a verdict without id';
    if (v.status !== 'pass' && v.status !== 'fail') return `verdict ${id} has no status`;
    const summary = `${str(v.title) ?? id}: ${str(v.summary) ?? ''}`.trim();
    const figures = v.figures && typeof v.figures === 'object'
      ? Object.fromEntries(Object.entries(v.figures as object).filter(([, x]) => num(x) !== undefined)) as Record<string, number>
      : undefined;
    items.push({ suite: 'cost', generatedAt: now, id, status: v.status, evidence: summary, reason: v.status === 'fail' ? `${summary}${remedyText(v.remedies)}` : undefined, figures });
  }
  return { scenarios, items };
}

/** The cheapest way to meet a failed ceiling, as the model found it, so the owner sees what it would take. */
function remedyText(remedies: unknown): string {
  const best = (remedies as { best?: { title?: unknown; totalUsd?: unknown; breaks?: unknown } } | undefined)?.best;
  if (!best || typeof best.title !== 'string' || num(best.totalUsd) === undefined) return ' No combination of the known design changes meets it.';
  const breaks = Array.isArray(best.breaks) && best.breaks.length > 0 ? `, breaking ${best.breaks.join(', ')}` : ', breaking no criterion';
  return ` It would be met by: ${best.title} (${usd(best.totalUsd as number)} a month${breaks}).`;
}
