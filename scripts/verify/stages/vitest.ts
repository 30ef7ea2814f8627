import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { removeScratchDir, scratchDir } from '../../../infra/cli/index.js';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { readEvidenceDir } from './evidence-dir.js';
import type { EvidenceRecord, TestResult } from '../types.js';
import { lastMeaningfulLine, runChild, stripAnsi } from './child.js';

export interface SuiteRun {
  readonly ran: boolean;
  readonly reason?: string;
  readonly tests: TestResult[];
  readonly items: EvidenceRecord[];
  /** Counts for the progress line. */
  readonly passed: number;
  readonly failed: number;
  /** Evidence files (or items) that did not parse. */
  readonly broken: readonly string[];
  /** How long the suite ran, wherever its start was. */
  readonly seconds?: number;
}

/**
 * Runs one vitest project against the template under test, with a fresh evidence directory so that
 * only this run's evidence is read, and vitest's JSON reporter for the per-test results (a failed
 * property's message carries its shrunk counterexample and seed).
 */
export async function runVitestProject(project: string, opts: {
  readonly templatePath: string; readonly log: string; readonly verbose: boolean; readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv; readonly signal?: AbortSignal;
  /** Extra vitest arguments: file filters, pool options. */
  readonly args?: readonly string[];
}): Promise<SuiteRun> {
  // The evidence and results are read below and are of no use after: the directory goes with this run
  // (and with the process, if it is interrupted), not into the system's temporary directory for good.
  const work = scratchDir(`verify-${project}`);
  try {
    return await runIn(work, project, opts);
  } finally {
    removeScratchDir(work);
  }
}

async function runIn(work: string, project: string, opts: Parameters<typeof runVitestProject>[1]): Promise<SuiteRun> {
  const evidenceDir = join(work, 'evidence');
  const resultsFile = join(work, 'vitest.json');
  const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const run = await runChild(process.execPath, [vitest, 'run', '--project', project, '--passWithNoTests', ...(opts.args ?? []),
    '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env, VERIFY_TEMPLATE: opts.templatePath, EVIDENCE_DIR: evidenceDir, NO_COLOR: '1', FORCE_COLOR: '0' },
    log: opts.log, verbose: opts.verbose, timeoutMs: opts.timeoutMs, signal: opts.signal,
  });
  const { items, broken } = readEvidenceDir(evidenceDir);
  if (run.timedOut) return { ran: false, reason: `the ${project} suite did not finish within ${Math.round(opts.timeoutMs / 1000)} s`, tests: [], items, passed: 0, failed: 0, broken };
  if (!existsSync(resultsFile)) {
    const why = lastMeaningfulLine(run.tail) || `exit code ${run.code}`;
    return { ran: false, reason: `the ${project} suite could not run: ${why}`, tests: [], items, passed: 0, failed: 0, broken };
  }
  const tests = parseVitestJson(readFileSync(resultsFile, 'utf8'));
  return { ran: true, tests, items, broken, seconds: run.seconds, passed: tests.filter((t) => t.status === 'passed').length, failed: tests.filter((t) => t.status === 'failed').length };
}

interface JestLikeResults {
  testResults?: Array<{
    name: string; status?: string; message?: string;
    assertionResults?: Array<{ fullName?: string; title?: string; ancestorTitles?: string[]; status: string; failureMessages?: string[]; duration?: number | null }>;
  }>;
}

/** Vitest's JSON reporter output (the Jest-compatible shape) as per-test results. */
export function parseVitestJson(text: string): TestResult[] {
  const json = JSON.parse(text) as JestLikeResults;
  const out: TestResult[] = [];
  for (const file of json.testResults ?? []) {
    const rel = relative(REPO_ROOT, file.name);
    const assertions = file.assertionResults ?? [];
    // A file that fails to load has no tests, only a message: it counts as a failed test of that file.
    if (assertions.length === 0 && file.status === 'failed') {
      out.push({ file: rel, name: `${rel} could not run`, status: 'failed', message: cleanMessage(file.message ?? 'failed to load') });
      continue;
    }
    for (const a of assertions) {
      const name = a.fullName ?? [...(a.ancestorTitles ?? []), a.title ?? ''].join(' ');
      const status = a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped';
      const message = a.failureMessages && a.failureMessages.length > 0 ? cleanMessage(a.failureMessages.join('\n')) : undefined;
      out.push({ file: rel, name, status, message, durationMs: a.duration ?? undefined });
    }
  }
  return out;
}

/**
 * A failure message as the report shows it: no colour codes, no stack frames (the counterexample and
 * the assertion are what a reader needs), and the repository's paths relative, never this machine's.
 */
export function cleanMessage(text: string): string {
  const root = REPO_ROOT.endsWith(sep) ? REPO_ROOT : REPO_ROOT + sep;
  return stripAnsi(text)
    .split('\n')
    .filter((l) => !/^\s+at\s/.test(l))
    .join('\n')
    .split(`file://${root}`).join('')
    .split(root).join('')
    .trimEnd();
}
