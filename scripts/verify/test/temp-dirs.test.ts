import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEMPLATE_PATH } from '../../../infra/template/index.js';
import { runVitestProject } from '../stages/vitest.js';

/**
 * A suite stage works in a temporary directory (its evidence and vitest's JSON results); a run of
 * verify must not leave it behind, or every run adds one to the system's temporary directory.
 */
describe('the suite stages leave no temporary directory behind', () => {
  const original = process.env.TMPDIR;
  afterEach(() => { if (original === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = original; });

  it('a vitest project run through the stage: its working directory is gone once the results are read', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'verify-tmp-'));
    // os.tmpdir() follows TMPDIR at each call: the stage's directory is made in `fresh`, where it can be seen.
    process.env.TMPDIR = fresh;
    try {
      const run = await runVitestProject('cost', { templatePath: TEMPLATE_PATH, log: `${fresh}.log`, verbose: false, timeoutMs: 120_000, args: ['cost/test/placement.test.ts'] });
      expect(run.ran, run.reason).toBe(true);
      expect(run.passed).toBeGreaterThan(0);
      expect(readdirSync(fresh)).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
      rmSync(`${fresh}.log`, { force: true });
    }
  });
});
