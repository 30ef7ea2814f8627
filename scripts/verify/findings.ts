import { basename } from 'node:path';
import { classifyFailureMessage } from '../../infra/evidence.js';
import type { EvidenceRecord, Source, SourceResult, TestResult } from './types.js';

/**
 * What one kind of source produced in this run: its evidence items and per-test results, or why it
 * did not run. Every stage hands its results over in this one shape so that resolving a source does
 * not depend on which stage produced it.
 */
export interface Collected {
  readonly ran: boolean;
  /** Why the stage did not run (when `ran` is false). */
  readonly reason?: string;
  /** The stage crashed (the harness's own error): every source of this kind is ERROR with this cause. */
  readonly error?: string;
  readonly items: readonly EvidenceRecord[];
  readonly tests: readonly TestResult[];
  /** What a missing item means for this kind of source, e.g. "no rule R5.1 is registered". */
  readonly missing?: (id: string) => string;
}

export type Findings = Readonly<Record<Source['kind'], Collected>>;

export const notRun = (reason: string): Collected => ({ ran: false, reason, items: [], tests: [] });
export const stageError = (cause: string): Collected => ({ ran: false, error: cause, items: [], tests: [] });

/** A property test file is named by its property: p07-cooldowns.test.ts is P7. */
export function propertyOfFile(file: string): string | undefined {
  const m = /^p(\d{1,2})-/i.exec(basename(file));
  return m ? `P${Number(m[1])}` : undefined;
}

/** Test names carry the ids they prove (`P19 every HTTP request is redirected`). */
export function mentions(text: string, id: string): boolean {
  const escaped = id.replace(/\./g, '\\.');
  return new RegExp(`(^|[^A-Za-z0-9.])${escaped}(?![0-9])(?!\\.[0-9])`).test(text);
}

function testsFor(source: Source, tests: readonly TestResult[]): TestResult[] {
  if (source.kind === 'property') return tests.filter((t) => propertyOfFile(t.file) === source.id);
  return tests.filter((t) => mentions(t.name, source.id));
}

/** The lines of a test failure worth a one-line reason: the first, and fast-check's counterexample and replay lines. */
export function failureGist(message: string | undefined): string {
  const lines = (message ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const keep = [lines[0], ...lines.filter((l) => /^(Counterexample|Replay)\b/.test(l))].filter(Boolean);
  return keep.length > 0 ? [...new Set(keep)].join(' ') : 'failed';
}

/** The unknown a test ran into, without the wrapping an error collects on its way out of a test. */
function unknownGist(message: string | undefined): string {
  const first = (message ?? '').split('\n').find((l) => l.trim() !== '') ?? 'not known from the template';
  return first.trim().replace(/^(Error: )?(NOT VERIFIED: )?(UnknownValueError: )?/, '');
}

/** What one source says about its id, from what its stage collected. */
export function resolveSource(source: Source, findings: Findings): SourceResult {
  const collected = findings[source.kind];
  if (collected.error !== undefined) return { source, status: 'error', reason: collected.error };
  if (!collected.ran) return { source, status: 'not-verified', reason: collected.reason ?? 'the stage did not run' };
  let items = collected.items.filter((i) => i.id === source.id);
  const tests = testsFor(source, collected.tests);
  // A failed test is a finding only when it found a violation: a crash of the check is the harness's
  // error, and a value the template cannot tell is not verified (see classifyFailureMessage).
  const failedTestsOf = (kind: ReturnType<typeof classifyFailureMessage>) => tests.filter((t) => t.status === 'failed' && classifyFailureMessage(t.message ?? '') === kind);
  const erroredItems = items.filter((i) => i.status === 'error');
  const erroredTests = failedTestsOf('error');
  if (erroredItems.length > 0 || erroredTests.length > 0) {
    const reasons = [...erroredItems.map((i) => i.reason ?? i.evidence), ...erroredTests.map((t) => `${t.name}: ${failureGist(t.message)}`)];
    const details = erroredTests.map((t) => `${t.file} > ${t.name}\n${t.message ?? ''}`.trim()).join('\n\n');
    return { source, status: 'error', reason: reasons.join('; '), details: details || undefined };
  }
  const unknownTests = failedTestsOf('not-verified');
  if (unknownTests.length > 0 && !items.some((i) => i.status === 'fail')) {
    return { source, status: 'not-verified', reason: [...new Set(unknownTests.map((t) => unknownGist(t.message)))].join('; ') };
  }
  const failedItems = items.filter((i) => i.status === 'fail');
  const failedTests = failedTestsOf('fail');
  const figures = Object.assign({}, ...items.map((i) => i.figures ?? {})) as Record<string, number>;
  const hasFigures = Object.keys(figures).length > 0;
  if (failedItems.length > 0 || failedTests.length > 0) {
    // Suites use an item's reason for what qualifies the result (a property's deviation), so a failed
    // item shows both what was seen and that; a failed test shows its first line and counterexample.
    const reasons = [
      ...failedItems.map((i) => (i.reason ? (i.evidence && !i.reason.includes(i.evidence) ? `${i.evidence} (${i.reason})` : i.reason) : i.evidence)),
      ...failedTests.map((t) => `${t.name}: ${failureGist(t.message)}`),
    ];
    const details = failedTests.map((t) => `${t.file} > ${t.name}\n${t.message ?? ''}`.trim()).join('\n\n');
    return {
      source, status: 'fail', reason: reasons.join('; '),
      evidence: items.map((i) => i.evidence).filter(Boolean).join('; ') || undefined,
      resource: failedItems.find((i) => i.resource)?.resource,
      figures: hasFigures ? figures : undefined,
      details: details || undefined,
    };
  }
  const passedTests = tests.filter((t) => t.status === 'passed');
  const unverified = items.filter((i) => i.status === 'not-verified');
  // Several producers may speak for one id (a probe covering a criterion besides its own); one that
  // could not look does not undo another that saw it hold, but no pass is read from an empty list.
  if (items.some((i) => i.status === 'pass')) {
    items = items.filter((i) => i.status === 'pass');
    // A passing item's reason carries what the suite wants read with it (a property's deviation from the spec's wording).
    const evidence = items.map((i) => (i.reason ? `${i.evidence} (${i.reason})` : i.evidence)).join('; ');
    return { source, status: 'pass', evidence, figures: hasFigures ? figures : undefined };
  }
  if (unverified.length > 0) {
    return { source, status: 'not-verified', reason: unverified.map((i) => i.reason ?? i.evidence).join('; '), figures: hasFigures ? figures : undefined };
  }
  if (passedTests.length > 0) {
    const names = passedTests.map((t) => t.name);
    const shown = names.slice(0, 3).join('; ') + (names.length > 3 ? `; and ${names.length - 3} more` : '');
    return { source, status: 'pass', evidence: `${passedTests.length} test${passedTests.length === 1 ? '' : 's'} passed: ${shown}` };
  }
  if (tests.length > 0) return { source, status: 'not-verified', reason: `its ${tests.length} test(s) were skipped` };
  return { source, status: 'not-verified', reason: collected.missing?.(source.id) ?? `nothing reported for ${source.id}` };
}
