import { parseArgs } from 'node:util';
import { HarnessError } from './errors.js';

export interface VerifyOptions {
  /** A template to check instead of synthesizing the project's (JSON or YAML). */
  readonly template: string | undefined;
  /** Parameter values for the template (CloudFormation's [{ParameterKey, ParameterValue}] JSON or a plain map). */
  readonly parameters: string | undefined;
  readonly dockerfile: string | undefined;
  readonly out: string;
  readonly waivers: string | undefined;
  readonly stack: string | undefined;
  readonly region: string | undefined;
  readonly properties: boolean;
  readonly containers: boolean;
  readonly cost: boolean;
  /** NOT VERIFIED rows count as failures (for a release with a live stack). */
  readonly strict: boolean;
  readonly json: boolean;
  readonly timing: boolean;
  readonly verbose: boolean;
  /** The day waivers are judged against (ISO date); today by default. */
  readonly today: string;
  /** A previous report.json to compare with ("Since the last release"). */
  readonly compare: string | undefined;
  /** With --compare: a row that went from PASS to anything else fails the run. */
  readonly strictCompare: boolean;
}

export const USAGE = `usage: npm run verify -- [options]

Synthesizes the template (or reads --template), then runs the rules, the property suite, the cost
model, the container tests (when Docker answers) and the live probes (with --stack), and writes the
compliance report: every criterion R1.1..R12.7 and property P1..P20 with its status and evidence.

options:
  --template FILE     check this template (JSON or YAML) instead of synthesizing the project's
  --parameters FILE   parameter values: [{"ParameterKey":..,"ParameterValue":..}] or a map (JSON or YAML);
                      a parameter without a default and without a value is an unknown (NOT VERIFIED)
  --dockerfile FILE   the Dockerfile the rules read (default: Dockerfile; none with --template)
  --out DIR           where the report goes (default: reports/)
  --waivers FILE      the waivers file (default: waivers.yaml; none with --template)
  --stack NAME        also run the live probes against this CloudFormation stack
  --region REGION     the stack's region (with --stack; default: AWS_REGION)
  --no-properties     do not run the property suite (its rows are NOT VERIFIED)
  --no-containers     do not run the container tests (their rows are NOT VERIFIED)
  --no-cost           do not run the cost model (its rows are NOT VERIFIED)
  --strict            count NOT VERIFIED rows as failures
  --json              also print the JSON report on stdout
  --timing            print the seconds each stage took
  --verbose           stream the output of the suites to stderr
  --today DATE        judge waiver expiry on this ISO date instead of today
  --compare FILE      a previous report.json: the report adds what changed since it (rows, waivers,
                      cost per scenario); the exit code is unchanged
  --strict-compare    with --compare: a row that went from PASS to anything else fails the run
  -h, --help          this text

outputs in DIR: report.md, report.html, report.json, junit.xml, report.sarif
statuses: PASS (a fact read from the template shows it), FAIL (the value and resource that break it),
  WAIVED, NOT VERIFIED (the template alone cannot tell; the unknown is named), ERROR (the harness
  itself broke: a check or stage crashed; never a verdict on the template)
exit codes: 0 every row passes or is waived, 1 something fails, 2 the harness could not run or judge
  (bad arguments, a template that is not an ECS service or that cfn-lint rejects, an ERROR row)`;

/** Parses the command line; `undefined` means --help was asked for. Bad arguments are HarnessErrors. */
export function parseOptions(argv: readonly string[], now = new Date()): VerifyOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        template: { type: 'string' },
        parameters: { type: 'string' },
        dockerfile: { type: 'string' },
        out: { type: 'string' },
        waivers: { type: 'string' },
        stack: { type: 'string' },
        region: { type: 'string' },
        'no-properties': { type: 'boolean' },
        'no-containers': { type: 'boolean' },
        'no-cost': { type: 'boolean' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        timing: { type: 'boolean' },
        verbose: { type: 'boolean' },
        today: { type: 'string' },
        compare: { type: 'string' },
        'strict-compare': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // node's messages carry a trailing hint about `--` that does not apply to npm scripts' users.
    throw new HarnessError(`${(e as Error).message.split('. ')[0].replace(/\.$/, '')} (see --help)`);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  for (const name of ['template', 'parameters', 'dockerfile', 'out', 'waivers', 'stack', 'region', 'today', 'compare'] as const) {
    if (v[name] !== undefined && v[name].trim() === '') throw new HarnessError(`--${name} needs a value (see --help)`);
  }
  if (v['strict-compare'] && v.compare === undefined) throw new HarnessError('--strict-compare needs --compare FILE (see --help)');
  if (v.region !== undefined && v.stack === undefined) throw new HarnessError('--region is only meaningful with --stack (see --help)');
  const region = v.region ?? (v.stack !== undefined ? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION : undefined);
  if (v.stack !== undefined && region === undefined) throw new HarnessError('--stack needs --region (or AWS_REGION)');
  const today = v.today ?? now.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new HarnessError(`--today ${today} is not an ISO date (YYYY-MM-DD)`);
  return {
    template: v.template,
    parameters: v.parameters,
    dockerfile: v.dockerfile,
    out: v.out ?? 'reports',
    waivers: v.waivers,
    stack: v.stack,
    region,
    properties: !v['no-properties'],
    containers: !v['no-containers'],
    cost: !v['no-cost'],
    strict: Boolean(v.strict),
    json: Boolean(v.json),
    timing: Boolean(v.timing),
    verbose: Boolean(v.verbose),
    today,
    compare: v.compare,
    strictCompare: Boolean(v['strict-compare']),
  };
}
