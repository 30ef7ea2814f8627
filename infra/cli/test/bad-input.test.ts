import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TEMPLATE_PATH } from '../../template/index.js';

/**
 * Every command line tool, every kind of bad input: one line on stderr starting with the tool's name,
 * exit code 2, no stack trace, nothing on stdout, and nothing written or lost (no file created where an
 * output was asked for, synth's committed template untouched). One table per tool; a new tool gets one.
 */

const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const missing = join(dir, 'missing.json');
const notADirectory = file('plain-file', 'x');
const aDirectory = join(dir, 'a-directory');
mkdirSync(aDirectory);

const aliasBomb = file('bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nResources:\n  T: {Type: AWS::SNS::Topic, Properties: {Tags: *e}}\n`);
const selfCondition = file('self.yaml', 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  T: {Type: AWS::SNS::Topic, Condition: A}\n');
const notJson = file('broken.json', '{"Resources": ');
const notAReport = file('not-a-report.json', '{"users": 3}');
const jsonNull = file('null.json', 'null');
const empty = file('empty.yaml', '');
// Larger than CloudFormation's 1 MB template limit: refused before it is read or parsed.
const huge = file('huge.yaml', `Resources: {}\n${'#'.repeat(1024 * 1024)}\n`);

interface Case {
  readonly args: readonly string[];
  readonly message: RegExp;
  readonly env?: Record<string, string>;
  /** A path that must not exist afterwards (an output the tool was asked to write). */
  readonly notCreated?: string;
}

interface Tool {
  readonly script: string; readonly name: string; readonly cases: readonly Case[];
  /** The tool writes infra/template.json when it runs: a refused run must leave it untouched. */
  readonly writesTemplate?: boolean;
}

const templateCases = (flag = '--template'): Case[] => [
  { args: [flag, missing], message: /cannot read template/ },
  { args: [flag, aDirectory], message: /cannot read template .*: it is a directory/ },
  { args: [flag, notJson], message: /template|JSON|YAML/i },
  { args: [flag, empty], message: /template/i },
  { args: [flag, aliasBomb], message: /Excessive alias count/ },
  { args: [flag, selfCondition], message: /refers to itself/ },
  // A device is read forever: refused by what it is, not by how long it takes.
  { args: [flag, '/dev/zero'], message: /cannot read template \/dev\/zero: not a regular file/ },
  { args: [flag, huge], message: /cannot read template .*huge\.yaml: \d+ bytes, more than the 1048576/ },
];

const commonCases = (): Case[] => [
  { args: ['--frobnicate'], message: /Unknown option '--frobnicate' \(see --help\)/ },
  { args: ['stray'], message: /Unexpected argument 'stray'/ },
];

const TOOLS: readonly Tool[] = [
  {
    script: 'infra/rules/cli.ts', name: 'rules', cases: [
      ...commonCases(),
      { args: ['--template'], message: /argument missing/ },
      { args: ['--template', ''], message: /--template needs a value/ },
      { args: ['--json=yes'], message: /does not take an argument/ },
      { args: ['--dockerfile', missing], message: /cannot read Dockerfile .*: no such file/ },
      { args: ['--dockerfile', '/dev/zero'], message: /cannot read Dockerfile \/dev\/zero: not a regular file/, notCreated: join(dir, 'verify-out') },
      ...templateCases(),
    ],
  },
  {
    // A mistyped --check must not rewrite the committed template (the check below compares its bytes and time).
    script: 'infra/bin/synth.ts', name: 'synth', writesTemplate: true, cases: [
      ...commonCases(),
      { args: ['--chek'], message: /Unknown option '--chek'/ },
      { args: ['check'], message: /Unexpected argument 'check'/ },
      { args: ['--check=yes'], message: /does not take an argument/ },
    ],
  },
  {
    script: 'cost/cli.ts', name: 'cost', cases: [
      ...commonCases(),
      { args: ['--region', 'mars-1'], message: /unknown region mars-1/ },
      { args: ['--region', 'eu-west-1'], message: /no eu-west-1 price for/ },
      { args: ['--scenario', 'nope'], message: /unknown scenario nope/ },
      { args: ['--scenario', 'daily-curve', '--tasks', '3'], message: /--tasks does not apply/ },
      { args: ['--tasks', 'many'], message: /--tasks needs a whole number/ },
      { args: ['--tasks', '-1'], message: /--tasks needs a value; for one that starts with '-', write --tasks=VALUE/ },
      { args: ['--tasks=-1'], message: /--tasks needs a whole number/ },
      { args: ['--tasks', '1.5'], message: /--tasks needs a whole number/ },
      { args: ['--tasks', '100000000000000000000'], message: /--tasks needs a whole number/ },
      { args: ['--tasks', '2000000000'], message: /--tasks must be from 0 to 1000000000/ },
      { args: ['--tasks'], message: /argument missing/ },
      { args: ['--free-tier=no'], message: /does not take an argument/ },
      ...templateCases(),
    ],
  },
  {
    script: 'integration/probes/cli.ts', name: 'probe', cases: [
      ...commonCases(),
      { args: [], message: /--stack NAME is required/ },
      { args: ['--stack', 's'], env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' }, message: /no region/ },
      { args: ['--stack', 's', '--region', 'us-east-1', '--only', 'P1,P99', '--junit', join(dir, 'probe.xml')], message: /unknown probe id in --only/, notCreated: join(dir, 'probe.xml') },
      { args: ['--stack', 's', '--region', 'us-east-1', '--timeout', '0'], message: /--timeout must be from 1 to 600/ },
      { args: ['--stack', 's', '--region', 'us-east-1', '--timeout', 'soon'], message: /--timeout needs a whole number/ },
      { args: ['--stack', 's', '--region', 'us-east-1', '--junit', ''], message: /--junit needs a value/ },
    ],
  },
  {
    // The twin-starting tools must refuse before starting anything (no Docker needed to see it).
    script: 'integration/capacity/bench.ts', name: 'bench:capacity', cases: [
      ...commonCases(),
      { args: ['--users', '0'], message: /--users must be from 1 to 1000/ },
      { args: ['--users', '1e3'], message: /--users needs a whole number/ },
      { args: ['--users', ''], message: /--users needs a value/ },
      { args: ['--duration', '99999'], message: /--duration must be from 1 to 1800/ },
      { args: ['--cpus', '0x10'], message: /--cpus needs a number/ },
      { args: ['--cpus', '9'], message: /--cpus must be from 0.1 to 4/ },
      { args: ['--tasks', '100'], message: /--tasks must be from 1 to 8/ },
      { args: ['--think', 'NaN'], message: /--think needs a number/ },
    ],
  },
  {
    script: 'integration/capacity/profile.ts', name: 'profile', cases: [
      ...commonCases(),
      { args: ['--repeats', '0'], message: /--repeats must be from 1 to 50/ },
      { args: ['--repeats', 'many'], message: /--repeats needs a whole number/ },
    ],
  },
  {
    script: 'integration/capacity/chromium-load.ts', name: 'chromium-load', cases: [
      ...commonCases(),
      { args: ['--url', 'localhost:8501'], message: /is not an http\(s\) URL/ },
    ],
  },
  {
    script: 'integration/capacity/capacity.ts', name: 'capacity', cases: [
      ...commonCases(),
      { args: [], message: /--profile PROFILE.json is required/ },
      { args: ['--profile', missing], message: /cannot read profile .*: no such file/ },
      { args: ['--profile', aDirectory], message: /cannot read profile .*: it is a directory/ },
      { args: ['--profile', notJson], message: /profile .* is not JSON/ },
      { args: ['--profile', jsonNull], message: /the profile has no/ },
      { args: ['--profile', notAReport], message: /the profile has no/ },
      { args: ['--profile', notAReport, '--users', 'lots'], message: /--users needs a whole number/ },
    ],
  },
  {
    script: 'integration/capacity/sizing.ts', name: 'sizing', cases: [
      ...commonCases(),
      { args: ['--from', missing], message: /cannot read benchmark report/ },
      { args: ['--from', notJson], message: /is not JSON/ },
    ],
  },
  {
    script: 'integration/capacity/capacity-evidence.ts', name: 'capacity-evidence', cases: [
      { args: [], message: /BENCH.json is required/ },
      { args: ['a.json', 'b.json'], message: /at most 1 BENCH.json argument/ },
      { args: [missing], message: /cannot read benchmark report/ },
      { args: [notJson], message: /is not JSON/ },
      { args: [jsonNull], message: /is not a benchmark report/ },
      { args: [notAReport], message: /is not a benchmark report/ },
      { args: ['/dev/zero'], message: /cannot read benchmark report \/dev\/zero: not a regular file/ },
    ],
  },
  {
    script: 'scripts/bench-foreign.ts', name: 'bench-foreign', cases: [
      { args: ['--frobnicate'], message: /Unknown option '--frobnicate'/ },
      { args: ['--runs', '0'], message: /--runs must be from 1 to 100/ },
      { args: ['--runs', 'five'], message: /--runs needs a whole number/ },
      { args: [missing], message: /cannot read template .*missing\.json: no such file/ },
    ],
  },
  {
    script: 'scripts/bench-properties.ts', name: 'bench-properties', cases: [
      { args: ['--frobnicate'], message: /Unknown option '--frobnicate'/ },
      { args: ['--runs', 'abc'], message: /--runs needs a whole number/ },
      { args: ['--event-runs', '0'], message: /--event-runs must be from 1 to 100000/ },
    ],
  },
  {
    // What verify refuses before any stage (its refusals of templates, waivers and parameters are in
    // scripts/verify/test/cli.test.ts); --out must never be created for a refused run.
    script: 'scripts/verify.ts', name: 'verify', cases: [
      ...commonCases(),
      { args: ['--out', join(dir, 'verify-out'), '--today', '2099-02-30'], message: /--today "2099-02-30" is not a date on the calendar/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--strict-compare'], message: /--strict-compare needs --compare FILE/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--region', 'us-east-1'], message: /--region is only meaningful with --stack/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--stack', 's'], env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' }, message: /--stack needs --region/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', ''], message: /--out needs a value/ },
      { args: ['--out', join(notADirectory, 'out')], message: /cannot write the report to .*: (ENOTDIR|EEXIST)/ },
      { args: ['--no-properties=yes'], message: /does not take an argument/ },
      // Files read before the first stage; a device would be read forever.
      { args: ['--out', join(dir, 'verify-out'), '--waivers', '/dev/zero'], message: /cannot read waivers file \/dev\/zero: not a regular file/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--compare', '/dev/zero'], message: /cannot read --compare \/dev\/zero: not a regular file/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--dockerfile', '/dev/zero'], message: /cannot read Dockerfile \/dev\/zero: not a regular file/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--parameters', '/dev/zero'], message: /cannot read parameters file \/dev\/zero: not a regular file/, notCreated: join(dir, 'verify-out') },
      { args: ['--out', join(dir, 'verify-out'), '--compare', aDirectory], message: /cannot read --compare .*: it is a directory/, notCreated: join(dir, 'verify-out') },
      ...templateCases().map((c) => ({ ...c, args: ['--out', join(dir, 'verify-out'), ...c.args], notCreated: join(dir, 'verify-out') })),
    ],
  },
];

function run(script: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, VERIFY_TEMPLATE: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The committed template's bytes and modification time: rewriting it, even with the same text, is a change. */
const sha = (path: string) => `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`;

for (const tool of TOOLS) {
  describe(`${tool.name} (${tool.script}) refuses bad input`, { timeout: 120_000 }, () => {
    it.each(tool.cases.map((c) => [c.args.map((a) => a.replace(dir, '<tmp>')).join(' '), c] as const))('%s', (_label, c) => {
      const templateBefore = tool.writesTemplate ? sha(TEMPLATE_PATH) : undefined;
      const r = run(tool.script, c.args, c.env);
      expect({ code: r.code, signal: r.signal }, r.stderr).toEqual({ code: 2, signal: null });
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0].startsWith(`${tool.name}: `), lines[0]).toBe(true);
      expect(lines[0]).toMatch(c.message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe('');
      if (templateBefore) expect(sha(TEMPLATE_PATH), 'the committed template was rewritten').toBe(templateBefore);
      if (c.notCreated) expect(existsSync(c.notCreated), `${c.notCreated} was written`).toBe(false);
    });
  });
}

