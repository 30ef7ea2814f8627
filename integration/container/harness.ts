import { networkInterfaces } from 'node:os';
import './testcontainers-env.js';
import { request } from 'node:http';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { recordEvidence, type EvidenceItem } from '../../infra/evidence.js';
import { percentile } from '../capacity/stats.js';

/** What ECS and the ALB see of the dashboard's container, and the helpers the container tests share. */

export const PORT = 8501;
export const HEALTH_PATH = '/_stcore/health';

/**
 * Healthy means 200 *and* the body `ok`. The status alone proves nothing: Streamlit answers 200 with its
 * index page for any unknown path, and 503 `unavailable` while it starts or stops.
 */
export function isHealthyAnswer(status: number, body: string): boolean {
  return status === 200 && body.trim() === 'ok';
}

/** Waits (polling every 200 ms) until the health endpoint gives a healthy answer. */
export function healthy() {
  return Wait.forHttp(HEALTH_PATH, PORT).forStatusCode(200).forResponsePredicate((body) => isHealthyAnswer(200, body)).withReadTimeout(200);
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  /** As on Fargate: `{ cpu: 0.5, memoryGiB: 1 }` sets NanoCpus and Memory. */
  readonly limits?: { readonly cpu: number; readonly memoryGiB: number };
  readonly waitFor?: ReturnType<typeof Wait.forHealthCheck> | ReturnType<typeof healthy>;
  readonly configure?: (c: GenericContainer) => GenericContainer;
}

/** Starts the image and measures how long `start()` took until the wait strategy was satisfied. */
export async function startDashboard(image: string, o: StartOptions = {}): Promise<{ container: StartedTestContainer; startMs: number }> {
  let c = new GenericContainer(image).withExposedPorts(PORT).withEnvironment(o.env ?? {}).withWaitStrategy(o.waitFor ?? healthy()).withStartupTimeout(180_000);
  if (o.limits) c = c.withResourcesQuota({ cpu: o.limits.cpu, memory: o.limits.memoryGiB });
  if (o.configure) c = o.configure(c);
  const t0 = performance.now();
  const container = await c.start();
  return { container, startMs: performance.now() - t0 };
}

export function baseUrl(c: StartedTestContainer): string {
  return `http://${c.getHost()}:${c.getMappedPort(PORT)}`;
}

export interface Answer { readonly status: number; readonly body: string; readonly ms: number }

/** One GET on a fresh connection (as a load balancer's health check makes it), timed from request to last byte. */
export function httpGet(url: string, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export interface Latency { readonly requests: number; readonly unhealthy: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number }

/** `n` sequential health checks; every answer is counted, and any that is not `200 ok` is reported. */
export async function healthLatency(url: string, n: number): Promise<Latency> {
  const ms: number[] = [];
  let unhealthy = 0;
  for (let i = 0; i < n; i++) {
    const a = await httpGet(url);
    ms.push(a.ms);
    if (!isHealthyAnswer(a.status, a.body)) unhealthy++;
  }
  ms.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { requests: n, unhealthy, p50Ms: r(percentile(ms, 50)), p99Ms: r(percentile(ms, 99)), maxMs: r(ms[ms.length - 1]) };
}

/**
 * The suite's evidence for the compliance report. Several tests may speak for one ID: it passes only when
 * all of them passed; an ID no test reached is written as not verified.
 */
export class Evidence {
  private readonly items = new Map<string, { ok: boolean; notes: string[]; figures: Record<string, number> }>();

  constructor(private readonly ids: readonly string[]) {}

  /** Runs a check and records its outcome for each ID; a failure is recorded, then rethrown. */
  async prove(ids: readonly string[], check: () => Promise<{ evidence: string; figures?: Record<string, number> }>): Promise<void> {
    try {
      const { evidence, figures } = await check();
      for (const id of ids) this.add(id, true, evidence, figures);
    } catch (e) {
      for (const id of ids) this.add(id, false, `FAILED: ${(e as Error).message.split('\n')[0]}`);
      throw e;
    }
  }

  private add(id: string, ok: boolean, note: string, figures: Record<string, number> = {}): void {
    const item = this.items.get(id) ?? { ok: true, notes: [], figures: {} };
    item.ok &&= ok;
    item.notes.push(note);
    Object.assign(item.figures, figures);
    this.items.set(id, item);
  }

  write(notRunReason = 'the container test that proves it did not run'): string {
    const out: EvidenceItem[] = this.ids.map((id) => {
      const item = this.items.get(id);
      if (!item) return { id, status: 'not-verified', evidence: 'integration/container', reason: notRunReason };
      const evidence = `integration/container: ${item.notes.join('; ')}`;
      const figures = Object.keys(item.figures).length ? { figures: item.figures } : {};
      return item.ok ? { id, status: 'pass', evidence, ...figures } : { id, status: 'fail', evidence, reason: item.notes.filter((n) => n.startsWith('FAILED')).join('; '), ...figures };
    });
    return recordEvidence('container', out);
  }
}

/**
 * Waits until the host's network addresses have stopped changing (unchanged for `quietMs`, at most
 * `timeoutMs`). Chromium aborts every load in flight with ERR_NETWORK_CHANGED when an address changes, and a
 * Docker network created for a test gets addresses (its bridge's IPv6 link-local one among them) a few seconds
 * after it comes up: a browser started in that window shows a page that never renders.
 */
export async function networkSettled(quietMs = 3_000, timeoutMs = 20_000): Promise<void> {
  const snapshot = () => JSON.stringify(networkInterfaces());
  const deadline = Date.now() + timeoutMs;
  let last = snapshot(), since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = snapshot();
    if (now !== last) { last = now; since = Date.now(); }
  }
}
