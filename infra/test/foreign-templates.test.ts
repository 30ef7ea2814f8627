import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cfnLint } from '../lint/cfn-lint.js';
import { loadTemplate } from '../template/index.js';
import { ALL_RULES } from '../rules/index.js';
import { runRules, subjectOf } from '../rules/run.js';
import { FOREIGN_FIXTURES } from './fixtures/foreign/expected.js';

/**
 * Templates written in other styles than ours (hand-written short-form YAML, SAM, a service-only stack
 * that imports its network, a CDK ecs-patterns synthesis), each with a hand-judged table of the status
 * every template rule must give. The table is the reference: a row that disagrees is a defect of the
 * rule or of the loader, never a reason to change the row.
 */
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'foreign');
const TEMPLATE_RULES = ALL_RULES.filter((r) => r.source === 'template').map((r) => r.id);

describe.each(FOREIGN_FIXTURES.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
  const results = new Map(runRules(subjectOf(loadTemplate(join(DIR, fixture.file)), undefined)).map((r) => [r.rule.id, r.outcome]));

  it('the table judges every template rule, and only those', () => {
    expect(Object.keys(fixture.rows).sort()).toEqual([...TEMPLATE_RULES].sort());
  });

  it.each(TEMPLATE_RULES.map((id) => [id, fixture.rows[id]?.[0] ?? 'missing'] as const))('%s is %s', (id, expected) => {
    const outcome = results.get(id)!;
    const got = outcome.status === 'pass' ? outcome.evidence : outcome.reason;
    const why = fixture.rows[id]?.[1];
    expect(outcome.status, `${fixture.file} ${id}: the rule says ${outcome.status} (${got}); the table says ${expected}${why ? ` (${why})` : ''}`).toBe(expected);
  });

  it('is a template CloudFormation accepts (cfn-lint: no error, no warning), so verify judges it rather than refusing it', () => {
    const result = cfnLint(join(DIR, fixture.file));
    if (!result.ran) throw new Error(result.reason);
    expect(result.findings.filter((f) => f.level === 'error' || f.level === 'warning').map((f) => `${f.rule} ${f.message} at ${f.path}`)).toEqual([]);
  });

  it('no dockerfile rule fails without a Dockerfile (they are NOT VERIFIED)', () => {
    for (const r of ALL_RULES.filter((x) => x.source === 'dockerfile')) expect(results.get(r.id)!.status).toBe('unknown');
  });
});
