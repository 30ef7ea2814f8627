import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/setup.sh installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless, and nothing of its own on the network: no QUIC, no background fetches, no component or
// profile updates, so the only requests the page could make are its own (and there must be none).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenReport { readonly page: Page; readonly requests: string[]; close(): Promise<void> }

/**
 * Opens a report file in a fresh browser (a new empty profile each time) and records every request the
 * page makes besides the file itself: the report must work offline, so the list should stay empty.
 */
export async function openReport(htmlPath: string, viewport = { width: 1280, height: 900 }): Promise<OpenReport> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (scripts/setup.sh does)`);
  const profile = mkdtempSync(join(tmpdir(), 'verify-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  const url = pathToFileURL(htmlPath).href;
  const requests: string[] = [];
  context.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  return { page, requests, close: () => context.close() };
}
