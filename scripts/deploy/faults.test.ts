import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfnClient } from '../../integration/emulated/deploy-stack.js';
import { EMULATED_REGION, Emulator, FAKE_CREDENTIALS } from '../../integration/emulated/emulator.js';
import { FaultProxy, type FaultPlan } from './fault-proxy.js';
import { deploy, FULL_DEPLOY_MS, lastErrorLine, makeTestImage, removeTestImages, requireDocker, STACK, type Run } from './harness.js';
import { LocalRegistry } from './registry.js';
import { toolbox } from './toolbox.js';

/**
 * deploy.sh against an existing stack while a proxy between the AWS CLIs and moto injects faults: for
 * each fault the deploy either succeeds or stops, and in no case is the ECS service deleted or replaced
 * (same ARN, same creation time, still ACTIVE, the stack's ImageTag never emptied). The table of faults
 * and outcomes is printed at the end (and kept in README "Deploy").
 */

interface Scenario {
  readonly name: string;
  readonly plan?: FaultPlan;
  /** AWS_MAX_ATTEMPTS=1: the CLIs' own retries off, so every injected fault reaches the script. */
  readonly noSdkRetries?: boolean;
  /**
   * unchanged: stops with exit 1 before any call that changes something reaches AWS; stops: exit 1 with
   * `line`; deploys: exit 0; either: any of these. The service is kept in every case.
   */
  readonly expect: 'unchanged' | 'stops' | 'deploys' | 'either';
  readonly line?: RegExp;
}

const DECISION = 'the DescribeStacks call the first-deploy decision rests on';
const SCENARIOS: Scenario[] = [
  { name: `${DECISION}: throttled on every retry`, plan: { fault: 'throttle', operation: 'DescribeStacks', firstCalls: 1 }, expect: 'unchanged', line: /cannot read the status of vibejudge-dashboard-dev, .*\(Throttling\)/ },
  { name: `${DECISION}: a server error on every retry`, plan: { fault: 'server-error', operation: 'DescribeStacks', firstCalls: 1 }, expect: 'unchanged', line: /cannot read the status of .*\(InternalFailure\)/ },
  { name: `${DECISION}: the connection dropped on every retry`, plan: { fault: 'reset', operation: 'DescribeStacks', firstCalls: 1 }, expect: 'unchanged', line: /cannot read the status of .*Connection was closed/ },
  { name: 'an expired token on every call', plan: { fault: 'expired-token' }, expect: 'unchanged', line: /cannot read the status of .*\(ExpiredToken\)/ },
  { name: 'the ACM check of the remembered certificate throttled', plan: { fault: 'throttle', operation: 'DescribeCertificate', firstCalls: 1 }, expect: 'unchanged', line: /cannot check certificate arn:aws:acm:.*\(ThrottlingException\)/ },
  { name: 'DescribeServices (the wait loop) failing twice, CLI retries off', plan: { fault: 'throttle', operation: 'DescribeServices', firstCalls: 2 }, noSdkRetries: true, expect: 'deploys' },
  { name: 'DescribeServices (the wait loop) failing on every call, CLI retries off', plan: { fault: 'throttle', operation: 'DescribeServices' }, noSdkRetries: true, expect: 'stops', line: /cannot read the state of .* after 4 attempts \(.*ThrottlingException.*\); the change set was applied/ },
  { name: '20% of all calls throttled, CLI retries on', plan: { fault: 'throttle', share: 0.2, seed: 7 }, expect: 'either' },
  { name: '20% of all calls throttled, CLI retries off', plan: { fault: 'throttle', share: 0.2, seed: 11 }, noSdkRetries: true, expect: 'either' },
  { name: '10% of all calls a server error, CLI retries off', plan: { fault: 'server-error', share: 0.1, seed: 13 }, noSdkRetries: true, expect: 'either' },
  { name: '10% of all connections dropped, CLI retries off', plan: { fault: 'reset', share: 0.1, seed: 17 }, noSdkRetries: true, expect: 'either' },
  { name: 'no fault (the stack still deploys afterwards)', expect: 'deploys' },
];

/** Statuses an update cannot start from; the rewritten DescribeStacks answer stands for a stack stuck in each. */
const STUCK_STATUSES = [
  'UPDATE_ROLLBACK_FAILED', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED', 'CREATE_IN_PROGRESS', 'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_FAILED', 'UPDATE_FAILED', 'IMPORT_ROLLBACK_FAILED',
];

/** Where a run stopped, from its last line, for the table. */
function stoppedAt(line: string): string {
  const steps: [RegExp, string][] = [
    [/cannot read the status of/, 'stopped at the status read'],
    [/cannot check certificate/, 'stopped at the certificate check'],
    [/cannot read the certificate of/, "stopped reading the stack's certificate"],
    [/cannot read the output (\w+)/, 'stopped reading an output'],
    [/the first deploy of .* failed/, 'stopped at the first deploy (SAM)'],
    [/the change set for .* failed or was not applied/, 'stopped at the change set (SAM)'],
    [/cannot read the state of .* after (\d+) attempts/, 'stopped in the wait loop after 4 attempts'],
    [/pushing .* failed/, 'stopped at the push'],
  ];
  return steps.find(([pattern]) => pattern.test(line))?.[1] ?? `stopped: ${line.replace(/^deploy: /, '').slice(0, 80)}`;
}

interface Row { fault: string; calls: number; faulted: number; exit: number; outcome: string; service: string }

/** The service as the emulator knows it, read directly (not through the proxy). */
interface ServiceIdentity { arn?: string; createdAt?: number; status?: string; imageTag?: string; conditional: string[] }

describe('scripts/deploy.sh under AWS faults (a fault-injecting proxy between the CLIs and moto)', () => {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let registry: LocalRegistry;
  let stateDir: string;
  /** The script's TMPDIR, to find a private key left behind. */
  let scratch: string;
  let baseline: ServiceIdentity;
  const rows: Row[] = [];
  const image = 'vibejudge-deploy-faults:local';
  let runNumber = 0;

  beforeAll(async () => {
    requireDocker();
    makeTestImage(image);
    registry = await LocalRegistry.start();
    stateDir = mkdtempSync(join(tmpdir(), 'deploy-state-'));
    scratch = mkdtempSync(join(tmpdir(), 'deploy-scratch-'));
    // moto's documented knob: it reports the service's 2 tasks as running, so a deploy can end stable.
    emulator = await Emulator.start({ MOTO_ECS_SERVICE_RUNNING: '2' });
    proxy = await FaultProxy.start(emulator.endpoint);
  });

  afterAll(async () => {
    if (rows.length > 0) {
      const table = ['| fault | calls | faulted | exit | outcome | service |', '| --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r.fault} | ${r.calls} | ${r.faulted} | ${r.exit} | ${r.outcome} | ${r.service} |`)].join('\n');
      console.log(`deploy.sh under faults against an existing stack:\n${table}`);
    }
    await proxy?.stop();
    emulator?.stop();
    registry?.stop();
    for (const dir of [stateDir, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
    removeTestImages(image, registry?.port);
  });

  /** A deploy through the proxy; each run changes ApiBaseUrl, as moto refuses a change set without changes. */
  function deployThroughProxy(scenario: Pick<Scenario, 'noSdkRetries'> = {}, started?: (child: ChildProcess) => void): Promise<Run> {
    runNumber += 1;
    const env = {
      PATH: toolbox(), ...emulator.env(), AWS_ENDPOINT_URL: proxy.endpoint, DEPLOY_STATE_DIR: stateDir, TMPDIR: scratch,
      ...(scenario.noSdkRetries ? { AWS_MAX_ATTEMPTS: '1' } : {}),
    };
    return deploy(['--env', 'dev', '--region', EMULATED_REGION, '--yes', '--registry', registry.host, '--image', image, '--stable-timeout', '60',
      '--api-base-url', `https://api.vibejudge.invalid/dev/api/v1/run-${runNumber}`], env, started);
  }

  async function serviceIdentity(): Promise<ServiceIdentity> {
    const cfn = cfnClient(emulator);
    const ecs = new ECSClient({ region: EMULATED_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
    try {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0];
      const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }))).StackResources ?? [];
      const imageTag = stack.Parameters?.find((p) => p.ParameterKey === 'ImageTag')?.ParameterValue;
      // What the first deploy leaves out (condition HasImageTag) and moto creates: the service and its dashboard.
      const conditional = resources.filter((r) => ['AWS::ECS::Service', 'AWS::CloudWatch::Dashboard'].includes(String(r.ResourceType))).map((r) => String(r.LogicalResourceId)).sort();
      const arn = resources.find((r) => r.ResourceType === 'AWS::ECS::Service')?.PhysicalResourceId;
      const cluster = stack.Outputs?.find((o) => o.OutputKey === 'ClusterArn')?.OutputValue;
      const service = arn && cluster ? (await ecs.send(new DescribeServicesCommand({ cluster, services: [arn] }))).services?.[0] : undefined;
      return { arn: service?.serviceArn, createdAt: service?.createdAt?.getTime(), status: service?.status, imageTag, conditional };
    } finally {
      cfn.destroy();
      ecs.destroy();
    }
  }

  /** Kept: the same service (ARN and creation time), still ACTIVE, the dashboard still there, ImageTag set. */
  async function expectServiceKept(): Promise<void> {
    const now = await serviceIdentity();
    expect(now.arn, 'the service is gone').toBe(baseline.arn);
    expect(now.createdAt, 'the service was replaced').toBe(baseline.createdAt);
    expect(now.status).toBe('ACTIVE');
    expect(now.conditional).toEqual(baseline.conditional);
    expect(now.imageTag).toMatch(/^[0-9a-f]{40}$/);
  }

  /** stderr without the script's warnings (a work tree with uncommitted changes is one). */
  const verdict = (r: Run) => r.err.trim().split('\n').filter((l) => l && !l.startsWith('deploy: warning:'));

  it('a signal during the certificate import leaves no private key behind (empty account, import held by the proxy)', async () => {
    proxy.reset({ fault: 'hold', operation: 'ImportCertificate' });
    let child: ChildProcess | undefined;
    const run = deployThroughProxy({}, (c) => { child = c; });
    await proxy.holding();
    const keys = () => readdirSync(scratch, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('key.pem'));
    expect(keys(), 'the key exists while ACM is being asked').toHaveLength(1);
    process.kill(-child!.pid!, 'SIGTERM'); // the whole process group, as a terminal's Ctrl-C or a CI cancel does
    const r = await run;
    proxy.release();
    expect(keys(), r.out + r.err).toEqual([]);
    expect(r.code).toBe(143);
    expect(proxy.summary().changes).toEqual([]);
    rows.push({ fault: 'SIGTERM while ImportCertificate is held unanswered (empty account)', calls: proxy.summary().calls, faulted: 1, exit: r.code, outcome: 'stopped; private key removed', service: 'none yet' });
  }, FULL_DEPLOY_MS);

  it('the first deploy through the proxy, without faults, creates the stack and a stable service', async () => {
    proxy.reset();
    const r = await deployThroughProxy();
    expect(r.code, r.out.slice(-2000) + r.err).toBe(0);
    baseline = await serviceIdentity();
    expect(baseline.arn).toMatch(/^arn:aws:ecs:/);
    expect(baseline.status).toBe('ACTIVE');
    expect(baseline.conditional.length).toBeGreaterThan(0);
  }, FULL_DEPLOY_MS);

  for (const status of STUCK_STATUSES) {
    it(`a stack in ${status} is refused before anything is imported, built or pushed`, async () => {
      proxy.reset();
      proxy.reportStackStatus(status);
      const r = await deployThroughProxy();
      expect(r.code, r.out + r.err).toBe(1);
      expect(verdict(r)).toHaveLength(1);
      expect(lastErrorLine(r)).toMatch(new RegExp(`^deploy: stack vibejudge-dashboard-dev is in ${status}\\b.*(delete-stack|continue-update-rollback|wait until it ends|resolve it)`));
      expect(r.out).not.toMatch(/^\+ (docker|sam|npm)/m);
      expect(proxy.summary().changes).toEqual([]);
      await expectServiceKept();
      rows.push({ fault: `DescribeStacks answers ${status}`, calls: proxy.summary().calls, faulted: 0, exit: r.code, outcome: 'stopped, nothing changed', service: 'kept' });
    }, FULL_DEPLOY_MS);
  }

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: the deploy ${scenario.expect === 'either' ? 'succeeds or stops' : scenario.expect === 'deploys' ? 'succeeds' : 'stops'}, and the service is kept`, async () => {
      proxy.reset(scenario.plan);
      const r = await deployThroughProxy(scenario);
      const { calls, faulted, changes, emptiedImageTag } = proxy.summary();
      proxy.reset();
      let service = emptiedImageTag ? 'REMOVED: a change set with ImageTag empty reached CloudFormation' : 'LOST';
      try {
        expect(emptiedImageTag, 'a change set with an empty ImageTag (CloudFormation deletes the service for it)').toBe(false);
        await expectServiceKept();
        service = 'kept';
      } finally {
        rows.push({
          fault: scenario.name, calls, faulted, exit: r.code, service,
          outcome: r.code === 0 ? 'deployed, stable' : `${stoppedAt(lastErrorLine(r))}${changes.length > 0 ? '' : /^\+ docker push/m.test(r.out) ? '; image pushed, no call reached CloudFormation' : '; nothing changed'}`,
        });
      }
      if (r.code !== 0) {
        expect(r.code, r.out.slice(-2000) + r.err).toBe(1);
        expect(lastErrorLine(r)).toMatch(/^deploy: /);
      }
      if (scenario.expect === 'deploys') expect(r.code, r.out.slice(-2000) + r.err).toBe(0);
      if (scenario.expect === 'stops' || scenario.expect === 'unchanged') {
        expect(r.code, r.out.slice(-2000) + r.err).toBe(1);
        expect(lastErrorLine(r)).toMatch(scenario.line!);
      }
      if (scenario.expect === 'unchanged') {
        expect(verdict(r)).toHaveLength(1);
        expect(changes).toEqual([]);
        expect(r.out).not.toMatch(/^\+ (docker|sam|npm)/m);
      }
      if (faulted === 0 && scenario.plan) throw new Error(`the plan injected no fault in ${calls} calls`);
    }, FULL_DEPLOY_MS);
  }
});
