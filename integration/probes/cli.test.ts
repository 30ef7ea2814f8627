import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/template/index.js';
import { httpGet } from './context.js';
import { PROBES } from './index.js';

/**
 * `npm run probe` as a process, against endpoints that misbehave: one that never answers (the run must
 * end, with one line, not hang), and a stand-in AWS whose stack the probes judge while the JUnit path
 * cannot be written (the results must still be printed). No emulator needed.
 */

const STACK = 'probe-cli-test';
const REGION = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'probe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; resolves with what it printed, or with `timedOut` when it had to be killed. */
function probe(args: string[], endpoint: string, killAfterMs: number): Promise<{ code: number | null; timedOut: boolean; stdout: string; stderr: string; seconds: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'integration', 'probes', 'cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', VERIFY_TEMPLATE: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => { stdout += c; });
  child.stderr.on('data', (c) => { stderr += c; });
  let timedOut = false;
  const killer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, killAfterMs);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(killer);
    resolve({ code, timedOut, stdout, stderr, seconds: (Date.now() - started) / 1000 });
  }));
}

const listen = (server: Server | TcpServer) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/**
 * A stand-in for AWS: the caller's identity and the stack (with no outputs) answer; every other call is
 * refused, so each probe runs and reports what it could not find.
 */
function standInAws(): Server {
  const xml = (action: string, result: string, ns: string) => `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
  return createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action');
      if (action === 'GetCallerIdentity') {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(xml(action, '<Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AIDA</UserId><Account>123456789012</Account>', 'https://sts.amazonaws.com/doc/2011-06-15/'));
      } else if (action === 'DescribeStacks') {
        const stack = `<Stacks><member><StackName>${STACK}</StackName><StackId>arn:aws:cloudformation:${REGION}:123456789012:stack/${STACK}/1</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs/></member></Stacks>`;
        res.writeHead(200, { 'content-type': 'text/xml' }).end(xml(action, stack, 'http://cloudformation.amazonaws.com/doc/2010-05-15/'));
      } else if (req.headers['x-amz-target']) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not in this stand-in' }));
      } else {
        res.writeHead(403, { 'content-type': 'text/xml' }).end('<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not in this stand-in</Message></Error><RequestId>r</RequestId></ErrorResponse>');
      }
    });
  });
}

describe('npm run probe against endpoints that misbehave', { timeout: 120_000 }, () => {
  const sockets = new Set<Socket>();
  // Accepts connections and never answers: what a black-holed endpoint or a hung proxy looks like.
  const silent = createTcpServer((s) => { sockets.add(s); s.on('error', () => undefined); });
  const aws = standInAws();
  let silentUrl = '';
  let awsUrl = '';
  beforeAll(async () => { silentUrl = await listen(silent); awsUrl = await listen(aws); });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    aws.closeAllConnections();
    await Promise.all([silent, aws].map((s) => new Promise((r) => s.close(r))));
  });

  it('an AWS endpoint that never answers ends the run with one line and exit 2, not a hang', async () => {
    const r = await probe(['--stack', STACK, '--region', REGION, '--timeout', '1'], silentUrl, 60_000);
    expect(r.timedOut, `still running after ${r.seconds} s`).toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^probe: cannot check the AWS credentials: no answer from AWS in time/);
  });

  it('a JUnit path that cannot be written: the results are printed first, then one line, exit 2', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, 'x');
    const junit = join(notADirectory, 'junit.xml');
    const r = await probe(['--stack', STACK, '--region', REGION, '--json', '--junit', junit], awsUrl, 60_000);
    expect(r.code, r.stderr).toBe(2);
    const printed = JSON.parse(r.stdout);
    expect(printed.results.map((x: { id: string }) => x.id)).toEqual(PROBES.map((p) => p.id));
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^probe: the results are above; cannot write JUnit to .*junit\.xml: (ENOTDIR|EEXIST)$/)]);
  });

  it('the HTTP probe gives up on an answer that trickles in one byte at a time', async () => {
    const drip = createHttpServer((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('o'), 50);
      res.on('close', () => clearInterval(t));
    });
    const url = await listen(drip);
    const started = Date.now();
    await expect(httpGet(`${url}/_stcore/health`, 500)).rejects.toThrow(/no answer from 127\.0\.0\.1:\d+ within 500 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    drip.closeAllConnections();
    await new Promise((r) => drip.close(r));
  });
});
