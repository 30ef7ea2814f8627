import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { notRun, type Collected } from '../findings.js';
import type { EvidenceRecord } from '../types.js';
import { lastMeaningfulLine, runChild } from './child.js';
import { readEvidenceDir } from './evidence-dir.js';

/**
 * The live probes (`npm run probe -- --stack NAME --region R --json`) against a deployed stack. They
 * are the only evidence of what exists only at run time (scaling activities, running task placement).
 */
export async function runProbesStage(opts: { stack: string | undefined; region: string | undefined; templatePath: string; log: string; verbose: boolean }): Promise<{ collected: Collected; note: string; status: 'ran' | 'not-run' }> {
  if (opts.stack === undefined) return { collected: notRun('the live probes need a deployed stack (--stack NAME)'), note: 'not run: no --stack given', status: 'not-run' };
  const cli = join(REPO_ROOT, 'integration', 'probes', 'cli.ts');
  if (!existsSync(cli)) return { collected: notRun('the live probes are not there yet (integration/probes/cli.ts)'), note: 'not run: no integration/probes/cli.ts', status: 'not-run' };
  const evidenceDir = join(mkdtempSync(join(tmpdir(), 'verify-probes-')), 'evidence');
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const run = await runChild(process.execPath, [tsx, cli, '--stack', opts.stack, '--region', opts.region ?? '', '--json'], {
    cwd: REPO_ROOT, env: { ...process.env, EVIDENCE_DIR: evidenceDir, VERIFY_TEMPLATE: opts.templatePath }, log: opts.log, verbose: opts.verbose, timeoutMs: 15 * 60_000, captureStdout: true,
  });
  // The probe CLI's exit 2 means it could not look (no credentials, no such stack): nothing was shown.
  if (run.timedOut || run.code === null || run.code >= 2) {
    const why = run.timedOut ? 'timed out' : lastMeaningfulLine(run.tail) || `exit code ${run.code}`;
    return { collected: notRun(`the live probes could not run: ${why}`), note: `could not run: ${why}`, status: 'not-run' };
  }
  const items: EvidenceRecord[] = [...readEvidenceDir(evidenceDir).items, ...probeItemsFromJson(run.stdout)];
  return {
    collected: { ran: true, items, tests: [], missing: (id) => `the probes reported nothing for ${id}` },
    note: `${items.length} probe results: ${items.filter((i) => i.status === 'pass').length} hold, ${items.filter((i) => i.status === 'fail').length} do not`,
    status: 'ran',
  };
}

/**
 * Probe results from the CLI's JSON (`{ stack, region, startedAt, results: [{ id, covers, title, status,
 * detail, figures }] }`), one item per id each probe covers, so a row finds the probe that speaks for it.
 * A probe that could not run (`error`) shows nothing: NOT VERIFIED with its message, never a pass.
 */
export function probeItemsFromJson(stdout: string): EvidenceRecord[] {
  let doc: unknown;
  try { doc = JSON.parse(stdout); } catch { return []; }
  const d = doc as { results?: unknown; startedAt?: unknown };
  const list = Array.isArray(d?.results) ? d.results as Array<Record<string, unknown>> : [];
  const when = typeof d?.startedAt === 'string' ? d.startedAt : new Date().toISOString();
  return list.flatMap((r) => {
    if (typeof r.id !== 'string' || !['pass', 'fail', 'error'].includes(String(r.status))) return [];
    const covers = Array.isArray(r.covers) ? r.covers.filter((c): c is string => typeof c === 'string') : [r.id];
    const detail = typeof r.detail === 'string' ? r.detail : '';
    const evidence = `probe ${r.id}${typeof r.title === 'string' ? ` (${r.title})` : ''}: ${detail}`;
    const status = r.status === 'error' ? 'not-verified' as const : r.status as 'pass' | 'fail';
    const figures = r.figures && typeof r.figures === 'object' ? r.figures as Record<string, number> : undefined;
    return [...new Set([r.id as string, ...covers])].map((id) => ({
      suite: 'probes', generatedAt: when, id, status, evidence, figures,
      reason: status === 'pass' ? undefined : status === 'fail' ? evidence : `the probe could not run: ${detail}`,
    }));
  });
}
