import { describe, expect, it } from 'vitest';
import { assembleReport, verdictLine, type ReportInputs } from '../report.js';
import type { Row } from '../types.js';

const row = (id: string, status: Row['status']): Row =>
  ({ id, kind: 'criterion', requirement: 1, text: id, status, verdict: status === 'WAIVED' ? 'FAIL' : status, sources: [], summary: `${id} summary`, missing: [] });
const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  version: '0.0.0', template: { path: 'infra/template.json', title: 'the test template', origin: 'file', sha256: 'x'.repeat(64), resources: 1 },
  stages: [], rows: [row('R1.1', 'PASS'), row('R1.2', 'WAIVED'), row('R1.3', 'NOT VERIFIED')], waivers: [], propertyTests: new Map(),
  cost: undefined, nag: [], problems: [], strict: false, now: new Date('2026-01-01T00:00:00Z'), ...over,
});

describe('the exit code of a report', () => {
  it('is 0 when rows pass or are waived, and the verdict line still counts what was not verified', () => {
    const report = assembleReport(inputs());
    expect(report.exitCode).toBe(0);
    expect(report.counts).toEqual({ PASS: 1, FAIL: 0, WAIVED: 1, 'NOT VERIFIED': 1, ERROR: 0 });
    expect(verdictLine(report)).toContain('1 NOT VERIFIED');
  });

  it.each([
    ['a failing row', { rows: [row('R1.1', 'FAIL')] }, 'R1.1 FAIL'],
    ['an expired waiver', { waivers: [{ id: 'R12.1', kind: 'expired' as const, message: 'the waiver for R12.1 expired on 2020-01-31' }] }, 'expired'],
    ['an unsuppressed cdk-nag error', { nag: [{ level: 'error' as const, path: '/Stack/Alb', message: 'AwsSolutions-ELB2: no access logs' }] }, 'cdk-nag error'],
    ['a stale committed template', { problems: ['infra/template.json is stale'] }, 'stale'],
    ['--strict and a row not verified', { strict: true }, 'NOT VERIFIED (--strict)'],
  ])('is 1 with %s, which is listed among the failures', (_what, over, text) => {
    const report = assembleReport(inputs(over));
    expect(report.exitCode).toBe(1);
    expect(report.failures.join('\n')).toContain(text);
  });

  it('a cdk-nag warning alone does not fail the run', () => {
    expect(assembleReport(inputs({ nag: [{ level: 'warning', path: '/Stack/Vpc', message: 'AwsSolutions-VPC7' }] })).exitCode).toBe(0);
  });
});

describe('the harness\'s own errors', () => {
  it('make the run exit 2 and are listed apart from the failures, never as a FAIL', () => {
    const report = assembleReport(inputs({ rows: [row('R1.1', 'PASS'), row('R1.2', 'ERROR')] }));
    expect(report.exitCode).toBe(2);
    expect(report.counts.ERROR).toBe(1);
    expect(report.counts.FAIL).toBe(0);
    expect(report.errors.join('\n')).toContain('R1.2 ERROR');
    expect(report.failures).toEqual([]);
    expect(verdictLine(report)).toMatch(/^ERROR .*1 ERROR/);
  });

  it('a stage that crashed is an error even when every row it touched is something else', () => {
    const report = assembleReport(inputs({ stages: [{ name: 'cost', status: 'error', seconds: 0, note: 'ERROR: the cost stage crashed: boom' }] }));
    expect(report.exitCode).toBe(2);
    expect(report.errors[0]).toContain('boom');
  });
});
