import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { STICKY_COOKIE } from './haproxy-config.js';
import type { Twin } from './twin.js';

/**
 * Steady background traffic through the twin while a fault is injected, so that what the proxy does
 * around the fault is observed rather than assumed. Every tick sends, in parallel:
 *  - `fresh`: a request from a new visitor (no stickiness cookie): the balancer picks a target;
 *  - `sticky`: a request carrying the stickiness cookie of one chosen task (the victim), i.e. a user
 *    whose session lives on the task about to fail;
 *  - `http`: a request to the HTTP listener, which must answer with the redirect whatever the targets do.
 * Bounded: it stops on `stop()` or after `maxMs`, whichever comes first.
 */

export interface Shot {
  readonly kind: 'fresh' | 'sticky' | 'http';
  readonly sentAt: number;
  readonly doneAt: number;
  /** 0 when the request failed without an answer (timeout, reset). */
  readonly status: number;
  readonly location?: string;
  readonly path: string;
  readonly error?: string;
}

const CLIENT_TIMEOUT_MS = 2000;

function send(kind: Shot['kind'], url: URL, agent: HttpAgent | HttpsAgent, headers: Record<string, string>): Promise<Shot> {
  const sentAt = Date.now();
  const path = url.pathname + url.search;
  return new Promise((resolve) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { agent, headers, timeout: CLIENT_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ kind, sentAt, doneAt: Date.now(), status: res.statusCode ?? 0, location: res.headers.location, path }));
      res.on('error', (e) => resolve({ kind, sentAt, doneAt: Date.now(), status: 0, path, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ kind, sentAt, doneAt: Date.now(), status: 0, path, error: e.message }));
    req.end();
  });
}

export class Traffic {
  readonly shots: Shot[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(twin: Twin, opts: { readonly stickyTo: string; readonly tickMs?: number; readonly maxMs?: number }) {
    // No keep-alive: each request is a new connection, so a dead target cannot hide behind a pooled one.
    const https = new HttpsAgent({ keepAlive: false, ca: twin.caPem });
    const http = new HttpAgent({ keepAlive: false });
    const tick = opts.tickMs ?? 100;
    const until = Date.now() + (opts.maxMs ?? 180_000);
    this.loop = (async () => {
      const inflight = new Set<Promise<void>>();
      for (let n = 0; this.running && Date.now() < until; n++) {
        const batch = [
          send('fresh', new URL(`/_stcore/host-config?fresh=${n}`, twin.httpsUrl), https, {}),
          send('sticky', new URL(`/_stcore/host-config?sticky=${n}`, twin.httpsUrl), https, { cookie: `${STICKY_COOKIE}=${opts.stickyTo}` }),
          send('http', new URL(`/some/page?n=${n}&q=a%20b`, twin.httpUrl), http, {}),
        ].map((p) => p.then((s) => { this.shots.push(s); }));
        const all = Promise.all(batch).then(() => { inflight.delete(all); });
        inflight.add(all);
        await new Promise((r) => setTimeout(r, tick));
      }
      await Promise.all(inflight);
      https.destroy(); http.destroy();
    })();
  }

  async stop(): Promise<Shot[]> {
    this.running = false;
    await this.loop;
    return this.shots;
  }
}
