import type { EvidenceItem } from '../../infra/evidence.js';
import type { ProbeResult } from './types.js';

/**
 * Probe results as evidence items: one per id each probe covers, so a row finds the probe that speaks
 * for it. A probe that could not look (no credentials, throttled) shows nothing: NOT VERIFIED with its
 * message; one that crashed is the harness's ERROR; neither is ever a pass or a fail of the stack.
 */
export function probeEvidence(results: readonly ProbeResult[]): EvidenceItem[] {
  return results.flatMap((r) => {
    const evidence = `probe ${r.id} (${r.title}): ${r.detail}`;
    const status = r.status === 'error' ? 'not-verified' as const : r.status === 'crashed' ? 'error' as const : r.status;
    const reason = status === 'pass' ? undefined : status === 'fail' ? evidence : status === 'error' ? `the probe itself crashed: ${r.detail}` : `the probe could not look: ${r.detail}`;
    return [...new Set([r.id, ...r.covers])].map((id) => ({ id, status, evidence, figures: r.figures, reason }));
  });
}
