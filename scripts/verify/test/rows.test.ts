import { describe, expect, it } from 'vitest';
import { notRun, stageError, type Collected, type Findings } from '../findings.js';
import { probeEvidence } from '../../../integration/probes/evidence.js';
import { buildRows } from '../rows.js';
import type { EvidenceRecord, TestResult } from '../types.js';

const item = (id: string, status: EvidenceRecord['status'], text = `${id} seen`, extra: Partial<EvidenceRecord> = {}): EvidenceRecord =>
  ({ suite: 'test', generatedAt: '2026-01-01T00:00:00Z', id, status, evidence: text, ...extra });
const ran = (items: EvidenceRecord[], tests: TestResult[] = []): Collected => ({ ran: true, items, tests });

// GIVEN findings where nothing ran, so each test changes only what it is about
const none: Findings = {
  rule: ran([]), property: notRun('--no-properties was given'), cost: notRun('no cost model'),
  container: notRun('no Docker'), probe: notRun('no --stack given'), deploy: notRun('no recorded evidence'),
};
const row = (findings: Findings, id: string) => buildRows(findings).find((r) => r.id === id)!;

describe('combining the sources of a row', () => {
  it('a row whose only source passes is PASS, with the evidence and its figures', () => {
    const r = row({ ...none, rule: ran([item('R5.1', 'pass', 'listeners 80 and 443', { figures: { listeners: 2 } })]) }, 'R5.1');
    expect(r.status).toBe('PASS');
    expect(r.summary).toContain('listeners 80 and 443');
    expect(r.summary).toContain('listeners = 2');
  });

  it('any failing source makes the row FAIL with its reason, even when the others pass', () => {
    const findings = { ...none, rule: ran([item('R5.2', 'pass')]), property: ran([item('P19', 'fail', 'redirect', { reason: 'HTTP answered 200' })]) };
    const r = row(findings, 'R5.2');
    expect(r.status).toBe('FAIL');
    expect(r.summary).toContain('HTTP answered 200');
  });

  it('a failed test of a property file fails the property, and its message (the counterexample) is kept', () => {
    const tests: TestResult[] = [{ file: 'properties/p07-cooldowns.test.ts', name: 'P7 holds', status: 'failed', message: 'Counterexample: [scaleOut@12s]\nseed 42' }];
    const r = row({ ...none, property: ran([], tests) }, 'P7');
    expect(r.status).toBe('FAIL');
    expect(r.sources[0].details).toContain('seed 42');
  });

  it('a required source that did not run leaves the row NOT VERIFIED and names it with the reason', () => {
    const r = row({ ...none, rule: ran([item('R1.3', 'pass')]) }, 'R1.3');
    expect(r.status).toBe('NOT VERIFIED');
    expect(r.missing.join()).toContain('container test R1.3: no Docker');
  });

  it('a probe that did not run does not hold back a row that offline sources show', () => {
    const r = row({ ...none, rule: ran([item('R2.1', 'pass')]) }, 'R2.1');
    expect(r.status).toBe('PASS');
  });

  it('a probe that ran and failed fails the row', () => {
    const r = row({ ...none, rule: ran([item('R2.1', 'pass')]), probe: ran([item('R2.1', 'fail', 'scan', { reason: 'scan on push is off' })]) }, 'R2.1');
    expect(r.status).toBe('FAIL');
  });

  it('a confirming source (P15\'s property test, which defers to the measured image) does not hold the row back, but its failure fails it', () => {
    const container = ran([item('P15', 'pass', 'image 402.8 MB', { figures: { image_size_mb: 402.8 } })]);
    expect(row({ ...none, container, property: ran([item('P15', 'not-verified', 'x', { reason: 'measured by the container tests' })]) }, 'P15').status).toBe('PASS');
    expect(row({ ...none, container, property: ran([item('P15', 'fail', 'x', { reason: 'final stage copies the wheelhouse' })]) }, 'P15').status).toBe('FAIL');
    expect(row({ ...none, property: ran([item('P15', 'pass')]) }, 'P15').status).toBe('NOT VERIFIED');
  });

  it('a criterion that only a live stack shows names its probe when no stack was given', () => {
    const r = row(none, 'R7.6');
    expect(r.status).toBe('NOT VERIFIED');
    expect(r.summary).toContain('live probe of R7.6');
  });

  it('an item that says not-verified keeps its reason, and a missing item says nothing was reported', () => {
    expect(row({ ...none, cost: ran([item('R12.1', 'not-verified', 'x', { reason: 'no price for eu-north-1' })]) }, 'R12.1').summary).toContain('no price for eu-north-1');
    expect(row({ ...none, cost: ran([]) }, 'R12.5').summary).toContain('nothing reported for R12.5');
  });

  it('every row of the specification is there, in order: R1.1 first, P20 last', () => {
    const rows = buildRows(none);
    expect(rows).toHaveLength(98);
    expect(rows[0].id).toBe('R1.1');
    expect(rows[97].id).toBe('P20');
  });
});

describe('the live probes\' results as evidence', () => {
  const result = (id: string, covers: string[], status: 'pass' | 'fail' | 'error' | 'crashed', detail: string) => ({ id, covers, title: id, status, detail, ms: 3 });
  const asItems = (results: ReturnType<typeof result>[]) => probeEvidence(results).map((i) => ({ ...i, suite: 'probes', generatedAt: '2026-01-01T00:00:00Z' }));

  it('a probe speaks for every id it covers; one that could not look shows nothing', () => {
    const items = asItems([result('P19', ['P19', 'R5.2'], 'pass', '301 to https'), result('R7.6', ['R7.6', 'R7.1'], 'error', 'throttled')]);
    const r52 = row({ ...none, rule: ran([item('R5.2', 'pass')]), property: ran([item('P19', 'pass')]), probe: ran(items) }, 'R5.2');
    expect(r52.status).toBe('PASS');
    expect(r52.sources.find((s) => s.source.kind === 'probe')).toMatchObject({ status: 'pass', evidence: expect.stringContaining('301 to https') });
    const r76 = row({ ...none, probe: ran(items) }, 'R7.6');
    expect(r76.status).toBe('NOT VERIFIED');
    expect(r76.summary).toContain('throttled');
  });

  it('a probe that crashed is the harness\'s ERROR, not a finding about the stack', () => {
    const r = row({ ...none, probe: ran(asItems([result('R7.6', ['R7.6'], 'crashed', "TypeError: Cannot read properties of undefined (reading 'length')")])) }, 'R7.6');
    expect(r.status).toBe('ERROR');
    expect(r.summary).toContain('TypeError');
  });
});

describe('the harness\'s own errors and unknowns are never a FAIL', () => {
  it('a property test that crashed (a TypeError in the model) makes the row ERROR with the cause, not FAIL', () => {
    const tests: TestResult[] = [{ file: 'properties/p08-network-isolation.test.ts', name: 'P8 holds', status: 'failed', message: 'HARNESS ERROR: the property crashed (TypeError: x is undefined), it did not find a violation\nCounterexample: []' }];
    const r = row({ ...none, property: ran([], tests) }, 'P8');
    expect(r.status).toBe('ERROR');
    expect(r.summary).toContain('TypeError: x is undefined');
  });

  it('a mutant that cannot be built is the harness\'s ERROR, not a FAIL of the template', () => {
    const tests: TestResult[] = [{ file: 'properties/p19-https-redirect.test.ts', name: 'P19 rejects a redirect to another host', status: 'failed', message: 'MutantBuildError: mutant: no listener on port 80' }];
    expect(row({ ...none, property: ran([], tests) }, 'P19').status).toBe('ERROR');
  });

  it('a test that threw a TypeError outside any property is an ERROR too', () => {
    const tests: TestResult[] = [{ file: 'properties/p17-multi-az-distribution.test.ts', name: 'P17 holds', status: 'failed', message: "TypeError: Cannot read properties of undefined (reading 'Properties')" }];
    expect(row({ ...none, property: ran([], tests) }, 'P17').status).toBe('ERROR');
  });

  it('a test that needed a value the template cannot tell is NOT VERIFIED, naming the unknown', () => {
    const tests: TestResult[] = [{ file: 'properties/p18-resource-allocation.test.ts', name: 'P18 holds', status: 'failed', message: 'UnknownValueError: AWS::ECS::TaskDefinition Task Memory is not known from the template: parameter Memory has no default and no value was given (--parameters)' }];
    const r = row({ ...none, property: ran([], tests) }, 'P18');
    expect(r.status).toBe('NOT VERIFIED');
    expect(r.summary).toContain('parameter Memory has no default');
  });

  it('a crashed rule makes its row ERROR, while a real failure of another source still fails the row', () => {
    expect(row({ ...none, rule: ran([item('R5.1', 'error', 'rule R5.1', { reason: 'the rule itself crashed: boom' })]) }, 'R5.1').status).toBe('ERROR');
    const both = { ...none, rule: ran([item('R5.2', 'error', 'rule R5.2', { reason: 'boom' })]), property: ran([item('P19', 'fail', 'redirect', { reason: 'HTTP answered 200' })]) };
    expect(row(both, 'R5.2').status).toBe('FAIL');
  });

  it('a stage that crashed makes every row it feeds ERROR with the cause', () => {
    const r = row({ ...none, rule: ran([item('R12.1', 'pass')]), cost: stageError('the cost stage crashed: boom') }, 'R12.1');
    expect(r.status).toBe('ERROR');
    expect(r.summary).toContain('boom');
  });
});

