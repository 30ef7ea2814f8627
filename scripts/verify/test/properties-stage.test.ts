import { describe, expect, it } from 'vitest';
import { minCapacityOne } from '../fixtures/mutants.js';
import { derivedTemplate, runVerify } from './run-verify.js';

describe('the property stage on a template that breaks a property', () => {
  it('runs the property suite on that template, fails P1 and shows the shrunk counterexample and its replay seed in the report', () => {
    // GIVEN the project's template with the scalable target allowed down to 1 task
    const template = derivedTemplate('min-capacity-1.json', minCapacityOne);
    // WHEN the report runs with the property stage (containers are not the point)
    const run = runVerify(['--template', template, '--no-containers', '--no-cost']);
    // THEN P1 fails, with fast-check's counterexample in the row and in the property section
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    const p1 = report.rows.find((r) => r.id === 'P1')!;
    expect(p1.status).toBe('FAIL');
    expect(p1.summary).toMatch(/Counterexample: \[/);
    const failed = report.properties.find((p) => p.id === 'P1')!.tests.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toMatch(/seed/);
    expect(run.file('report.md')).toMatch(/### Counterexamples[\s\S]*Counterexample: \[/);
    // The messages carry no stack frames and no absolute paths of this machine.
    expect(failed[0].message).not.toMatch(/\n\s+at /);
    expect(run.file('report.json')).not.toContain(process.cwd() + '/');
    // The properties the change does not touch still hold on it.
    expect(report.rows.find((r) => r.id === 'P2')?.status).not.toBe('FAIL');
  });
});
