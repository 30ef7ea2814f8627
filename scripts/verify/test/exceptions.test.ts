import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKOV_SKIPS } from '../../../infra/lib/checkov-skips.js';
import { NAG_SUPPRESSIONS } from '../../../infra/lib/nag-suppressions.js';
import { DOCKERFILE_PATH, TEMPLATE_PATH } from '../../../infra/template/index.js';
import { collectExceptions, STACK_WIDE, templateExceptions } from '../exceptions.js';
import { renderHtml } from '../format/html.js';
import { renderJson } from '../format/json.js';
import { renderMarkdown } from '../format/markdown.js';
import { assembleReport } from '../report.js';
import type { Row } from '../types.js';

const template = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
const row = (id: string, status: Row['status'], waiver?: Row['waiver']): Row =>
  ({ id, kind: 'criterion', requirement: 12, text: id, status, verdict: status === 'WAIVED' ? 'FAIL' : status, sources: [], summary: `${id} summary`, missing: [], ...(waiver ? { waiver } : {}) });
const logicalIdOf = (path: string): string => {
  // The construct path's first segment (Vpc, AlbSecurityGroup, TaskExecutionRole ...) begins the logical id.
  const [head, ...rest] = path.split('/').filter((p) => p !== 'Resource');
  const prefix = [head, ...rest].join('');
  const ids = Object.keys(template.Resources).filter((id) => id.startsWith(prefix) && /^[0-9A-F]{8}$/.test(id.slice(prefix.length)));
  expect(ids, `one resource for ${path}`).toHaveLength(1);
  return ids[0];
};

describe('the exceptions of the project\'s template and Dockerfile', () => {
  const rows = [row('R12.1', 'WAIVED', { reason: 'costs $86.92 against $60', expires: '2099-01-01', expired: false }), row('R1.1', 'PASS')];
  const all = collectExceptions(template, DOCKERFILE_PATH, rows);

  it('lists every cdk-nag suppression on its own resource, with its reason and appliesTo, none stack-wide', () => {
    const nag = all.filter((e) => e.tool === 'cdk-nag');
    expect(nag.map((e) => ({ id: e.id, resource: e.resource, reason: e.reason, appliesTo: e.appliesTo })))
      .toEqual(expect.arrayContaining(NAG_SUPPRESSIONS.map((s) => ({ id: s.id, resource: logicalIdOf(s.path), reason: s.reason, appliesTo: s.appliesTo }))));
    expect(nag).toHaveLength(NAG_SUPPRESSIONS.length);
    expect(nag.filter((e) => e.resource === STACK_WIDE)).toEqual([]);
  });

  it('lists every checkov skip of the template and the Dockerfile, with its reason', () => {
    const skips = all.filter((e) => e.tool === 'checkov');
    expect(skips.filter((e) => e.type !== 'Dockerfile').map((e) => `${e.id} ${e.resource} ${e.reason}`).sort())
      .toEqual(CHECKOV_SKIPS.map((s) => `${s.id} ${logicalIdOf(s.path)} ${s.reason}`).sort());
    expect(skips.filter((e) => e.type === 'Dockerfile').map((e) => [e.id, e.resource])).toEqual([['CKV_DOCKER_7', 'Dockerfile']]);
    for (const e of skips) expect(e.reason.length).toBeGreaterThan(30);
  });

  it('lists waivers with their expiry and what became of them; a row without a waiver is none', () => {
    expect(all.filter((e) => e.tool === 'waiver')).toEqual([{ tool: 'waiver', id: 'R12.1', resource: 'criterion R12.1', reason: 'costs $86.92 against $60', expires: '2099-01-01', state: 'applied' }]);
  });

  it('names a stack-wide suppression as such, and an exception without a reason as one', () => {
    const found = templateExceptions({ Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'everything' }] } }, Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Metadata: { checkov: { skip: [{ id: 'CKV_AWS_24' }] } } } } });
    expect(found).toEqual([
      { tool: 'cdk-nag', id: 'AwsSolutions-IAM5', resource: STACK_WIDE, reason: 'everything' },
      { tool: 'checkov', id: 'CKV_AWS_24', resource: 'Sg', type: 'AWS::EC2::SecurityGroup', reason: '' },
    ]);
  });
});

describe('the report\'s Exceptions section', () => {
  const report = assembleReport({
    version: '0.0.0', template: { path: 'infra/template.json', title: 'the test template', origin: 'file', sha256: 'x'.repeat(64), resources: 1 },
    stages: [], rows: [], waivers: [], propertyTests: new Map(), cost: undefined, nag: [], problems: [], strict: false, now: new Date('2026-01-01T00:00:00Z'),
    exceptions: [
      { tool: 'cdk-nag', id: 'AwsSolutions-IAM5', resource: 'TaskExecutionRoleDefaultPolicyA84DD1B0', type: 'AWS::IAM::Policy', reason: 'GetAuthorizationToken <only> on *', appliesTo: ['Resource::*'] },
      { tool: 'checkov', id: 'CKV_AWS_260', resource: 'AlbSecurityGroup86A59E99', reason: 'R8.1 | port 80' },
      { tool: 'waiver', id: 'R12.1', resource: 'criterion R12.1', reason: 'over budget', expires: '2099-01-01', state: 'applied' },
      { tool: 'checkov', id: 'CKV_AWS_24', resource: 'Sg', reason: '' },
    ],
  });

  it('is in the Markdown, one table row per exception with tool, resource, scope and reason', () => {
    const md = renderMarkdown(report);
    const section = md.slice(md.indexOf('## Exceptions'));
    expect(section).toContain('1 cdk-nag suppression, 2 checkov skips, 0 cfn-lint ignored checks, 1 waiver');
    expect(section).toContain('| cdk-nag | AwsSolutions-IAM5 | TaskExecutionRoleDefaultPolicyA84DD1B0 (AWS::IAM::Policy) | only Resource::* | GetAuthorizationToken &lt;only> on * |');
    expect(section).toContain('| checkov | CKV_AWS_260 | AlbSecurityGroup86A59E99 |  | R8.1 \\| port 80 |');
    expect(section).toContain('| waiver | R12.1 | criterion R12.1 | until 2099-01-01 (applied) | over budget |');
    expect(section).toContain('| checkov | CKV_AWS_24 | Sg |  | (no reason written) |');
  });

  it('is in the HTML page, escaped', () => {
    const html = renderHtml(report);
    expect(html).toContain('<section id="exceptions"><h2>Exceptions</h2>');
    expect(html).toContain('GetAuthorizationToken &lt;only&gt; on *');
    expect(html).toContain('<code>CKV_AWS_260</code>');
  });

  it('is in the JSON report as the exceptions field', () => {
    expect(JSON.parse(renderJson(report)).exceptions).toHaveLength(4);
  });

  it('says "None." when there is none', () => {
    const none = { ...report, exceptions: [] };
    expect(renderMarkdown(none)).toContain('## Exceptions\n\n0 cdk-nag suppressions, 0 checkov skips, 0 cfn-lint ignored checks, 0 waivers');
    expect(renderHtml(none)).toContain('<p>None.</p>');
  });
});
