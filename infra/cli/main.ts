import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageOf, type CommandLine, type CommandSpec, type OptionTable } from './command-line.js';
import { InputError, oneLine } from './input-error.js';

/**
 * The one way every command line tool of the repository starts and ends: parse by the option table,
 * answer --help from it, run, and turn whatever is thrown into one line on stderr and an exit code.
 *
 * Exit codes, the same for every tool: 0 done (and nothing failed), 1 the tool's check found something
 * (each tool says what), 2 the tool could not do its job: bad input (an InputError, whose message says
 * what to change) or its own defect (the message starts "internal error"). Never a stack trace: a user
 * who typed a wrong flag needs the line that says so, not forty lines of node internals.
 */

export interface Command<T extends OptionTable> {
  readonly spec: CommandSpec<T>;
  /** Does the work; returns the exit code (0 or 1; 2 is for errors, thrown). */
  readonly run: (line: CommandLine<T>) => number | Promise<number>;
}

export function defineCommand<T extends OptionTable>(spec: CommandSpec<T>, run: Command<T>['run']): Command<T> {
  return { spec, run };
}

export const EXIT_INPUT = 2;

interface Output { write(text: string): unknown }

/** Runs a command on argv and returns its exit code; never throws, never prints a stack trace. */
export async function runCommand<T extends OptionTable>(cmd: Command<T>, argv: readonly string[], io: { out: Output; err: Output } = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const line = parseCommandLine(cmd.spec, argv);
    if (line === 'help') {
      io.out.write(`${usageOf(cmd.spec)}\n`);
      return 0;
    }
    return await cmd.run(line);
  } catch (e) {
    io.err.write(`${failureLine(cmd.spec.name, e)}\n`);
    return EXIT_INPUT;
  }
}

/** The one line a command prints for an error. */
export function failureLine(name: string, e: unknown): string {
  return `${name}: ${e instanceof InputError ? oneLine(e) : `internal error: ${oneLine(e)}`}`;
}

/**
 * Runs the command as this process: the exit code is set (not forced, so stdout is flushed first),
 * and an error thrown outside the command's promise (an emitter's 'error', a timer) still ends as one
 * line and exit 2.
 */
export function main<T extends OptionTable>(cmd: Command<T>): void {
  const die = (e: unknown) => {
    process.stderr.write(`${failureLine(cmd.spec.name, e)}\n`);
    process.exit(EXIT_INPUT);
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  void runCommand(cmd, process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

/** Whether the module at `importMetaUrl` is the script node was started with (not imported by another). */
export function isEntryPoint(importMetaUrl: string): boolean {
  return process.argv[1] !== undefined && importMetaUrl === pathToFileURL(resolve(process.argv[1])).href;
}
