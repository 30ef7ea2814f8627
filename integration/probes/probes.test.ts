import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBES } from './index.js';
import { RecordedAlb, breakFixture, brokenCases, fixtureContext, healthyFixture } from './fixture.js';
import { toJson, toJunit, toTable } from './report.js';
import { exitCodeOf, runProbes } from './run.js';

/**
 * Every probe against recorded API answers: it holds on a healthy stack and fails on each broken one.
 * These cover what the emulator cannot show (see integration/emulated and the README's list).
 */
describe('live probes on recorded answers', () => {
  const alb = new RecordedAlb();
  beforeAll(() => alb.start());
  afterAll(() => alb.stop());

  it('every probe holds on the healthy recording', async () => {
    const results = await runProbes(await fixtureContext(healthyFixture(), alb), PROBES);
    const notPassing = results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.detail}`);
    expect(notPassing).toEqual([]);
    expect(exitCodeOf(results)).toBe(0);
  });

  for (const c of brokenCases()) {
    it(`${c.probe} fails when ${c.what}`, async () => {
      const probe = PROBES.find((p) => p.id === c.probe);
      expect(probe, `no probe ${c.probe}`).toBeDefined();
      const [result] = await runProbes(await fixtureContext(breakFixture(healthyFixture(), c), alb), [probe!]);
      expect(result.status, result.detail).toBe('fail');
      expect(exitCodeOf([result])).toBe(1);
    });
  }

  it('every probe has at least one broken recording that it rejects', () => {
    const broken = new Set(brokenCases().map((c) => c.probe));
    expect(PROBES.map((p) => p.id).filter((id) => !broken.has(id))).toEqual([]);
  });

  it('reports as a table, JSON and JUnit with the failure counted', async () => {
    const c = brokenCases().find((x) => x.probe === 'P10')!;
    const results = await runProbes(await fixtureContext(breakFixture(healthyFixture(), c), alb), PROBES);
    const info = { stack: 'vibejudge-dashboard-prod', region: 'eu-west-1', startedAt: '2026-11-27T03:00:00Z' };
    expect(toTable(results)).toMatch(/FAIL\s+P10\s+P10 R9.2 R12.4\s+\/ecs\/vibejudge-dashboard: 30 day/);
    const json = JSON.parse(toJson(results, info));
    expect(json.results.filter((r: { status: string }) => r.status === 'fail').map((r: { id: string }) => r.id)).toEqual(['P10']);
    const junit = toJunit(results, info);
    expect(junit).toContain(`tests="${PROBES.length}" failures="1" errors="0"`);
    expect(junit).toMatch(/<failure message="\/ecs\/vibejudge-dashboard: 30 day/);
  });

  it('a throttled call makes the run exit 2, not 1', async () => {
    const f = healthyFixture();
    const throttled = { ...f, api: { ...f.api, DescribeTargetHealth: { __error: 'ThrottlingException', message: 'Rate exceeded' } } };
    const results = await runProbes(await fixtureContext(throttled, alb), PROBES);
    expect(results.find((r) => r.id === 'P2')?.status).toBe('error');
    expect(exitCodeOf(results)).toBe(2);
  });
});

describe('the nightly schedule', () => {
  it('runs the probe every night with an OIDC role and keeps the JSON and JUnit reports', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const wf = parse(readFileSync(new URL('../../.github/workflows/nightly-probe.yml', import.meta.url), 'utf8'));
    expect(wf.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(wf.permissions['id-token']).toBe('write');
    const steps = wf.jobs.probe.steps as Array<Record<string, any>>;
    expect(steps.some((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials') && s.with['role-to-assume'])).toBe(true);
    const probe = steps.find((s) => String(s.run ?? '').includes('npm run --silent probe'))!;
    expect(probe.run).toMatch(/--json --junit "reports\/probe-/);
    expect(probe.run).toMatch(/exit \$code/); // a failing probe fails the run
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with.path).toBe('reports/');
  });
});

describe('a probe whose own code breaks', () => {
  it('is reported as crashed (the harness\'s defect, exit 2), never as a finding about the stack', async () => {
    const alb = new RecordedAlb();
    await alb.start();
    try {
      const broken = { id: 'P99', covers: ['P99'], title: 'a probe with a bug', run: async () => { (undefined as unknown as { length: number }).length; return { ok: true, detail: '' }; } };
      const [result] = await runProbes(await fixtureContext(healthyFixture(), alb), [broken]);
      expect(result.status).toBe('crashed');
      expect(result.detail).toMatch(/^TypeError: /);
      expect(exitCodeOf([result])).toBe(2);
    } finally {
      alb.stop();
    }
  });
});
