import { cfnLint, type LintFinding } from '../../../infra/lint/cfn-lint.js';
import { HarnessError } from '../errors.js';

export interface LintStage { readonly findings: readonly LintFinding[]; readonly note: string; readonly status: 'ran' | 'not-run' }

/**
 * cfn-lint over the template under test. An error is something CloudFormation would reject (a cycle, an
 * invalid value): such a template is refused before any criterion is judged (exit 2, one line), because
 * every verdict on a template that cannot deploy would be a guess. Warnings are shown in the report.
 */
export function runLintStage(path: string, shownAs: string): LintStage {
  const result = cfnLint(path);
  if (!result.ran) return { findings: [], note: `not run: ${result.reason}`, status: 'not-run' };
  const errors = result.findings.filter((f) => f.level === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    // cfn-lint lists every valid choice in some messages: the first 160 characters say what is wrong.
    const message = first.message.length > 160 ? `${first.message.slice(0, 160)}...` : first.message;
    throw new HarnessError(`${shownAs}: CloudFormation would reject this template (cfn-lint ${first.rule}: ${message}${first.path ? ` at ${first.path}` : ''}${errors.length > 1 ? `; and ${errors.length - 1} more error(s)` : ''})`);
  }
  const warnings = result.findings.filter((f) => f.level === 'warning').length;
  return { findings: result.findings, note: `cfn-lint: 0 errors, ${warnings} warning(s), ${result.findings.length - warnings} informational`, status: 'ran' };
}
