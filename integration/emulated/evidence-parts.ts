import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordEvidence, type EvidenceItem } from '../../infra/evidence.js';
import { REPO_ROOT } from '../../infra/template/index.js';

const PARTS = join(REPO_ROOT, '.cache', 'evidence-parts', 'emulated');

/**
 * The emulated suite has several test files (probes, deploy script); each writes its part and the
 * suite's evidence file is rebuilt from all parts, so no file overwrites another's items.
 */
export function recordEmulatedPart(part: string, items: EvidenceItem[]): string {
  mkdirSync(PARTS, { recursive: true });
  writeFileSync(join(PARTS, `${part}.json`), JSON.stringify(items, null, 2));
  const all = readdirSync(PARTS).filter((n) => n.endsWith('.json')).sort()
    .flatMap((n) => JSON.parse(readFileSync(join(PARTS, n), 'utf8')) as EvidenceItem[]);
  // One item per id: a harness error anywhere wins (nothing else from it can be trusted), then a failure,
  // then a pass, else not verified; the evidence is kept from all.
  const rank = { error: 3, fail: 2, pass: 1, 'not-verified': 0 } as const;
  const byId = new Map<string, EvidenceItem>();
  for (const item of all) {
    const prev = byId.get(item.id);
    if (!prev) { byId.set(item.id, item); continue; }
    const [winner, other] = rank[item.status] > rank[prev.status] ? [item, prev] : [prev, item];
    byId.set(item.id, { ...winner, evidence: `${winner.evidence} | ${other.evidence}`, reason: winner.status === 'not-verified' ? winner.reason : undefined });
  }
  return recordEvidence('emulated', [...byId.values()]);
}
