import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './template/paths.js';

/**
 * What a suite proved about one criterion or property, written where the compliance report reads it.
 * Suites write their own items from their real results; nothing here decides a status.
 */
export interface EvidenceItem {
  /** `R5.2` or `P19`. */
  readonly id: string;
  readonly status: 'pass' | 'fail' | 'not-verified';
  /** Which test, rule or probe, and what it saw. */
  readonly evidence: string;
  readonly figures?: Record<string, number>;
  readonly reason?: string;
}
export interface EvidenceFile { readonly suite: string; readonly generatedAt: string; readonly items: EvidenceItem[] }

export const EVIDENCE_DIR = process.env.EVIDENCE_DIR ?? join(REPO_ROOT, '.cache', 'evidence');

/** Writes (replaces) one suite's evidence file. */
export function recordEvidence(suite: string, items: EvidenceItem[]): string {
  mkdirSync(EVIDENCE_DIR, { recursive: true });
  const path = join(EVIDENCE_DIR, `${suite}.json`);
  const file: EvidenceFile = { suite, generatedAt: new Date().toISOString(), items };
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}

/** Every evidence file present, newest content as written by each suite. */
export function readAllEvidence(dir = EVIDENCE_DIR): EvidenceFile[] {
  let names: string[] = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.json')); } catch { return []; }
  return names.map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as EvidenceFile);
}
