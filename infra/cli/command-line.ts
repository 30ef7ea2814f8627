import { parseArgs } from 'node:util';
import { InputError } from './input-error.js';

/**
 * A command's options as one table, from which both the parser and the usage text come, so the two
 * never disagree. Parsing is strict: an unknown option, a missing value or an unexpected argument is
 * an InputError, never ignored (a mistyped `--check` must not run the command without it).
 */

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The placeholder of a string option's value in the usage text, e.g. FILE. */
  readonly value?: string;
  readonly short?: string;
  /** A string option that may be given more than once; its values in order. */
  readonly multiple?: boolean;
  /** What it does, for the usage text; further lines after '\n' are indented under the first. */
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parsed values: booleans are false when absent, repeatable options [] when absent. */
export type OptionValues<T extends OptionTable> = {
  readonly [K in keyof T]: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? readonly string[] : string | undefined;
};

export interface CommandSpec<T extends OptionTable> {
  /** The prefix of every line the command writes to stderr, e.g. "cost". */
  readonly name: string;
  /** How it is called, e.g. "npm run cost -- [options]". */
  readonly synopsis: string;
  /** What it does: the paragraph before the options. */
  readonly description?: string;
  /** The options; `-h, --help` is added to every command. */
  readonly options: T;
  /** Arguments that are not options (default: none accepted). */
  readonly positionals?: { readonly name: string; readonly help: string; readonly min?: number; readonly max?: number };
  /** The paragraphs after the options: outputs, environment, exit codes. */
  readonly epilogue?: string;
}

export interface CommandLine<T extends OptionTable> {
  readonly values: OptionValues<T>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'this text' };

/** The usage text, generated from the option table. */
export function usageOf<T extends OptionTable>(spec: CommandSpec<T>): string {
  const rows: Array<[string, string]> = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
    `${o.help}${o.multiple ? ' (repeatable)' : ''}`,
  ]);
  if (spec.positionals) rows.unshift([spec.positionals.name, spec.positionals.help]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, help]) => `  ${left.padEnd(width)}${help.split('\n').join(`\n  ${' '.repeat(width)}`)}`);
  return [`usage: ${spec.synopsis}`, spec.description, `options:\n${lines.join('\n')}`, spec.epilogue]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('\n\n');
}

/** Parses argv by the table; `help` when -h/--help was given. Bad arguments are InputErrors. */
export function parseCommandLine<T extends OptionTable>(spec: CommandSpec<T>, argv: readonly string[]): CommandLine<T> | 'help' {
  if ('help' in spec.options) throw new Error(`${spec.name}: --help is every command's own option, not the table's`);
  const table = { ...spec.options, help: HELP };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: spec.positionals !== undefined,
      options: Object.fromEntries(Object.entries(table).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }])),
    });
  } catch (e) {
    throw new InputError(`${parseErrorMessage(e as Error)} (see --help)`);
  }
  if (parsed.values.help) return 'help';
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const given = parsed.values[name];
    if (o.type === 'boolean') { values[name] = given === true; continue; }
    const list = given === undefined ? [] : Array.isArray(given) ? given : [given];
    // `--template ''` (an unset shell variable) must not silently mean the default.
    if (list.some((v) => typeof v !== 'string' || v.trim() === '')) throw new InputError(`--${name} needs a value (see --help)`);
    values[name] = o.multiple ? list : list.at(-1);
  }
  const positionals = parsed.positionals;
  const p = spec.positionals;
  if (p && positionals.length < (p.min ?? 0)) throw new InputError(`${p.name} is required (see --help)`);
  if (p && p.max !== undefined && positionals.length > p.max) throw new InputError(`at most ${p.max} ${p.name} argument(s), got ${positionals.length} (see --help)`);
  return { values: values as OptionValues<T>, positionals };
}

/** node's message, first sentence: the rest is a hint about `--` quoting that does not help a user of npm scripts. */
function parseErrorMessage(e: Error): string {
  const line = e.message.split('\n')[0];
  // `--tasks -1`: node will not take a value that looks like an option, and says so in three lines.
  const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument is ambiguous/.exec(line);
  if (ambiguous) return `${ambiguous[1]} needs a value; for one that starts with '-', write ${ambiguous[1]}=VALUE`;
  return line.split(/\.\s/)[0].replace(/\.$/, '');
}
