import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../template/index.js';
import { calendarDate, defineCommand, InputError, isCalendarDate, parseCommandLine, runCommand, usageOf, wholeNumber } from '../index.js';

const spec = {
  name: 'demo',
  synopsis: 'demo [options] FILE',
  description: 'Does a demo.',
  options: {
    template: { type: 'string', value: 'FILE', help: 'the template\nsecond line' },
    scenario: { type: 'string', value: 'NAME', multiple: true, help: 'a scenario' },
    check: { type: 'boolean', help: 'only compare' },
  },
  positionals: { name: 'FILE', help: 'the input', max: 1 },
  epilogue: 'exit: 0 ok, 2 bad input',
} as const;

/** Runs a command in-process and captures what it writes. */
async function run(argv: string[], body: () => number | Promise<number> = () => 0) {
  let out = '';
  let err = '';
  const code = await runCommand(defineCommand(spec, body), argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('the command line skeleton', () => {
  it('parses by the option table: booleans false when absent, repeatable options in order', () => {
    const line = parseCommandLine(spec, ['--template', 't.json', '--scenario', 'a', '--scenario=b', 'in.txt']);
    expect(line).toEqual({ values: { template: 't.json', scenario: ['a', 'b'], check: false }, positionals: ['in.txt'] });
  });

  it.each([
    [['--chek'], /Unknown option '--chek' \(see --help\)$/],
    [['--template'], /argument missing/],
    [['--template', '-x'], /^--template needs a value; for one that starts with '-', write --template=VALUE \(see --help\)$/],
    [['--template', ''], /--template needs a value/],
    [['--check=yes'], /does not take an argument/],
    [['a', 'b'], /at most 1 FILE argument/],
  ])('refuses %j with one InputError line', (argv, message) => {
    expect(() => parseCommandLine(spec, argv)).toThrow(InputError);
    expect(() => parseCommandLine(spec, argv)).toThrow(message);
  });

  it('generates the usage from the table, with --help added', () => {
    const usage = usageOf(spec);
    expect(usage).toMatch(/^usage: demo \[options\] FILE\n\nDoes a demo\.\n\noptions:\n/);
    expect(usage).toContain('\n  FILE             the input\n  --template FILE  the template\n                   second line\n');
    expect(usage).toMatch(/--scenario NAME +a scenario \(repeatable\)/);
    expect(usage).toMatch(/-h, --help +this text/);
    expect(usage).toMatch(/exit: 0 ok, 2 bad input$/);
  });

  it('answers --help on stdout with exit 0, without running the command', async () => {
    const r = await run(['--help'], () => { throw new Error('ran'); });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`${usageOf(spec)}\n`);
  });

  it('turns an input error into one line and exit 2', async () => {
    const r = await run(['--nope']);
    expect(r).toEqual({ code: 2, out: '', err: "demo: Unknown option '--nope' (see --help)\n" });
  });

  it('turns an unexpected error into one "internal error" line and exit 2, without its stack', async () => {
    const r = await run([], () => { throw new TypeError('x is undefined\n    at f (file.ts:1:1)'); });
    expect(r).toEqual({ code: 2, out: '', err: 'demo: internal error: x is undefined\n' });
  });

  it('returns the command\'s own exit code', async () => {
    expect((await run([], async () => 1)).code).toBe(1);
  });
});

describe('checked values', () => {
  it.each(['2099-02-30', '2027-13-01', '2026-02-29', '2027-1-01', 'tomorrow', '2027-04-31'])('%s is not a calendar date', (text) => {
    expect(isCalendarDate(text)).toBe(false);
    expect(() => calendarDate('--today', text)).toThrow(InputError);
  });

  it.each(['2028-02-29', '2027-12-31', '2027-01-01'])('%s is a calendar date', (text) => {
    expect(calendarDate('--today', text)).toBe(text);
  });

  it('whole numbers within a range', () => {
    expect(wholeNumber('--runs', '5', { min: 1, max: 10 })).toBe(5);
    expect(() => wholeNumber('--runs', '0', { min: 1, max: 10 })).toThrow('--runs must be from 1 to 10, got 0');
    expect(() => wholeNumber('--runs', '2.5', { min: 1, max: 10 })).toThrow('--runs needs a whole number from 1 to 10');
    expect(() => wholeNumber('--runs', '99999999999999999999', { min: 1, max: 10 })).toThrow(InputError);
  });
});

describe('scratch directories', () => {
  it.each([['ends normally', null], ['is stopped by SIGTERM', 'SIGTERM'], ['is interrupted by SIGINT', 'SIGINT']] as const)('are removed when the process %s', async (_how, signal) => {
    // The child stays alive while its stdin is open, so the directory is seen before the child ends (a
    // child that exits at once could remove it before the parent looks); closing stdin ends it normally.
    const script = `import { scratchDir } from ${JSON.stringify(join(REPO_ROOT, 'infra', 'cli', 'scratch.ts'))};
      console.log(scratchDir('scratch-test'));
      process.stdin.resume();
      ${signal ? 'setInterval(() => {}, 1000);' : ''}`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
    const dir = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
    expect(existsSync(dir)).toBe(true);
    if (signal) child.kill(signal);
    else child.stdin.end();
    const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : 0);
    expect(existsSync(dir), `${dir} left behind`).toBe(false);
  }, 30_000);
});
