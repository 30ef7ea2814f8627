/**
 * The harness itself could not run (bad arguments, unreadable template, malformed waivers): exit 2 with
 * one line. Failures of the deployment under test are never HarnessErrors; they are FAIL rows.
 */
export class HarnessError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** The first line of an error's message, for the one-line messages the harness prints. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
}
