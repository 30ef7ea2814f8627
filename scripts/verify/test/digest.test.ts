import { describe, expect, it } from 'vitest';
import { decisiveEvidence, failureLine, rowReason, shorten, stagesHolding } from '../format/digest.js';
import type { Row, SourceResult, StageSummary } from '../types.js';

const DOCKER = 'the container tests need Docker: docker info failed: Cannot connect to the Docker daemon at unix:///var/run/docker.sock';
const stages: StageSummary[] = [
  { name: 'rules', status: 'ran', seconds: 0.1, note: '62 rules' },
  { name: 'properties', status: 'ran', seconds: 9, note: '20 property files' },
  { name: 'containers', status: 'not-run', seconds: 0, note: `not run: ${DOCKER}`, command: 'bash scripts/setup-docker.sh && npm run verify' },
  { name: 'probes', status: 'not-run', seconds: 0, note: 'not run: no --stack given' },
];
const row = (id: string, status: Row['status'], sources: SourceResult[], summary = `${id} summary`): Row =>
  ({ id, kind: 'criterion', requirement: 1, text: id, status, verdict: status === 'WAIVED' ? 'FAIL' : status, sources, summary, missing: [] });

describe('what decides a row', () => {
  it('a reason that is the stage\'s is not repeated: the row names the source and the stage that did not run', () => {
    const r = row('R1.2', 'NOT VERIFIED', [{ source: { kind: 'container', id: 'R1.2' }, status: 'not-verified', reason: DOCKER }], `needs container test R1.2: ${DOCKER}`);
    const d = decisiveEvidence(r, stages);
    expect(d.text).toBe('container test R1.2: the containers stage did not run');
    expect(d.stage?.name).toBe('containers');
    expect(rowReason(r, stages)).toBe('needs container test R1.2 (the containers stage did not run)');
    expect(stagesHolding(r, stages).map((s) => s.name)).toEqual(['containers']);
  });

  it('a pass is shown by its first required source; a live probe that only confirms does not hold it back', () => {
    const r = row('R3.1', 'PASS', [
      { source: { kind: 'rule', id: 'R3.1' }, status: 'pass', evidence: 'capacity providers: FARGATE, FARGATE_SPOT' },
      { source: { kind: 'probe', id: 'R3.1', confirms: true }, status: 'not-verified', reason: 'the live probes need a deployed stack (--stack NAME)' },
    ]);
    expect(decisiveEvidence(r, stages).text).toBe('rule R3.1: capacity providers: FARGATE, FARGATE_SPOT');
    expect(stagesHolding(r, stages)).toEqual([]);
  });

  it('a property test leads with its check on the template under test (or its first failure); the mutants are counted, not shown', () => {
    const evidence = 'ok: P7 every scale-out waits 60 s: 3 witnesses; ok: P7 holds on the template under test: held in 100 runs (seed 1); ok: P7 mutant ScaleOutCooldown 30: mutant rejected after 2 runs';
    const pass = decisiveEvidence(row('P7', 'PASS', [{ source: { kind: 'property', id: 'P7' }, status: 'pass', evidence }]), stages);
    expect(pass.text).toBe('property test P7 (properties/p07-*.test.ts): P7 holds on the template under test: held in 100 runs (seed 1)');
    expect(pass.more).toBe(2);
    const reason = 'ok: P7 mutant ScaleOutCooldown 30: mutant rejected after 2 runs; FAILED: P7 holds on the template under test: failed after 3 runs (seed 2)';
    const fail = decisiveEvidence(row('P7', 'FAIL', [{ source: { kind: 'property', id: 'P7' }, status: 'fail', reason }]), stages);
    expect(fail.text).toContain('FAILED: P7 holds on the template under test: failed after 3 runs (seed 2)');
  });

  it('a waived row is decided by its waiver; a failing one by its failing source and where it is', () => {
    const failing: SourceResult = { source: { kind: 'rule', id: 'R5.1' }, status: 'fail', reason: 'no HTTPS listener on port 443', resource: 'HTTPListener' };
    expect(decisiveEvidence(row('R5.1', 'FAIL', [failing]), stages).text).toBe('rule R5.1: no HTTPS listener on port 443 (at HTTPListener)');
    const waived = { ...row('R12.1', 'WAIVED', [failing]), waiver: { reason: 'the budget is revisited', expires: '2027-02-27', expired: false } };
    expect(decisiveEvidence(waived, stages).text).toBe('waived until 2027-02-27: the budget is revisited');
  });

  it('a long line is cut at a word, with an ellipsis', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const cut = shorten(long);
    expect(cut.length).toBeLessThanOrEqual(282);
    expect(cut).toMatch(/word\d+ …$/);
    expect(shorten('short\n  text')).toBe('short text');
  });
});

describe('a failure line', () => {
  it('about a row, with --strict, gives what decides the row instead of its whole summary', () => {
    const r = row('R1.2', 'NOT VERIFIED', [{ source: { kind: 'container', id: 'R1.2' }, status: 'not-verified', reason: DOCKER }], `needs container test R1.2: ${DOCKER}`);
    const line = failureLine(`R1.2 NOT VERIFIED (--strict): ${r.summary}`, { rows: [r], stages });
    expect(line).toEqual({ id: 'R1.2', text: 'R1.2 NOT VERIFIED (--strict): container test R1.2: the containers stage did not run' });
  });

  it('about anything else, is kept as said', () => {
    expect(failureLine('the waiver for R12.1 expired on 2026-01-31', { rows: [], stages })).toEqual({ text: 'the waiver for R12.1 expired on 2026-01-31' });
  });
});
