import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../template/paths.js';

/** The AWS CloudFormation linter from PyPI, installed in .venv by scripts/setup-python.sh. */
export const CFN_LINT = join(REPO_ROOT, '.venv', 'bin', 'cfn-lint');

export interface LintFinding { readonly level: 'error' | 'warning' | 'info'; readonly rule: string; readonly message: string; readonly path: string }

export type LintResult = { readonly ran: true; readonly findings: readonly LintFinding[] } | { readonly ran: false; readonly reason: string };

/**
 * cfn-lint over one template file: what CloudFormation itself would reject (errors: a dependency cycle,
 * an invalid value) and its warnings. The harness uses the linter instead of re-implementing its checks.
 */
export function cfnLint(path: string): LintResult {
  if (!existsSync(CFN_LINT)) return { ran: false, reason: 'cfn-lint is not installed (run `bash scripts/setup-python.sh`)' };
  const run = spawnSync(CFN_LINT, ['--format', 'json', '--', path], { encoding: 'utf8', timeout: 120_000 });
  if (run.error) return { ran: false, reason: `cfn-lint could not run: ${run.error.message}` };
  let raw: Array<{ Level: string; Rule: { Id: string }; Message: string; Location: { Path?: unknown[] } }>;
  try {
    raw = JSON.parse(run.stdout || '[]');
  } catch {
    const why = (run.stderr || run.stdout).split('\n').find((l) => l.trim() !== '') ?? `exit code ${run.status}`;
    return { ran: false, reason: `cfn-lint gave no readable answer: ${why}` };
  }
  return {
    ran: true,
    findings: raw.map((f) => ({
      level: f.Level === 'Error' ? 'error' : f.Level === 'Warning' ? 'warning' : 'info',
      rule: f.Rule.Id, message: f.Message.split('\n')[0], path: (f.Location.Path ?? []).join('/'),
    })),
  };
}
