import { InputError } from '../cli/input-error.js';

/** A template that cannot be checked: unreadable, malformed, or missing what a check needs (exit 2). */
export class TemplateError extends InputError {}

/**
 * A value the template alone cannot determine: a parameter without a default (and none given with
 * `--parameters`), `Fn::ImportValue`, an SSM parameter, a resource of another stack. It is neither a
 * pass nor a fail: every check that needs the value reports NOT VERIFIED and names the unknown.
 */
export class UnknownValueError extends TemplateError {
  constructor(
    /** What could not be read, e.g. "AWS::ECS::TaskDefinition Task Memory". */
    readonly what: string,
    /** Why, naming the unknown, e.g. "it comes from Fn::ImportValue SharedVpcId". */
    readonly why: string,
  ) {
    super(`${what} is not known from the template: ${why}`);
    this.name = 'UnknownValueError';
  }
}
