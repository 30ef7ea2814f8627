import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { defineCommand, InputError, isEntryPoint, main } from '../../infra/cli/index.js';
import { chromium } from 'playwright-core';
import { ensureTools, startTwinOrExplain } from './twin.js';

/**
 * A real browser's first visit through the twin: Debian's Chromium, headless, a fresh profile (empty
 * cache), from navigation start until the app has drawn its first page (the frontend sets
 * `window.prerenderReady` once a script run has finished and the page is ready). Bytes are what crossed
 * the wire (CDP's encodedDataLength, i.e. compressed when the server or proxy compresses) plus websocket
 * frames. Then a repeat visit in a new tab of the same profile: what the browser's cache saves (the
 * hashed bundles are immutable; index.html is revalidated).
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserLoad {
  /** Navigation start to the first page drawn, ms. */
  readonly ms: number;
  readonly domContentLoadedMs: number;
  readonly loadEventMs: number;
  readonly httpBytes: number;
  readonly websocketBytes: number;
  readonly requests: number;
  /** The page's first heading, to show that the app (not an error page) was drawn. */
  readonly heading: string;
  /** The same visit again with the browser's cache filled by the first. */
  readonly repeat?: { readonly ms: number; readonly httpBytes: number; readonly websocketBytes: number; readonly requests: number };
}

/**
 * Chromium's flag that trusts one certificate by the hash of its public key. A certificate error would
 * do for timing, but Chromium keeps nothing in its cache from a site whose certificate it rejected, so
 * the repeat visit would fetch everything again.
 */
export function trustFlag(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

/** `certificatePem`: the site's self-signed certificate (the twin's); without it certificate errors are ignored and the repeat visit is not cached. */
export async function chromiumFirstLoad(url: string, certificatePem?: string, timeoutMs = 60_000): Promise<BrowserLoad> {
  if (!existsSync(CHROMIUM) && !process.env.CHROMIUM_PATH) ensureTools(true);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: certificatePem ? [...FLAGS, trustFlag(certificatePem)] : FLAGS });
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: !certificatePem });
    const visit = async () => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      let httpBytes = 0, websocketBytes = 0, requests = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { httpBytes += e.encodedDataLength; requests++; });
      cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
        websocketBytes += Math.floor((e.response.payloadData.length * 3) / 4); // base64 for binary frames
      });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      await page.waitForFunction(() => (window as unknown as { prerenderReady?: boolean }).prerenderReady === true, undefined, { timeout: timeoutMs });
      await page.locator('h1').first().waitFor({ timeout: timeoutMs });
      const ms = performance.now() - t0;
      const heading = (await page.locator('h1').first().innerText()).trim();
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { dcl: n?.domContentLoadedEventEnd ?? NaN, load: n?.loadEventEnd ?? NaN };
      });
      await page.close();
      return { ms: Math.round(ms), domContentLoadedMs: Math.round(nav.dcl), loadEventMs: Math.round(nav.load), httpBytes, websocketBytes, requests, heading };
    };
    // A new context has an empty cache: the first visit fetches everything and fills it for the second.
    const first = await visit();
    const again = await visit();
    return { ...first, repeat: { ms: again.ms, httpBytes: again.httpBytes, websocketBytes: again.websocketBytes, requests: again.requests } };
  } finally {
    await browser.close();
  }
}

const chromiumLoad = defineCommand({
  name: 'chromium-load',
  synopsis: 'tsx integration/capacity/chromium-load.ts [--url URL] [--compression] [--json]',
  description: 'One cold first visit with headless Chromium. Without --url it starts the local twin (two dashboard\n'
    + 'containers behind HAProxy, from the template) and loads the page through its HTTPS listener.',
  options: {
    url: { type: 'string', value: 'URL', help: 'load this page instead of starting the twin (http or https)' },
    compression: { type: 'boolean', help: 'the twin\'s proxy gzips text assets' },
    json: { type: 'boolean', help: 'one JSON document instead of the line' },
  },
  epilogue: 'Exit: 0 loaded, 2 it could not run (bad option, no twin, no Chromium).',
}, async ({ values: a }) => {
  if (a.url !== undefined && !/^https?:\/\/[^/\s]+/.test(a.url)) throw new InputError(`--url ${JSON.stringify(a.url)} is not an http(s) URL`);
  const twin = a.url ? undefined : await startTwinOrExplain({ compression: a.compression, log: (s) => process.stderr.write(`${s}\n`) });
  try {
    const r = await chromiumFirstLoad(a.url ?? twin!.httpsUrl, twin?.caPem);
    process.stdout.write(a.json ? `${JSON.stringify(r)}\n`
      : `first load ${r.ms} ms (DOMContentLoaded ${r.domContentLoadedMs} ms, load ${r.loadEventMs} ms), ${r.httpBytes} bytes over ${r.requests} requests + ${r.websocketBytes} websocket bytes; page "${r.heading}"\n`
        + (r.repeat ? `repeat visit ${r.repeat.ms} ms, ${r.repeat.httpBytes} bytes over ${r.repeat.requests} requests + ${r.repeat.websocketBytes} websocket bytes\n` : ''));
    return 0;
  } finally {
    await twin?.stop();
  }
});

if (isEntryPoint(import.meta.url)) main(chromiumLoad);
