import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TemplateView, type CfnTemplate } from '../template/index.js';
import { ALL_RULES } from '../rules/index.js';
import { runRule, subjectOf } from '../rules/run.js';

/**
 * No rule may crash on a value the template cannot tell: each top-level property of each resource of
 * the foreign fixtures is replaced by a parameter without default (which is what `Fn::If` on an unknown
 * condition, an SSM value or an import also give), and every rule must answer pass, fail or unknown.
 * A thrown TypeError would be reported as ERROR: a harness defect, whichever file it comes from.
 */
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'foreign');
const FILES = ['handwritten-short-form.yaml', 'sam-launch-type-http-only.yaml', 'service-only-imports.yaml', 'cdk-ecs-patterns.template.json'];

describe.each(FILES)('%s', (file) => {
  const base = loadTemplate(join(DIR, file));
  const cases = Object.entries(base.json.Resources).flatMap(([id, r]) => Object.keys(r.Properties ?? {}).map((key) => [`${id}.${key}`, id, key] as const));
  it('every rule answers when any one property is unknown', () => {
    const crashes: string[] = [];
    for (const [name, id, key] of cases) {
      const json: CfnTemplate = base.cloneJson();
      json.Parameters = { ...(json.Parameters ?? {}), Unknowable: { Type: 'String' } };
      json.Resources[id].Properties![key] = { Ref: 'Unknowable' };
      const subject = subjectOf(new TemplateView(json, 'unknown-property'), undefined);
      for (const rule of ALL_RULES) {
        try { runRule(rule, subject); } catch (e) { crashes.push(`${name} unknown -> ${rule.id}: ${(e as Error).message} (${(e as Error).stack?.split('\n')[1]?.trim()})`); }
      }
    }
    expect(crashes).toEqual([]);
  });
});
