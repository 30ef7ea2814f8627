import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_IDS } from '../spec-ids.js';
import { loadWaivers } from '../waivers.js';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { setLaunchType } from '../fixtures/mutants.js';
import { derivedTemplate, FIXTURES, idsWith, runVerify, writeTemp, type VerifyRun } from './run-verify.js';

// The property suite and the container tests are not the point here (they have their own test); the
// rules and the cost model are, and they take a second.
const FAST = ['--no-properties', '--no-containers'];
/** The cost ceilings our design does not meet: waived for our template only. */
const UNWAIVED_COST = ['R12.1', 'R12.5', 'P11'];
/** A fresh output directory in which `name` already exists as a directory (or a file), where verify must write. */
function outDirWith(name: string, kind: 'directory' | 'file' = 'directory'): string {
  const dir = mkdtempSync(join(tmpdir(), 'verify-out-'));
  if (kind === 'directory') mkdirSync(join(dir, name));
  else writeFileSync(join(dir, name), '');
  return dir;
}
const stderrLines = (run: VerifyRun) => run.stderr.split('\n').filter((l) => l.trim() !== '');

let own: VerifyRun;
beforeAll(() => {
  own = runVerify(['--template', 'infra/template.json', ...FAST]);
});

describe('npm run verify on the project\'s own template', () => {
  it('exits 0: every failure is waived, and every waiver in waivers.yaml covers a real failure', () => {
    expect(own.code, own.stderr).toBe(0);
    const report = own.report();
    expect(idsWith(report, 'FAIL')).toEqual([]);
    const waived = loadWaivers(join(REPO_ROOT, 'waivers.yaml'), ALL_IDS, true).map((w) => w.id).sort();
    expect(idsWith(report, 'WAIVED').sort()).toEqual(waived);
    expect(report.waivers.every((w) => w.kind === 'applied')).toBe(true);
  });

  it('shows progress on stderr, stage by stage, and says why a stage did not run', () => {
    const lines = stderrLines(own);
    for (const stage of ['synthesis', 'rules', 'properties', 'cost', 'containers', 'probes', 'deploy-evidence']) {
      expect(lines.some((l) => l.includes(`] ${stage}: `)), stage).toBe(true);
    }
    expect(own.stderr).toContain('properties: not run: --no-properties was given');
    expect(own.stderr).toContain('probes: not run: no --stack given');
  });
});

describe('npm run verify on templates written by someone else that break the spec', () => {
  it('a YAML template with short-form intrinsics and no HTTPS listener fails exactly the HTTPS criteria, with reasons, and exits 1', () => {
    const run = runVerify(['--template', join(FIXTURES, 'no-https.yaml'), ...FAST]);
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    const failed = idsWith(report, 'FAIL');
    // R5.3's rule reads "routes traffic" as "the HTTPS listener forwards to the target group", so it
    // may fail too. The fixture keeps the alarm topic's Deny-only policy (R9.5: no notification can be
    // published), and the repository's waivers are not applied to another template, so its cost ceilings
    // fail with their figures; nothing else may.
    expect(failed).toEqual(expect.arrayContaining(['R5.1', 'R5.2']));
    expect(failed.filter((id) => !['R5.1', 'R5.2', 'R5.3', 'P19', 'R9.5', 'P20', ...UNWAIVED_COST].includes(id))).toEqual([]);
    expect(report.waivers).toEqual([]);
    expect(run.stderr).toContain('no waivers applied');
    const r51 = report.rows.find((r) => r.id === 'R5.1')!;
    expect(r51.summary).toMatch(/443|HTTPS/);
    expect(run.stderr).toMatch(/verify: R5\.1 FAIL: .*(443|HTTPS)/);
    expect(stderrLines(run).at(-1)).toMatch(/^verify: FAIL/);
  });

  it('a template whose service sets LaunchType FARGATE fails the capacity provider criteria, naming the launch type, and exits 1', () => {
    const run = runVerify(['--template', derivedTemplate('launch-type.json', setLaunchType), ...FAST]);
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    const failed = idsWith(report, 'FAIL');
    expect(failed).toContain('R3.2');
    // A launch type disables the strategy: its base, its Spot preference and the Spot saving go with it;
    // the cost ceilings fail because the repository's waivers do not apply to another template.
    expect(failed.filter((id) => !['R3.2', 'R3.3', 'R12.2', ...UNWAIVED_COST].includes(id))).toEqual([]);
    expect(report.rows.find((r) => r.id === 'R3.2')!.summary).toMatch(/LaunchType/);
  });
});

describe('npm run verify when the harness cannot run', () => {
  it.each([
    ['a malformed template', ['--template', join(FIXTURES, 'malformed.json')], /^verify: .*not valid JSON/],
    ['a template that does not exist', ['--template', 'no/such/template.yaml'], /^verify: cannot read template .*no such file/],
    ['an unknown option', ['--frobnicate'], /^verify: Unknown option '--frobnicate'/],
    ['an option without its value', ['--template'], /^verify: .*--template/],
    ['a malformed waivers file', ['--waivers', join(FIXTURES, 'malformed.json'), ...FAST], /^verify: waivers file/],
    ['an output directory that cannot be made', ['--template', 'infra/template.json', '--out', join(FIXTURES, 'malformed.json', 'out'), ...FAST], /^verify: cannot write the report to .*ENOTDIR/],
    // Found before the first stage, not after minutes of checks: one line, no progress before it.
    ['an output directory where a report file would go is a directory', ['--template', 'infra/template.json', '--out', outDirWith('report.html'), ...FAST], /^verify: cannot write report\.html in .*: EISDIR$/],
    ['an output directory whose logs/ is a file', ['--template', 'infra/template.json', '--out', outDirWith('logs', 'file'), ...FAST], /^verify: cannot write the suites' logs to .*logs: (EEXIST|ENOTDIR)$/],
    ['a Dockerfile that does not exist', ['--template', 'infra/template.json', '--dockerfile', 'no/Dockerfile', ...FAST], /^verify: cannot read Dockerfile no\/Dockerfile/],
    ['a template without an ECS service', ['--template', writeTemp('topic.yaml', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n'), ...FAST], /^verify: .*topic\.yaml has no AWS::ECS::Service: .*nothing to judge/],
    ['a template CloudFormation would reject (cfn-lint: a DependsOn on nothing)', ['--template', derivedTemplate('dangling.json', (t) => { Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!.DependsOn = ['NoSuchResource']; }), ...FAST], /^verify: .*CloudFormation would reject this template \(cfn-lint E3005: /],
    ['parameter values whose condition removes the service', ['--template', 'infra/template.json', '--parameters', writeTemp('first-deploy.json', '[{"ParameterKey": "ImageTag", "ParameterValue": ""}]'), ...FAST], /^verify: .*AWS::ECS::Service is not created with these parameter values/],
    ['a parameter the template does not declare', ['--template', 'infra/template.json', '--parameters', writeTemp('typo.json', '{"Enviroment": "prod"}'), ...FAST], /^verify: --parameters gives Enviroment, which the template does not declare/],
    ['a parameter value outside its AllowedValues', ['--template', 'infra/template.json', '--parameters', writeTemp('bad-env.json', '{"Environment": "staging"}'), ...FAST], /^verify: --parameters gives Environment = "staging", which is not one of its AllowedValues/],
    ['a parameters file that does not exist', ['--template', 'infra/template.json', '--parameters', 'no/params.json', ...FAST], /^verify: cannot read parameters file .*no such file/],
  ])('%s: exit 2 with one line and no stack trace, and no report', (_what, args, message) => {
    const run = runVerify(args);
    expect(run.code).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(run.out, 'report.json'))).toBe(false);
  });

  it('--help prints the usage, with the exit codes, and exits 0', () => {
    const run = runVerify(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: npm run verify');
    expect(run.stdout).toContain('exit codes');
  });
});

describe('the live probes stage', () => {
  it('with --stack but no AWS credentials, the probes say why they could not run and the live-only rows are NOT VERIFIED with that reason', () => {
    const noAws = {
      AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined,
      AWS_SHARED_CREDENTIALS_FILE: join(FIXTURES, 'no-such-credentials'), AWS_CONFIG_FILE: join(FIXTURES, 'no-such-config'),
      AWS_EC2_METADATA_DISABLED: 'true', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    };
    const run = runVerify(['--template', 'infra/template.json', ...FAST, '--stack', 'vibejudge-missing', '--region', 'us-east-1'], noAws);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/probes: could not run: .*credentials/);
    const r76 = run.report().rows.find((r) => r.id === 'R7.6')!;
    expect(r76.status).toBe('NOT VERIFIED');
    expect(r76.summary).toMatch(/live probe of R7\.6 .*credentials/);
  });

  it('--strict turns NOT VERIFIED rows into failures (the release gate with a live stack)', () => {
    const run = runVerify(['--template', 'infra/template.json', ...FAST, '--no-cost', '--strict']);
    expect(run.code).toBe(1);
    expect(run.report().failures.some((f) => /^R7\.6 NOT VERIFIED \(--strict\)/.test(f))).toBe(true);
  });
});

describe('the container stage', () => {
  it('without Docker the container tests say why they did not run, and the image criteria are NOT VERIFIED with that reason', () => {
    // No docker on the PATH (the report runs node and the suites by absolute path).
    const run = runVerify(['--template', 'infra/template.json', '--no-properties', '--no-cost'], { PATH: FIXTURES });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/containers: not run: docker info could not run \(ENOENT\)/);
    const r12 = run.report().rows.find((r) => r.id === 'R1.2')!;
    expect(r12.status).toBe('NOT VERIFIED');
    expect(r12.summary).toContain('the container tests need Docker');
  });
});

describe('recorded evidence of the deployment script', () => {
  const recorded = (status: 'pass' | 'fail') => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-recorded-'));
    writeFileSync(join(dir, 'emulated.json'), JSON.stringify({ suite: 'emulated', generatedAt: '2026-11-27T01:00:00.000Z', items: [
      { id: 'R11.1', status, evidence: 'deploy.sh names the missing tools', reason: status === 'fail' ? 'exit 0 without sam' : undefined },
    ] }));
    return dir;
  };

  it('is read with its date for the project\'s own template, and a recorded failure fails the row', () => {
    const ok = runVerify(['--template', 'infra/template.json', ...FAST, '--no-cost'], { EVIDENCE_DIR: recorded('pass') });
    expect(ok.report().rows.find((r) => r.id === 'R11.1')).toMatchObject({ status: 'PASS', summary: expect.stringContaining('recorded by emulated at 2026-11-27T01:00:00.000Z') });
    const bad = runVerify(['--template', 'infra/template.json', ...FAST, '--no-cost'], { EVIDENCE_DIR: recorded('fail') });
    expect(bad.code).toBe(1);
    expect(bad.report().rows.find((r) => r.id === 'R11.1')).toMatchObject({ status: 'FAIL', summary: expect.stringContaining('exit 0 without sam') });
  });

  it('is not used for another template, whose deployment it did not test', () => {
    const run = runVerify(['--template', join(FIXTURES, 'no-https.yaml'), ...FAST, '--no-cost'], { EVIDENCE_DIR: recorded('pass') });
    expect(run.report().rows.find((r) => r.id === 'R11.1')).toMatchObject({ status: 'NOT VERIFIED', summary: expect.stringContaining('not on the template under test') });
  });
});

describe('waivers in a run', () => {
  it('the repository\'s own waivers run out: judged on a day after their expiry, the run fails on each', () => {
    const waivers = loadWaivers(join(REPO_ROOT, 'waivers.yaml'), ALL_IDS, true);
    const after = new Date(Math.max(...waivers.map((w) => Date.parse(w.expires))) + 86_400_000).toISOString().slice(0, 10);
    const run = runVerify(['--template', 'infra/template.json', ...FAST, '--today', after]);
    expect(run.code).toBe(1);
    expect(run.report().waivers.filter((w) => w.kind === 'expired').map((w) => w.id).sort()).toEqual(waivers.map((w) => w.id).sort());
  });

  it('an expired waiver fails the run: the row stays FAIL and the expiry is reported', () => {
    const run = runVerify(['--template', 'infra/template.json', '--waivers', join(FIXTURES, 'expired-waivers.yaml'), ...FAST]);
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    expect(report.rows.find((r) => r.id === 'R12.1')).toMatchObject({ status: 'FAIL', waiver: { expired: true } });
    expect(report.waivers).toMatchObject([{ id: 'R12.1', kind: 'expired' }]);
    expect(run.stderr).toContain('the waiver for R12.1 expired on 2020-01-31');
  });
});

describe('parameter values (--parameters)', () => {
  it('judge the configuration they select: the prod values of a template whose parts depend on them', () => {
    // The repository's template: with an AlarmEmail the topic gets its subscriber, so the notification chain is whole.
    const params = writeTemp('prod.json', JSON.stringify([
      { ParameterKey: 'Environment', ParameterValue: 'prod' },
      { ParameterKey: 'AlarmEmail', ParameterValue: 'oncall@example.com' },
    ]));
    const run = runVerify(['--template', 'infra/template.json', '--parameters', params, ...FAST, '--no-cost']);
    expect(run.stderr).toMatch(/with 2 parameter value\(s\)/);
    const rule = run.report().rows.find((r) => r.id === 'R9.5')!.sources.find((s) => s.source.kind === 'rule')!;
    expect(rule.status, rule.reason).toBe('pass');
    expect(rule.evidence).toContain('AlarmEmailSubscription');
  });
});
