import { execFile } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuthorizeSecurityGroupIngressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CloudWatchLogsClient, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../infra/evidence.js';
import { REPO_ROOT, deploymentConfig, loadTemplate, templatePathUnderTest } from '../../infra/template/index.js';
import { createClients, loadContext } from '../probes/context.js';
import { RecordedAlb, brokenCases, fixtureContext, healthyFixture } from '../probes/fixture.js';
import { PROBES } from '../probes/index.js';
import { recordActions } from '../probes/recorder.js';
import { runProbes } from '../probes/run.js';
import type { ProbeContext, ProbeResult } from '../probes/types.js';
import { deployThroughChangeSet, type Deployed } from './deploy-stack.js';
import { EMULATED_REGION, Emulator, FAKE_CREDENTIALS, importSelfSignedCertificate } from './emulator.js';
import { recordEmulatedPart } from './evidence-parts.js';
import { PROBE_GAPS, UNSUPPORTED_RESOURCE_TYPES } from './gaps.js';

const run = promisify(execFile);
/** A child's environment with the keys set to undefined removed (unset, not the string "undefined"). */
const withoutUnset = (env: Record<string, string | undefined>): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
const STACK = 'vibejudge-dashboard-dev';
const POLICY = JSON.parse(readFileSync(join(REPO_ROOT, 'integration', 'probes', 'iam-policy.json'), 'utf8'));
const policyActions = new Set<string>(POLICY.Statement.flatMap((s: { Action: string[] }) => s.Action));

/**
 * The project's template deployed into moto through a change set, then every live probe run against
 * it with the real SDK clients. What moto does not model is named in gaps.ts and shown on recorded
 * answers (integration/probes/probes.test.ts); what it does model must hold here and fail when broken.
 */
describe('the template in the emulator, probed', () => {
  let emulator: Emulator;
  let deployed: Deployed;
  let ctx: ProbeContext;
  let onEmulator: ProbeResult[] = [];
  const broken: Record<string, ProbeResult> = {};
  const actions = new Set<string>();
  const clientConfig = () => ({ region: EMULATED_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
  const started = Date.now();

  beforeAll(async () => {
    emulator = await Emulator.start();
    Object.assign(process.env, FAKE_CREDENTIALS); // the probes' clients use the SDK's default credential chain
    const certificateArn = importSelfSignedCertificate(emulator, 'dashboard.emulated.test');
    deployed = await deployThroughChangeSet(emulator, STACK, readFileSync(templatePathUnderTest(), 'utf8'), {
      Environment: 'dev', ImageTag: '0123abc', CertificateArn: certificateArn,
    });
    // moto has no data plane: the ALB's DNS name leads nowhere, so HTTP is refused here, not sent.
    const noDataPlane = async (url: string) => { throw new Error(`moto has no data plane: no HTTP answer for ${url}`); };
    ctx = await loadContext({ stackName: STACK, region: EMULATED_REGION, clients: createClients({ region: EMULATED_REGION, endpoint: emulator.endpoint, hook: recordActions(actions) }), http: noDataPlane });
    onEmulator = await runProbes(ctx, PROBES);
  });

  afterAll(() => {
    emulator?.stop();
    if (!deployed || onEmulator.length === 0) return;
    const items: EvidenceItem[] = [];
    items.push({
      id: 'R10.6', status: deployed.statusBeforeExecute === 'REVIEW_IN_PROGRESS' && deployed.changes.length > 0 ? 'pass' : 'fail',
      evidence: `integration/emulated: the template deployed into moto through CreateChangeSet; ${deployed.changes.length} changes listed while the stack was ${deployed.statusBeforeExecute}, then ExecuteChangeSet -> ${deployed.status}`,
      figures: { changes: deployed.changes.length },
    });
    const byId = new Map<string, EvidenceItem>();
    for (const r of onEmulator) {
      const gap = PROBE_GAPS[r.id];
      const brokenNote = broken[r.id] ? `; fails on the broken emulated stack (${broken[r.id].detail})` : '';
      for (const id of r.covers) {
        const item: EvidenceItem = gap
          ? { id, status: 'not-verified', reason: `live probe only: ${gap.reason}`, evidence: `probe ${r.id} on moto: ${r.detail}; shown on recorded answers (holds on healthy, fails on ${brokenCases().filter((c) => c.probe === r.id).length} broken)` }
          : { id, status: r.status === 'pass' ? 'pass' : 'fail', evidence: `probe ${r.id} against the template deployed in moto: ${r.detail}${brokenNote}` };
        const prev = byId.get(id);
        if (!prev || (prev.status !== 'pass' && item.status === 'pass') || (item.status === 'fail')) byId.set(id, item);
      }
    }
    items.push(...byId.values());
    recordEmulatedPart('probes', items);
    process.stdout.write(`emulated probes: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  it('R10.6 deploys through a change set that lists the changes before any is applied', () => {
    expect(deployed.statusBeforeExecute).toBe('REVIEW_IN_PROGRESS');
    // Every resource the template declares, whatever its condition (moto lists conditional ones in the change set).
    const ids = new Set(Object.keys(loadTemplate().json.Resources));
    expect(deployed.changes.length).toBeGreaterThan(10);
    expect(deployed.changes.filter((c) => !ids.has(String(c.ResourceChange?.LogicalResourceId)))).toEqual([]);
    expect(deployed.status).toBe('CREATE_COMPLETE');
    for (const key of ['AlbDnsName', 'DashboardUrl', 'ClusterArn', 'ServiceArn', 'EcrRepositoryUri', 'TargetGroupArn', 'TaskSecurityGroupId', 'AlbSecurityGroupId', 'LogGroupName']) {
      expect(deployed.outputs[key], key).toBeTruthy();
    }
    expect(deployed.outputs.DashboardUrl).toMatch(/^https:\/\//);
  });

  it('creates every resource except the types listed as emulator gaps', () => {
    const template = loadTemplate().withParameters({ ImageTag: '0123abc', CertificateArn: 'given' });
    const created = new Set(deployed.resources.filter((r) => r.LogicalResourceId).map((r) => r.LogicalResourceId));
    const missing = new Set<string>();
    for (const [id, r] of Object.entries(template.resources)) {
      if (r.Condition && !template.condition(r.Condition)) continue;
      if (!created.has(id)) missing.add(r.Type);
    }
    expect([...missing].sort()).toEqual([...UNSUPPORTED_RESOURCE_TYPES].sort());
  });

  it('the probes that moto can answer hold against the deployed template', () => {
    const held = onEmulator.filter((r) => !PROBE_GAPS[r.id]);
    expect(held.map((r) => r.id)).toEqual(['P8', 'P10', 'P14']);
    expect(held.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.detail}`)).toEqual([]);
  });

  it('the others fail against moto for exactly the documented emulator gap', () => {
    const unexpected = onEmulator.filter((r) => PROBE_GAPS[r.id] && !(r.status === 'fail' && PROBE_GAPS[r.id].expectedFailure.test(r.detail)));
    expect(unexpected.map((r) => `${r.id} ${r.status}: ${r.detail}`)).toEqual([]);
  });

  it('P10 fails once the live log group keeps logs 30 days', async () => {
    const logs = new CloudWatchLogsClient(clientConfig());
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: deployed.outputs.LogGroupName, retentionInDays: 30 }));
    const [r] = await runProbes({ ...ctx, memo: new Map() }, PROBES.filter((p) => p.id === 'P10'));
    broken.P10 = r;
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('30 day(s), expected 7');
  });

  it('P8 fails once SSH is opened to the internet on the task group', async () => {
    const ec2 = new EC2Client(clientConfig());
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: deployed.outputs.TaskSecurityGroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const [r] = await runProbes({ ...ctx, memo: new Map() }, PROBES.filter((p) => p.id === 'P8'));
    broken.P8 = r;
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('tcp 22-22 from 0.0.0.0/0');
  });

  it('P14 fails once the service runs a revision without the non-root user', async () => {
    const ecs = new ECSClient(clientConfig());
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: deployed.outputs.TaskDefinitionArn }))).taskDefinition!;
    const rootRevision = (await ecs.send(new RegisterTaskDefinitionCommand({
      family: td.family!, memory: td.memory, containerDefinitions: td.containerDefinitions!.map((c) => ({ ...c, user: '0' })),
    }))).taskDefinition!;
    await ecs.send(new UpdateServiceCommand({ cluster: deployed.outputs.ClusterArn, service: deployed.outputs.ServiceArn, taskDefinition: rootRevision.taskDefinitionArn }));
    const [r] = await runProbes({ ...ctx, memo: new Map() }, PROBES.filter((p) => p.id === 'P14'));
    broken.P14 = r;
    expect(r.status).toBe('fail');
    expect(r.detail).toMatch(/dashboard=0, expected 1000/);
  });

  it('the probes call nothing outside the shipped IAM policy, and the policy grants nothing they do not call', async () => {
    // The emulator run records some calls; the recorded answers cover the rest (tasks, images, alarms, metrics).
    const alb = new RecordedAlb();
    await alb.start();
    try {
      await runProbes(await fixtureContext(healthyFixture(), alb, recordActions(actions)), PROBES);
    } finally {
      await alb.stop();
    }
    expect([...actions].filter((a) => !policyActions.has(a)).sort()).toEqual([]);
    expect([...policyActions].filter((a) => !actions.has(a)).sort()).toEqual([]);
    expect([...policyActions].filter((a) => !/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/.test(a))).toEqual([]);
    expect([...policyActions].filter((a) => a.includes('*'))).toEqual([]);
  });

  describe('npm run probe', () => {
    const cli = (args: string[], env: Record<string, string | undefined>) => run('npx', ['tsx', join('integration', 'probes', 'cli.ts'), ...args], { cwd: REPO_ROOT, env: withoutUnset({ ...process.env, ...env }) })
      .then((r) => ({ code: 0, ...r }), (e) => ({ code: e.code as number, stdout: String(e.stdout), stderr: String(e.stderr) }));

    it('prints JSON, writes JUnit, exits 1 while something does not hold', async () => {
      const junit = join(REPO_ROOT, '.cache', 'emulated', 'probe-junit.xml');
      rmSync(junit, { force: true });
      const r = await cli(['--stack', STACK, '--region', EMULATED_REGION, '--json', '--junit', junit], emulator.env());
      expect(r.code, r.stderr).toBe(1);
      const json = JSON.parse(r.stdout);
      expect(json.results.map((x: { id: string }) => x.id)).toEqual(PROBES.map((p) => p.id));
      expect(json.results.find((x: { id: string }) => x.id === 'P10').status).toBe('fail'); // broken above
      expect(existsSync(junit)).toBe(true);
      expect(readFileSync(junit, 'utf8')).toContain(`tests="${PROBES.length}"`);
    });

    it('exits 2 with one line for a stack that does not exist', async () => {
      const r = await cli(['--stack', 'no-such-stack', '--region', EMULATED_REGION], emulator.env());
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`probe: no stack no-such-stack in ${EMULATED_REGION}`);
    });

    it('exits 2 with one line when there are no credentials', async () => {
      const env = { ...emulator.env(), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined };
      const r = await cli(['--stack', STACK, '--region', EMULATED_REGION], env);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no AWS credentials/);
    });

    it('--help exits 0; a missing --stack exits 2', async () => {
      expect((await cli(['--help'], {})).code).toBe(0);
      const r = await cli([], {});
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--stack NAME is required/);
    });
  });

  it('expected values come from the template: the deployed numbers are the config\'s', () => {
    const c = deploymentConfig(loadTemplate());
    expect(onEmulator.find((r) => r.id === 'P10')?.figures?.expected).toBe(c.logRetentionDays);
  });
});
