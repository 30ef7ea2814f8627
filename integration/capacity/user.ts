import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../infra/template/index.js';
import { loadPage, newBrowser } from './page-load.js';
import type { WidgetInfo, WidgetValue } from './proto.js';
import { StreamlitSession } from './streamlit-session.js';

/**
 * One simulated organizer: opens the dashboard (first visit: page and assets; later visits: the page only,
 * assets being in the browser's cache), signs in with an API key through the sign-in form, then keeps
 * switching the hackathon in the sidebar, thinking between interactions, and now and then reloads the
 * tab (which starts a new Streamlit session, signed out, as a real reload does). Stops at the deadline.
 */

export interface UserPlan {
  readonly origin: string;
  readonly caPem: string;
  readonly apiKey: string;
  /** Mean think time; each pause is uniform in [0.5, 1.5] x this. */
  readonly thinkMs: number;
  /** Reload the tab after this many interactions (0: never). */
  readonly reloadEvery: number;
  readonly deadline: number;
  readonly random: () => number;
}

export interface Sample { readonly at: number; readonly ms: number; readonly kind: string }

export interface UserResult {
  readonly pageLoads: Sample[];
  readonly interactions: Sample[];
  readonly errors: Array<{ readonly at: number; readonly what: string }>;
  firstLoadBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function findWidget(widgets: readonly WidgetInfo[], type: string, label: RegExp): WidgetInfo | undefined {
  return widgets.find((w) => w.type === type && label.test(w.label));
}

/** The widget values that sign in through the page's form (API key and the Sign in button), or undefined without that form. */
export function signInValues(widgets: readonly WidgetInfo[], apiKey: string): WidgetValue[] | undefined {
  const keyBox = findWidget(widgets, 'text_input', /api key/i);
  const signIn = findWidget(widgets, 'button', /^sign in$/i);
  return keyBox && signIn ? [{ id: keyBox.id, kind: 'string', value: apiKey }, { id: signIn.id, kind: 'trigger', value: true }] : undefined;
}

/** signInValues, or an error naming where the form was missing. */
export function requireSignInValues(widgets: readonly WidgetInfo[], apiKey: string, where: string): WidgetValue[] {
  const values = signInValues(widgets, apiKey);
  if (!values) throw new Error(`${where}: no sign-in form on the first page`);
  return values;
}

export async function runUser(plan: UserPlan, onEvent: () => void = () => {}): Promise<UserResult> {
  const result: UserResult = { pageLoads: [], interactions: [], errors: [], firstLoadBytes: 0 };
  const browser = newBrowser(plan.origin, plan.caPem);
  const think = () => sleep(Math.min(plan.deadline - Date.now(), plan.thinkMs * (0.5 + plan.random())));
  let firstVisit = true;
  try {
    while (Date.now() < plan.deadline) {
      let session: StreamlitSession | undefined;
      try {
        // Page load: from the request for / to the end of the first script run (what the user waits for).
        const t0 = performance.now();
        const page = await loadPage(browser, { withAssets: firstVisit });
        if (firstVisit) result.firstLoadBytes = page.bytes;
        session = await StreamlitSession.open(browser);
        let run = await session.run();
        result.pageLoads.push({ at: Date.now(), ms: performance.now() - t0, kind: firstVisit ? 'first' : 'reload' });
        firstVisit = false;
        if (run.exceptions.length) throw new Error(`app exception: ${run.exceptions[0]}`);
        onEvent();

        for (let n = 0; Date.now() < plan.deadline && (plan.reloadEvery === 0 || n < plan.reloadEvery); n++) {
          await think();
          if (Date.now() >= plan.deadline) break;
          const signInForm = signInValues(run.widgets, plan.apiKey);
          const picker = findWidget(run.widgets, 'selectbox', /hackathon/i);
          let widgets: WidgetValue[] = [];
          let kind = 'rerun';
          if (signInForm) {
            widgets = signInForm;
            kind = 'sign-in';
          } else if (picker && picker.options.length > 0) {
            widgets = [{ id: picker.id, kind: 'string', value: picker.options[Math.floor(plan.random() * picker.options.length)] }];
            kind = 'pick-hackathon';
          }
          run = await session.run(widgets);
          result.interactions.push({ at: Date.now(), ms: run.ms, kind });
          if (run.exceptions.length) throw new Error(`app exception: ${run.exceptions[0]}`);
          if (kind === 'sign-in' && !findWidget(run.widgets, 'selectbox', /hackathon/i)) throw new Error('sign-in did not reach the hackathon page');
          onEvent();
        }
      } catch (e) {
        result.errors.push({ at: Date.now(), what: (e as Error).message });
        onEvent();
        await think();
      } finally {
        session?.close();
      }
    }
  } finally {
    browser.agent.destroy();
  }
  return result;
}

/**
 * One visit pinned to one task (by its stickiness cookie): load, sign in, pick every hackathon. The image
 * loads its libraries before it answers its health check (dashboard/serve.py), so this visit costs about
 * what any other does (profile.ts measures a new task's first sign-in); an image without that warm-up paid
 * seconds here at 0.5 vCPU. The benchmark still makes this visit before its clock starts and reports its
 * time separately (`warmup_ms`), so images with and without a warm-up are compared on the same terms.
 * Returns the time of the whole visit; throws if any step fails.
 */
export async function warmTask(origin: string, caPem: string, apiKey: string, cookie: { readonly name: string; readonly value: string }): Promise<number> {
  const browser = newBrowser(origin, caPem);
  browser.cookies.set(cookie.name, cookie.value);
  const t0 = performance.now();
  let session: StreamlitSession | undefined;
  try {
    await loadPage(browser, { withAssets: true });
    session = await StreamlitSession.open(browser);
    const first = await session.run();
    const signedIn = await session.run(requireSignInValues(first.widgets, apiKey, 'warm-up'));
    const picker = findWidget(signedIn.widgets, 'selectbox', /hackathon/i);
    if (!picker) throw new Error('warm-up: sign-in did not reach the hackathon page');
    for (const option of picker.options) await session.run([{ id: picker.id, kind: 'string', value: option }]);
    return performance.now() - t0;
  } finally {
    session?.close();
    browser.agent.destroy();
  }
}

/** The stand-in API's demo key, read from its fixtures (the same data the API serves). */
export function demoApiKey(): string {
  const fixtures = JSON.parse(readFileSync(join(REPO_ROOT, 'dashboard', 'stub_api', 'fixtures.json'), 'utf8'));
  const key = fixtures.organizers?.[0]?.api_keys?.[0];
  if (typeof key !== 'string') throw new Error('dashboard/stub_api/fixtures.json has no organizer API key');
  return key;
}

