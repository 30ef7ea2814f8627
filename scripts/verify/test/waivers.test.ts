import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { HarnessError } from '../errors.js';
import type { Row } from '../types.js';
import { ALL_IDS } from '../spec-ids.js';
import { applyWaivers, loadWaivers } from '../waivers.js';
import { writeTemp } from './run-verify.js';

const rowWith = (id: string, verdict: Row['verdict']): Row =>
  ({ id, kind: 'criterion', requirement: 12, text: '', status: verdict, verdict, sources: [], summary: 'x', missing: [] });
const load = (text: string) => loadWaivers(writeTemp('waivers.yaml', text), ALL_IDS, true);

describe('waivers', () => {
  it('a waived failure is WAIVED with its reason until the expiry day, inclusive', () => {
    const rows = [rowWith('R12.1', 'FAIL')];
    const notes = applyWaivers(rows, [{ id: 'R12.1', reason: '$86.92 against $60', expires: '2027-02-27' }], '2027-02-27');
    expect(rows[0].status).toBe('WAIVED');
    expect(rows[0].waiver?.reason).toBe('$86.92 against $60');
    expect(notes.map((n) => n.kind)).toEqual(['applied']);
  });

  it('an expired waiver leaves the row FAIL and is itself reported as expired', () => {
    const rows = [rowWith('R12.1', 'FAIL')];
    const notes = applyWaivers(rows, [{ id: 'R12.1', reason: 'pilot', expires: '2027-02-27' }], '2027-02-28');
    expect(rows[0].status).toBe('FAIL');
    expect(notes).toMatchObject([{ id: 'R12.1', kind: 'expired' }]);
  });

  it('a waiver for a criterion that passes is stale, and the row stays PASS', () => {
    const rows = [rowWith('R12.7', 'PASS')];
    expect(applyWaivers(rows, [{ id: 'R12.7', reason: 'r', expires: '2099-01-01' }], '2026-01-01')).toMatchObject([{ kind: 'stale' }]);
    // Applied to another team's template, a waiver for a passing criterion is not stale, only unused.
    expect(applyWaivers(rows, [{ id: 'R12.7', reason: 'r', expires: '2099-01-01' }], '2026-01-01', false)).toMatchObject([{ kind: 'unused', message: expect.stringContaining('passes on this template') }]);
    expect(rows[0].status).toBe('PASS');
  });

  it('reads the list with id, reason and an ISO expiry date', () => {
    expect(load('waivers:\n  - id: R12.1\n    reason: too dear\n    expires: 2027-02-27\n')).toEqual([{ id: 'R12.1', reason: 'too dear', expires: '2027-02-27' }]);
  });

  it.each([
    ['an unknown id', 'waivers:\n  - id: R13.1\n    reason: r\n    expires: 2027-01-01\n', 'R13.1 is not a criterion'],
    ['no reason', 'waivers:\n  - id: R12.1\n    expires: 2027-01-01\n', 'needs a written reason'],
    ['a date that is not ISO', 'waivers:\n  - id: R12.1\n    reason: r\n    expires: 27/02/2027\n', 'ISO date'],
    ['a day February does not have', 'waivers:\n  - id: R12.1\n    reason: r\n    expires: 2099-02-30\n', 'ISO date on the calendar'],
    ['a 31st of a 30-day month, quoted', 'waivers:\n  - id: R12.1\n    reason: r\n    expires: "2027-04-31"\n', 'ISO date on the calendar'],
    ['a month 13', 'waivers:\n  - id: R12.1\n    reason: r\n    expires: 2027-13-01\n', 'ISO date on the calendar'],
    ['a misspelt key', 'waivers:\n  - id: R12.1\n    reason: r\n    expiry: 2027-01-01\n', 'unknown key expiry'],
    ['the same id twice', 'waivers:\n  - {id: P11, reason: r, expires: 2027-01-01}\n  - {id: P11, reason: r, expires: 2027-01-01}\n', 'waived twice'],
    ['no list', 'R12.1: yes\n', 'top-level "waivers:" list'],
  ])('rejects a waivers file with %s', (_what, text, message) => {
    expect(() => load(text)).toThrow(HarnessError);
    expect(() => load(text)).toThrow(message);
  });

  it('the repository\'s waivers file is valid, each waiver with a reason that states figures and an expiry within a year', () => {
    const waivers = loadWaivers(join(REPO_ROOT, 'waivers.yaml'), ALL_IDS, true);
    expect(waivers.length).toBeGreaterThan(0);
    for (const w of waivers) {
      expect(w.reason, w.id).toMatch(/\$\d+\.\d\d/);
      expect(Date.parse(w.expires) - Date.now(), w.id).toBeLessThan(366 * 86_400_000);
    }
  });
});
