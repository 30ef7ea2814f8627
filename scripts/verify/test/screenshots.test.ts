import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { setLaunchType } from '../fixtures/mutants.js';
import { ROW_STATUSES } from '../types.js';
import { openReport, type OpenReport } from './browser.js';
import { derivedTemplate, runVerify, type VerifyRun } from './run-verify.js';

/**
 * The HTML report as a reviewer opens it, in a real browser: three runs as the README shows them (a
 * fresh clone on a machine without Docker, a foreign template that fails, a run compared with the
 * last release), each screenshot, and the page's promises checked where only a browser can check them
 * (offline, the filter, the grid's links, the folding). `UPDATE_SCREENSHOTS=1` writes the pictures to
 * docs/ for the README; otherwise they go to a temporary directory.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs') : mkdtempSync(join(tmpdir(), 'verify-shots-'));
// A Docker engine that cannot answer, as on a fresh machine: `docker info` fails and says why.
const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
const FOREIGN = 'infra/test/fixtures/foreign/sam-launch-type-http-only.yaml';

let fresh: VerifyRun;
let foreign: VerifyRun;
let compared: VerifyRun;
const open: OpenReport[] = [];

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  fresh = runVerify([], NO_DOCKER);
  foreign = runVerify(['--template', FOREIGN], NO_DOCKER);
  // The last release, as a real run: every task on on-demand FARGATE (LaunchType FARGATE, which
  // disables the Spot strategy) and R12.5 not yet waived. This release restores Spot and waives R12.5.
  // Its files go under the git-ignored reports/, so that the page shows paths of the repository.
  const last = join(REPO_ROOT, 'reports', 'last-release');
  mkdirSync(last, { recursive: true });
  copyFileSync(derivedTemplate('template.json', setLaunchType), join(last, 'template.json'));
  writeFileSync(join(last, 'waivers.yaml'), `waivers:\n${['R12.1', 'P11'].map((id) => `  - id: ${id}\n    reason: accepted at the last release\n    expires: 2027-02-27\n`).join('')}`);
  const lastRun = runVerify(['--template', 'reports/last-release/template.json', '--waivers', 'reports/last-release/waivers.yaml'], NO_DOCKER);
  writeFileSync(join(last, 'report.json'), lastRun.file('report.json'));
  compared = runVerify(['--compare', 'reports/last-release/report.json'], NO_DOCKER);
}, 600_000);

afterAll(async () => {
  await Promise.all(open.map((o) => o.close()));
});

async function shoot(run: VerifyRun, name: string, viewport?: { width: number; height: number }): Promise<OpenReport> {
  const o = await openReport(join(run.out, 'report.html'), viewport);
  open.push(o);
  const path = join(SHOTS, `report-${name}.png`);
  await o.page.screenshot({ path });
  expect(statSync(path).size).toBeGreaterThan(20_000);
  return o;
}

describe('the HTML report in a browser', () => {
  it('fresh clone without Docker: the Docker reason is said once, at the stage, with the command; the rows point there', async () => {
    // The verdict is the template's business (other suites judge it); the harness itself must have run.
    expect(fresh.code, fresh.stderr).not.toBe(2);
    const { page, requests } = await shoot(fresh, 'fresh-clone');
    const html = fresh.file('report.html');
    const dockerReason = /docker info (failed|could not run)/g;
    expect(html.match(dockerReason)?.length).toBe(1);
    expect(fresh.file('report.md').match(dockerReason)?.length).toBe(1);
    await expect(page.locator('#stage-containers').innerText()).resolves.toMatch(/to run it: bash scripts\/setup-docker\.sh && npm run verify/);
    const r11 = page.locator('tr[id="R1.1"]');
    await expect(r11.locator('.lead').innerText()).resolves.toMatch(/container test R1\.1: the containers stage did not run \(see stage containers\)/);
    // Every row is in sight with its verdict and one line; nothing the page needs comes from elsewhere.
    const report = fresh.report();
    expect(await page.locator('tr.row').count()).toBe(report.rows.length);
    expect(await page.locator('tr.row details[open]').count()).toBe(0);
    expect(requests).toEqual([]);
  });

  it('a failing foreign template: the failures lead, each cell links to its row, and the filter shows only the failing rows', async () => {
    expect(foreign.code, foreign.stderr).toBe(1);
    const report = foreign.report();
    const { page, requests } = await shoot(foreign, 'foreign-template');
    // Status is said in words and signs, not by colour alone.
    for (const s of ROW_STATUSES) await expect(page.locator(`label[for="show-${s.replace(' ', '-')}"]`).innerText()).resolves.toContain(s);
    const cells = page.locator('.summary a.cell');
    expect(await cells.count()).toBe(report.rows.length);
    for (const label of await cells.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label') ?? ''))) expect(label).toMatch(/^(R\d+\.\d+|P\d+): (PASS|FAIL|WAIVED|NOT VERIFIED|ERROR)$/);

    // Every link of the page leads somewhere on it, and no id is given twice.
    const links = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const targets = [...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)));
      return { duplicated: ids.filter((id, i) => ids.indexOf(id) !== i), broken: targets.filter((t) => !document.getElementById(t)), count: targets.length };
    });
    expect(links.duplicated).toEqual([]);
    expect(links.broken).toEqual([]);
    expect(links.count).toBeGreaterThan(2 * report.rows.length);
    // Failures fold too: their lead says what failed.
    expect(await page.locator('tr.row details[open]').count()).toBe(0);
    await page.locator('label[for="show-FAIL"]').click();
    const visible = await page.locator('tr.row').evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.id));
    expect(visible.sort()).toEqual(report.rows.filter((r) => r.status === 'FAIL').map((r) => r.id).sort());

    // A cell of another status still leads to its row, filter or not.
    const passing = report.rows.find((r) => r.status === 'PASS')!;
    await page.locator(`.summary a.cell[href="#${passing.id}"]`).click();
    expect(await page.locator(`tr[id="${passing.id}"]`).isVisible()).toBe(true);
    expect(requests).toEqual([]);
  });

  it('with a comparison: "Since the last release" lists the rows that changed, the waiver added and the cost per scenario', async () => {
    expect(compared.code, compared.stderr).not.toBe(2);
    const changes = compared.report().changes!;
    expect(changes.rows.map((r) => `${r.id} ${r.from}->${r.to}`)).toEqual(expect.arrayContaining(['R3.2 FAIL->PASS', 'R12.5 FAIL->WAIVED']));
    expect(changes.waivers.added.map((w) => w.id)).toEqual(['R12.5']);
    expect(changes.cost.some((s) => s.delta !== 0)).toBe(true);
    const { page } = await shoot(compared, 'compare', { width: 1280, height: 1400 });
    await expect(page.locator('#since').innerText()).resolves.toMatch(/Since the last release[\s\S]*R3\.2[\s\S]*added R12\.5/);
  });

  it('prints: the filter hint is left out, every row and its verdict remain', async () => {
    const o = await openReport(join(fresh.out, 'report.html'));
    open.push(o);
    await o.page.emulateMedia({ media: 'print' });
    expect(await o.page.locator('.counts .hint').isVisible()).toBe(false);
    expect(await o.page.locator('tr.row .badge').evaluateAll((b) => b.filter((x) => (x as HTMLElement).offsetParent !== null).length)).toBe(fresh.report().rows.length);
    const pdf = await o.page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
