import { existsSync } from 'node:fs';
import { parse } from 'yaml';
import { isCalendarDate, readInputText } from '../../infra/cli/values.js';
import { HarnessError } from './errors.js';
import type { Row, WaiverNote } from './types.js';

/** A criterion the owner accepts as not met, until a date. */
export interface Waiver { readonly id: string; readonly reason: string; readonly expires: string }

const KEYS = new Set(['id', 'reason', 'expires']);

/**
 * Reads the waivers file (`waivers:` followed by a list of `{id, reason, expires}`). A missing file is
 * no waivers; a malformed one stops the harness, because a typo in a waiver must not silently un-waive
 * (or waive) anything.
 */
export function loadWaivers(path: string, knownIds: readonly string[], mustExist: boolean): Waiver[] {
  if (!mustExist && !existsSync(path)) return [];
  const text = readInputText('waivers file', path, 1024 * 1024, (m) => new HarnessError(m));
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new HarnessError(`waivers file ${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  const list = (doc as { waivers?: unknown }).waivers;
  const topKeys = typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc as object) : [];
  if (topKeys.length !== 1 || topKeys[0] !== 'waivers' || !(list === null || Array.isArray(list))) {
    throw new HarnessError(`waivers file ${path}: expected a top-level "waivers:" list`);
  }
  const known = new Set(knownIds);
  const seen = new Set<string>();
  return (list ?? []).map((entry: unknown, i: number) => {
    const where = `waivers file ${path}, entry ${i + 1}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new HarnessError(`${where}: expected a mapping with id, reason and expires`);
    const e = entry as Record<string, unknown>;
    const extra = Object.keys(e).filter((k) => !KEYS.has(k));
    if (extra.length > 0) throw new HarnessError(`${where}: unknown key ${extra[0]} (expected id, reason, expires)`);
    const id = typeof e.id === 'string' ? e.id.trim() : '';
    if (!known.has(id)) throw new HarnessError(`${where}: ${id === '' ? 'no id' : `${id} is not a criterion or property of the specification`}`);
    if (seen.has(id)) throw new HarnessError(`${where}: ${id} is waived twice`);
    seen.add(id);
    const reason = typeof e.reason === 'string' ? e.reason.trim() : '';
    if (reason === '') throw new HarnessError(`${where} (${id}): a waiver needs a written reason`);
    const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : typeof e.expires === 'string' ? e.expires.trim() : '';
    // A day that does not exist (2099-02-30) would be compared as text and so quietly mean another day.
    if (!isCalendarDate(expires)) {
      throw new HarnessError(`${where} (${id}): expires must be an ISO date on the calendar (YYYY-MM-DD), got ${JSON.stringify(e.expires ?? null)}`);
    }
    return { id, reason, expires };
  });
}

/**
 * Marks waived failures WAIVED (the row keeps its evidence and reason). A waiver is good through its
 * expiry day; after it, the row stays FAIL and the expired waiver is itself a failure. A waiver for a
 * row that passes is stale (a warning: remove it) on the template the waivers were written for, and
 * merely unused on another; one for a row that was not verified waits unused.
 */
export function applyWaivers(rows: Row[], waivers: readonly Waiver[], today: string, ownTemplate = true): WaiverNote[] {
  const notes: WaiverNote[] = [];
  for (const w of waivers) {
    const row = rows.find((r) => r.id === w.id);
    if (!row) continue;
    const expired = w.expires < today;
    row.waiver = { reason: w.reason, expires: w.expires, expired };
    if (expired) {
      notes.push({ id: w.id, kind: 'expired', message: `the waiver for ${w.id} expired on ${w.expires} (${w.reason})` });
      continue;
    }
    if (row.verdict === 'FAIL') {
      row.status = 'WAIVED';
      notes.push({ id: w.id, kind: 'applied', message: `${w.id} is waived until ${w.expires}: ${w.reason}` });
    } else if (row.verdict === 'PASS' && ownTemplate) {
      notes.push({ id: w.id, kind: 'stale', message: `the waiver for ${w.id} is stale: the criterion passes; remove it from the waivers file` });
    } else if (row.verdict === 'PASS') {
      // Waivers written for one template, applied to another: passing here says nothing about the waiver.
      notes.push({ id: w.id, kind: 'unused', message: `the waiver for ${w.id} is unused: the criterion passes on this template` });
    } else {
      const why = row.verdict === 'ERROR' ? 'the harness could not judge the criterion in this run' : 'the criterion was not verified in this run';
      notes.push({ id: w.id, kind: 'unused', message: `the waiver for ${w.id} is unused: ${why}` });
    }
  }
  return notes;
}
