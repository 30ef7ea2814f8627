import type { CfnTemplate, DeploymentConfig, TemplateView } from '../template/index.js';

/** What a rule sees: the template under test, its deployment numbers, and the Dockerfile's text. */
export interface RuleSubject {
  readonly template: TemplateView;
  /** The deployment numbers read from the template; throws a TemplateError when the template lacks a part. */
  config(): DeploymentConfig;
  readonly dockerfile: string | undefined;
}

export type RuleOutcome =
  | { readonly status: 'pass'; readonly evidence: string }
  | { readonly status: 'fail'; readonly reason: string; readonly resource?: string }
  /** The template alone cannot tell (a value from an unknown): NOT VERIFIED, naming the unknown. */
  | { readonly status: 'unknown'; readonly reason: string; readonly resource?: string };

/** A broken variant of the project's template (or Dockerfile) that the rule must reject. */
export type Mutant =
  | { readonly description: string; readonly template: (t: CfnTemplate) => void }
  | { readonly description: string; readonly dockerfile: (text: string) => string };

/**
 * One acceptance criterion that a static artefact can show. Pure: the same subject gives the same outcome.
 */
export interface Rule {
  /** The specification's ID, e.g. `R5.2`. */
  readonly id: string;
  /** What the rule checks, in one line. */
  readonly title: string;
  readonly source: 'template' | 'dockerfile';
  check(subject: RuleSubject): RuleOutcome;
  /** At least one broken variant that this rule rejects (kept as a test). */
  readonly mutants: readonly Mutant[];
}

export const pass = (evidence: string): RuleOutcome => ({ status: 'pass', evidence });
export const fail = (reason: string, resource?: string): RuleOutcome => ({ status: 'fail', reason, resource });
export const unknown = (reason: string, resource?: string): RuleOutcome => ({ status: 'unknown', reason, resource });
