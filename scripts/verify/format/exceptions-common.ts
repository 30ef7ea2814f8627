import type { ExceptionEntry, Report } from '../types.js';

/** The tools in the order the Exceptions section lists them. */
export const EXCEPTION_TOOLS: readonly ExceptionEntry['tool'][] = ['cdk-nag', 'checkov', 'cfn-lint', 'waiver'];

/** One line: how many of each, e.g. "5 cdk-nag suppressions, 8 checkov skips, 3 waivers". */
export function exceptionTally(report: Report): string {
  const noun: Record<ExceptionEntry['tool'], [string, string]> = {
    'cdk-nag': ['cdk-nag suppression', 'cdk-nag suppressions'], checkov: ['checkov skip', 'checkov skips'],
    'cfn-lint': ['cfn-lint ignored check', 'cfn-lint ignored checks'], waiver: ['waiver', 'waivers'],
  };
  return EXCEPTION_TOOLS.map((tool) => {
    const n = report.exceptions.filter((e) => e.tool === tool).length;
    return `${n} ${noun[tool][n === 1 ? 0 : 1]}`;
  }).join(', ');
}

/** The entries sorted by tool, then resource, then id. */
export function sortedExceptions(report: Report): ExceptionEntry[] {
  return [...report.exceptions].sort((a, b) => EXCEPTION_TOOLS.indexOf(a.tool) - EXCEPTION_TOOLS.indexOf(b.tool) || a.resource.localeCompare(b.resource) || a.id.localeCompare(b.id));
}

/** What the entry covers beyond its id: cdk-nag's appliesTo, a waiver's expiry and state. */
export function exceptionScope(e: ExceptionEntry): string {
  const parts: string[] = [];
  if (e.appliesTo && e.appliesTo.length > 0) parts.push(`only ${e.appliesTo.join(', ')}`);
  if (e.expires) parts.push(`until ${e.expires}${e.state ? ` (${e.state})` : ''}`);
  return parts.join('; ');
}

export const NO_REASON = '(no reason written)';
