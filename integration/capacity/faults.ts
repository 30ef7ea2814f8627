import { Traffic, type Shot } from './traffic.js';
import type { Twin } from './twin.js';

/**
 * One fault injected into one task of a running twin, with traffic flowing, and what the proxy and the
 * clients saw: when the proxy marked the task unhealthy, after how many failed checks, whether any
 * request reached the task after that, whether the other task kept answering, and whether the HTTP
 * listener kept redirecting. Figures only; the tests decide what passes.
 */

export interface FaultFigures {
  readonly fault: string;
  readonly victim: string;
  readonly survivor: string;
  /** Fault to "marked DOWN", ms, and the same in the template's time (x time scale), s. */
  readonly detectionMs: number;
  readonly detectionTemplateSeconds: number;
  /** Failed health checks the proxy logged for the victim between the fault and DOWN. */
  readonly failedChecksBeforeDown: number;
  /** Requests the proxy accepted after DOWN, all targets, and those it sent to the victim (P2: must be 0). */
  readonly requestsAfterDown: number;
  readonly requestsToVictimAfterDown: number;
  /** Requests carrying the victim's stickiness cookie accepted after DOWN, and how many the survivor served. */
  readonly stickyAfterDown: number;
  readonly stickyServedBySurvivorAfterDown: number;
  /** Client-side: new-visitor and sticky requests sent after DOWN, and how many failed (P12: 0). */
  readonly clientRequestsAfterDown: number;
  readonly clientFailuresAfterDown: number;
  /** Client-side failures between the fault and DOWN (the window P2 allows: the target is not yet unhealthy). */
  readonly clientFailuresBeforeDown: number;
  /** Longest time without any successful new-visitor answer, from the fault to the end. */
  readonly maxServiceGapMs: number;
  /** HTTP listener: requests, and those not answered with the template's redirect to the HTTPS port (P19: 0). */
  readonly httpRequests: number;
  readonly httpNotRedirected: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Is this the redirect the template's HTTP listener promises, for this request? */
export function isTemplateRedirect(twin: Twin, s: Shot): boolean {
  const r = twin.settings.redirect;
  return s.status === r.code && s.location === `${r.scheme}://127.0.0.1:${r.localPort}${s.path}`;
}

export async function measureFault(twin: Twin, o: {
  readonly victim: string; readonly survivor: string; readonly fault: string;
  readonly inject: () => Promise<void>;
  /** Called once the victim is DOWN, with traffic still flowing (e.g. to drive a Streamlit session). */
  readonly whileDown?: () => Promise<void>;
}): Promise<FaultFigures> {
  const s = twin.settings;
  const traffic = new Traffic(twin, { stickyTo: o.victim });
  let shots: Shot[] = [];
  let faultAt = 0, downAt = 0;
  try {
    await sleep(s.intervalMs); // traffic before the fault, so the window starts in a steady state
    faultAt = Date.now();
    await o.inject();
    // Worst case to notice: the threshold's checks, each up to an interval plus its timeout; doubled for a loaded host.
    const bound = 2 * s.unhealthyThreshold * (s.intervalMs + s.timeoutMs) + 5000;
    downAt = (await twin.haproxy.waitForState(o.victim, 'DOWN', bound, faultAt)).at;
    await o.whileDown?.();
    await sleep(2 * s.intervalMs); // keep sending after DOWN: that is where P2 and P12 are decided
  } finally {
    shots = await traffic.stop();
  }

  const failedChecks = twin.haproxy.otherLines.filter((l) => l.at >= faultAt && l.at <= downAt
    && l.text.includes(`Health check for server dashboard/${o.victim} failed`)).length;
  const afterDown = twin.haproxy.requests.filter((r) => r.acceptedAt >= downAt && r.frontend.startsWith('https_listener'));
  // Sticky shots are marked in their query (`?sticky=n`), which the proxy logs.
  const stickyAfter = afterDown.filter((r) => r.path.includes('sticky='));
  const clientAfter = shots.filter((x) => x.kind !== 'http' && x.sentAt >= downAt);
  const clientBefore = shots.filter((x) => x.kind !== 'http' && x.sentAt >= faultAt && x.sentAt < downAt);
  const okFresh = shots.filter((x) => x.kind === 'fresh' && x.status === 200 && x.doneAt >= faultAt).map((x) => x.doneAt).sort((a, b) => a - b);
  const end = Math.max(...shots.map((x) => x.doneAt));
  let gap = 0, prev = faultAt;
  for (const t of [...okFresh, end]) { gap = Math.max(gap, t - prev); prev = t; }
  const http = shots.filter((x) => x.kind === 'http');
  return {
    fault: o.fault, victim: o.victim, survivor: o.survivor,
    detectionMs: downAt - faultAt,
    detectionTemplateSeconds: Math.round(((downAt - faultAt) * s.timeScale) / 100) / 10,
    failedChecksBeforeDown: failedChecks,
    requestsAfterDown: afterDown.length,
    requestsToVictimAfterDown: afterDown.filter((r) => r.server === o.victim).length,
    stickyAfterDown: stickyAfter.length,
    stickyServedBySurvivorAfterDown: stickyAfter.filter((r) => r.server === o.survivor).length,
    clientRequestsAfterDown: clientAfter.length,
    clientFailuresAfterDown: clientAfter.filter((x) => x.status !== 200).length,
    clientFailuresBeforeDown: clientBefore.filter((x) => x.status !== 200).length,
    maxServiceGapMs: gap,
    httpRequests: http.length,
    httpNotRedirected: http.filter((x) => !isTemplateRedirect(twin, x)).length,
  };
}
