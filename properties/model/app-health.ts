import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '../../infra/template/index.js';
import { UnknownValueError } from '../../infra/template/index.js';
import { REPO_ROOT } from '../../infra/template/paths.js';
import { localRequests } from '../../infra/rules/health-command.js';

/**
 * What the dashboard's real image serves, as the container tests measured it (integration/container,
 * `health-evidence.test.ts`): the ports something listens on inside the container, what each probed path
 * answers (status and the start of the body), whether the port speaks TLS, and the exit code of each
 * container health check command run inside the real container with the app running and with the app
 * stopped. The model evaluates the template's health checks against these facts, never against a
 * constant: a template whose check asks a port, path, protocol or code the app does not serve, or whose
 * container command fails against the real app, gets tasks that are never healthy.
 */
export interface MeasuredApp {
  readonly measuredAt: string;
  readonly image: string;
  /** The image's content id (`docker image inspect` Id). */
  readonly imageId: string;
  /** TCP ports in LISTEN state inside the running container (from /proc/net/tcp and tcp6). */
  readonly listensOn: readonly number[];
  /** Whether a TLS handshake succeeds on the listening port (an HTTPS health check needs one). */
  readonly tls: boolean;
  /**
   * GET answers by path on the listening port; `maxMs`: the slowest of the measured answers, rounded up to
   * a power of ten (1, 10, 100 ms ...), which the model takes as the health check's answer time.
   */
  readonly paths: Readonly<Record<string, { readonly status: number; readonly body: string; readonly maxMs?: number }>>;
  /** Container health check commands (as in the task definition, `CMD` / `CMD-SHELL` first) and their exit codes. */
  readonly commands: ReadonlyArray<{ readonly command: readonly string[]; readonly exitWhenAppRuns: number; readonly exitWhenAppStopped: number }>;
}

/** The committed measurement (read offline when no Docker engine is at hand). */
export const MEASURED_APP_PATH = join(REPO_ROOT, 'properties', 'measured', 'app-health.json');
/** The container tests' latest measurement on this machine (preferred when present). */
// Not in .cache/evidence: that folder holds only the suites' evidence files, which the report reads as such.
export const FRESH_MEASURED_APP_PATH = join(REPO_ROOT, '.cache', 'measured', 'app-health.json');

let cached: { app: MeasuredApp; source: string } | undefined;

/** The measured app: the container tests' fresh measurement when there is one, else the committed one. */
export function measuredApp(): { app: MeasuredApp; source: string } {
  if (cached) return cached;
  const path = process.env.MEASURED_APP_PATH ?? (existsSync(FRESH_MEASURED_APP_PATH) ? FRESH_MEASURED_APP_PATH : MEASURED_APP_PATH);
  if (!existsSync(path)) throw new UnknownValueError('what the application serves', `no measurement at ${path}: run the container tests (npx vitest run --project container)`);
  const app = JSON.parse(readFileSync(path, 'utf8')) as MeasuredApp;
  cached = { app, source: `measured ${app.measuredAt} from image ${app.imageId.slice(0, 19)}` };
  return cached;
}

/** Whether an HTTP code passes a target group Matcher.HttpCode ("200", "200,202", "200-299"). */
export function matcherAccepts(matcher: string, status: number): boolean {
  return matcher.split(',').map((p) => p.trim()).some((part) => {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) return status >= Number(range[1]) && status <= Number(range[2]);
    return /^\d+$/.test(part) && Number(part) === status;
  });
}

/** A verdict on a health check against the measured app: can it pass while the app runs, and why not. */
export interface CheckVerdict {
  readonly passesWhenAppRuns: boolean; readonly passesWhenAppStopped: boolean; readonly why: string;
  /** The measured answer time of the checked path, in seconds (what the check's timeout is judged against). */
  readonly answerSeconds?: number;
}

/**
 * The target group's health check against the app: the port it asks ('traffic-port' is the port ECS
 * registered the task on), the protocol, the path's measured answer and the matcher. The timeout is
 * judged per check by the answer's latency (World).
 */
export function albCheckVerdict(tg: DeploymentConfig['targetGroup'], app: MeasuredApp, source: string): CheckVerdict {
  const port = tg.healthCheckPort === 'traffic-port' ? tg.registeredPort : Number(tg.healthCheckPort);
  const what = `the target group checks ${tg.healthCheckProtocol} port ${tg.healthCheckPort === 'traffic-port' ? `${port} (traffic-port)` : port} path ${tg.healthCheckPath} for ${tg.healthCheckMatcher}`;
  const no = (why: string): CheckVerdict => ({ passesWhenAppRuns: false, passesWhenAppStopped: false, why: `${what}, but ${why} (${source})` });
  if (!app.listensOn.includes(port)) return no(`nothing listens on ${port}: the app listens on ${app.listensOn.join(', ')}`);
  if (tg.healthCheckProtocol.toUpperCase() === 'HTTPS' && !app.tls) return no(`the app on ${port} speaks plain HTTP, so no TLS handshake succeeds`);
  const answer = app.paths[tg.healthCheckPath];
  if (!answer) throw new UnknownValueError(`the app's answer to ${tg.healthCheckPath}`, `the container tests did not measure that path (${source}); run them to measure the template's health check path`);
  if (!matcherAccepts(tg.healthCheckMatcher, answer.status)) return no(`${tg.healthCheckPath} answers ${answer.status}, which the matcher ${tg.healthCheckMatcher} never accepts`);
  const answerSeconds = answer.maxMs === undefined ? undefined : answer.maxMs / 1000;
  return { passesWhenAppRuns: true, passesWhenAppStopped: false, answerSeconds, why: `${what}: ${tg.healthCheckPath} answers ${answer.status}${answer.maxMs === undefined ? '' : ` within ${answer.maxMs} ms`} (${source})` };
}

/** The task definition's container health check command, run in the real container (measured). */
export function containerCheckVerdict(command: readonly string[], app: MeasuredApp, source: string): CheckVerdict {
  const m = app.commands.find((c) => JSON.stringify(c.command) === JSON.stringify(command));
  const shown = command.join(' ').slice(0, 160);
  if (!m) return commandReadVerdict(command, app, source, shown);
  const passesWhenAppRuns = m.exitWhenAppRuns === 0;
  return {
    passesWhenAppRuns, passesWhenAppStopped: m.exitWhenAppStopped === 0,
    why: passesWhenAppRuns ? `the container health check exits 0 in the real container (${source})`
      : `the container health check \`${shown}\` exits ${m.exitWhenAppRuns} inside the real container while the app runs (${source})`,
  };
}

/**
 * A command the container tests did not run (another template's): judged by what it asks, against what the
 * app was measured to serve. Whether its tool (curl, wget ...) exists in the image is a fact of that image's
 * Dockerfile, which the Dockerfile rules and the container tests judge, not of the template (issue 11).
 */
function commandReadVerdict(command: readonly string[], app: MeasuredApp, source: string, shown: string): CheckVerdict {
  const asked = localRequests(command.map(String));
  const unknown = (why: string) => new UnknownValueError(`the container health check command (${shown})`, `${why}, and it was not run inside the real image (${source})`);
  if (asked.length === 0) throw unknown('it asks no local URL this harness can read');
  const served = asked.find((u) => u.port !== undefined && app.listensOn.includes(u.port));
  if (!served) {
    const ports = asked.map((u) => u.port ?? u.portText).join(', ');
    return { passesWhenAppRuns: false, passesWhenAppStopped: false, why: `the container health check \`${shown}\` asks port ${ports}, where nothing listens: the app listens on ${app.listensOn.join(', ')} (${source})` };
  }
  const answer = app.paths[served.path];
  if (!answer) throw unknown(`its path ${served.path} was not measured`);
  const ok = answer.status >= 200 && answer.status < 300;
  return {
    passesWhenAppRuns: ok, passesWhenAppStopped: false,
    why: ok ? `the container health check asks ${served.path} on ${served.port}, which answers ${answer.status} (read from the command, the tool assumed present; ${source})`
      : `the container health check asks ${served.path} on ${served.port}, which answers ${answer.status} (${source})`,
  };
}
