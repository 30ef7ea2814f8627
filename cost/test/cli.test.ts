import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/template/index.js';
import { setProp } from '../../infra/rules/mutate.js';
import { mutantView } from './fixture.js';

/** Runs the CLI as `npm run cost` does (tsx), from the repository root. */
function cost(args: string[], env: Record<string, string> = {}, timeout?: number) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cost/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout, env: { ...process.env, VERIFY_TEMPLATE: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cost-cli-'));
const bigTemplate = join(dir, 'cpu4096.json');
writeFileSync(bigTemplate, JSON.stringify(mutantView('Cpu 4096', (t) => { setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '4096'); setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '8192'); }).json));

describe('npm run cost', { timeout: 60_000 }, () => {
  it('--json prints one document with line items, totals and verdicts; exit 0 whatever the verdicts', () => {
    const r = cost(['--json', '--scenario', 'two-tasks']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    const s = doc.scenarios[0];
    expect(s.name).toBe('two-tasks');
    expect(s.bill.totalUsd).toBeCloseTo(s.bill.lines.reduce((a: number, l: { amountUsd: number }) => a + l.amountUsd, 0), 9);
    expect(doc.verdicts.map((v: { id: string }) => v.id)).toEqual(['R12.1', 'R12.2', 'R12.5', 'P11', 'R12.7']);
  });

  it('prints a table with the verdicts', () => {
    const r = cost(['--tasks', '3']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/design@3/);
    expect(r.out).toMatch(/3 tasks; task-hours/);
    expect(r.out).toMatch(/(PASS|FAIL) R12\.1/);
  });

  it('--template and VERIFY_TEMPLATE choose the template priced', () => {
    const base = JSON.parse(cost(['--json', '--scenario', 'two-tasks']).out).scenarios[0].bill.totalUsd;
    const viaFlag = JSON.parse(cost(['--json', '--scenario', 'two-tasks', '--template', bigTemplate]).out).scenarios[0].bill.totalUsd;
    const viaEnv = JSON.parse(cost(['--json', '--scenario', 'two-tasks'], { VERIFY_TEMPLATE: bigTemplate }).out).scenarios[0].bill.totalUsd;
    expect(viaFlag).toBeGreaterThan(base);
    expect(viaEnv).toBeCloseTo(viaFlag, 9);
  });

  it('--free-tier lowers the bill', () => {
    const off = JSON.parse(cost(['--json', '--scenario', 'two-tasks']).out);
    const on = JSON.parse(cost(['--json', '--scenario', 'two-tasks', '--free-tier']).out);
    expect(on.freeTier).toBe(true);
    expect(on.scenarios[0].bill.totalUsd).toBeLessThan(off.scenarios[0].bill.totalUsd);
  });

  it('--help exits 0', () => {
    const r = cost(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--scenario NAME/);
  });

  it('--tasks 100000000 answers in seconds (placement does not loop once per task)', () => {
    const r = cost(['--json', '--tasks', '100000000'], {}, 20_000);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).scenarios[0].tasks).toBe(100_000_000);
  });

  // Bad input (unknown region, scenario, template, task count, option): infra/cli/test/bad-input.test.ts.
});
