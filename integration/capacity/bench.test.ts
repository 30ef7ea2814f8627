import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/template/index.js';
import type { BenchReport } from './bench.js';

/**
 * The benchmark's smoke run: the real CLI, three users for ten seconds with Chromium once, so that the
 * benchmark code (twin, page load, Streamlit protocol, sign-in and widget changes, docker stats, JSON)
 * cannot rot between the occasional full runs. It checks that the run did what a user does, not how
 * fast: figures from a shared CI machine are not a verdict on capacity (RESULTS.md holds those).
 */

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const BENCH = join(REPO_ROOT, 'integration', 'capacity', 'bench.ts');

function bench(args: string[], timeoutMs: number) {
  return spawnSync(TSX, [BENCH, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: timeoutMs });
}

describe('npm run bench:capacity', () => {
  it('explains itself and rejects a bad option with a one-line error and exit 2', () => {
    const help = bench(['--help'], 60_000);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--users N/);
    expect(help.stdout).toMatch(/--json/);
    const bad = bench(['--users', 'many'], 60_000);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--users needs a whole number/); // the other bad inputs: infra/cli/test/bad-input.test.ts
  });

  it('runs three real sessions through the twin and reports them as JSON', () => {
    const run = bench(['--users', '3', '--duration', '12', '--ramp', '1', '--think', '1', '--reload-every', '2', '--chromium', '--json'], 280_000);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const r = JSON.parse(run.stdout) as BenchReport;
    expect(r.users).toBe(3);
    expect(r.errors, r.error_samples.join('; ')).toBe(0);
    expect(Number.isFinite(r.p95_ms)).toBe(true);
    // Every user loaded the page (assets and all) and had its first script run; reloads happened too.
    expect(r.first_load_ms.count).toBe(3);
    expect(r.page_load_ms.count).toBeGreaterThan(3);
    // Streamlit's JS and CSS, 2.3 MB as files, cross the wire gzip-compressed (dashboard/compressed_static.py):
    // at most 1 MB (issue 14's target), and still the whole front end (more than a third of a MB).
    expect(r.first_load_bytes).toBeLessThanOrEqual(1_000_000);
    expect(r.first_load_bytes).toBeGreaterThan(300_000);
    // The users signed in through the form and then changed the hackathon picker.
    expect(r.interactions_by_kind['sign-in']?.count).toBeGreaterThanOrEqual(3);
    expect(r.interactions_by_kind['pick-hackathon']?.count).toBeGreaterThan(0);
    expect(r.interactions_by_kind.rerun).toBeUndefined();
    // Both tasks served, and docker stats saw each container within its memory limit.
    expect(Object.keys(r.requests_per_task).sort()).toEqual(['task-a', 'task-b']);
    for (const c of r.containers) {
      expect(c.memory_max_mib).toBeGreaterThan(50);
      expect(c.memory_max_mib).toBeLessThan(c.memory_limit_mib);
      expect(c.cpu_max_percent).toBeGreaterThan(0);
    }
    // A real browser drew the dashboard's sign-in page.
    const browser = r.chromium_first_load;
    expect(browser && 'ms' in browser ? browser.heading : browser).toMatch(/VibeJudge/);
    if (!browser || !('ms' in browser)) throw new Error(`no Chromium visit: ${JSON.stringify(browser)}`);
    expect(browser.httpBytes).toBeGreaterThan(300_000); // the whole front end, compressed
    // The second visit is served from the browser's cache (hashed bundles immutable, index.html revalidated):
    // issue 14's repeat-visit budget is 50 KB.
    expect(browser.repeat?.httpBytes).toBeLessThan(50_000);
    expect(browser.repeat?.requests).toBeGreaterThan(10);
  });
});
