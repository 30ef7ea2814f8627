import { classifyThrown } from '../../../infra/evidence.js';
import type { TemplateView } from '../../../infra/template/index.js';
import { costEvidence, costReport, type CostReport } from '../../../cost/index.js';
import { oneLine } from '../errors.js';
import { notRun, stageError, type Collected } from '../findings.js';
import type { CostScenario, EvidenceRecord } from '../types.js';

export interface CostStage {
  readonly collected: Collected;
  readonly scenarios: readonly CostScenario[];
  readonly note: string;
  readonly status: 'ran' | 'not-run' | 'error';
  readonly command?: string;
}

/** The ids the cost model speaks for. */
const COST_IDS = ['R12.1', 'R12.2', 'R12.5', 'R12.7', 'P11'] as const;

/**
 * The cost model's verdicts (R12.1, R12.2, R12.5, R12.7, P11) and scenarios over the template under
 * test, as the model's own evidence items (cost/evidence.ts). A price or size the template cannot tell
 * makes them NOT VERIFIED naming it; a crash of the model is the harness's ERROR, never a FAIL.
 */
export function runCostStage(opts: { enabled: boolean; view: TemplateView }): CostStage {
  if (!opts.enabled) return { collected: notRun('--no-cost was given'), scenarios: [], note: 'not run: --no-cost was given', status: 'not-run', command: 'npm run verify (without --no-cost)' };
  let report: CostReport;
  try {
    report = costReport(opts.view);
  } catch (e) {
    const kind = classifyThrown(e);
    if (kind === 'error') return { collected: stageError(`the cost model crashed: ${oneLine(e)}`), scenarios: [], note: `ERROR: the cost model crashed: ${oneLine(e)}`, status: 'error' };
    const status = kind === 'fail' ? 'fail' as const : 'not-verified' as const;
    const now = new Date().toISOString();
    const items: EvidenceRecord[] = COST_IDS.map((id) => ({ suite: 'cost', generatedAt: now, id, status, evidence: 'cost model', reason: oneLine(e) }));
    return { collected: { ran: true, items, tests: [] }, scenarios: [], note: `could not price this template: ${oneLine(e)}`, status: 'ran' };
  }
  const now = new Date().toISOString();
  const items: EvidenceRecord[] = costEvidence(report, COST_IDS).map((i) => ({ ...i, suite: 'cost', generatedAt: now }));
  const scenarios: CostScenario[] = report.scenarios.map((s) => ({
    name: `${s.title} (${s.name})`,
    total: s.bill.totalUsd,
    lines: s.bill.lines.map((l) => ({ label: l.label, amount: l.amountUsd, detail: `${Number(l.quantity.toFixed(3))} ${l.unit} x $${l.unitUsd}` })),
  }));
  const failed = items.filter((i) => i.status === 'fail').length;
  return {
    collected: { ran: true, items, tests: [], missing: (id) => `the cost model gave no verdict for ${id}` },
    scenarios,
    note: `${scenarios.length} scenarios, ${items.length} verdicts (${failed} fail)`,
    status: 'ran',
  };
}
