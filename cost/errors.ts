import { InputError } from '../infra/cli/input-error.js';

/**
 * Input the cost model cannot price: an unknown region, a price the snapshot lacks for a region, an
 * unknown scenario, a usage value out of range. Exit code 2 like TemplateError, so the CLI treats every
 * bad input the same way: one line, no stack trace.
 */
export class CostInputError extends InputError {}
