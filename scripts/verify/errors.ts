import { InputError } from '../../infra/cli/input-error.js';

/**
 * The harness itself could not run (bad arguments, unreadable template, malformed waivers): exit 2 with
 * one line. Failures of the deployment under test are never HarnessErrors; they are FAIL rows.
 */
export class HarnessError extends InputError {}

/** The first line of an error's message, for the one-line messages the harness prints. */
export { oneLine } from '../../infra/cli/input-error.js';
