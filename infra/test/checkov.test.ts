import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileExceptions, templateExceptions } from '../../scripts/verify/exceptions.js';
import { CHECKOV_SKIPS } from '../lib/checkov-skips.js';
import { checkov, type CheckovCheck, type CheckovFramework } from '../lint/checkov.js';
import { DOCKERFILE_PATH, loadTemplate, TEMPLATE_PATH, templatePathUnderTest } from '../template/index.js';

/**
 * checkov beside cdk-nag and cfn-lint: on the template and on the Dockerfile, zero failed checks that
 * are not skipped, and every skip carries its reason where it applies (the resource's Metadata, the
 * Dockerfile's comment). checkov takes 10-20 s per file on the shared machine.
 */
const scans = new Map<string, Extract<ReturnType<typeof checkov>, { ran: true }>>();
function scan(path: string, framework: CheckovFramework) {
  const known = scans.get(path);
  if (known) return known;
  const result = checkov(path, framework);
  if (!result.ran) throw new Error(result.reason);
  scans.set(path, result);
  return result;
}
const line = (c: CheckovCheck) => `${c.id} ${c.name} at ${c.logicalId ?? c.resource}`;

describe('checkov', () => {
  it('finds no failed check in the template under test; each skip is one of the design\'s, with its reason', () => {
    const r = scan(templatePathUnderTest(), 'cloudformation');
    expect(r.parsingErrors).toBe(0);
    expect(r.failed.map(line)).toEqual([]);
    expect(r.passed.length).toBeGreaterThan(40);
    for (const s of r.skipped) expect(s.reason ?? '', `${s.id} on ${s.logicalId} has a reason`).toMatch(/\w.{30,}/);
    if (templatePathUnderTest() === TEMPLATE_PATH) {
      // The project's template: exactly the skips infra/lib/checkov-skips.ts declares, each on one resource.
      expect(r.skipped.map((s) => `${s.id} ${s.reason}`).sort()).toEqual(CHECKOV_SKIPS.map((s) => `${s.id} ${s.reason}`).sort());
    }
  }, 180_000);

  it('finds no failed check in the Dockerfile; its one skip says why', () => {
    const r = scan(DOCKERFILE_PATH, 'dockerfile');
    expect(r.failed.map(line)).toEqual([]);
    expect(r.passed.length).toBeGreaterThan(20);
    expect(r.skipped.map((s) => s.id)).toEqual(['CKV_DOCKER_7']);
    expect(r.skipped[0].reason).toMatch(/python:3\.11-slim/);
  }, 180_000);

  it('skips exactly what the report lists as checkov exceptions (the report\'s Exceptions section matches the tool)', () => {
    const path = templatePathUnderTest();
    const listed = [
      ...templateExceptions(loadTemplate(path).json).filter((e) => e.tool === 'checkov').map((e) => `${e.id} ${e.resource} ${e.reason}`),
      ...dockerfileExceptions(DOCKERFILE_PATH).map((e) => `${e.id} Dockerfile ${e.reason}`),
    ].sort();
    const skipped = [
      ...scan(path, 'cloudformation').skipped.map((c) => `${c.id} ${c.logicalId} ${c.reason ?? ''}`),
      ...scan(DOCKERFILE_PATH, 'dockerfile').skipped.map((c) => `${c.id} Dockerfile ${c.reason ?? ''}`),
    ].sort();
    expect(listed).toEqual(skipped);
  }, 300_000);

  it('needs every skip of the template: without them, checkov fails exactly the skipped checks', () => {
    const json = loadTemplate(TEMPLATE_PATH).cloneJson();
    for (const r of Object.values(json.Resources)) {
      if (r.Metadata) delete (r.Metadata as Record<string, unknown>).checkov;
    }
    const path = join(mkdtempSync(join(tmpdir(), 'checkov-')), 'unskipped.json');
    writeFileSync(path, JSON.stringify(json));
    const failed = scan(path, 'cloudformation').failed.map((c) => c.id).sort();
    expect(failed).toEqual(CHECKOV_SKIPS.map((s) => s.id).sort());
  }, 300_000);

  it('does report a broken template and a broken Dockerfile (checkov is really running)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkov-'));
    // SSH open to the world on the task security group, and a skip taken away from the repository.
    const json = loadTemplate(TEMPLATE_PATH).cloneJson();
    const [taskGroupId, taskGroup] = Object.entries(json.Resources).find(([id, r]) => r.Type === 'AWS::EC2::SecurityGroup' && id.startsWith('TaskSecurityGroup'))!;
    taskGroup.Properties!.SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0', Description: 'ssh' }];
    const [repositoryId, repository] = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::ECR::Repository')!;
    delete repository.Metadata;
    const template = join(dir, 'broken.json');
    writeFileSync(template, JSON.stringify(json));
    const t = scan(template, 'cloudformation').failed.map((c) => `${c.id} ${c.logicalId}`);
    expect(t).toEqual(expect.arrayContaining([`CKV_AWS_24 ${taskGroupId}`, `CKV_AWS_51 ${repositoryId}`, `CKV_AWS_136 ${repositoryId}`]));

    // The Dockerfile without its USER line (runs as root) and without the skip comment.
    const dockerfile = join(dir, 'Dockerfile');
    writeFileSync(dockerfile, readFileSync(DOCKERFILE_PATH, 'utf8').replace(/^USER .*$/m, '').replace(/^# checkov:skip=.*$/m, ''));
    const d = scan(dockerfile, 'dockerfile').failed.map((c) => c.id);
    expect(d).toEqual(expect.arrayContaining(['CKV_DOCKER_3', 'CKV_DOCKER_7']));
  }, 300_000);
});
