import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, type Service, type Task } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { deploymentConfig, loadTemplate, type DeploymentConfig } from '../../infra/template/index.js';
import { ProbeSetupError, type Clients, type HttpGet, type ProbeContext } from './types.js';

/** A middleware any test can put on every client (the recorder of the IAM test, recorded answers). */
export type ClientHook = (client: Clients[keyof Clients]) => void;

export interface ClientOptions {
  readonly region: string;
  /** An endpoint for every service (the emulator). Unset: the SDK's own resolution, which honours AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  readonly hook?: ClientHook;
  /** How long one call (connecting included) may take before it is abandoned and retried. */
  readonly timeoutMs?: number;
}

/** Adaptive retries: a throttled nightly run backs off instead of failing at once. */
const MAX_ATTEMPTS = 6;
/**
 * Without a timeout the SDK waits forever for an endpoint that accepts the connection and never
 * answers, and so would the nightly run. Ten seconds is far above a describe call's usual answer time;
 * with the retries, an endpoint that never answers ends the run in about a minute.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export function createClients(o: ClientOptions): Clients {
  const timeoutMs = o.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const requestHandler = { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true };
  const base = { region: o.region, maxAttempts: MAX_ATTEMPTS, retryMode: 'adaptive', requestHandler, ...(o.endpoint ? { endpoint: o.endpoint } : {}) };
  const clients: Clients = {
    cfn: new CloudFormationClient(base), ecs: new ECSClient(base), elb: new ElasticLoadBalancingV2Client(base),
    ec2: new EC2Client(base), ecr: new ECRClient(base), cw: new CloudWatchClient(base), logs: new CloudWatchLogsClient(base),
    aas: new ApplicationAutoScalingClient(base), sts: new STSClient(base),
  };
  if (o.hook) for (const c of Object.values(clients)) o.hook(c);
  return clients;
}

export interface ContextOptions {
  readonly stackName: string;
  readonly region: string;
  readonly clients: Clients;
  readonly config?: DeploymentConfig;
  readonly http?: HttpGet;
}

/** Checks the credentials, reads the stack's outputs and the template's numbers; ProbeSetupError when it cannot. */
export async function loadContext(o: ContextOptions): Promise<ProbeContext> {
  const config = o.config ?? deploymentConfig(loadTemplate());
  try {
    await o.clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (e) {
    throw setupError(e, 'cannot check the AWS credentials');
  }
  let outputs: Record<string, string> = {};
  try {
    const stack = (await o.clients.cfn.send(new DescribeStacksCommand({ StackName: o.stackName }))).Stacks?.[0];
    if (!stack) throw new ProbeSetupError(`no stack ${o.stackName} in ${o.region}`);
    outputs = Object.fromEntries((stack.Outputs ?? []).map((x) => [String(x.OutputKey), String(x.OutputValue)]));
  } catch (e) {
    if (e instanceof ProbeSetupError) throw e;
    if (/does not exist/i.test((e as Error).message)) throw new ProbeSetupError(`no stack ${o.stackName} in ${o.region}`);
    throw setupError(e, `cannot read stack ${o.stackName}`);
  }
  return { stackName: o.stackName, region: o.region, outputs, config, clients: o.clients, http: o.http ?? httpGet, memo: new Map() };
}

/** An AWS error that means the run itself cannot go on (exit 2), as opposed to a property that does not hold. */
export function isSetupProblem(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  // TimeoutError: the AWS API did not answer in time (after retries), so the probe could not look.
  return /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|Throttl|TooManyRequests|RequestLimitExceeded|TimeoutError/i.test(name)
    || /Could not load credentials|ECONNREFUSED|ENOTFOUND.*amazonaws/i.test((e as Error)?.message ?? '');
}

function setupError(e: unknown, what: string): ProbeSetupError {
  const err = e as Error & { name?: string };
  if (/CredentialsProviderError|Could not load credentials/i.test(`${err.name} ${err.message}`)) return new ProbeSetupError('no AWS credentials found (set AWS_PROFILE, or run in a role)');
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(err.name ?? '')) return new ProbeSetupError(`${what}: throttled by AWS after retries`);
  if (err.name === 'TimeoutError') return new ProbeSetupError(`${what}: no answer from AWS in time, after retries (${firstLine(err.message ?? '')})`);
  return new ProbeSetupError(`${what}: ${firstLine(err.message ?? String(e))}`);
}

export function firstLine(s: string): string { return s.split('\n')[0].slice(0, 300); }

/** An output the probe needs; a clear failure when the stack lacks it. */
export function output(ctx: ProbeContext, key: string): string {
  const v = ctx.outputs[key];
  if (!v) throw new Error(`stack ${ctx.stackName} has no output ${key}${key === 'ServiceArn' ? ' (deployed without an ImageTag?)' : ''}`);
  return v;
}

function memo<T>(ctx: ProbeContext, key: string, f: () => Promise<T>): Promise<T> {
  if (!ctx.memo.has(key)) ctx.memo.set(key, f());
  return ctx.memo.get(key) as Promise<T>;
}

/** The ECS service of the stack. */
export function service(ctx: ProbeContext): Promise<Service> {
  return memo(ctx, 'service', async () => {
    const out = await ctx.clients.ecs.send(new DescribeServicesCommand({ cluster: output(ctx, 'ClusterArn'), services: [output(ctx, 'ServiceArn')] }));
    const s = out.services?.[0];
    if (!s) throw new Error(`service ${output(ctx, 'ServiceArn')} not found`);
    return s;
  });
}

/** The service's tasks whose last status is RUNNING. */
export function runningTasks(ctx: ProbeContext): Promise<Task[]> {
  return memo(ctx, 'runningTasks', async () => {
    const cluster = output(ctx, 'ClusterArn');
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.clients.ecs.send(new ListTasksCommand({ cluster, serviceName: output(ctx, 'ServiceArn'), desiredStatus: 'RUNNING', nextToken }));
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const tasks: Task[] = [];
    for (let i = 0; i < arns.length; i += 100) {
      const out = await ctx.clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
      tasks.push(...(out.tasks ?? []));
    }
    return tasks.filter((t) => t.lastStatus === 'RUNNING');
  });
}

/** `service/CLUSTER/SERVICE`, Application Auto Scaling's name of the service. */
export function scalingResourceId(ctx: ProbeContext): string {
  const clusterName = output(ctx, 'ClusterArn').split('/').pop();
  const serviceName = output(ctx, 'ServiceArn').split('/').pop();
  return `service/${clusterName}/${serviceName}`;
}

/**
 * GET without following redirects. The certificate is not verified on purpose: without a DomainName
 * the listener serves the self-signed certificate the deploy script imported, and the probes check
 * reachability and answers, not the certificate's chain.
 */
export const httpGet: HttpGet = (url, timeoutMs) => new Promise((resolve, reject) => {
  const started = performance.now();
  const u = new URL(url);
  const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method: 'GET', rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => { body += c; });
    res.on('end', () => { clearTimeout(deadline); resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started }); });
    res.on('error', (e) => { clearTimeout(deadline); reject(new Error(`GET ${url}: ${e.message}`)); });
  });
  const noAnswer = () => new Error(`no answer from ${u.host} within ${timeoutMs} ms`);
  // The socket's timeout fires only after that long without a byte; a server that trickles its answer
  // one byte at a time never trips it. The deadline bounds the whole exchange.
  const deadline = setTimeout(() => req.destroy(noAnswer()), timeoutMs);
  req.on('timeout', () => req.destroy(noAnswer()));
  req.on('error', (e) => { clearTimeout(deadline); reject(new Error(`GET ${url}: ${e.message}`)); });
  req.end();
});
