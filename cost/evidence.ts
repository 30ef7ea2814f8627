import { relative } from 'node:path';
import type { EvidenceItem } from '../infra/evidence.js';
import { REPO_ROOT } from '../infra/template/index.js';
import type { CostReport, RemedyResult, Verdict } from './report.js';

const usd = (x: number) => `$${x.toFixed(2)}`;
const remedy = (r: RemedyResult) => `${r.title}: ${usd(r.totalUsd)} (saves ${usd(r.savingUsd)}; ${r.breaks.length > 0 ? `breaks ${r.breaks.join(', ')}` : 'breaks no criterion'})`;

/**
 * The cost verdicts as evidence items for the compliance report: the status is the model's verdict on
 * the template under test, never adjusted; a failed ceiling carries the re-priced remedies as its reason.
 */
export function costEvidence(report: CostReport, ids: readonly string[] = ['R12.1', 'R12.2', 'R12.5', 'R12.7']): EvidenceItem[] {
  const template = report.template.startsWith('/') ? relative(REPO_ROOT, report.template) : report.template;
  return report.verdicts.filter((v) => ids.includes(v.id)).map((v: Verdict) => ({
    id: v.id,
    status: v.status,
    evidence: `cost model on ${template} (${report.region}, prices ${report.snapshot.compiled}, free tier ${report.freeTier ? 'on' : 'off'}): ${v.summary}`,
    figures: v.figures,
    // A failed ceiling says what it would take to meet it; a failed verdict without remedies is its summary (already the evidence).
    ...(v.status === 'fail' && v.remedies ? {
      reason: `the design exceeds the ceiling. Meets it breaking no criterion: ${v.remedies.bestBreakingNothing?.meetsCeiling ? remedy(v.remedies.bestBreakingNothing) : 'nothing (best such change: ' + (v.remedies.bestBreakingNothing ? remedy(v.remedies.bestBreakingNothing) : 'none') + ')'}. `
          + `Fewest criteria broken: ${v.remedies.best ? remedy(v.remedies.best) : 'no combination of the listed changes'}.`,
    } : {}),
  }));
}
