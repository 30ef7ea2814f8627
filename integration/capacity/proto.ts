/**
 * The few Streamlit protobuf messages a browser session needs, encoded and decoded by hand on the
 * protobuf wire format. The streamlit wheel ships only generated `*_pb2.py` modules, not `.proto` files,
 * so rather than pull in a protobuf runtime plus reconstructed schemas, this speaks just what the
 * benchmark sends (BackMsg.rerun_script) and reads just what it waits for (new session, widgets in
 * deltas, exceptions, script finished). Field numbers are Streamlit 1.67's (dashboard/requirements.txt);
 * they were read from the descriptors embedded in that wheel's `BackMsg_pb2`, `ClientState_pb2`,
 * `WidgetStates_pb2`, `ForwardMsg_pb2`, `NewSession_pb2`, `Delta_pb2` and `Element_pb2`. A renumbering in
 * a later Streamlit shows up as a session that never finishes its script (the bench counts an error).
 */

// ---- wire primitives --------------------------------------------------------------------------------

const VARINT = 0, I64 = 1, LEN = 2, I32 = 5;

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

function tag(field: number, wire: number): number[] { return varint(BigInt((field << 3) | wire)); }

/** Builds one message from fields in order. */
class Writer {
  private readonly bytes: number[] = [];
  string(field: number, value: string): this { return this.bytesField(field, Buffer.from(value, 'utf8')); }
  bytesField(field: number, value: Uint8Array): this {
    this.bytes.push(...tag(field, LEN), ...varint(BigInt(value.length)), ...value);
    return this;
  }
  message(field: number, value: Writer): this { return this.bytesField(field, value.finish()); }
  bool(field: number, value: boolean): this { this.bytes.push(...tag(field, VARINT), value ? 1 : 0); return this; }
  sint64(field: number, value: number): this {
    const n = BigInt(Math.trunc(value));
    this.bytes.push(...tag(field, VARINT), ...varint((n << 1n) ^ (n >> 63n)));
    return this;
  }
  double(field: number, value: number): this {
    const b = Buffer.alloc(8); b.writeDoubleLE(value);
    this.bytes.push(...tag(field, I64), ...b);
    return this;
  }
  finish(): Buffer { return Buffer.from(this.bytes); }
}

export interface WireField { readonly field: number; readonly wire: number; readonly varint?: bigint; readonly bytes?: Buffer }

/** Splits one message into its fields; throws on a truncated or malformed buffer. */
export function readFields(buf: Uint8Array): WireField[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: WireField[] = [];
  let i = 0;
  const readVarint = (): bigint => {
    let result = 0n, shift = 0n;
    for (let n = 0; n < 10; n++) {
      if (i >= b.length) throw new Error('truncated varint');
      const byte = b[i++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new Error('varint too long');
  };
  while (i < b.length) {
    const key = Number(readVarint());
    const field = key >>> 3, wire = key & 7;
    if (field === 0) throw new Error('field number 0');
    if (wire === VARINT) out.push({ field, wire, varint: readVarint() });
    else if (wire === LEN) {
      const len = Number(readVarint());
      if (i + len > b.length) throw new Error('truncated length-delimited field');
      out.push({ field, wire, bytes: b.subarray(i, i + len) });
      i += len;
    } else if (wire === I64) { if (i + 8 > b.length) throw new Error('truncated fixed64'); out.push({ field, wire, bytes: b.subarray(i, i + 8) }); i += 8; }
    else if (wire === I32) { if (i + 4 > b.length) throw new Error('truncated fixed32'); out.push({ field, wire, bytes: b.subarray(i, i + 4) }); i += 4; }
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const first = (fields: WireField[], n: number) => fields.find((f) => f.field === n);
const str = (f: WireField | undefined) => (f?.bytes ? f.bytes.toString('utf8') : undefined);

// ---- BackMsg -----------------------------------------------------------------------------------------

/** A widget value as the browser reports it (WidgetState's `value` oneof). */
export type WidgetValue =
  | { readonly id: string; readonly kind: 'trigger'; readonly value: boolean }
  | { readonly id: string; readonly kind: 'bool'; readonly value: boolean }
  | { readonly id: string; readonly kind: 'double'; readonly value: number }
  | { readonly id: string; readonly kind: 'int'; readonly value: number }
  | { readonly id: string; readonly kind: 'string'; readonly value: string };

// WidgetState field numbers of the value oneof.
const WIDGET_FIELD = { trigger: 2, bool: 3, double: 4, int: 5, string: 6 } as const;

export interface RerunRequest {
  readonly queryString?: string;
  readonly pageScriptHash?: string;
  readonly widgets?: readonly WidgetValue[];
  /** Browser facts the frontend always sends (ContextInfo); the app may read them via st.context. */
  readonly timezone?: string;
  readonly url?: string;
}

/** BackMsg { rerun_script(11): ClientState }: what the browser sends on load and on every widget change. */
export function encodeRerun(req: RerunRequest): Buffer {
  const states = new Writer();
  for (const w of req.widgets ?? []) {
    const s = new Writer().string(1, w.id);
    const field = WIDGET_FIELD[w.kind];
    if (w.kind === 'string') s.string(field, w.value);
    else if (w.kind === 'double') s.double(field, w.value);
    else if (w.kind === 'int') s.sint64(field, w.value);
    else s.bool(field, w.value);
    states.message(1, s); // WidgetStates.widgets
  }
  const context = new Writer().string(1, req.timezone ?? 'UTC').string(3, 'en-US');
  if (req.url) context.string(4, req.url);
  const client = new Writer()
    .string(1, req.queryString ?? '')
    .message(2, states)
    .string(3, req.pageScriptHash ?? '')
    .message(8, context); // ClientState.context_info
  return new Writer().message(11, client).finish();
}

// ---- ForwardMsg --------------------------------------------------------------------------------------

/** Element oneof field numbers of the widgets the bench can drive, and the WidgetState value each takes. */
const WIDGET_ELEMENTS: Record<number, { readonly type: string; readonly kind: WidgetValue['kind'] }> = {
  19: { type: 'button', kind: 'trigger' },
  20: { type: 'checkbox', kind: 'bool' },
  22: { type: 'text_area', kind: 'string' },
  23: { type: 'radio', kind: 'string' },
  24: { type: 'text_input', kind: 'string' },
  25: { type: 'selectbox', kind: 'string' },
};
const ELEMENT_EXCEPTION = 8;

export interface WidgetInfo {
  readonly id: string;
  readonly type: string;
  readonly kind: WidgetValue['kind'];
  readonly label: string;
  /** Selectbox and radio options (field 4 in both), in order. */
  readonly options: readonly string[];
}

export type ForwardEvent =
  | { readonly type: 'new_session'; readonly sessionId: string; readonly pageScriptHash: string }
  | { readonly type: 'widget'; readonly widget: WidgetInfo }
  | { readonly type: 'exception'; readonly message: string }
  | { readonly type: 'element' }
  | { readonly type: 'script_finished'; readonly status: number }
  | { readonly type: 'other'; readonly field: number };

/** ScriptFinishedStatus values that mean the script ran to its end (0 whole app, 3 a fragment). */
export const FINISHED_OK = new Set([0, 3]);
export const FINISHED_EARLY_FOR_RERUN = 2;

/** Reads what the bench cares about from one ForwardMsg (one websocket binary frame). */
export function decodeForward(buf: Uint8Array): ForwardEvent {
  const fields = readFields(buf);
  // The message's `type` oneof is the one field that is not hash(1) or metadata(2).
  const body = fields.find((f) => f.field !== 1 && f.field !== 2);
  if (!body) return { type: 'other', field: 0 };
  if (body.field === 6) return { type: 'script_finished', status: Number(body.varint ?? 0n) };
  if (body.field === 4 && body.bytes) {
    const ns = readFields(body.bytes);
    const init = first(ns, 1);
    const sessionId = init?.bytes ? str(first(readFields(init.bytes), 6)) ?? '' : '';
    return { type: 'new_session', sessionId, pageScriptHash: str(first(ns, 9)) ?? '' };
  }
  if (body.field === 5 && body.bytes) {
    const newElement = first(readFields(body.bytes), 3);
    if (!newElement?.bytes) return { type: 'other', field: 5 };
    const element = readFields(newElement.bytes);
    for (const f of element) {
      if (f.field === ELEMENT_EXCEPTION && f.bytes) {
        const ex = readFields(f.bytes);
        return { type: 'exception', message: `${str(first(ex, 1)) ?? ''}: ${str(first(ex, 2)) ?? ''}` };
      }
      const w = WIDGET_ELEMENTS[f.field];
      if (w && f.bytes) {
        const wf = readFields(f.bytes);
        const id = str(first(wf, 1));
        if (!id) continue;
        const options = w.type === 'selectbox' || w.type === 'radio' ? wf.filter((x) => x.field === 4).map((x) => str(x) ?? '') : [];
        return { type: 'widget', widget: { id, type: w.type, kind: w.kind, label: str(first(wf, 2)) ?? '', options } };
      }
    }
    return { type: 'element' };
  }
  return { type: 'other', field: body.field };
}
