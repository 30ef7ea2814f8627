import { describe, expect, it } from 'vitest';
import { loadTemplate, TemplateView } from '../template/index.js';
import { ALL_RULES } from '../rules/index.js';
import { readDockerfile, runRule, subjectOf } from '../rules/run.js';

// GIVEN the template under test (the committed one, or VERIFY_TEMPLATE) and the Dockerfile
const template = loadTemplate();
const dockerfile = readDockerfile();
const subject = subjectOf(template, dockerfile);

describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it(`${rule.id} holds on the template under test: ${rule.title}`, () => {
    const outcome = runRule(rule, subject);
    expect(outcome, outcome.status === 'fail' ? outcome.reason : '').toMatchObject({ status: 'pass' });
  });

  it(`${rule.id} has at least one broken variant`, () => {
    expect(rule.mutants.length).toBeGreaterThan(0);
  });

  it.each(rule.mutants.map((m) => [m.description, m] as const))(`${rule.id} rejects the mutant: %s`, (_d, mutant) => {
    let mutated = subject;
    if ('template' in mutant) {
      const json = template.cloneJson();
      mutant.template(json);
      mutated = subjectOf(new TemplateView(json, 'mutant'), dockerfile);
    } else {
      mutated = subjectOf(template, mutant.dockerfile(dockerfile ?? ''));
    }
    expect(runRule(rule, mutated).status).toBe('fail');
  });
});
