import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * A running HAProxy (the twin's ALB): its request log and health state changes, as they arrive on its
 * stdout, and its runtime API (per-server state and counters, drain). Everything a fault test measures
 * comes from here, i.e. from what the proxy itself did, not from what the test expected it to do.
 */

export interface RequestLog {
  /** Accept time, ms since the epoch (HAProxy's %Ts.%ms). */
  readonly acceptedAt: number;
  /** Which listener: `https_listener~` (TLS) or `http_listener`. */
  readonly frontend: string;
  /** The server that got the request, `<NOSRV>` when none (redirects, no server up). */
  readonly server: string;
  readonly status: number;
  readonly totalMs: number;
  readonly path: string;
}

export interface StateChange { readonly at: number; readonly server: string; readonly state: 'UP' | 'DOWN' }

export interface ServerStat { readonly name: string; readonly status: string; readonly sessionsTotal: number; readonly requestsTotal: number; readonly checkStatus: string }

const REQ = /^req ts=(\d+)\.(\d+) fe=(\S+) srv=(\S+) st=(-?\d+) tt=(-?\d+) path=(.*)$/;
const STATE = /Server dashboard\/(\S+) is (UP|DOWN)\b/;

export class Haproxy {
  readonly requests: RequestLog[] = [];
  readonly stateChanges: StateChange[] = [];
  /** Every other line (health check results, alerts), with the time it arrived. */
  readonly otherLines: Array<{ readonly at: number; readonly text: string }> = [];
  private readonly stateWaiters: Array<() => void> = [];
  private exited = false;
  private stderrTail = '';

  private constructor(private readonly proc: ChildProcess, private readonly statsSocket: string) {
    createInterface({ input: proc.stdout! }).on('line', (line) => this.onLine(line));
    proc.stderr!.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-2000); });
    proc.on('exit', () => { this.exited = true; });
  }

  /** Checks the configuration, then starts HAProxy in the foreground (-db) and waits for its socket. */
  static async start(configPath: string, statsSocket: string): Promise<Haproxy> {
    const check = spawnSync('haproxy', ['-c', '-q', '-f', configPath], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy rejects the twin's configuration: ${(check.stderr || check.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    const proc = spawn('haproxy', ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const h = new Haproxy(proc, statsSocket);
    for (let i = 0; i < 100; i++) {
      if (h.exited) throw new Error(`haproxy exited at start: ${h.stderrTail.trim().split('\n').pop()}`);
      try { await h.command('show info'); return h; } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    h.stop();
    throw new Error('haproxy did not open its stats socket within 10 s');
  }

  private onLine(line: string): void {
    const r = REQ.exec(line);
    if (r) {
      this.requests.push({
        acceptedAt: Number(r[1]) * 1000 + Number(r[2]), frontend: r[3], server: r[4].replace(/^dashboard\//, ''),
        status: Number(r[5]), totalMs: Number(r[6]), path: r[7],
      });
      return;
    }
    this.otherLines.push({ at: Date.now(), text: line });
    const s = STATE.exec(line);
    if (s) {
      this.stateChanges.push({ at: Date.now(), server: s[1], state: s[2] as 'UP' | 'DOWN' });
      for (const w of this.stateWaiters.splice(0)) w();
    }
  }

  /** Resolves at the first state change of `server` to `state` (already seen ones count), or rejects after timeoutMs. */
  async waitForState(server: string, state: 'UP' | 'DOWN', timeoutMs: number, since = 0): Promise<StateChange> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.stateChanges.find((c) => c.server === server && c.state === state && c.at >= since);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`haproxy did not mark ${server} ${state} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.stateWaiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** One runtime API command (`show stat`, `set server dashboard/x state drain`, ...). */
  command(cmd: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const sock = connect(this.statsSocket);
      let out = '';
      sock.setTimeout(5000, () => { sock.destroy(); reject(new Error(`haproxy runtime API timed out on: ${cmd}`)); });
      sock.on('connect', () => sock.end(`${cmd}\n`));
      sock.on('data', (d) => { out += d.toString(); });
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
  }

  /** The backend's servers as HAProxy sees them now. */
  async serverStats(): Promise<ServerStat[]> {
    const csv = await this.command('show stat');
    const [header, ...rows] = csv.split('\n').filter((l) => l.trim() !== '');
    const cols = header.replace(/^# /, '').split(',');
    const at = (row: string[], col: string) => row[cols.indexOf(col)] ?? '';
    return rows.map((l) => l.split(',')).filter((r) => at(r, 'pxname') === 'dashboard' && !['FRONTEND', 'BACKEND'].includes(at(r, 'svname')))
      .map((r) => ({
        name: at(r, 'svname'), status: at(r, 'status'), sessionsTotal: Number(at(r, 'stot')),
        requestsTotal: Number(at(r, 'req_tot') || at(r, 'stot')), checkStatus: at(r, 'check_status'),
      }));
  }

  get running(): boolean { return !this.exited; }

  /** CPU seconds the proxy process has used so far (user + system, from /proc), or NaN where unreadable. */
  cpuSeconds(): number {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
    } catch { return NaN; }
  }

  stop(): void { if (!this.exited) this.proc.kill('SIGTERM'); }
}
