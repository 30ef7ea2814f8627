import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceRecord } from '../types.js';

/**
 * The evidence files in a directory (infra/evidence.ts's format), flattened. A file that does not parse
 * is reported by name instead of stopping the report: one suite's broken file must not hide the others.
 */
export function readEvidenceDir(dir: string): { items: EvidenceRecord[]; broken: string[] } {
  let names: string[];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort(); } catch { return { items: [], broken: [] }; }
  const items: EvidenceRecord[] = [];
  const broken: string[] = [];
  for (const name of names) {
    try {
      const file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { suite?: unknown; generatedAt?: unknown; items?: unknown };
      if (!Array.isArray(file.items)) { broken.push(name); continue; }
      const suite = typeof file.suite === 'string' ? file.suite : name.replace(/\.json$/, '');
      const generatedAt = typeof file.generatedAt === 'string' ? file.generatedAt : '';
      for (const raw of file.items as Array<Record<string, unknown>>) {
        if (typeof raw?.id !== 'string' || !['pass', 'fail', 'not-verified', 'error'].includes(String(raw.status))) { broken.push(`${name} (${String(raw?.id)})`); continue; }
        items.push({
          suite, generatedAt, id: raw.id, status: raw.status as EvidenceRecord['status'],
          evidence: typeof raw.evidence === 'string' ? raw.evidence : '',
          figures: isFigures(raw.figures) ? raw.figures : undefined,
          reason: typeof raw.reason === 'string' ? raw.reason : undefined,
        });
      }
    } catch {
      broken.push(name);
    }
  }
  return { items, broken };
}

function isFigures(v: unknown): v is Record<string, number> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === 'number' && Number.isFinite(x));
}
