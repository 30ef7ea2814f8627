import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvidence, type EvidenceItem } from '../../infra/evidence.js';
import { dockerAvailable } from './docker.js';
import { isTemplateRedirect, measureFault, type FaultFigures } from './faults.js';
import { STICKY_COOKIE } from './haproxy-config.js';
import { loadPage, newBrowser } from './page-load.js';
import { StreamlitSession } from './streamlit-session.js';
import { Traffic } from './traffic.js';
import { startTwin, type Twin } from './twin.js';

/**
 * Fault injection on the local twin (two dashboard containers behind HAProxy configured from the
 * template): what P2, P12 and P19 promise, measured on a real proxy with real Streamlit processes.
 *   1. steady state: new visitors spread over both tasks (R5.3); HTTP always redirected (R5.2);
 *   2. kill task-b: marked unhealthy after the template's threshold of failed checks (R5.5), then no
 *      request reaches it (P2), task-a keeps serving, its Streamlit session too (P12);
 *   3. start task-b again: healthy after the template's healthy threshold;
 *   4. pause task-a (its health endpoint stops answering): the same, the other way round.
 * The evidence file (.cache/evidence/twin.json) is written from the measured figures, also on failure.
 */

const figures: { steady?: { perTask: Record<string, number>; http: number; httpNotRedirected: number }; kill?: FaultFigures; pause?: FaultFigures; riseMs?: number; riseChecks?: number } = {};
let twin: Twin;

function items(): EvidenceItem[] {
  const t = twin?.settings;
  const scale = t ? ` Health checks ran ${t.timeScale}x faster than the template's (interval ${t.intervalMs} ms, thresholds unchanged: unhealthy ${t.unhealthyThreshold}, healthy ${t.healthyThreshold}).` : '';
  const faults = [figures.kill, figures.pause].filter((f): f is FaultFigures => f !== undefined);
  const out: EvidenceItem[] = [];
  const item = (id: string, ok: boolean | undefined, evidence: string, nums: Record<string, number>): EvidenceItem =>
    ok === undefined ? { id, status: 'not-verified', evidence, reason: 'the twin test did not get that far (see the test output)' }
      : { id, status: ok ? 'pass' : 'fail', evidence: evidence + scale, figures: nums };

  const p2 = faults.length === 2 ? faults.every((f) => f.requestsToVictimAfterDown === 0 && f.requestsAfterDown > 0) : undefined;
  out.push(item('P2', p2, 'integration/capacity/twin.test.ts: a task killed, then a task paused, under traffic; HAProxy request log: requests accepted after the task was marked DOWN that went to it.',
    Object.fromEntries(faults.flatMap((f) => [[`${f.fault}_requests_after_down`, f.requestsAfterDown], [`${f.fault}_requests_to_unhealthy_task_after_down`, f.requestsToVictimAfterDown],
      [`${f.fault}_sticky_requests_rerouted_after_down`, f.stickyServedBySurvivorAfterDown]]))));
  const p12 = faults.length === 2 ? faults.every((f) => f.clientFailuresAfterDown === 0 && f.clientRequestsAfterDown > 0 && f.maxServiceGapMs < 2000) : undefined;
  out.push(item('P12', p12, 'integration/capacity/twin.test.ts: the other task kept answering new visitors and sticky users during and after each fault, and its Streamlit session kept running scripts.',
    Object.fromEntries(faults.flatMap((f) => [[`${f.fault}_client_failures_after_down`, f.clientFailuresAfterDown], [`${f.fault}_client_failures_before_down`, f.clientFailuresBeforeDown],
      [`${f.fault}_max_service_gap_ms`, f.maxServiceGapMs]]))));
  const httpAll = [...faults.map((f) => [f.httpRequests, f.httpNotRedirected]), ...(figures.steady ? [[figures.steady.http, figures.steady.httpNotRedirected]] : [])];
  const redirectOk = figures.steady && faults.length === 2 ? httpAll.every(([n, bad]) => n > 0 && bad === 0) : undefined;
  const httpFigures = { http_requests: httpAll.reduce((a, [n]) => a + n, 0), http_not_redirected: httpAll.reduce((a, [, b]) => a + b, 0) };
  out.push(item('P19', redirectOk, 'integration/capacity/twin.test.ts: every request to the HTTP listener, in steady state and during both faults, answered with the template\'s redirect (status, scheme, HTTPS port, same path and query).', httpFigures));
  out.push(item('R5.2', redirectOk, 'integration/capacity/twin.test.ts: HTTP listener of the twin, configured from the template\'s redirect action.', httpFigures));
  const per = figures.steady?.perTask;
  const counts = per ? Object.values(per) : [];
  const r53 = per ? counts.length === 2 && Math.min(...counts) / counts.reduce((a, b) => a + b, 0) >= 0.3 : undefined;
  out.push(item('R5.3', r53, 'integration/capacity/twin.test.ts: new visitors (no stickiness cookie) in steady state, per task as logged by the proxy.',
    Object.fromEntries(Object.entries(per ?? {}).map(([k, v]) => [`new_visitor_requests_${k}`, v]))));
  const r55 = faults.length === 2 && t ? faults.every((f) => f.failedChecksBeforeDown === t.unhealthyThreshold && f.requestsToVictimAfterDown === 0) : undefined;
  out.push(item('R5.5', r55, 'integration/capacity/twin.test.ts: failed health checks logged between each fault and the task being marked DOWN, and routing after it.',
    Object.fromEntries(faults.flatMap((f) => [[`${f.fault}_failed_checks_before_down`, f.failedChecksBeforeDown], [`${f.fault}_detection_ms`, f.detectionMs],
      [`${f.fault}_detection_template_seconds`, f.detectionTemplateSeconds]]))));
  return out;
}

async function sessionOn(task: string): Promise<{ session: StreamlitSession; close: () => void }> {
  const b = newBrowser(twin.httpsUrl, twin.caPem);
  b.cookies.set(STICKY_COOKIE, task); // as if this browser had been sent to `task` before
  await loadPage(b, { withAssets: false });
  const session = await StreamlitSession.open(b);
  return { session, close: () => { session.close(); b.agent.destroy(); } };
}

describe('the local twin under faults', async () => {
  const docker = await dockerAvailable();

  beforeAll(async () => {
    if (!docker) throw new Error('no Docker engine answers: run bash scripts/setup-docker.sh (the twin needs it)');
    twin = await startTwin({ log: (s) => process.stderr.write(`${s}\n`) });
  });

  afterAll(async () => {
    if (twin) recordEvidence('twin', items());
    await twin?.stop();
  });

  it('spreads new visitors over both tasks and redirects HTTP (R5.2, R5.3)', async () => {
    const since = Date.now();
    const traffic = new Traffic(twin, { stickyTo: 'task-a', maxMs: 10_000 });
    await new Promise((r) => setTimeout(r, 3000));
    const shots = await traffic.stop();
    const perTask: Record<string, number> = {};
    for (const r of twin.haproxy.requests) if (r.acceptedAt >= since && r.path.includes('fresh=')) perTask[r.server] = (perTask[r.server] ?? 0) + 1;
    const http = shots.filter((s) => s.kind === 'http');
    figures.steady = { perTask, http: http.length, httpNotRedirected: http.filter((s) => !isTemplateRedirect(twin, s)).length };
    expect(Object.keys(perTask).sort()).toEqual(['task-a', 'task-b']);
    expect(Math.min(...Object.values(perTask))).toBeGreaterThan(0.3 * (perTask['task-a'] + perTask['task-b']));
    expect(http.length).toBeGreaterThan(5);
    expect(figures.steady.httpNotRedirected).toBe(0);
    // Sticky requests all reached the task named in their cookie.
    const sticky = twin.haproxy.requests.filter((r) => r.acceptedAt >= since && r.path.includes('sticky='));
    expect(sticky.length).toBeGreaterThan(5);
    expect(sticky.every((r) => r.server === 'task-a')).toBe(true);
  });

  it('stops routing to a killed task once it is marked unhealthy; the other keeps serving (P2, P12, R5.5)', async () => {
    const a = await sessionOn('task-a');
    try {
      expect((await a.session.run()).exceptions).toEqual([]);
      figures.kill = await measureFault(twin, {
        victim: 'task-b', survivor: 'task-a', fault: 'kill', inject: () => twin.kill('task-b'),
        // The survivor's session still runs the script, in the same process (no reconnect).
        whileDown: async () => { expect((await a.session.run()).exceptions).toEqual([]); },
      });
    } finally { a.close(); }
    const f = figures.kill;
    process.stderr.write(`kill: ${JSON.stringify(f)}\n`);
    expect(f.failedChecksBeforeDown).toBe(twin.settings.unhealthyThreshold);
    expect(f.requestsAfterDown).toBeGreaterThan(20);
    expect(f.stickyAfterDown).toBeGreaterThan(5);
    expect(f.requestsToVictimAfterDown).toBe(0);
    expect(f.stickyServedBySurvivorAfterDown).toBe(f.stickyAfterDown);
    expect(f.clientFailuresAfterDown).toBe(0);
    expect(f.maxServiceGapMs).toBeLessThan(2000);
    expect(f.httpNotRedirected).toBe(0);
  });

  it('takes the task back after the healthy threshold once it runs again', async () => {
    const since = Date.now();
    await twin.start('task-b');
    const up = await twin.haproxy.waitForState('task-b', 'UP', 90_000, since);
    figures.riseMs = up.at - since;
    const passes = twin.haproxy.otherLines.filter((l) => l.at >= since && l.at <= up.at && l.text.includes('Health check for server dashboard/task-b succeeded'));
    figures.riseChecks = passes.length;
    expect(passes.length).toBe(twin.settings.healthyThreshold);
  });

  it('stops routing to a task whose health endpoint stops answering; the other keeps serving (P2, P12, R5.5)', async () => {
    const b = await sessionOn('task-b');
    try {
      expect((await b.session.run()).exceptions).toEqual([]);
      figures.pause = await measureFault(twin, {
        victim: 'task-a', survivor: 'task-b', fault: 'pause', inject: () => twin.pause('task-a'),
        whileDown: async () => { expect((await b.session.run()).exceptions).toEqual([]); },
      });
    } finally {
      b.close();
      await twin.unpause('task-a');
    }
    const f = figures.pause;
    process.stderr.write(`pause: ${JSON.stringify(f)}\n`);
    expect(f.failedChecksBeforeDown).toBe(twin.settings.unhealthyThreshold);
    expect(f.requestsAfterDown).toBeGreaterThan(20);
    expect(f.requestsToVictimAfterDown).toBe(0);
    expect(f.stickyServedBySurvivorAfterDown).toBe(f.stickyAfterDown);
    expect(f.clientFailuresAfterDown).toBe(0);
    expect(f.maxServiceGapMs).toBeLessThan(2000);
    expect(f.httpNotRedirected).toBe(0);
  });

  it('writes the evidence from these figures', () => {
    const all = items();
    expect(all.map((i) => i.id)).toEqual(['P2', 'P12', 'P19', 'R5.2', 'R5.3', 'R5.5']);
    expect(all.filter((i) => i.status !== 'pass')).toEqual([]);
  });
});
