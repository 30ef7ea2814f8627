import { describe, expect, it } from 'vitest';
import { decodeForward, encodeRerun, readFields } from './proto.js';

/**
 * The hand-written wire codec against hand-assembled bytes. That it matches Streamlit itself is shown by
 * the smoke run of the benchmark (a real server accepts these BackMsgs and its ForwardMsgs decode).
 */

/** tag + length + bytes of one length-delimited field. */
function ld(field: number, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  if (b.length > 127) throw new Error('test helper: short fields only');
  const key = (field << 3) | 2;
  const tag = key < 128 ? [key] : [(key & 0x7f) | 0x80, key >> 7]; // varint; fields up to 2047
  return Buffer.concat([Buffer.from([...tag, b.length]), b]);
}

describe('the Streamlit wire codec', () => {
  it('encodes a rerun with widget values as BackMsg.rerun_script', () => {
    const msg = encodeRerun({ widgets: [
      { id: 'w1', kind: 'string', value: 'hello' }, { id: 'w2', kind: 'trigger', value: true }, { id: 'w3', kind: 'int', value: -3 },
    ] });
    const [rerun] = readFields(msg);
    expect(rerun.field).toBe(11);
    const client = readFields(rerun.bytes!);
    const states = readFields(client.find((f) => f.field === 2)!.bytes!);
    expect(states.map((s) => s.field)).toEqual([1, 1, 1]);
    const [w1, w2, w3] = states.map((s) => readFields(s.bytes!));
    expect(w1[0].bytes!.toString()).toBe('w1');
    expect(w1[1]).toMatchObject({ field: 6 });
    expect(w1[1].bytes!.toString()).toBe('hello');
    expect(w2[1]).toMatchObject({ field: 2, varint: 1n });
    expect(w3[1]).toMatchObject({ field: 5, varint: 5n }); // sint64 zigzag: -3 -> 5
    expect(client.find((f) => f.field === 8)).toBeDefined(); // context_info, as the frontend sends it
  });

  it('decodes the ForwardMsgs a run is made of', () => {
    expect(decodeForward(Buffer.from([6 << 3, 0]))).toEqual({ type: 'script_finished', status: 0 });
    expect(decodeForward(Buffer.concat([ld(1, 'hash'), Buffer.from([6 << 3, 2])]))).toEqual({ type: 'script_finished', status: 2 });
    const newSession = ld(4, Buffer.concat([ld(1, ld(6, 'sess-1')), ld(9, 'page-hash')]));
    expect(decodeForward(newSession)).toEqual({ type: 'new_session', sessionId: 'sess-1', pageScriptHash: 'page-hash' });
    const selectbox = ld(25, Buffer.concat([ld(1, '$$ID-abc-hack_id'), ld(2, 'Hackathon'), ld(4, 'One'), ld(4, 'Two')]));
    expect(decodeForward(ld(5, ld(3, selectbox)))).toEqual({
      type: 'widget', widget: { id: '$$ID-abc-hack_id', type: 'selectbox', kind: 'string', label: 'Hackathon', options: ['One', 'Two'] },
    });
    const exception = ld(8, Buffer.concat([ld(1, 'KeyError'), ld(2, 'x')]));
    expect(decodeForward(ld(5, ld(3, exception)))).toEqual({ type: 'exception', message: 'KeyError: x' });
  });

  it('rejects truncated frames', () => {
    expect(() => readFields(Buffer.from([(5 << 3) | 2, 10, 1, 2]))).toThrow(/truncated/);
    expect(() => readFields(Buffer.from([0x80]))).toThrow(/truncated varint/);
  });
});
