import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, TEMPLATE_PATH } from '../template/index.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'infra/rules/cli.ts'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });

describe('npm run rules', () => {
  it('exits 1 and names the criterion when a template sets a launch type', () => {
    const json = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
    const svc = Object.values<any>(json.Resources).find((r) => r.Type === 'AWS::ECS::Service');
    svc.Properties.LaunchType = 'FARGATE';
    const path = join(mkdtempSync(join(tmpdir(), 'rules-cli-')), 'launch-type.json');
    writeFileSync(path, JSON.stringify(json));
    const result = run('--template', path, '--json');
    expect(result.status).toBe(1);
    const failed = JSON.parse(result.stdout).results.filter((r: any) => r.status === 'fail').map((r: any) => r.id);
    // R3.2 fails (no Spot); R3.3 holds: with the FARGATE launch type all 2..10 tasks are on standard FARGATE.
    expect(failed).toEqual(['R3.2']);
  });

  it('exits 2 with one line for a template that does not exist, never a stack trace', () => {
    const result = run('--template', 'no-such-template.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot read template/);
  });
});
