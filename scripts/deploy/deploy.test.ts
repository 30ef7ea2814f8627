import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../infra/evidence.js';
import { EMULATED_REGION, Emulator, FAKE_CREDENTIALS } from '../../integration/emulated/emulator.js';
import { recordEmulatedPart } from '../../integration/emulated/evidence-parts.js';
import { commitOf, deploy, FULL_DEPLOY_MS, makeTestImage, removeTestImages, requireDocker, SCRIPT, STACK } from './harness.js';
import { LocalRegistry } from './registry.js';
import { toolbox } from './toolbox.js';

/** prod refuses a self-signed certificate: its runs name one. */
const PROD_CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000';

const proved: Record<string, { ok: boolean; evidence: string; reason?: string }> = {};
function prove(id: string, ok: boolean, evidence: string, reason?: string): void { proved[id] = { ok, evidence, reason }; }
/** What the unstable-service run showed, for R11.6's evidence. */
let unstableRun: { ok: boolean; evidence: string } | undefined;

afterAll(() => {
  const items: EvidenceItem[] = Object.entries(proved).map(([id, p]) => (p.reason
    ? { id, status: 'not-verified', evidence: p.evidence, reason: p.reason }
    : { id, status: p.ok ? 'pass' : 'fail', evidence: p.evidence }));
  if (items.length > 0) recordEmulatedPart('deploy-script', items);
});

describe('scripts/deploy.sh: usage and tool checks', () => {
  const path = toolbox();

  it('--help explains every option and exits 0', async () => {
    const r = await deploy(['--help'], { PATH: path });
    expect(r.code).toBe(0);
    for (const option of ['--env dev|prod', '--region', '--yes', '--dry-run', '--registry', '--help']) expect(r.out).toContain(option);
  });

  it('an unknown environment is refused with one line and exit 2', async () => {
    const r = await deploy(['--env', 'staging', '--region', EMULATED_REGION], { PATH: path });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("deploy: --env must be dev or prod, not 'staging'");
  });

  it('an unknown option, or a registry that is not on loopback, is refused with exit 2', async () => {
    expect((await deploy(['--force'], { PATH: path })).err.trim()).toBe('deploy: unknown option --force (see --help)');
    const r = await deploy(['--registry', 'registry.example.com:5000'], { PATH: path });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--registry must be a loopback HOST:PORT/);
  });

  // Each value reaches an AWS command line, SAM's Key="value" parameter list or the state file's JSON:
  // a quote or a space there could smuggle in another parameter (an empty ImageTag removes the service).
  const region = ['--region', EMULATED_REGION];
  const badInputs: { name: string; args: string[]; env?: Record<string, string>; line: RegExp }[] = [
    { name: 'a crafted --region', args: ['--region', 'us-east-1;touch pwned', '--dry-run'], line: /^deploy: --region must be an AWS region such as eu-west-1, not 'us-east-1;touch pwned'$/ },
    { name: 'a crafted AWS_REGION', args: ['--dry-run'], env: { AWS_REGION: 'us-east-1 $(touch pwned)' }, line: /^deploy: --region must be an AWS region/ },
    { name: '--env prod without a domain or a certificate', args: ['--env', 'prod', ...region, '--dry-run'], line: /^deploy: --env prod needs --domain-name or --certificate-arn/ },
    { name: 'a quote in --api-base-url', args: [...region, '--dry-run', '--api-base-url', 'https://x.invalid/" ImageTag="'], line: /^deploy: --api-base-url must be an https URL without quotes or spaces/ },
    { name: 'a plain-http --api-base-url (the template refuses it, after minutes of building)', args: [...region, '--dry-run', '--api-base-url', 'http://api.vibejudge.invalid/dev/api/v1'], line: /^deploy: --api-base-url must be an https URL/ },
    { name: 'a quote in --certificate-arn', args: [...region, '--dry-run', '--certificate-arn', 'arn:aws:acm:us-east-1:123456789012:certificate/a", "x'], line: /^deploy: --certificate-arn must be an ACM certificate ARN/ },
    { name: 'a space in --domain-name', args: [...region, '--dry-run', '--domain-name', 'dash.example.org ImageTag='], line: /^deploy: --domain-name must be a DNS name/ },
    { name: 'a quote in --alarm-email', args: [...region, '--dry-run', '--alarm-email', 'a@b.org" ImageTag="'], line: /^deploy: --alarm-email must be an e-mail address/ },
    { name: 'a lower-case --hosted-zone-id', args: [...region, '--dry-run', '--hosted-zone-id', 'z1;x'], line: /^deploy: --hosted-zone-id must be a Route 53 hosted zone id/ },
    { name: 'an --image with a space', args: [...region, '--dry-run', '--image', 'a b'], line: /^deploy: --image must be a local image NAME:TAG/ },
    { name: 'a newline in --env', args: ['--env', 'dev\nprod', ...region], line: /^deploy: --env must be dev or prod, not 'dev prod'$/ },
  ];
  for (const bad of badInputs) {
    it(`${bad.name} is refused with one line and exit 2, before anything runs`, async () => {
      const r = await deploy(bad.args, { PATH: path, ...bad.env });
      expect(r.code, r.out + r.err).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(bad.line);
      expect(r.out).toBe('');
    });
  }

  it('hands no string to a shell: the ECR login is a pipeline of quoted arguments', () => {
    const code = readFileSync(SCRIPT, 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
    expect(code).not.toMatch(/\bbash\b[^\n]*\s-c\b|\beval\b|\bsh -c\b/);
  });

  it('R11.1 names the missing tools and exits 3 (PATH without sam, then without docker and git)', async () => {
    const noSam = await deploy(['--env', 'dev', '--region', EMULATED_REGION, '--dry-run'], { PATH: toolbox(['sam']) });
    expect(noSam.code).toBe(3);
    expect(noSam.err.trim()).toBe('deploy: missing required tool(s): sam (needs the AWS CLI, Docker, the SAM CLI and Git on PATH)');
    expect(noSam.out).toBe(''); // nothing was started
    const two = await deploy(['--env', 'dev', '--region', EMULATED_REGION], { PATH: toolbox(['docker', 'git']) });
    expect(two.code).toBe(3);
    expect(two.err).toContain('missing required tool(s): docker git');
    prove('R11.1', noSam.code === 3 && two.code === 3, 'scripts/deploy/deploy.test.ts: with a PATH lacking sam (then docker and git) deploy.sh names exactly the missing tools and exits 3 before running anything');
  });
});

describe('scripts/deploy.sh against the emulator', () => {
  let emulator: Emulator;
  let registry: LocalRegistry;
  let stateDir: string;
  const image = 'vibejudge-deploy-test:local';

  beforeAll(async () => {
    requireDocker();
    makeTestImage(image);
    registry = await LocalRegistry.start();
    stateDir = mkdtempSync(join(tmpdir(), 'deploy-state-'));
    emulator = await Emulator.start();
  });

  afterAll(() => {
    emulator?.stop();
    registry?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    removeTestImages(image, registry?.port);
  });

  const envFor = (e: Emulator) => ({ PATH: toolbox(), ...e.env(), DEPLOY_STATE_DIR: stateDir });

  it('--dry-run prints every step in order and runs none of them', async () => {
    const r = await deploy(['--env', 'dev', '--region', EMULATED_REGION, '--dry-run', '--registry', registry.host], envFor(emulator));
    expect(r.code, r.err).toBe(0);
    const SHA = commitOf(r);
    const commands = r.out.split('\n').filter((l) => l.startsWith('+ '));
    const order = [
      /^\+ aws acm import-certificate/,
      /^\+ sam deploy --template-file infra\/template.json --stack-name vibejudge-dashboard-dev .*--capabilities CAPABILITY_IAM .*--confirm-changeset .*ImageTag=\\"\\"/,
      /^\+ npm run image$/,
      new RegExp(`^\\+ docker tag vibejudge-dashboard:local .*:${SHA}$`),
      /^\+ docker tag vibejudge-dashboard:local .*:latest$/,
      new RegExp(`^\\+ docker push .*:${SHA}$`),
      /^\+ docker push .*:latest$/,
      new RegExp(`^\\+ sam deploy .*--confirm-changeset .*ImageTag=\\\\"${SHA}\\\\"`),
      /^\+ aws ecs describe-services/,
    ];
    let at = 0;
    for (const pattern of order) {
      const found = commands.findIndex((c, i) => i >= at && pattern.test(c));
      expect(found, `${pattern} after line ${at} in:\n${commands.join('\n')}`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(r.out).toMatch(/^dashboard: <DashboardUrl of vibejudge-dashboard-dev>$/m);
    // Nothing reached the emulator: no stack, not even a change set.
    const cfn = new CloudFormationClient({ region: EMULATED_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
    expect((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).toEqual([]);
    // Without a registry override it logs in to ECR; --yes skips the confirmation.
    const ecr = await deploy(['--env', 'prod', '--region', EMULATED_REGION, '--dry-run', '--yes', '--image', image, '--certificate-arn', PROD_CERTIFICATE], envFor(emulator));
    expect(ecr.out).toMatch(/^\+ aws ecr get-login-password --region us-east-1 \| docker login --username AWS --password-stdin <EcrRepositoryUri of vibejudge-dashboard-prod>$/m);
    expect(ecr.out).toMatch(/--stack-name vibejudge-dashboard-prod .*--no-confirm-changeset/);
    expect(ecr.out).not.toMatch(/npm run image/);
  });

  it('an unstable service ends the deploy with a clear message and exit 1 (moto starts no tasks)', async () => {
    const r = await deploy(['--env', 'dev', '--region', EMULATED_REGION, '--yes', '--registry', registry.host, '--image', image, '--stable-timeout', '5'], envFor(emulator));
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err.trim().split('\n').pop()).toMatch(/^deploy: the service did not become stable within 5s \(0 of 2 tasks running, 1 deployment\(s\)\); the circuit breaker keeps the previous version serving$/);
    expect(r.out).not.toMatch(/^dashboard:/m);
    unstableRun = { ok: r.code === 1, evidence: `an unstable service (moto reports 0 of 2 running) ends with exit 1 after ${r.seconds.toFixed(0)} s` };
    emulator.stop();
  }, FULL_DEPLOY_MS);

  it('R11.2-R11.7 a first deploy into an empty account: repository first, image pushed and recorded, change set shown, stable, URL printed', async () => {
    // moto's documented knob: with MOTO_ECS_SERVICE_RUNNING=2 it reports the service's tasks as running.
    emulator = await Emulator.start({ MOTO_ECS_SERVICE_RUNNING: '2' });
    stateDir = mkdtempSync(join(tmpdir(), 'deploy-state-')); // a fresh account: nothing remembered from the other emulator
    const r = await deploy(['--env', 'dev', '--region', EMULATED_REGION, '--yes', '--registry', registry.host, '--image', image, '--stable-timeout', '60'], envFor(emulator));
    expect(r.code, r.out.slice(-3000) + r.err).toBe(0);
    const SHA = commitOf(r);

    // First deploy without the service, so the image can be pushed to the stack's repository.
    expect(r.out).toMatch(/first deploy: vibejudge-dashboard-dev does not exist; creating it without the service \(ImageTag empty\)/);
    const cfn = new CloudFormationClient({ region: EMULATED_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0];
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    const repository = String(outputs.EcrRepositoryUri).split('/').slice(1).join('/');

    // R11.2, R11.3, R11.4, R2.4: both tags pushed, same digest, the digest recorded and printed.
    const state = JSON.parse(readFileSync(join(stateDir, 'dev.json'), 'utf8'));
    const bySha = await registry.digestOf(repository, SHA);
    const byLatest = await registry.digestOf(repository, 'latest');
    expect(bySha).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(byLatest).toBe(bySha);
    expect(state.digest).toBe(bySha);
    expect(state.commit).toBe(SHA);
    expect(r.out).toContain(`image digest: ${registry.host}/${repository}@${bySha}`);

    // R10.6, R11.5: SAM showed the change set before executing it; the stack now runs the SHA.
    const secondDeploy = r.out.slice(r.out.indexOf('==> deploying the template through a change set'));
    const shown = secondDeploy.indexOf('CloudFormation stack changeset');
    const applied = secondDeploy.indexOf('Waiting for stack create/update to complete');
    expect(shown).toBeGreaterThan(0);
    expect(applied).toBeGreaterThan(shown);
    expect(stack.Parameters?.find((p) => p.ParameterKey === 'ImageTag')?.ParameterValue).toBe(SHA);
    const ecs = new ECSClient({ region: EMULATED_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    // The revision the service runs (the TaskDefinitionArn output may name the first deploy's revision in moto).
    const running = (await ecs.send(new DescribeServicesCommand({ cluster: String(outputs.ClusterArn), services: [String(outputs.ServiceArn)] }))).services![0];
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: running.taskDefinition }))).taskDefinition!;
    expect(td.containerDefinitions?.[0]?.image).toBe(`${outputs.EcrRepositoryUri}:${SHA}`);

    // R11.6, R11.7: waited for stability, then printed the stack's HTTPS URL as its last line.
    expect(r.out).toMatch(/waiting up to 60s for .* to become stable/);
    const lastLine = r.out.trim().split('\n').pop();
    expect(lastLine).toBe(`dashboard: ${outputs.DashboardUrl}`);
    expect(String(outputs.DashboardUrl)).toMatch(/^https:\/\//);

    const where = `scripts/deploy/deploy.test.ts: deploy.sh against moto (SAM CLI, AWS CLI) with a loopback docker-registry standing in for ECR, ${r.seconds.toFixed(0)} s`;
    prove('R11.2', bySha !== undefined, `${where}: the image is tagged and pushed as :${SHA.slice(0, 12)}... (the commit SHA)`);
    prove('R11.3', byLatest === bySha, `${where}: :SHA and :latest carry the same digest ${bySha}`);
    prove('R11.4', bySha !== undefined && byLatest !== undefined, `${where}: both tags pushed; the ECR login (get-login-password | docker login) only shown by --dry-run`,
      'live only: ECR authentication is not exercised against the emulator (the stand-in registry has no login); pushing both tags is verified');
    prove('R2.4', state.digest === bySha, `${where}: the sha256 digest of the push is recorded in .cache/deploy/dev.json and printed, and equals the registry's`);
    prove('R10.6', shown > 0 && applied > shown, `${where}: sam deploy printed the change set ("CloudFormation stack changeset") before "Waiting for stack create/update"`);
    prove('R11.5', stack.Parameters?.find((p) => p.ParameterKey === 'ImageTag')?.ParameterValue === SHA, `${where}: the stack's ImageTag parameter and the task definition's image tag are the commit SHA`);
    prove('R11.6', unstableRun?.ok === true, `${where}: returns success only once the service reports running = desired with one deployment (moto told to report 2 running); ${unstableRun?.evidence ?? 'the unstable case did not run'}`);
    prove('R11.7', lastLine === `dashboard: ${outputs.DashboardUrl}` && /^https:\/\//.test(String(outputs.DashboardUrl)), `${where}: last line "dashboard: ${outputs.DashboardUrl}", the stack's DashboardUrl output`);
  }, FULL_DEPLOY_MS);

  it('a later deploy reuses the stack and its imported certificate', async () => {
    // A changed parameter: moto refuses a change set without changes (ValidationError) where CloudFormation
    // makes an empty one that SAM's --no-fail-on-empty-changeset accepts; HEAD may not have moved.
    const r = await deploy(['--env', 'dev', '--region', EMULATED_REGION, '--yes', '--registry', registry.host, '--image', image, '--stable-timeout', '60',
      '--api-base-url', 'https://api.vibejudge.invalid/dev/api/v1/later'], envFor(emulator));
    expect(r.code, r.out.slice(-2000) + r.err).toBe(0);
    expect(r.out).not.toMatch(/first deploy/);
    expect(r.out).not.toMatch(/importing a self-signed certificate/);
  }, FULL_DEPLOY_MS);
});
