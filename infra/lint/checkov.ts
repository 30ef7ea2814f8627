import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../template/paths.js';

/**
 * checkov (static analysis of infrastructure as code, from PyPI), installed by scripts/setup-python.sh
 * in a venv of its own (.venv/checkov): its pins clash with the dashboard's.
 */
export const CHECKOV = join(REPO_ROOT, '.venv', 'checkov', 'bin', 'checkov');

export type CheckovFramework = 'cloudformation' | 'dockerfile';

export interface CheckovCheck {
  readonly id: string;
  readonly name: string;
  /** `AWS::EC2::SecurityGroup.AlbSecurityGroup86A59E99` for a template, `/Dockerfile.FROM` style for a Dockerfile. */
  readonly resource: string;
  /** The template's logical id, when the check is about a template resource. */
  readonly logicalId?: string;
  /** For a skipped check: the reason written beside the skip. */
  readonly reason?: string;
}

export type CheckovResult =
  | { readonly ran: true; readonly passed: readonly CheckovCheck[]; readonly failed: readonly CheckovCheck[]; readonly skipped: readonly CheckovCheck[]; readonly parsingErrors: number }
  | { readonly ran: false; readonly reason: string };

interface RawCheck { check_id: string; check_name?: string; resource: string; check_result?: { suppress_comment?: string } }
interface RawReport { check_type?: string; results?: { passed_checks?: RawCheck[]; failed_checks?: RawCheck[]; skipped_checks?: RawCheck[] }; summary?: { parsing_errors?: number } }

/**
 * checkov over one file, offline: no download of external checks or guidelines, nothing uploaded. A
 * check skipped in the file itself (a resource's `Metadata.checkov.skip`, a Dockerfile's
 * `# checkov:skip=ID: reason` comment) comes back as skipped with its reason.
 */
export function checkov(path: string, framework: CheckovFramework): CheckovResult {
  if (!existsSync(CHECKOV)) return { ran: false, reason: 'checkov is not installed (run `bash scripts/setup-python.sh`)' };
  const run = spawnSync(CHECKOV, ['--file', path, '--framework', framework, '--output', 'json', '--skip-download'], {
    encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024,
    // No lookup of the platform's check mappings (the machine may have no network), no telemetry.
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false', LOG_LEVEL: 'ERROR' },
  });
  if (run.error) return { ran: false, reason: `checkov could not run: ${run.error.message}` };
  let raw: RawReport | RawReport[];
  try {
    raw = JSON.parse(run.stdout);
  } catch {
    const why = (run.stderr || run.stdout).split('\n').find((l) => l.trim() !== '') ?? `exit code ${run.status}`;
    return { ran: false, reason: `checkov gave no readable answer: ${why}` };
  }
  // With --quiet and nothing failed checkov may print an empty summary object (no `results`).
  const reports = (Array.isArray(raw) ? raw : [raw]).filter((r) => r.check_type === undefined || r.check_type === framework);
  const of = (key: 'passed_checks' | 'failed_checks' | 'skipped_checks') => reports.flatMap((r) => r.results?.[key] ?? []).map((c): CheckovCheck => {
    const logicalId = framework === 'cloudformation' ? c.resource.split('.').slice(1).join('.') || undefined : undefined;
    const reason = c.check_result?.suppress_comment?.trim();
    return { id: c.check_id, name: c.check_name ?? '', resource: c.resource, ...(logicalId ? { logicalId } : {}), ...(reason ? { reason } : {}) };
  });
  return { ran: true, passed: of('passed_checks'), failed: of('failed_checks'), skipped: of('skipped_checks'), parsingErrors: reports.reduce((n, r) => n + (r.summary?.parsing_errors ?? 0), 0) };
}
