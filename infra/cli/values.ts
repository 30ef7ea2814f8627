import { readFileSync, statSync } from 'node:fs';
import { InputError } from './input-error.js';

/**
 * Values given on a command line or in an input file, checked where they enter: a number the tool
 * would loop over or allocate by must have a bound, a date must exist on the calendar, a file named
 * must be readable and well formed.
 */

/** A whole number in [min, max]; `what` names it in the message (e.g. "--tasks"). */
export function wholeNumber(what: string, text: string, range: { readonly min: number; readonly max: number }): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(n)) throw new InputError(`${what} needs a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(text)}`);
  if (n < range.min || n > range.max) throw new InputError(`${what} must be from ${range.min} to ${range.max}, got ${n}`);
  return n;
}

/** A decimal number in [min, max] (e.g. "--cpus 0.5"); no hex, exponents or empty text, which Number() would take. */
export function decimalNumber(what: string, text: string, range: { readonly min: number; readonly max: number }): number {
  const n = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isFinite(n)) throw new InputError(`${what} needs a number from ${range.min} to ${range.max}, got ${JSON.stringify(text)}`);
  if (n < range.min || n > range.max) throw new InputError(`${what} must be from ${range.min} to ${range.max}, got ${n}`);
  return n;
}

/**
 * The text of a file the user named. What is not a regular file (a directory, a FIFO, /dev/zero, which
 * would be read forever) or is larger than `maxBytes` is refused before reading, with an error from
 * `refuse` (the caller's own InputError subclass) naming `what` it should be.
 */
export function readInputText(what: string, path: string, maxBytes: number, refuse: (message: string) => Error = (m) => new InputError(m)): string {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw refuse(`cannot read ${what} ${path}: ${stat.isDirectory() ? 'it is a directory' : 'not a regular file'}`);
    if (stat.size > maxBytes) throw refuse(`cannot read ${what} ${path}: ${stat.size} bytes, more than the ${maxBytes} it may have`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError || !(e as NodeJS.ErrnoException).code) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file (ENOENT)' : code}`);
  }
}

/** Input files of the tools' own (reports, profiles) are kilobytes; this only keeps a wrong file from filling memory. */
const MAX_JSON_INPUT_BYTES = 16 * 1024 * 1024;

/** A JSON file the user named; unreadable or malformed is an InputError naming `what` it should be. */
export function readJsonFile<T>(what: string, path: string): T {
  const text = readInputText(what, path, MAX_JSON_INPUT_BYTES);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new InputError(`${what} ${path} is not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * Whether `text` is an ISO calendar date (YYYY-MM-DD) that exists. `Date.parse` alone accepts
 * 2099-02-30 (it rolls over to March), so the parsed date must read back as the same text.
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** An ISO calendar date, or an InputError naming `what` (e.g. "--today"). */
export function calendarDate(what: string, text: string): string {
  if (!isCalendarDate(text)) throw new InputError(`${what} ${JSON.stringify(text)} is not a date on the calendar (YYYY-MM-DD)`);
  return text;
}
