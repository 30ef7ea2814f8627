import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { notRun, propertyOfFile, type Collected } from '../findings.js';
import type { TestResult } from '../types.js';
import { runVitestProject } from './vitest.js';

/**
 * Runs per property in the report: the report is asked for in seconds (beside cfn-lint on someone
 * else's template), the gate (`npm test`, 1000 runs) and the nightly job are where runs pile up.
 * PROPERTY_RUNS in the environment overrides it. A mutant's search keeps the gate's cap: it stops at
 * the first failure, so the cap costs time only when a mutant is hard to catch.
 */
const VERIFY_PROPERTY_RUNS = process.env.PROPERTY_RUNS ?? '100';

export interface PropertiesStage { readonly collected: Collected; readonly note: string; readonly status: 'ran' | 'not-run'; readonly command?: string }

/**
 * The property suite (vitest project `properties`) against the template under test. A property
 * without a test file is NOT VERIFIED by name, so a missing file is never mistaken for a pass.
 */
export async function runPropertiesStage(opts: { enabled: boolean; templatePath: string; log: string; verbose: boolean; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<PropertiesStage> {
  if (!opts.enabled) return { collected: notRun('--no-properties was given'), note: 'not run: --no-properties was given', status: 'not-run', command: 'npm run verify (without --no-properties)' };
  const files = propertyFiles();
  // Only the property files (the model's own unit tests do not depend on the template), in workers that
  // keep their modules between files: isolating each file re-imports the model and the template loader
  // twenty times, which was three quarters of the stage (13 s against 3 s on the 2-core machine).
  const run = await runVitestProject('properties', {
    templatePath: opts.templatePath, log: opts.log, verbose: opts.verbose, timeoutMs: 15 * 60_000, signal: opts.signal,
    env: { PROPERTY_RUNS: VERIFY_PROPERTY_RUNS, ...opts.env },
    // vitest's module cache on disk keeps the TypeScript it transformed between runs (1.3 s to 0.2 s).
    args: ['--pool=threads', '--no-isolate', '--experimental.fsModuleCache', ...files.map((f) => `properties/${f}`)],
  });
  if (!run.ran) return { collected: notRun(run.reason ?? 'the property suite did not run'), note: `could not run: ${run.reason}`, status: 'not-run' };
  const covered = new Set(files.map(propertyOfFile));
  const collected: Collected = {
    ran: true, items: run.items, tests: run.tests,
    missing: (id) => covered.has(id) ? `the test file of ${id} reported no results` : `there is no test file for ${id} (properties/p${id.slice(1).padStart(2, '0')}-*.test.ts)`,
  };
  const broken = run.broken.length > 0 ? `; unreadable evidence: ${run.broken.join(', ')}` : '';
  return { collected, note: `${files.length} property files, ${run.passed} tests passed, ${run.failed} failed (the suite ran ${(run.seconds ?? 0).toFixed(1)} s)${broken}`, status: 'ran' };
}

/** The property test files present, by name. */
export function propertyFiles(): string[] {
  try {
    return readdirSync(join(REPO_ROOT, 'properties')).filter((n) => /^p\d{1,2}-.*\.test\.ts$/.test(n)).sort();
  } catch {
    return [];
  }
}

/** Per-property test results, for the report's property section. */
export function testsByProperty(tests: readonly TestResult[]): Map<string, TestResult[]> {
  const out = new Map<string, TestResult[]>();
  for (const t of tests) {
    const id = propertyOfFile(t.file);
    if (!id) continue;
    out.set(id, [...(out.get(id) ?? []), t]);
  }
  return out;
}
