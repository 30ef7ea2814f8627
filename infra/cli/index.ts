/**
 * The command line skeleton every tool of the repository uses: an option table that gives both the
 * strict parser and the usage text (command-line.ts), one input error with exit code 2
 * (input-error.ts), one `main` that turns anything thrown into one line and the right exit code
 * (main.ts), checked values and input files (values.ts) and temporary directories removed at exit (scratch.ts).
 */
export { parseCommandLine, usageOf, type CommandLine, type CommandSpec, type OptionSpec, type OptionTable, type OptionValues } from './command-line.js';
export { InputError, oneLine } from './input-error.js';
export { defineCommand, EXIT_INPUT, failureLine, isEntryPoint, main, runCommand, type Command } from './main.js';
export { removeScratchDir, scratchDir } from './scratch.js';
export { calendarDate, decimalNumber, isCalendarDate, readInputText, readJsonFile, wholeNumber } from './values.js';
