import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfnLint, type LintFinding } from '../lint/cfn-lint.js';
import { loadTemplate, templatePathUnderTest } from '../template/index.js';

function lint(path: string): { errors: string[]; warnings: string[] } {
  const result = cfnLint(path);
  if (!result.ran) throw new Error(result.reason);
  const line = (f: LintFinding) => `${f.rule} ${f.message} at ${f.path}`;
  return { errors: result.findings.filter((f) => f.level === 'error').map(line), warnings: result.findings.filter((f) => f.level === 'warning').map(line) };
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
