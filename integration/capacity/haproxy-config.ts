import type { DeploymentConfig } from '../../infra/template/index.js';

/**
 * The local twin's load balancer, written as an HAProxy configuration from the template's deployment
 * config: the health check path, interval, timeout and thresholds of the target group, its stickiness,
 * and the HTTP listener's redirect (protocol, port, status). Nothing here restates those numbers; a
 * change of the template changes the twin.
 *
 * Time can be scaled (interval, timeout, deregistration delay all divided by `timeScale`) so that a test
 * does not wait 90 s for three failed 30 s checks; the thresholds, and so the ratios between the times,
 * stay the template's. The scale is part of the returned settings so that callers print it.
 */

export interface TwinPorts {
  /** The loopback port standing in for the template's HTTP listener (80). */
  readonly http: number;
  /** The loopback port standing in for the template's HTTPS listener (443). */
  readonly https: number;
}

export interface TwinTarget { readonly name: string; readonly host: string; readonly port: number }

export interface TwinSettings {
  readonly timeScale: number;
  readonly healthCheckPath: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly deregistrationDelayMs: number;
  readonly stickiness: boolean;
  readonly redirect: { readonly scheme: string; readonly templatePort: number; readonly localPort: number; readonly code: number };
}

/** The ALB's stickiness cookie name, so a log or a test reads like the real thing. */
export const STICKY_COOKIE = 'AWSALB';

export function twinSettings(config: DeploymentConfig, ports: TwinPorts, timeScale: number): TwinSettings {
  if (!(timeScale >= 1)) throw new Error(`time scale must be >= 1, got ${timeScale}`);
  const tg = config.targetGroup;
  const forwarding = config.listeners.find((l) => l.forwardsToTargetGroup);
  const redirecting = config.listeners.find((l) => l.redirect !== undefined);
  if (!forwarding) throw new Error('the template has no listener forwarding to the target group');
  if (!redirecting?.redirect) throw new Error('the template has no redirecting listener (R5.2)');
  const r = redirecting.redirect;
  const templatePort = Number(r.port);
  // ALB's "#{port}" keeps the request's port; only a literal port can be mapped onto the twin's.
  if (!Number.isInteger(templatePort)) throw new Error(`the redirect port is not a literal port: ${r.port}`);
  const target = config.listeners.find((l) => l.port === templatePort);
  if (!target) throw new Error(`the redirect goes to port ${templatePort}, where the template has no listener`);
  if (target.protocol !== r.protocol) throw new Error(`the redirect says ${r.protocol} but the listener on ${templatePort} is ${target.protocol}`);
  const code = Number(/^HTTP_(\d{3})$/.exec(r.statusCode)?.[1]);
  if (!code) throw new Error(`unreadable redirect status code ${r.statusCode}`);
  return {
    timeScale,
    healthCheckPath: tg.healthCheckPath,
    intervalMs: Math.round((tg.healthCheckIntervalSeconds * 1000) / timeScale),
    timeoutMs: Math.round((tg.healthCheckTimeoutSeconds * 1000) / timeScale),
    healthyThreshold: tg.healthyThreshold,
    unhealthyThreshold: tg.unhealthyThreshold,
    deregistrationDelayMs: Math.round((tg.deregistrationDelaySeconds * 1000) / timeScale),
    stickiness: tg.stickiness,
    redirect: { scheme: r.protocol.toLowerCase(), templatePort, localPort: target.protocol === 'HTTPS' ? ports.https : ports.http, code },
  };
}

export interface HaproxyFiles {
  /** PEM holding the certificate and its key (HAProxy's `crt`). */
  readonly pemPath: string;
  /** Unix socket for the runtime API (server states, counters, drain). */
  readonly statsSocket: string;
}

/** The configuration text. Logs go to stdout (the twin reads them: which server served which request). */
export function haproxyConfig(s: TwinSettings, ports: TwinPorts, targets: readonly TwinTarget[], files: HaproxyFiles,
  options: { readonly compression?: boolean } = {}): string {
  const lines = [
    'global',
    '  log stdout format raw local0 info',
    `  stats socket ${files.statsSocket} mode 600 level admin`,
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  log global',
    // One line per request: accept time (ms), frontend (~ = TLS), server, status, total time, URI with query.
    '  log-format "req ts=%Ts.%ms fe=%ft srv=%s st=%ST tt=%Tt path=%HU"',
    '  option log-health-checks',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    // ALB idle timeout default is 60 s; Streamlit pings its websocket every 30 s, so a tunnel stays open.
    '  timeout tunnel 60s',
    // The ALB does not retry a request on another target; neither does the twin.
    '  retries 0',
    '',
    'frontend http_listener',
    `  bind 127.0.0.1:${ports.http}`,
    // The ALB keeps host, path and query in its redirect; so does HAProxy's `prefix` form.
    `  http-request redirect prefix "${s.redirect.scheme}://%[req.hdr(host),field(1,:)]:${s.redirect.localPort}" code ${s.redirect.code}`,
    '',
    'frontend https_listener',
    `  bind 127.0.0.1:${ports.https} ssl crt ${files.pemPath}`,
    '  default_backend dashboard',
    '',
    'backend dashboard',
    '  balance roundrobin',
    ...(options.compression ? ['  compression algo gzip', '  compression type text/html text/css text/javascript application/javascript'] : []),
    // ALB health check: GET the path, 200, and (as the reference notes) the body must be `ok`, because
    // Streamlit answers 200 with index.html on any unknown path.
    '  option httpchk',
    `  http-check send meth GET uri ${s.healthCheckPath}`,
    '  http-check expect status 200',
    '  http-check expect rstring ^ok$',
    // HAProxy bounds a check's connect by min(timeout connect, inter) and its read by timeout check; the
    // target group has one timeout for the whole check, so both are the template's (scaled) timeout.
    `  timeout connect ${s.timeoutMs}`,
    `  timeout check ${s.timeoutMs}`,
    ...(s.stickiness ? [`  cookie ${STICKY_COOKIE} insert indirect nocache httponly secure`] : []),
    `  default-server check inter ${s.intervalMs} fall ${s.unhealthyThreshold} rise ${s.healthyThreshold}`,
    ...targets.map((t) => `  server ${t.name} ${t.host}:${t.port}${s.stickiness ? ` cookie ${t.name}` : ''}`),
    '',
  ];
  return lines.join('\n');
}
