import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TEMPLATE_PATH, type CfnTemplate } from '../../../infra/template/index.js';
import type { Report } from '../types.js';

export interface VerifyRun { readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly out: string; report(): Report; file(name: string): string }

/** Runs `npm run verify` as a user would (a separate process), with its outputs in a fresh directory. */
export function runVerify(args: readonly string[], env: NodeJS.ProcessEnv = {}): VerifyRun {
  const out = mkdtempSync(join(tmpdir(), 'verify-test-'));
  // An env value of undefined removes the variable (for runs that must not see, e.g., AWS credentials).
  // Recorded evidence is read from EVIDENCE_DIR: an empty one unless the test gives its own, so that no
  // other suite's files (written while the gate runs) change what these tests see.
  const merged: NodeJS.ProcessEnv = { ...process.env, EVIDENCE_DIR: mkdtempSync(join(tmpdir(), 'verify-evidence-')), ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'verify.ts'), '--out', out, ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', env: merged, timeout: 280_000,
  });
  return {
    code: r.status, stdout: r.stdout, stderr: r.stderr, out,
    report: () => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report,
    file: (name) => readFileSync(join(out, name), 'utf8'),
  };
}

/** The project's template with one change, written where a test can point --template at it. */
export function derivedTemplate(name: string, change: (t: CfnTemplate) => void): string {
  const json = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as CfnTemplate;
  change(json);
  const path = join(mkdtempSync(join(tmpdir(), 'verify-fixture-')), name);
  writeFileSync(path, JSON.stringify(json, null, 1));
  return path;
}

export function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'verify-fixture-')), name);
  writeFileSync(path, text);
  return path;
}

export const FIXTURES = join(REPO_ROOT, 'scripts', 'verify', 'fixtures');

/** Ids by status. */
export const idsWith = (report: Report, status: string): string[] => report.rows.filter((r) => r.status === status).map((r) => r.id);
