/**
 * Input a tool cannot work with: a bad argument, an unreadable or malformed file, a value out of range,
 * a resource that does not exist, or a missing precondition the user must provide (a Docker engine,
 * credentials). The message says what to change, in one line; the exit code is 2 for
 * every tool, so a script or CI job can tell "the input was wrong" (2) from "the check found
 * something" (1). Every tool's own input errors (TemplateError, CostInputError, HarnessError,
 * ProbeSetupError) extend it, so the one `main` wrapper (main.ts) answers them all the same way.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The first non-empty line of an error's message: what the tools print, never a stack trace. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
}
