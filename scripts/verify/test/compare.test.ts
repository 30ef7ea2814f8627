import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareReports, loadPreviousReport, type ComparedReport } from '../compare.js';
import { HarnessError } from '../errors.js';
import { renderHtml } from '../format/html.js';
import { renderMarkdown } from '../format/markdown.js';
import { assembleReport, type ReportInputs } from '../report.js';
import type { CostScenario, ExceptionEntry, Report, Row } from '../types.js';
import { runVerify, writeTemp, type VerifyRun } from './run-verify.js';

const row = (id: string, status: Row['status'], waiver?: { reason: string; expires: string }): Row => ({
  id, kind: 'criterion', requirement: Number(id.slice(1).split('.')[0]), text: `${id} statement`, status,
  verdict: status === 'WAIVED' ? 'FAIL' : status, sources: [], summary: `${id} ${status.toLowerCase()} because of this`, missing: [],
  ...(waiver ? { waiver: { ...waiver, expired: false } } : {}),
});
const scenario = (compute: number): CostScenario => ({
  name: 'Baseline (2 tasks)', total: compute + 14.6,
  lines: [{ label: 'Fargate vCPU-hours', amount: compute }, { label: 'Public IPv4 addresses', amount: 14.6 }],
});
const inputs = (rows: Row[], compute: number, over: Partial<ReportInputs> = {}): ReportInputs => ({
  version: '0.1.0', template: { path: 'infra/template.json', title: 'the test template', origin: 'file', sha256: 'a'.repeat(64), resources: 35 },
  stages: [], rows, waivers: [], propertyTests: new Map(), cost: { scenarios: [scenario(compute)], note: 'cost model' },
  nag: [], problems: [], strict: false, now: new Date('2026-12-01T03:17:00Z'), ...over,
});

const WAIVER = { reason: 'the budget is revisited in the spring', expires: '2027-03-31' };
// The two releases differ in exactly three ways: R5.1 went from PASS to FAIL, a waiver was added for
// R12.1 (FAIL to WAIVED), and the Fargate line of the baseline scenario went from $40.00 to $45.50.
const previous = assembleReport(inputs([row('R1.1', 'PASS'), row('R5.1', 'PASS'), row('R12.1', 'FAIL'), row('R12.2', 'NOT VERIFIED')], 40));
const currentRows = (): Row[] => [row('R1.1', 'PASS'), row('R5.1', 'FAIL'), row('R12.1', 'WAIVED', WAIVER), row('R12.2', 'NOT VERIFIED')];
const withPrevious = (over: Partial<ReportInputs> = {}) => assembleReport(inputs(currentRows(), 45.5, { previous: { report: previous, path: 'previous/report.json' }, ...over }));

describe('comparing two reports that differ in a known way', () => {
  const changes = withPrevious().changes!;

  it('lists the flipped rows, and only those, with the reason they have now', () => {
    expect(changes.rows).toEqual([
      { id: 'R5.1', from: 'PASS', to: 'FAIL', summary: 'R5.1 fail because of this' },
      { id: 'R12.1', from: 'FAIL', to: 'WAIVED', summary: 'R12.1 waived because of this' },
    ]);
    expect(changes.regressions).toEqual(['R5.1']);
  });

  it('lists the waiver added, none removed or changed', () => {
    expect(changes.waivers).toEqual({ added: [{ id: 'R12.1', ...WAIVER }], removed: [], changed: [] });
  });

  it('gives the cost delta of every scenario and the one line that changed', () => {
    expect(changes.cost).toEqual([{
      scenario: 'Baseline (2 tasks)', from: 54.6, to: 60.1, delta: 5.5,
      lines: [{ label: 'Fargate vCPU-hours', from: 40, to: 45.5, delta: 5.5 }],
    }]);
  });

  it('says which report it compared with and that the template is the same', () => {
    expect(changes.previous).toEqual({ path: 'previous/report.json', generatedAt: '2026-12-01T03:17:00.000Z', version: '0.1.0', templateSha256: 'a'.repeat(64), templatePath: 'infra/template.json' });
    expect(changes.templateChanged).toBe(false);
  });

  it('read the other way round: the waiver is removed and nothing regressed', () => {
    const back = compareReports(withPrevious(), previous, 'x');
    expect(back.waivers).toEqual({ added: [], removed: [{ id: 'R12.1', ...WAIVER }], changed: [] });
    expect(back.rows.map((r) => `${r.id} ${r.from}->${r.to}`)).toEqual(['R5.1 FAIL->PASS', 'R12.1 WAIVED->FAIL']);
    expect(back.regressions).toEqual([]);
    expect(back.cost[0].delta).toBe(-5.5);
  });

  it('a waiver with a new expiry date is changed, not added; a scenario only one report has is not priced in the other', () => {
    const later = assembleReport(inputs([row('R12.1', 'WAIVED', { ...WAIVER, expires: '2027-06-30' })], 40, { cost: { scenarios: [{ name: 'Peak (10 tasks)', total: 196.65, lines: [] }], note: '' } }));
    const c = compareReports(withPrevious(), later, 'x');
    expect(c.waivers.changed).toEqual([{ id: 'R12.1', from: { id: 'R12.1', ...WAIVER }, to: { id: 'R12.1', ...WAIVER, expires: '2027-06-30' } }]);
    expect(c.waivers.added).toEqual([]);
    expect(c.cost.map((s) => [s.scenario, s.from, s.to])).toEqual([['Peak (10 tasks)', undefined, 196.65], ['Baseline (2 tasks)', 60.1, undefined]]);
    // Rows absent from the newer report are listed as such, never as regressions.
    expect(c.rows.find((r) => r.id === 'R1.1')).toMatchObject({ from: 'PASS', to: 'absent' });
    expect(c.regressions).toEqual([]);
  });
});

describe('exceptions since the last release', () => {
  const nag = (reason: string): ExceptionEntry => ({ tool: 'cdk-nag', id: 'AwsSolutions-IAM5', resource: 'TaskExecutionRole', appliesTo: ['Resource::*'], reason });
  const skip: ExceptionEntry = { tool: 'checkov', id: 'CKV_AWS_260', resource: 'AlbSecurityGroup', reason: 'port 80 only redirects' };
  const ignore: ExceptionEntry = { tool: 'cfn-lint', id: 'W3005', resource: '(whole stack)', reason: 'explicit DependsOn kept for ordering' };
  const waiver: ExceptionEntry = { tool: 'waiver', id: 'R12.1', resource: 'criterion R12.1', reason: WAIVER.reason, expires: WAIVER.expires, state: 'applied' };

  it('an exception added, one removed and one with another reason are listed as such; waivers are left to the waiver list', () => {
    const before = assembleReport(inputs([row('R1.1', 'PASS')], 40, { exceptions: [nag('wildcard for log streams'), skip] }));
    const after = assembleReport(inputs([row('R1.1', 'PASS')], 40, { exceptions: [nag('wildcard for the log group\'s streams only'), ignore, waiver], previous: { report: before, path: 'p' } }));
    expect(after.changes!.exceptions).toEqual({
      added: [ignore], removed: [skip],
      changed: [{ from: nag('wildcard for log streams'), to: nag('wildcard for the log group\'s streams only') }],
    });
    expect(renderHtml(after)).toMatch(/<b>added<\/b> cfn-lint <code>W3005<\/code> on \(whole stack\)/);
    expect(renderMarkdown(after)).toContain('- exception removed: checkov `CKV_AWS_260` on AlbSecurityGroup');
  });

  it('a previous report that did not list its exceptions says so, rather than calling every exception new', () => {
    const old = loadPreviousReport(writeTemp('report.json', JSON.stringify({ generatedAt: '2026-01-01T00:00:00Z', rows: [{ id: 'R1.1', status: 'PASS', summary: 's' }] })));
    const after = assembleReport(inputs([row('R1.1', 'PASS')], 40, { exceptions: [skip], previous: { report: old, path: 'old.json' } }));
    expect(after.changes!.exceptions).toBeUndefined();
    expect(renderMarkdown(after)).toContain('the previous report did not list its exceptions');
  });
});

describe('the exit code with a comparison', () => {
  it('is unchanged by --compare alone: only the row that fails counts', () => {
    const report = withPrevious();
    expect(report.exitCode).toBe(1);
    expect(report.failures).toEqual(['R5.1 FAIL: R5.1 fail because of this']);
  });

  it('with --strict-compare a row that went from PASS to anything else fails the run', () => {
    const rows = () => [row('R1.1', 'NOT VERIFIED'), row('R5.1', 'PASS')];
    const lenient = assembleReport(inputs(rows(), 40, { previous: { report: previous, path: 'p' } }));
    expect(lenient.changes!.regressions).toEqual(['R1.1']);
    expect(lenient.exitCode).toBe(0);
    const strict = assembleReport(inputs(rows(), 40, { previous: { report: previous, path: 'p' }, strictCompare: true }));
    expect(strict.exitCode).toBe(1);
    expect(strict.failures).toEqual(['R1.1 was PASS in the previous report, now NOT VERIFIED (--strict-compare): R1.1 not verified because of this']);
  });
});

describe('the readable formats show the changes', () => {
  const report = withPrevious();

  it('HTML: a "Since the last release" section near the top, the flipped row linked, the waiver, the cost line', () => {
    const html = renderHtml(report);
    const since = html.slice(html.indexOf('<section id="since">'), html.indexOf('</section>', html.indexOf('<section id="since">')));
    expect(html.indexOf('<section id="since">')).toBeLessThan(html.indexOf('<main>'));
    expect(since).toContain('<h2>Since the last release</h2>');
    expect(since).toContain('<a href="#R5.1">R5.1</a>');
    expect(since).toMatch(/1 passed before and do not now/);
    expect(since).toContain('<b>added</b> R12.1 until 2027-03-31');
    expect(since).toContain('Fargate vCPU-hours: $40.00 → $45.50 (+$5.50)');
  });

  it('Markdown: the same section, for a pull-request comment', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## Since the last release');
    expect(md).toContain('| R5.1 | ✓ PASS | ✗ FAIL |');
    expect(md).toContain('- waiver added: R12.1 until 2027-03-31');
    expect(md).toMatch(/\| Baseline \(2 tasks\) \| \$54\.60 \| \$60\.10 \| \+\$5\.50 \| Fargate vCPU-hours: \$40\.00 -> \$45\.50 \|/);
  });

  it('without --compare there is no such section and no changes field', () => {
    const plain = assembleReport(inputs(currentRows(), 45.5));
    expect(plain.changes).toBeUndefined();
    expect(renderHtml(plain)).not.toContain('Since the last release');
    expect(renderMarkdown(plain)).not.toContain('Since the last release');
  });
});

describe('reading the previous report', () => {
  it('a missing file, a file that is not JSON, and JSON that is not a report stop the run with one line', () => {
    expect(() => loadPreviousReport('/nonexistent/report.json')).toThrow(HarnessError);
    expect(() => loadPreviousReport(writeTemp('report.json', '{not json'))).toThrow(/is not JSON/);
    expect(() => loadPreviousReport(writeTemp('report.json', '{"rows":[{"id":"R1.1","status":"GREEN"}],"generatedAt":"x"}'))).toThrow(/not a report\.json/);
  });

  it('a report of an older harness (no template, no cost) is still compared by its rows', () => {
    const old = loadPreviousReport(writeTemp('report.json', JSON.stringify({ generatedAt: '2026-01-01T00:00:00Z', rows: [{ id: 'R5.1', status: 'PASS', summary: 's' }] })));
    const c = compareReports(old, withPrevious() as ComparedReport, 'old.json');
    expect(c.rows.find((r) => r.id === 'R5.1')).toMatchObject({ from: 'PASS', to: 'FAIL' });
    expect(c.templateChanged).toBe(true);
  });
});

// The command line, end to end: a run of the committed template compared with a previous report in
// which R1.1 passed (the container tests ran then) and R12.1 was not waived.
describe('npm run verify --compare', () => {
  let base: VerifyRun;
  let previousPath: string;
  beforeAll(() => {
    base = runVerify(['--template', 'infra/template.json', '--no-properties', '--no-containers']);
    const before = base.report() as Report & { rows: Row[] };
    const edited = {
      ...before,
      rows: before.rows.map((r) => (r.id === 'R1.1' ? { ...r, status: 'PASS' } : r.id === 'R12.1' ? { ...r, status: 'FAIL', waiver: undefined } : r)),
    };
    previousPath = join(base.out, 'previous.json');
    writeFileSync(previousPath, JSON.stringify(edited));
  });

  it('adds the changes to report.json and keeps the exit code; --strict-compare exits 1 for the row that was PASS', () => {
    expect(base.code, base.stderr).toBe(0);
    const run = runVerify(['--template', 'infra/template.json', '--no-properties', '--no-containers', '--compare', previousPath]);
    expect(run.code, run.stderr).toBe(0);
    const changes = run.report().changes!;
    expect(changes.rows.map((r) => `${r.id} ${r.from}->${r.to}`)).toEqual(['R1.1 PASS->NOT VERIFIED', 'R12.1 FAIL->WAIVED']);
    expect(changes.waivers.added.map((w) => w.id)).toEqual(['R12.1']);
    expect(changes.cost.every((s) => s.delta === 0 && s.lines.length === 0)).toBe(true);
    expect(run.file('report.md')).toContain('## Since the last release');
    expect(run.stderr).toMatch(/verify: since .*previous\.json \(.*\): 2 rows changed status \(1 no longer PASS: R1\.1\), 1 waiver or exception added, removed or changed, 0 cost scenarios changed/);

    const strict = runVerify(['--template', 'infra/template.json', '--no-properties', '--no-containers', '--compare', previousPath, '--strict-compare']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stderr).toMatch(/verify: R1\.1 was PASS in the previous report, now NOT VERIFIED \(--strict-compare\)/);
  });

  it('--strict-compare without --compare, and an unreadable --compare file, are refused with exit 2', () => {
    const alone = runVerify(['--strict-compare']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--strict-compare needs --compare FILE');
    const missing = runVerify(['--template', 'infra/template.json', '--no-properties', '--no-containers', '--compare', 'no/such/report.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --compare .*ENOENT/);
  });
});
