import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/template/index.js';
import { setProp } from '../../infra/rules/mutate.js';
import { mutantView } from './fixture.js';

/** Runs the CLI as `npm run cost` does (tsx), from the repository root. */
function cost(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cost/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, VERIFY_TEMPLATE: '', ...env } });
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

  it.each([
    [['--region', 'mars-1'], /unknown region mars-1/],
    [['--region', 'eu-west-1'], /no eu-west-1 price for/],
    [['--scenario', 'nope'], /unknown scenario nope/],
    [['--template', join(dir, 'missing.json')], /cannot read template/],
    [['--tasks', 'many'], /--tasks needs a whole number/],
    [['--frobnicate'], /unknown option/],
  ])('bad input %j: one line, exit 2, no stack trace', (args, message) => {
    const r = cost(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });
});
