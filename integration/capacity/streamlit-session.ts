import WebSocket from 'ws';
import { cookieHeader, type Browserish } from './page-load.js';
import { decodeForward, encodeRerun, FINISHED_OK, type WidgetInfo, type WidgetValue } from './proto.js';

/**
 * One Streamlit session over `/_stcore/stream`, as the frontend opens it: subprotocols
 * `["streamlit", <XSRF cookie or placeholder>]`, the page's cookies (so the proxy's stickiness cookie
 * takes the websocket to the task that served the page), binary protobuf frames both ways. `run()` sends
 * a rerun with widget values and resolves when the script finished, with the widgets it drew.
 */

export interface RunResult {
  readonly ms: number;
  readonly widgets: readonly WidgetInfo[];
  /** st.exception / uncaught exceptions drawn by the run (the app broke for this user). */
  readonly exceptions: readonly string[];
}

export class StreamlitSession {
  private ws!: WebSocket;
  private pending: { resolve: (r: RunResult) => void; reject: (e: Error) => void; t0: number; timer: NodeJS.Timeout } | undefined;
  private widgets = new Map<string, WidgetInfo>();
  private exceptions: string[] = [];
  private closedWith: string | undefined;
  sessionId = '';
  pageScriptHash = '';
  /** Frames and bytes received, for the report. */
  frames = 0;
  bytes = 0;

  private constructor(private readonly b: Browserish) {}

  static async open(b: Browserish, timeoutMs = 30_000): Promise<StreamlitSession> {
    const s = new StreamlitSession(b);
    const url = b.origin.replace(/^http/, 'ws') + '/_stcore/stream';
    const xsrf = b.cookies.get('_streamlit_xsrf');
    await new Promise<void>((resolve, reject) => {
      s.ws = new WebSocket(url, ['streamlit', xsrf ?? 'PLACEHOLDER_AUTH_TOKEN'], {
        agent: b.agent, headers: { cookie: cookieHeader(b), origin: b.origin }, handshakeTimeout: timeoutMs,
      });
      s.ws.binaryType = 'nodebuffer';
      s.ws.once('open', () => resolve());
      s.ws.once('error', (e) => reject(new Error(`websocket: ${e.message}`)));
    });
    s.ws.on('message', (data: Buffer) => s.onFrame(data));
    s.ws.on('close', (code) => s.fail(`websocket closed (${code})`));
    s.ws.on('error', (e) => s.fail(`websocket: ${e.message}`));
    return s;
  }

  private fail(why: string): void {
    this.closedWith ??= why;
    const p = this.pending;
    if (p) { this.pending = undefined; clearTimeout(p.timer); p.reject(new Error(why)); }
  }

  private onFrame(data: Buffer): void {
    this.frames++; this.bytes += data.length;
    let ev;
    try { ev = decodeForward(data); } catch (e) { this.fail(`undecodable frame: ${(e as Error).message}`); return; }
    if (ev.type === 'new_session') {
      // Sent at the start of every script run: what the page shows is what this run draws.
      this.sessionId = ev.sessionId; this.pageScriptHash = ev.pageScriptHash;
      this.widgets = new Map(); this.exceptions = [];
    }
    else if (ev.type === 'widget') this.widgets.set(ev.widget.id, ev.widget);
    else if (ev.type === 'exception') this.exceptions.push(ev.message);
    else if (ev.type === 'script_finished' && FINISHED_OK.has(ev.status)) {
      const p = this.pending;
      if (!p) return;
      this.pending = undefined; clearTimeout(p.timer);
      p.resolve({ ms: performance.now() - p.t0, widgets: [...this.widgets.values()], exceptions: this.exceptions });
    } else if (ev.type === 'script_finished' && ev.status === 1) this.fail('script failed to compile');
    // Status 2 (finished early for a rerun, e.g. st.rerun()) is not the end: the next run follows.
  }

  /** Reruns the script with these widget values; resolves when a run finished. */
  run(widgets: readonly WidgetValue[] = [], timeoutMs = 60_000): Promise<RunResult> {
    if (this.closedWith) return Promise.reject(new Error(this.closedWith));
    if (this.pending) return Promise.reject(new Error('a run is already pending'));
    this.widgets = new Map();
    this.exceptions = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(`script run did not finish within ${timeoutMs} ms`), timeoutMs);
      this.pending = { resolve, reject, t0: performance.now(), timer };
      // The default page, as a browser at `/` asks for it (st.navigation resolves an empty hash to it).
      this.ws.send(encodeRerun({ widgets, url: this.b.origin + '/' }));
    });
  }

  close(): void {
    this.closedWith ??= 'closed';
    try { this.ws.close(); } catch { /* already gone */ }
  }
}
