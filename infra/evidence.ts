import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './template/paths.js';

/**
 * What a check can say. `fail` only with the value that breaks the criterion; `not-verified` when the
 * template (or the machine) cannot tell; `error` when the harness itself broke (a check that threw): never
 * to be read as a pass or a fail of the deployment.
 */
export type EvidenceStatus = 'pass' | 'fail' | 'not-verified' | 'error';

/** The first words of a test failure message that is the harness's own error, not a finding. */
export const HARNESS_ERROR_MARK = 'HARNESS ERROR:';
/** The first words of a test failure message whose check needed a value the template cannot tell. */
export const UNKNOWN_MARK = 'NOT VERIFIED:';

/** Errors only a defect of the harness's own code throws (the engine never throws them on purpose). */
const JS_RUNTIME_ERRORS = ['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'EvalError', 'URIError'];
/** The harness's own named defects: a mutant that cannot be built (properties/support/template.ts). */
const HARNESS_DEFECTS = ['MutantBuildError'];

/**
 * How an error thrown inside a check counts. A value the template cannot tell (`UnknownValueError`) is
 * not verified; a JavaScript runtime error (a TypeError in the model, a reference to nothing) is the
 * harness's own error; anything a check throws on purpose (the model's `Violation`, an assertion, a
 * `TemplateError` for a part the template provably lacks, a plain `Error` naming what it saw) is a fail.
 */
export function classifyThrown(e: unknown): Exclude<EvidenceStatus, 'pass'> {
  const name = e instanceof Error ? e.name : '';
  if (name === 'UnknownValueError') return 'not-verified';
  if (JS_RUNTIME_ERRORS.includes(name) || HARNESS_DEFECTS.includes(name) || !(e instanceof Error)) return 'error';
  return 'fail';
}

/**
 * How a failed test's message counts, for suites whose results arrive as text (vitest's JSON report).
 * Checks mark harness errors and unknowns with the marks above; an UnknownValueError that escaped a test
 * is recognised by its message; JavaScript's own error types are harness errors.
 */
export function classifyFailureMessage(message: string): Exclude<EvidenceStatus, 'pass'> {
  const text = message.trimStart();
  if (text.startsWith(UNKNOWN_MARK) || /^UnknownValueError\b/.test(text) || / is not known from the template: /.test(text.split('\n')[0])) return 'not-verified';
  if (text.startsWith(HARNESS_ERROR_MARK) || [...JS_RUNTIME_ERRORS, ...HARNESS_DEFECTS].some((n) => text.startsWith(`${n}:`) || text.startsWith(`${n} `))) return 'error';
  return 'fail';
}

/**
 * What a suite proved about one criterion or property, written where the compliance report reads it.
 * Suites write their own items from their real results; nothing here decides a status.
 */
export interface EvidenceItem {
  /** `R5.2` or `P19`. */
  readonly id: string;
  readonly status: EvidenceStatus;
  /** Which test, rule or probe, and what it saw. */
  readonly evidence: string;
  readonly figures?: Record<string, number>;
  /** Why it failed, could not be shown, or crashed (for a pass: what qualifies it, e.g. a deviation). */
  readonly reason?: string;
  /** The template resource a failure is located at (logical id). */
  readonly resource?: string;
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
