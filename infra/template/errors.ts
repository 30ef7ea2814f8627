/** A template that cannot be checked: unreadable, malformed, or missing what a check needs. */
export class TemplateError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
