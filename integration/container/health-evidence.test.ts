import './testcontainers-env.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect } from 'node:tls';
import { GenericContainer, getContainerRuntimeClient, ImageName, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deploymentConfig, loadTemplate, TEMPLATE_PATH } from '../../infra/template/index.js';
import { FRESH_MEASURED_APP_PATH, MEASURED_APP_PATH, type MeasuredApp } from '../../properties/model/app-health.js';
import { wrongPortCommand } from '../../properties/support/health-mutants.js';
import { baseUrl, HEALTH_PATH, httpGet, PORT, startDashboard } from './harness.js';

/** GETs per path, on fresh connections as the ALB makes them: the slowest is what the model's timeout check uses. */
const GETS_PER_PATH = 20;

/**
 * What the real image serves, measured for the model (properties/model/app-health.ts): the ports
 * something listens on inside the container, the answer (status, start of the body) of each path a health
 * check may ask, whether the port speaks TLS, and the template's container HealthCheck.Command run inside
 * the real container with the app running and with the app stopped, beside the same command probing a port
 * nothing listens on (the properties' mutant). Written to .cache/measured/app-health.json every
 * run, and to the committed properties/measured/app-health.json when a measured fact changed (review and
 * commit it), so the model can read it offline when no Docker engine is at hand.
 */

const image = inject('dashboardImage');
const skipReason = image.reason ?? '';
const templates = [...new Set([TEMPLATE_PATH, undefined].map((p) => JSON.stringify(deploymentConfig(loadTemplate(p)).task.healthCheck?.command ?? [])))];
const configs = [deploymentConfig(loadTemplate(TEMPLATE_PATH)), deploymentConfig(loadTemplate())];
const containerPort = configs[0].task.containerPort;
/** The template's commands and their wrong-port variants. */
const commands: string[][] = [];
for (const text of templates) {
  const cmd = JSON.parse(text) as string[];
  if (cmd.length === 0) continue;
  for (const c of [cmd, wrongPortCommand(cmd, containerPort)]) if (!commands.some((x) => JSON.stringify(x) === JSON.stringify(c))) commands.push(c);
}
const paths = [...new Set([...configs.map((c) => c.targetGroup.healthCheckPath), HEALTH_PATH, '/', '/healthz', '/this-path-does-not-exist'])];

/** How ECS runs a health check command: `CMD` execs the rest, `CMD-SHELL` runs the string with /bin/sh -c. */
function asExec(command: readonly string[]): string[] {
  if (command[0] === 'CMD-SHELL') return ['sh', '-c', command.slice(1).join(' ')];
  if (command[0] === 'CMD') return command.slice(1);
  return [...command];
}

/** TCP ports in LISTEN state (st 0A) in /proc/net/tcp and tcp6. */
export function listeningPorts(procNetTcp: string): number[] {
  const ports = new Set<number>();
  for (const line of procNetTcp.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length > 3 && f[3] === '0A' && /:[0-9A-F]{4}$/i.test(f[1])) ports.add(parseInt(f[1].split(':').pop()!, 16));
  }
  return [...ports].sort((a, b) => a - b);
}

function tlsHandshake(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, rejectUnauthorized: false, timeout: 3000 }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
    s.on('timeout', () => { s.destroy(); resolve(false); });
  });
}

/** What the model's verdicts rest on, without the date, the image and the answer times (which vary from run to run). */
const facts = (m: MeasuredApp) => JSON.stringify({
  ...m, measuredAt: undefined, imageId: undefined, image: undefined,
  paths: Object.fromEntries(Object.entries(m.paths).map(([p, a]) => [p, { status: a.status, body: a.body }])),
});

describe.sequential(`what the image serves, measured for the model (${image.image})`, () => {
  let app: StartedTestContainer | undefined;
  let stopped: StartedTestContainer | undefined;
  let measured: MeasuredApp | undefined;

  beforeAll(async () => {
    if (!image.ready) return;
    app = (await startDashboard(image.image)).container;
    // The same image with the app not running (what a stopped or crashed app leaves for the check command).
    stopped = await new GenericContainer(image.image).withEntrypoint(['sh', '-c', 'echo idle; exec sleep 100000'])
      .withWaitStrategy(Wait.forLogMessage(/idle/)).start();
  });

  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await stopped?.stop().catch(() => undefined);
  });

  it('measures the listening ports, the answers of the health paths, TLS and the container health check commands', async (ctx) => {
    ctx.skip(!image.ready, skipReason);
    const tcp = await app!.exec(['sh', '-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null']);
    const listensOn = listeningPorts(tcp.output);
    const answers: Record<string, { status: number; body: string; maxMs: number }> = {};
    for (const p of paths) {
      let maxMs = 0;
      let a = await httpGet(baseUrl(app!) + p);
      for (let i = 0; i < GETS_PER_PATH; i++) { a = await httpGet(baseUrl(app!) + p); maxMs = Math.max(maxMs, a.ms); }
      // Rounded up to the millisecond, so that a re-measurement rewrites the committed file only when the answer changes a lot.
      answers[p] = { status: a.status, body: a.body.trim().slice(0, 60), maxMs: Math.max(1, 10 ** Math.ceil(Math.log10(Math.max(1, maxMs)))) };
    }
    const tls = await tlsHandshake(app!.getHost(), app!.getMappedPort(PORT));
    const measuredCommands: MeasuredApp['commands'][number][] = [];
    for (const command of commands) {
      const running = await app!.exec(asExec(command));
      const idle = await stopped!.exec(asExec(command));
      measuredCommands.push({ command, exitWhenAppRuns: running.exitCode, exitWhenAppStopped: idle.exitCode });
    }
    const inspected = await (await getContainerRuntimeClient()).image.inspect(ImageName.fromString(image.image));
    measured = { measuredAt: new Date().toISOString(), image: image.image, imageId: inspected.Id, listensOn, tls, paths: answers, commands: measuredCommands };
    console.log(`measured app: listens on ${listensOn.join(', ')}, TLS ${tls}; ${Object.entries(answers).map(([p, a]) => `${p} ${a.status}`).join(', ')}; commands ${measuredCommands.map((c) => `${c.exitWhenAppRuns}/${c.exitWhenAppStopped}`).join(', ')}`);

    mkdirSync(dirname(FRESH_MEASURED_APP_PATH), { recursive: true });
    writeFileSync(FRESH_MEASURED_APP_PATH, JSON.stringify(measured, null, 2) + '\n');
    const committed = existsSync(MEASURED_APP_PATH) ? JSON.parse(readFileSync(MEASURED_APP_PATH, 'utf8')) as MeasuredApp : undefined;
    if (!committed || facts(committed) !== facts(measured)) {
      mkdirSync(dirname(MEASURED_APP_PATH), { recursive: true });
      writeFileSync(MEASURED_APP_PATH, JSON.stringify(measured, null, 2) + '\n');
      console.warn(`the measured facts changed: ${MEASURED_APP_PATH} rewritten, review and commit it`);
    }
  });

  it(`the app listens on the container port ${containerPort} and its health path answers 200 ok`, (ctx) => {
    ctx.skip(!image.ready, skipReason);
    expect(measured!.listensOn).toContain(containerPort);
    expect(measured!.paths[HEALTH_PATH]).toMatchObject({ status: 200, body: 'ok' });
  });

  it("the template's container HealthCheck.Command exits 0 while the app runs and non-zero when it is stopped; on a wrong port it fails", (ctx) => {
    ctx.skip(!image.ready, skipReason);
    const command = configs[0].task.healthCheck!.command;
    const own = measured!.commands.find((c) => JSON.stringify(c.command) === JSON.stringify(command))!;
    expect(own.exitWhenAppRuns).toBe(0);
    expect(own.exitWhenAppStopped).not.toBe(0);
    const wrong = measured!.commands.find((c) => JSON.stringify(c.command) === JSON.stringify(wrongPortCommand(command, containerPort)))!;
    expect(wrong.exitWhenAppRuns).not.toBe(0);
  });
});
