import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../../integration/capacity/seeded-random.js';

/**
 * A fault-injecting HTTP proxy between the AWS CLIs (AWS_ENDPOINT_URL pointed at it) and the emulator:
 * it forwards every call and, as its plan says, answers some of them with the errors AWS really sends
 * (throttling, a server error, an expired token), drops the connection, holds the call unanswered, or
 * rewrites the stack status CloudFormation reports. It records every call, so a test can tell what
 * reached the emulator and what did not.
 */

export type Fault = 'throttle' | 'server-error' | 'expired-token' | 'reset' | 'hold';

export interface FaultPlan {
  readonly fault: Fault;
  /** Only calls of this operation (DescribeStacks, DescribeServices, ...); every call when absent. */
  readonly operation?: string;
  /** Fault this share (0..1) of the matching requests, every attempt drawn anew (seeded, so repeatable). */
  readonly share?: number;
  /** Fault the first N matching calls and every retry of them (the SDK's invocation id ties them). */
  readonly firstCalls?: number;
  readonly seed?: number;
}

export interface Call {
  readonly operation: string;
  /** The SDK's attempt number of this request (1 = the first try). */
  readonly attempt: number;
  readonly fault?: Fault;
  /** The ImageTag a change set, stack creation or update asked CloudFormation for ('' removes the service). */
  readonly imageTag?: string;
}

/** The operations that change nothing; every other call is a change (or an upload for one). */
export const READ_ONLY = /^(Describe|List|Get)|^GetCallerIdentity$|^S3:(GET|HEAD)$/;

interface Wire { status: number; headers: Record<string, string>; body: string }

/** The error each fault stands for, in the wire format of the calling service's protocol. */
function errorAnswer(fault: Exclude<Fault, 'reset' | 'hold'>, protocol: 'query' | 'json' | 's3'): Wire {
  const [status, query, json, s3, message] = {
    throttle: [400, 'Throttling', 'ThrottlingException', 'SlowDown', 'Rate exceeded'],
    'server-error': [500, 'InternalFailure', 'InternalFailure', 'InternalError', 'We encountered an internal error. Please try again.'],
    'expired-token': [400, 'ExpiredToken', 'ExpiredTokenException', 'ExpiredToken', 'The security token included in the request is expired'],
  }[fault] as [number, string, string, string, string];
  const requestId = `fault-${Math.random().toString(16).slice(2)}`;
  if (protocol === 'json') {
    return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': json, 'x-amzn-requestid': requestId }, body: JSON.stringify({ __type: json, message }) };
  }
  if (protocol === 's3') {
    return { status: fault === 'throttle' ? 503 : status, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${s3}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>` };
  }
  return {
    status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${query}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** Which operation a request calls, and in which protocol its errors are written. */
function identify(headers: IncomingHttpHeaders, method: string, body: string): { operation: string; protocol: 'query' | 'json' | 's3' } {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return { operation: target.split('.').pop() ?? target, protocol: 'json' };
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body).get('Action');
    if (action) return { operation: action, protocol: 'query' };
  }
  return { operation: `S3:${method}`, protocol: 's3' };
}

/** The ImageTag parameter of a CloudFormation call in the query protocol, when it names one. */
function imageTagOf(operation: string, body: string): string | undefined {
  if (!/^(CreateChangeSet|CreateStack|UpdateStack)$/.test(operation)) return undefined;
  const form = new URLSearchParams(body);
  for (const [key, value] of form) {
    const member = /^Parameters\.member\.(\d+)\.ParameterKey$/.exec(key);
    if (member && value === 'ImageTag') return form.get(`Parameters.member.${member[1]}.ParameterValue`) ?? undefined;
  }
  return undefined;
}

export class FaultProxy {
  readonly calls: Call[] = [];
  private plan: FaultPlan | undefined;
  private draw: () => number = mulberry32(1);
  /** Invocation ids of the calls chosen by `firstCalls`, and how many have been chosen. */
  private chosen = new Set<string>();
  private held: ServerResponse[] = [];
  private statusOverride: string | undefined;
  private onHold: (() => void) | undefined;

  private constructor(private readonly server: Server, readonly port: number) {}

  get endpoint(): string { return `http://127.0.0.1:${this.port}`; }

  /** Starts on a free loopback port, forwarding to `target` (the emulator's endpoint). */
  static async start(target: string): Promise<FaultProxy> {
    const upstream = new URL(target);
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => proxy!.handle(upstream, req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** A new plan (or none: forward everything) and a clean record of calls. */
  reset(plan?: FaultPlan): void {
    this.release();
    this.plan = plan;
    this.draw = mulberry32(plan?.seed ?? 1);
    this.chosen = new Set();
    this.calls.length = 0;
    this.statusOverride = undefined;
  }

  /** From now on DescribeStacks reports this status (as a stack stuck in it would). */
  reportStackStatus(status: string | undefined): void { this.statusOverride = status; }

  /** Resolves when a call is being held unanswered (the `hold` fault). */
  holding(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => { this.onHold = resolve; });
  }

  /** Answers the held calls with a server error, so their clients end. */
  release(): void {
    for (const res of this.held.splice(0)) if (!res.writableEnded) { res.writeHead(500); res.end(); }
  }

  /**
   * How many calls and faulted calls the record holds, the changing operations that reached the emulator,
   * and whether one of them asked for an empty ImageTag: CloudFormation then deletes the service (its
   * condition turns false), which moto does not model, so the request itself is the evidence.
   */
  summary(): { calls: number; faulted: number; changes: string[]; emptiedImageTag: boolean } {
    return {
      emptiedImageTag: this.calls.some((c) => !c.fault && c.imageTag === ''),
      calls: this.calls.length,
      faulted: this.calls.filter((c) => c.fault).length,
      changes: [...new Set(this.calls.filter((c) => !c.fault && !READ_ONLY.test(c.operation)).map((c) => c.operation))],
    };
  }

  stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private choose(operation: string, headers: IncomingHttpHeaders): Fault | undefined {
    const plan = this.plan;
    if (!plan || (plan.operation && plan.operation !== operation)) return undefined;
    if (plan.firstCalls !== undefined) {
      const invocation = String(headers['amz-sdk-invocation-id'] ?? Math.random());
      if (this.chosen.has(invocation)) return plan.fault;
      if (this.chosen.size < plan.firstCalls) { this.chosen.add(invocation); return plan.fault; }
      return undefined;
    }
    return this.draw() < (plan.share ?? 1) ? plan.fault : undefined;
  }

  private handle(upstream: URL, method: string, url: string, headers: IncomingHttpHeaders, body: Buffer, res: ServerResponse): void {
    const text = body.toString('utf8');
    const { operation, protocol } = identify(headers, method, text);
    const attempt = Number(/attempt=(\d+)/.exec(String(headers['amz-sdk-request'] ?? ''))?.[1] ?? 1);
    const fault = this.choose(operation, headers);
    this.calls.push({ operation, attempt, fault, imageTag: protocol === 'query' ? imageTagOf(operation, text) : undefined });
    if (fault === 'reset') { res.socket?.destroy(); return; }
    if (fault === 'hold') { this.held.push(res); this.onHold?.(); this.onHold = undefined; return; }
    if (fault) {
      const answer = errorAnswer(fault, protocol);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
      return;
    }
    this.forward(upstream, method, url, headers, body, operation, res);
  }

  private forward(upstream: URL, method: string, url: string, headers: IncomingHttpHeaders, body: Buffer, operation: string, res: ServerResponse): void {
    const out = request({ host: upstream.hostname, port: upstream.port, method, path: url, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let payload = Buffer.concat(chunks);
        if (operation === 'DescribeStacks' && this.statusOverride) {
          payload = Buffer.from(payload.toString('utf8').replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, `<StackStatus>${this.statusOverride}</StackStatus>`));
        }
        const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...rest, 'content-length': payload.length });
        res.end(payload);
      });
    });
    out.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    out.end(body);
  }
}
