import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { FOREIGN_FIXTURES } from '../../../infra/test/fixtures/foreign/expected.js';
import { runVerify, type VerifyRun } from './run-verify.js';

/**
 * The whole report on templates written in other styles than ours (infra/test/fixtures/foreign/): no
 * row is ever an ERROR or a FAIL made of a harness problem, the rules' verdicts reach the report as the
 * hand-judged table says (infra/test/fixtures/foreign/expected.ts), and every property has the verdict a
 * reader of the template would sign, with the reason below. The property runs use one seed, so a table
 * row never depends on luck.
 */
type Status = 'PASS' | 'FAIL' | 'NOT VERIFIED';
const P: Status = 'PASS', F: Status = 'FAIL', N: Status = 'NOT VERIFIED';

/** What every fixture shares: no Docker (--no-containers), no Dockerfile of theirs, and the spec's cost ceilings. */
const COMMON: Record<string, Status> = {
  P11: F, // every fixture's 10 tasks cost more than about $155 a month (the cost model's figures in the row)
  P13: N, // the health endpoint's latency is measured on the running image: --no-containers
  P14: N, // no container User in the task definition, and no Dockerfile of theirs: the image decides
  P15: N, // the image's size is measured on the image: --no-containers
};

const PROPERTIES: Record<string, Record<string, Status>> = {
  // Close to the spec: every simulated property holds; the alarm topic has no subscriber (P20).
  'handwritten-short-form.yaml': { P1: P, P2: P, P3: P, P4: P, P5: P, P6: P, P7: P, P8: P, P9: P, P10: P, P12: P, P16: P, P17: P, P18: P, P19: P, P20: F },
  // HTTP only: plain HTTP is forwarded, never redirected (P19); the alarm topic has no subscriber (P20).
  'sam-launch-type-http-only.yaml': { P1: P, P2: P, P3: P, P4: P, P5: P, P6: P, P7: P, P8: P, P9: P, P10: P, P12: P, P16: P, P17: P, P18: P, P19: F, P20: F },
  // Subnets, security group sources, the load balancer and the repository live in other stacks: the
  // simulation needs the zones of the subnets, so only what needs no import is judged (P10: its own log group).
  'service-only-imports.yaml': { P1: N, P2: N, P3: N, P4: N, P5: N, P6: N, P7: N, P8: N, P9: N, P10: P, P12: N, P16: N, P17: N, P18: N, P19: N, P20: N },
  // ecs-patterns defaults: one task (P1, P12, P17), no circuit breaker (P5), logs kept forever (P10),
  // HTTP forwarded (P19), no alarm (P20); no repository of its own (P9, P16 not verified).
  'cdk-ecs-patterns.template.json': { P1: F, P2: P, P3: P, P4: P, P5: F, P6: P, P7: P, P8: P, P9: N, P10: F, P12: F, P16: N, P17: F, P18: P, P19: F, P20: F },
};

const RULE_STATUS = { pass: 'pass', fail: 'fail', unknown: 'not-verified' } as const;

describe.each(FOREIGN_FIXTURES.map((f) => [f.file, f] as const))('verify on %s', (file, fixture) => {
  let run: VerifyRun;
  const report = () => {
    run ??= runVerify(['--template', join(REPO_ROOT, 'infra', 'test', 'fixtures', 'foreign', file), '--no-containers'], { PROPERTY_SEED: '7' });
    return run.report();
  };

  it('judges every row: exit 1 for its failures, never an ERROR, never the harness\'s own problem as a FAIL', () => {
    const r = report();
    expect(run.code, run.stderr).toBe(1);
    expect(r.errors).toEqual([]);
    expect(r.counts.ERROR).toBe(0);
    for (const row of r.rows.filter((x) => x.status === 'FAIL')) {
      expect(row.summary, row.id).not.toMatch(/TypeError|ReferenceError|crashed|could not run|HARNESS ERROR/);
    }
  });

  it('every rule\'s verdict reaches the report as the hand-judged table says', () => {
    const r = report();
    for (const [id, [expected]] of Object.entries(fixture.rows)) {
      const source = r.rows.flatMap((row) => row.sources).find((s) => s.source.kind === 'rule' && s.source.id === id);
      expect(source?.status, `${file} ${id}: ${source?.reason ?? source?.evidence}`).toBe(RULE_STATUS[expected]);
    }
  });

  it('every property has the verdict a reader of the template would sign', () => {
    const r = report();
    const expected = { ...COMMON, ...PROPERTIES[file] };
    const got = Object.fromEntries(r.rows.filter((x) => x.kind === 'property').map((x) => [x.id, x.status]));
    const wrong = Object.entries(expected).filter(([id, s]) => got[id] !== s).map(([id, s]) => `${id}: expected ${s}, got ${got[id]} (${r.rows.find((x) => x.id === id)!.summary.slice(0, 300)})`);
    expect(wrong).toEqual([]);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(got).sort());
  });
});
