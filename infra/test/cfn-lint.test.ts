import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, loadTemplate, templatePathUnderTest } from '../template/index.js';

// The AWS CloudFormation linter from PyPI, installed in .venv by scripts/setup-python.sh.
const CFN_LINT = join(REPO_ROOT, '.venv', 'bin', 'cfn-lint');

function lint(path: string): { errors: string[]; warnings: string[] } {
  if (!existsSync(CFN_LINT)) throw new Error('cfn-lint is not installed: run `bash scripts/setup-python.sh`');
  const run = spawnSync(CFN_LINT, ['--format', 'json', '--', path], { encoding: 'utf8' });
  if (run.error) throw run.error;
  const findings = JSON.parse(run.stdout || '[]') as Array<{ Level: string; Rule: { Id: string }; Message: string; Location: { Path: unknown[] } }>;
  const line = (f: (typeof findings)[number]) => `${f.Rule.Id} ${f.Message} at ${JSON.stringify(f.Location.Path)}`;
  return { errors: findings.filter((f) => f.Level === 'Error').map(line), warnings: findings.filter((f) => f.Level === 'Warning').map(line) };
}

describe('cfn-lint', () => {
  it('finds no error and no warning in the template under test', () => {
    const { errors, warnings } = lint(templatePathUnderTest());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('does report an error in a template with an invalid value (the linter is really running)', () => {
    const json = loadTemplate().cloneJson();
    const td = Object.values(json.Resources).find((r) => r.Type === 'AWS::ECS::TaskDefinition')!;
    td.Properties!.NetworkMode = 'not-a-mode';
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, JSON.stringify(json));
    expect(lint(path).errors.join('\n')).toMatch(/NetworkMode|not-a-mode/);
  });
});
