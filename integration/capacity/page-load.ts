import { Agent, request } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/**
 * Loads the dashboard's page over HTTPS the way a browser does on a first visit: GET /, then every asset
 * the HTML names (entry script, module preloads, style sheets, preloaded fonts) over at most six
 * keep-alive connections, then the two calls the frontend makes before it opens its websocket
 * (`/_stcore/health`, `/_stcore/host-config`). Cookies (the proxy's stickiness cookie, Streamlit's XSRF
 * cookie) are kept per user, as a browser keeps them per origin.
 */

export interface Browserish {
  readonly origin: string;
  readonly agent: Agent;
  readonly cookies: Map<string, string>;
}

export function newBrowser(origin: string, caPem: string): Browserish {
  // Six connections per host is what browsers use for HTTP/1.1.
  return { origin, agent: new Agent({ keepAlive: true, maxSockets: 6, ca: caPem }), cookies: new Map() };
}

export function cookieHeader(b: Browserish): string {
  return [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** One answer: `bytes` as they crossed the wire (compressed if the server compressed), `body` decoded. */
export interface Fetched { readonly status: number; readonly bytes: number; readonly body: Buffer; readonly location?: string; readonly encoding?: string }

/** The body as the browser sees it, whatever Content-Encoding the server chose (the request offers all three). */
function decode(raw: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '': case 'identity': return raw;
    case 'gzip': return gunzipSync(raw);
    case 'br': return brotliDecompressSync(raw);
    case 'deflate': return inflateSync(raw);
    default: throw new Error(`the server answered with Content-Encoding ${encoding}, which the request did not offer`);
  }
}

/**
 * GET with the browser's one retry: a request sent on a kept-alive connection that the other side closed
 * meanwhile fails with a reset; browsers resend such an idempotent request once on a new connection.
 */
export async function get(b: Browserish, path: string, timeoutMs = 30_000): Promise<Fetched> {
  try {
    return await getOnce(b, path, timeoutMs);
  } catch (e) {
    if (!(e as { reusedSocket?: boolean }).reusedSocket) throw e;
    return getOnce(b, path, timeoutMs);
  }
}

function getOnce(b: Browserish, path: string, timeoutMs: number): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
    const cookie = cookieHeader(b);
    if (cookie) headers.cookie = cookie;
    const req = request(new URL(path, b.origin), { agent: b.agent, headers, timeout: timeoutMs }, (res) => {
      for (const c of res.headers['set-cookie'] ?? []) {
        const [pair] = c.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) b.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        try {
          resolve({ status: res.statusCode ?? 0, bytes: raw.length, body: decode(raw, encoding), location: res.headers.location, encoding });
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket && /socket hang up|ECONNRESET/.test(e.message) })));
    req.end();
  });
}

/** The asset URLs an index.html makes a browser fetch before the app renders. */
export function assetsOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) out.add(m[1]);
  for (const m of html.matchAll(/<link([^>]*)>/g)) {
    const attrs = m[1];
    const rel = /\srel="([^"]+)"/.exec(attrs)?.[1] ?? '';
    const href = /\shref="([^"]+)"/.exec(attrs)?.[1];
    if (href && /(^|\s)(modulepreload|stylesheet|preload|shortcut icon|icon)(\s|$)/.test(rel)) out.add(href);
  }
  return [...out].filter((u) => !/^(https?:)?\/\//.test(u)).map((u) => new URL(u, 'https://x/').pathname);
}

export interface PageLoad { readonly ms: number; readonly bytes: number; readonly requests: number }

/** GET / and, on a first visit, its assets; throws on any non-200 answer. */
export async function loadPage(b: Browserish, opts: { readonly withAssets: boolean }): Promise<PageLoad> {
  const t0 = performance.now();
  const index = await get(b, '/');
  if (index.status !== 200) throw new Error(`GET / answered ${index.status}`);
  let bytes = index.bytes, requests = 1;
  if (opts.withAssets) {
    const queue = assetsOf(index.body.toString('utf8'));
    if (queue.length === 0) throw new Error('GET / returned a page without assets (not the Streamlit page?)');
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const r = await get(b, path);
        if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
        bytes += r.bytes; requests++;
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
  }
  for (const path of ['/_stcore/health', '/_stcore/host-config']) {
    const r = await get(b, path);
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
    bytes += r.bytes; requests++;
  }
  return { ms: performance.now() - t0, bytes, requests };
}
