// An organizer's walk through the dashboard in a real browser (Debian's Chromium driven by playwright-core),
// against the stand-in API: a participant's submission while signed out, a link to /analysis while signed
// out, sign-in by key landing on that page, creating a hackathon, adding submissions, activating it,
// starting an analysis, watching its progress to the end, opening a scorecard (with its repository facts),
// the settings (with the usage export). Fails (exit 1) on any Streamlit exception or a step that does not
// show what it should. Run by tests/test_browser.py (so by `npm test`), with its screenshots in a
// temporary folder; with --screenshots it saves them into dashboard/tests/browser/screenshots/, the ones
// dashboard/README.md shows.
//
//   node dashboard/tests/browser/walkthrough.mjs [--screenshots]     (CHROMIUM_PATH overrides /usr/bin/chromium)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const PY = join(ROOT, '.venv', 'bin', 'python');
const SHOTS = process.argv.includes('--screenshots') ? join(HERE, 'screenshots') : mkdtempSync(join(tmpdir(), 'walkthrough-'));
const KEY = 'vj_demo_key_0123456789'; // a fixture value of the stand-in, not a secret

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

function start(args, env, ready) {
  const p = spawn(PY, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${args.join(' ')}\n${log.join('')}`)), 60_000);
    const see = (d) => { log.push(String(d)); if (ready.test(log.join(''))) { clearTimeout(timer); resolve({ p, log }); } };
    p.stdout.on('data', see);
    p.stderr.on('data', see);
    p.on('exit', (code) => reject(new Error(`exited ${code}: ${args.join(' ')}\n${log.join('')}`)));
  });
}

const apiPort = await freePort();
const appPort = await freePort();
const api = await start(['dashboard/stub_api/server.py', '--port', String(apiPort), '--daily-quota', '100'], {}, /listening/);
const app = await start(['-m', 'streamlit', 'run', 'dashboard/serve.py', '--server.headless', 'true',
  '--browser.gatherUsageStats', 'false', '--server.port', String(appPort)],
{ API_BASE_URL: `http://127.0.0.1:${apiPort}/api/v1`, STREAMLIT_RUNNER_POST_SCRIPT_GC: 'false' }, /Local URL|You can now view/);

mkdirSync(SHOTS, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const steps = [];
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
try {
  const base = `http://127.0.0.1:${appPort}`;
  const heading = (name) => page.getByRole('heading', { name, exact: true }).waitFor({ timeout: 60_000 });
  const settle = () => page.waitForTimeout(1500);
  const shot = async (name) => {
    await settle();
    // From the top: clicking scrolls Streamlit's own scroll container, which a full-page shot does not undo.
    await page.evaluate(() => { for (const e of document.querySelectorAll('*')) if (e.scrollTop) e.scrollTop = 0; });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const step = async (what, fn) => {
    await fn();
    const crashes = await page.locator('[data-testid="stException"]').count();
    if (crashes) throw new Error(`${what}: a Streamlit exception in the page`);
    steps.push(what);
    console.log(`ok  ${what}`);
  };

  await step('signed out, a participant submits a project without signing in', async () => {
    await page.goto(`${base}/submit`, { timeout: 60_000 });
    await heading('Submit a project');
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 60_000 }); // the menu, signed out
    await page.getByLabel('Team name').fill('Walk In');
    await page.getByLabel('Repository URL').fill('https://github.com/example/walk-in');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Submitted Walk In to Spring Build Week 2026.').waitFor({ timeout: 60_000 });
    await shot('07-submit');
  });
  await step('a link to /analysis while signed out shows the sign-in form, not "Page not found"', async () => {
    await page.goto(`${base}/analysis?hack=hack-spring-2026`, { timeout: 60_000 });
    await heading('VibeJudge organizer dashboard');
    await shot('01-sign-in');
  });
  await step('signing in by key lands on the page the link named', async () => {
    await page.getByPlaceholder('vj_...').fill(KEY);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Analysis: Spring Build Week 2026');
  });
  await step('two picks in a row in the sidebar both count', async () => {
    const picker = page.getByRole('combobox', { name: 'Hackathon', exact: true });
    await page.waitForFunction(() => document.querySelectorAll('input[aria-label="Hackathon"]').length === 1);
    for (const [option, title] of [['Winter Jam 2025', 'Analysis: Winter Jam 2025'], ['Budget Bash', 'Analysis: Budget Bash']]) {
      await picker.click();
      await picker.press('ArrowDown');
      await page.getByRole('option').filter({ hasText: option }).first().click();
      await heading(title);
      // The picker is drawn anew after a pick (see ui.pick_hackathon): wait for the old one to go.
      await page.waitForFunction(() => document.querySelectorAll('input[aria-label="Hackathon"]').length === 1);
    }
  });
  await step('creating a hackathon', async () => {
    await page.getByRole('link', { name: 'New hackathon' }).click();
    await heading('New hackathon');
    await page.getByLabel('Name', { exact: true }).fill('Summer Sprint');
    await page.getByLabel('Description').fill('Three days, one theme: tools for teachers.');
    await shot('05-new-hackathon');
    await page.getByRole('button', { name: 'Create hackathon' }).click();
    await heading('Summer Sprint');
  });
  await step('adding submissions and activating it', async () => {
    await page.getByText('Add submissions').click();
    await page.getByLabel('One submission a line: team name, repository URL').fill(
      'Nova, https://github.com/example/nova\nOrbit, https://github.com/example/orbit\nPulsar, https://github.com/example/pulsar');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Waiting for analysis').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Status: configured').waitFor({ timeout: 60_000 });
    await shot('02-hackathon');
  });
  await step('starting an analysis and watching its progress to the end', async () => {
    await page.getByRole('link', { name: 'Analysis' }).click();
    await heading('Analysis: Summer Sprint');
    await page.getByText('I accept the estimated cost').click();
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await page.getByText('Analysis started').waitFor({ timeout: 60_000 });
    await page.getByText(/Running: \d+%/).waitFor({ timeout: 60_000 });
    await shot('03-analysis');
    await page.getByText('Analysis complete: the leaderboard is ready.').waitFor({ timeout: 90_000 });
  });
  await step('opening a scorecard', async () => {
    await page.getByRole('link', { name: 'Leaderboard' }).click();
    await heading('Leaderboard: Summer Sprint');
    const team = page.getByRole('combobox', { name: 'Team', exact: true });
    await team.click();
    await team.press('ArrowDown'); // focusing the field does not open the list
    await page.getByRole('option').filter({ hasText: 'Orbit' }).first().click();
    await page.getByText('Recommendation').waitFor({ timeout: 60_000 });
    await page.getByText('Development hours').waitFor({ timeout: 60_000 }); // a repository fact
    await shot('04-leaderboard');
  });
  await step('the settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await heading('Settings');
    await page.getByRole('button', { name: 'Show my profile' }).click();
    await page.getByText('Ada Organizer').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'List my keys' }).click();
    await page.getByRole('button', { name: 'Create a key' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Export usage as CSV' }).click();
    await page.getByRole('button', { name: 'Download usage CSV' }).waitFor({ timeout: 60_000 });
    await shot('06-settings');
  });
} catch (e) {
  failed = true;
  console.error(`FAILED after ${steps.length} steps: ${e.message}`);
  await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(`the page then: ${join(SHOTS, 'failure.png')}`);
} finally {
  await browser.close();
  app.p.kill('SIGTERM');
  api.p.kill('SIGTERM');
}
console.log(`${steps.length} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
