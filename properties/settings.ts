import type { Parameters } from 'fast-check';

/**
 * Run counts and replay settings for every property, in one place.
 * - `PROPERTY_RUNS`: runs per property (default 1000: with the event engine the property files take
 *   about as long as 100 runs did second by second, see scripts/bench-properties.ts; the nightly job
 *   sets e.g. 5000).
 * - `PROPERTY_MUTANT_RUNS`: the most runs spent looking for the failure a mutant must cause (the
 *   search stops at the first failure, so this only bounds the cost; 3000, because the rarest mutant,
 *   P7's scale-in cooldown of 60 s, took up to about 230 runs to show).
 * - `PROPERTY_MAX_COMMANDS`: the longest event sequence generated.
 * - `PROPERTY_SEED`, `PROPERTY_PATH` and `PROPERTY_REPLAY_PATH`: replay a reported failure (all three
 *   are printed on failure; run only the failing file with them).
 */
function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export const PROPERTY_RUNS = intFromEnv('PROPERTY_RUNS', 1000);
export const MUTANT_RUNS = intFromEnv('PROPERTY_MUTANT_RUNS', 3000);
export const MAX_COMMANDS = intFromEnv('PROPERTY_MAX_COMMANDS', 20);

/** Parameters of a property run on the template under test. */
export function propertyParams(): Parameters<unknown> {
  const seed = process.env.PROPERTY_SEED;
  const path = process.env.PROPERTY_PATH;
  return {
    numRuns: PROPERTY_RUNS,
    // Print what the invariant saw (the Violation message) with the shrunk event sequence.
    includeErrorInReport: true,
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    ...(path !== undefined && path !== '' ? { path } : {}),
  };
}

/** Parameters of a mutant run: the failure only has to be found, not shrunk. */
export function mutantParams(): Parameters<unknown> {
  return { numRuns: MUTANT_RUNS, endOnFailure: true };
}

/** Constraints of every generated command sequence (the replay path of a reported failure when given). */
export function commandConstraints(maxCommands = MAX_COMMANDS): { maxCommands: number; replayPath?: string } {
  const replayPath = process.env.PROPERTY_REPLAY_PATH;
  return { maxCommands, ...(replayPath ? { replayPath } : {}) };
}
