import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClients, httpGet, loadContext, type ClientHook } from './context.js';
import { answerFrom, type Recorded } from './recorder.js';
import type { ProbeContext } from './types.js';

export interface HttpRecording { readonly status: number; readonly headers: Record<string, string>; readonly body: string; readonly delayMs?: number }
export interface Fixture { readonly region: string; readonly stack: string; readonly api: Recorded; readonly http: { health: HttpRecording; redirect: HttpRecording } }
export interface BrokenCase { readonly probe: string; readonly what: string; readonly api?: Recorded; readonly http?: Partial<Fixture['http']> }

const DIR = new URL('./fixtures/', import.meta.url);
export const healthyFixture = (): Fixture => JSON.parse(readFileSync(new URL('healthy.json', DIR), 'utf8'));
export const brokenCases = (): BrokenCase[] => JSON.parse(readFileSync(new URL('broken.json', DIR), 'utf8')).cases;

export function breakFixture(f: Fixture, c: BrokenCase): Fixture {
  return { ...f, api: { ...f.api, ...(c.api ?? {}) }, http: { ...f.http, ...(c.http ?? {}) } };
}

/**
 * The load balancer's recorded HTTP answers, served by real servers on loopback: plain HTTP for the
 * port-80 listener, TLS (a throwaway self-signed certificate) for the HTTPS one. The probes then use
 * their own HTTP client unchanged; only the host name is pointed at loopback.
 */
export class RecordedAlb {
  private http?: Server;
  private https?: Server;
  private answers: Fixture['http'] = { health: { status: 500, headers: {}, body: '' }, redirect: { status: 500, headers: {}, body: '' } };

  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'alb-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=alb.test',
        '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
      const tls = { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
      const serve = (which: 'health' | 'redirect') => (_req: unknown, res: import('node:http').ServerResponse) => {
        const a = this.answers[which];
        setTimeout(() => { res.writeHead(a.status, a.headers); res.end(a.body); }, a.delayMs ?? 0);
      };
      this.http = createHttpServer(serve('redirect'));
      this.https = createHttpsServer(tls, serve('health'));
      await Promise.all([this.http, this.https].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  answer(http: Fixture['http']): void { this.answers = http; }

  /** The probes' HTTP client, with the load balancer's name pointed at the loopback servers. */
  client(albHost: string): ProbeContext['http'] {
    const port = (s?: Server) => (s!.address() as AddressInfo).port;
    return (url, timeoutMs) => {
      const u = new URL(url);
      if (u.hostname !== albHost.toLowerCase()) throw new Error(`unexpected host ${u.hostname}`);
      const local = u.protocol === 'https:' ? `https://127.0.0.1:${port(this.https)}` : `http://127.0.0.1:${port(this.http)}`;
      return httpGet(`${local}${u.pathname}${u.search}`, timeoutMs);
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.http, this.https].map((s) => s && new Promise<void>((r) => { s.closeAllConnections?.(); s.close(() => r()); })));
  }
}

/** A probe context whose real SDK clients answer from the fixture and whose HTTP goes to the recorded ALB. */
export async function fixtureContext(f: Fixture, alb: RecordedAlb, hook?: ClientHook): Promise<ProbeContext> {
  alb.answer(f.http);
  const clients = createClients({ region: f.region, endpoint: 'http://127.0.0.1:9', hook: (c) => { hook?.(c); answerFrom(f.api)(c); } });
  const outputs = (f.api.DescribeStacks as any).Stacks[0].Outputs as Array<{ OutputKey: string; OutputValue: string }>;
  const albHost = outputs.find((o) => o.OutputKey === 'AlbDnsName')!.OutputValue;
  return loadContext({ stackName: f.stack, region: f.region, clients, http: alb.client(albHost) });
}
