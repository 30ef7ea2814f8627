import { calendarDate, type CommandSpec, type OptionTable, type OptionValues } from '../../infra/cli/index.js';
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

/**
 * The command line of `npm run verify`: one option table (infra/cli) gives the strict parser and the
 * usage text, so an option cannot be accepted without being documented, or the reverse.
 */
export const VERIFY_COMMAND = {
  name: 'verify',
  synopsis: 'npm run verify -- [options]',
  description: 'Synthesizes the template (or reads --template), then runs the rules, the property suite, the cost\n'
    + 'model, the container tests (when Docker answers) and the live probes (with --stack), and writes the\n'
    + 'compliance report: every criterion R1.1..R12.7 and property P1..P20 with its status and evidence.',
  options: {
    template: { type: 'string', value: 'FILE', help: 'check this template (JSON or YAML) instead of synthesizing the project\'s' },
    parameters: { type: 'string', value: 'FILE', help: 'parameter values: [{"ParameterKey":..,"ParameterValue":..}] or a map (JSON or YAML);\n'
      + 'a parameter without a default and without a value is an unknown (NOT VERIFIED)' },
    dockerfile: { type: 'string', value: 'FILE', help: 'the Dockerfile the rules read (default: Dockerfile; none with --template)' },
    out: { type: 'string', value: 'DIR', help: 'where the report goes (default: reports/); checked writable before the first stage' },
    waivers: { type: 'string', value: 'FILE', help: 'the waivers file (default: waivers.yaml; none with --template)' },
    stack: { type: 'string', value: 'NAME', help: 'also run the live probes against this CloudFormation stack' },
    region: { type: 'string', value: 'REGION', help: 'the stack\'s region (with --stack; default: AWS_REGION)' },
    'no-properties': { type: 'boolean', help: 'do not run the property suite (its rows are NOT VERIFIED)' },
    'no-containers': { type: 'boolean', help: 'do not run the container tests (their rows are NOT VERIFIED)' },
    'no-cost': { type: 'boolean', help: 'do not run the cost model (its rows are NOT VERIFIED)' },
    strict: { type: 'boolean', help: 'count NOT VERIFIED rows as failures' },
    json: { type: 'boolean', help: 'also print the JSON report on stdout' },
    timing: { type: 'boolean', help: 'print the seconds each stage took' },
    verbose: { type: 'boolean', help: 'stream the output of the suites to stderr' },
    today: { type: 'string', value: 'DATE', help: 'judge waiver expiry on this ISO date instead of today' },
    compare: { type: 'string', value: 'FILE', help: 'a previous report.json: the report adds what changed since it (rows, waivers,\n'
      + 'cost per scenario); the exit code is unchanged' },
    'strict-compare': { type: 'boolean', help: 'with --compare: a row that went from PASS to anything else fails the run' },
  },
  epilogue: 'outputs in DIR: report.md, report.html, report.json, junit.xml, report.sarif\n'
    + 'statuses: PASS (a fact read from the template shows it), FAIL (the value and resource that break it),\n'
    + '  WAIVED, NOT VERIFIED (the template alone cannot tell; the unknown is named), ERROR (the harness\n'
    + '  itself broke: a check or stage crashed; never a verdict on the template)\n'
    + 'exit codes: 0 every row passes or is waived, 1 something fails, 2 the harness could not run or judge\n'
    + '  (bad arguments, a template that is not an ECS service or that cfn-lint rejects, an ERROR row)',
} as const satisfies CommandSpec<OptionTable>;

/** The options of a run from the parsed command line: defaults applied, combinations checked. */
export function optionsFrom(v: OptionValues<typeof VERIFY_COMMAND.options>, now = new Date()): VerifyOptions {
  if (v['strict-compare'] && v.compare === undefined) throw new HarnessError('--strict-compare needs --compare FILE (see --help)');
  if (v.region !== undefined && v.stack === undefined) throw new HarnessError('--region is only meaningful with --stack (see --help)');
  // An empty AWS_REGION (an unset variable exported by a CI step) is no region, not the region ''.
  const region = v.region ?? (v.stack !== undefined ? process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined : undefined);
  if (v.stack !== undefined && region === undefined) throw new HarnessError('--stack needs --region (or AWS_REGION)');
  const today = v.today === undefined ? now.toISOString().slice(0, 10) : calendarDate('--today', v.today);
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
    strict: v.strict,
    json: v.json,
    timing: v.timing,
    verbose: v.verbose,
    today,
    compare: v.compare,
    strictCompare: v['strict-compare'],
  };
}
