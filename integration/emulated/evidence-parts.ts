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
  return recordEvidence('emulated', all);
}
