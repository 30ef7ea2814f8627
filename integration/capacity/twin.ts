import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentConfig, loadTemplate, REPO_ROOT, type DeploymentConfig } from '../../infra/template/index.js';
import { docker, imageExists, publishedPort } from './docker.js';
import { Haproxy } from './haproxy.js';
import { haproxyConfig, twinSettings, type TwinSettings, type TwinTarget } from './haproxy-config.js';
import { InputError, oneLine } from '../../infra/cli/index.js';

/**
 * The local twin of the deployment: N dashboard containers with the task's CPU and memory limits, the
 * stand-in VibeJudge API they call, and HAProxy in front playing the ALB (HTTP listener redirecting,
 * HTTPS listener with a throwaway certificate, health checks, stickiness), all configured from the
 * template. Only 127.0.0.1 is used on the host; the containers share a private Docker network.
 */

export const DEFAULT_IMAGE = process.env.DASHBOARD_IMAGE ?? 'vibejudge-dashboard:local';
/**
 * Health checks 5x faster than the template's by default, so a fault test takes seconds, not minutes.
 * Not faster: at 10x the check timeout (0.5 s) expired on a healthy task of a loaded 2-core host.
 */
export const DEFAULT_TIME_SCALE = 5;
const API_PORT = 8000;

export interface TwinOptions {
  /** Dashboard containers; default the service's desired count. */
  readonly tasks?: number;
  /** CPUs per container; default the task definition's (Cpu / 1024). */
  readonly cpus?: number;
  /** Memory per container in MiB; default the task definition's. */
  readonly memoryMiB?: number;
  readonly timeScale?: number;
  readonly image?: string;
  /** gzip in the proxy (an alternative measured by the benchmark; the ALB itself does not compress). */
  readonly compression?: boolean;
  readonly config?: DeploymentConfig;
  readonly log?: (line: string) => void;
}

export interface TwinTask { readonly name: string; readonly container: string; readonly hostPort: number }

export interface Twin {
  readonly settings: TwinSettings;
  readonly config: DeploymentConfig;
  readonly tasks: readonly TwinTask[];
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly httpPort: number;
  readonly httpsPort: number;
  /** The throwaway CA/certificate, for clients that verify TLS against it. */
  readonly caPem: string;
  readonly haproxy: Haproxy;
  readonly httpsUrl: string;
  readonly httpUrl: string;
  kill(task: string): Promise<void>;
  pause(task: string): Promise<void>;
  unpause(task: string): Promise<void>;
  /** Starts a killed task's container again (same host port), as ECS would start a replacement. */
  start(task: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid one day, made now. */
function makeCertificate(dir: string): { pemPath: string; caPem: string } {
  const key = join(dir, 'key.pem'), cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const caPem = readFileSync(cert, 'utf8');
  const pemPath = join(dir, 'haproxy.pem');
  writeFileSync(pemPath, caPem + readFileSync(key, 'utf8'), { mode: 0o600 });
  return { pemPath, caPem };
}

/** Plain HTTP GET with a timeout that keeps the process alive (fetch's AbortSignal.timeout does not). */
export function httpGet(url: string, timeoutMs: number): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await httpGet(url, 2000);
      if (r.status === 200 && r.body.trim() === 'ok') return;
      last = `${r.status} ${r.body.trim().slice(0, 40)}`;
    } catch (e) { last = (e as Error).message; }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms (last: ${last})`);
}

/** HAProxy and openssl from Debian's packages when absent (a fresh CI machine has neither). */
export function ensureTools(withChromium = false): void {
  const r = spawnSync('bash', [join(REPO_ROOT, 'integration', 'capacity', 'setup-tools.sh'), ...(withChromium ? ['--with-chromium'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('integration/capacity/setup-tools.sh could not install the twin\'s tools');
}

/** The dashboard image; the default one is built (npm run image, cached) when absent. */
async function ensureImage(image: string, log: (s: string) => void): Promise<void> {
  if (await imageExists(image)) return;
  if (image !== 'vibejudge-dashboard:local') throw new Error(`image ${image} is not present`);
  log(`image ${image} absent: building it (npm run image)`);
  const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'build-image.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000 });
  if (r.status !== 0 || !(await imageExists(image))) throw new Error(`could not build ${image}; run: npm run image`);
}

/**
 * startTwin for a command line tool: a twin that cannot start (no Docker engine, no image, a port in
 * use) is a precondition the user must fix, said in one line with exit 2, not a defect of the tool.
 */
export async function startTwinOrExplain(opts: TwinOptions = {}): Promise<Twin> {
  try {
    return await startTwin(opts);
  } catch (e) {
    throw new InputError(`cannot start the local twin: ${oneLine(e)}`);
  }
}

export async function startTwin(opts: TwinOptions = {}): Promise<Twin> {
  const log = opts.log ?? (() => {});
  const config = opts.config ?? deploymentConfig(loadTemplate());
  const image = opts.image ?? DEFAULT_IMAGE;
  ensureTools();
  await ensureImage(image, log);
  const taskCount = opts.tasks ?? config.service.desiredCount;
  const cpus = opts.cpus ?? config.task.cpuUnits / 1024;
  const memoryMiB = opts.memoryMiB ?? config.task.memoryMiB;
  const containerPort = config.task.containerPort;

  const id = randomBytes(3).toString('hex');
  const prefix = `vjtwin-${id}`;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const created: string[] = [];
  let network: string | undefined;
  let haproxy: Haproxy | undefined;

  const cleanup = async () => {
    haproxy?.stop();
    if (created.length) await docker(['rm', '-f', ...created]).catch(() => '');
    if (network) await docker(['network', 'rm', network]).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    network = prefix;
    await docker(['network', 'create', network]);
    const api = `${prefix}-api`;
    created.push(api);
    // The stand-in API is standard-library Python, run from the dashboard image's own interpreter.
    await docker(['run', '-d', '--name', api, '--network', network, '-v', `${join(REPO_ROOT, 'dashboard', 'stub_api')}:/stub:ro`,
      '--entrypoint', 'python3', image, '/stub/server.py', '--host', '0.0.0.0', '--port', String(API_PORT)]);

    const tasks: TwinTask[] = [];
    for (let i = 0; i < taskCount; i++) {
      const name = `task-${String.fromCharCode(97 + i)}`;
      const container = `${prefix}-${name}`;
      created.push(container);
      // A fixed host port (not an ephemeral one) so that a killed task started again is found where it was.
      const hostPort = await freePort();
      await docker(['run', '-d', '--name', container, '--network', network, '--cpus', String(cpus), '--memory', `${memoryMiB}m`,
        '-p', `127.0.0.1:${hostPort}:${containerPort}`, '-e', `API_BASE_URL=http://${api}:${API_PORT}/api/v1`, image]);
      if (await publishedPort(container, containerPort) !== hostPort) throw new Error(`${container} was not published on 127.0.0.1:${hostPort}`);
      tasks.push({ name, container, hostPort });
    }
    await Promise.all(tasks.map((t) => waitHealthy(`http://127.0.0.1:${t.hostPort}${config.targetGroup.healthCheckPath}`, 90_000)));

    const httpPort = await freePort(), httpsPort = await freePort();
    const ports = { http: httpPort, https: httpsPort };
    const settings = twinSettings(config, ports, opts.timeScale ?? DEFAULT_TIME_SCALE);
    const { pemPath, caPem } = makeCertificate(dir);
    const statsSocket = join(dir, 'haproxy.sock');
    const targets: TwinTarget[] = tasks.map((t) => ({ name: t.name, host: '127.0.0.1', port: t.hostPort }));
    const cfgPath = join(dir, 'haproxy.cfg');
    writeFileSync(cfgPath, haproxyConfig(settings, ports, targets, { pemPath, statsSocket }, { compression: opts.compression }));
    haproxy = await Haproxy.start(cfgPath, statsSocket);
    log(`twin ${prefix}: ${taskCount} x (${cpus} CPU, ${memoryMiB} MiB) behind haproxy; http 127.0.0.1:${httpPort} -> https 127.0.0.1:${httpsPort}; `
      + `health ${settings.healthCheckPath} every ${settings.intervalMs} ms (template / ${settings.timeScale}), `
      + `unhealthy after ${settings.unhealthyThreshold}, healthy after ${settings.healthyThreshold}; stickiness ${settings.stickiness ? 'on' : 'off'}`
      + `${opts.compression ? '; gzip in proxy' : ''}`);

    const byName = (task: string) => {
      const t = tasks.find((x) => x.name === task);
      if (!t) throw new Error(`no task ${task} in the twin`);
      return t.container;
    };
    const h = haproxy;
    return {
      settings, config, tasks, cpus, memoryMiB, httpPort, httpsPort, caPem, haproxy: h,
      httpsUrl: `https://127.0.0.1:${httpsPort}`, httpUrl: `http://127.0.0.1:${httpPort}`,
      kill: async (t) => { await docker(['kill', byName(t)]); },
      pause: async (t) => { await docker(['pause', byName(t)]); },
      unpause: async (t) => { await docker(['unpause', byName(t)]); },
      start: async (t) => { await docker(['start', byName(t)]); },
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
