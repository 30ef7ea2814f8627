import { readInputText } from '../cli/values.js';
import { deploymentConfig, DOCKERFILE_PATH, TemplateError, TemplateView, UnknownValueError, type DeploymentConfig } from '../template/index.js';
import { ALL_RULES } from './index.js';
import type { Rule, RuleOutcome, RuleSubject } from './types.js';

export interface RuleResult { readonly rule: Rule; readonly outcome: RuleOutcome }

/** A subject over a template and (optionally) a Dockerfile's text; the config is read once, lazily. */
export function subjectOf(template: TemplateView, dockerfile: string | undefined): RuleSubject {
  let cached: DeploymentConfig | undefined;
  return { template, dockerfile, config: () => (cached ??= deploymentConfig(template)) };
}

/**
 * The Dockerfile's text, or undefined when there is none. `VERIFY_DOCKERFILE` names another one; set
 * empty it means "no Dockerfile belongs to the template under test" (verify on another template).
 */
/** A Dockerfile is kilobytes; a device (/dev/zero) or a wrong file is not read. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export function readDockerfile(path = process.env.VERIFY_DOCKERFILE ?? DOCKERFILE_PATH): string | undefined {
  if (path === '') return undefined;
  try { return readInputText('Dockerfile', path, MAX_DOCKERFILE_BYTES); } catch { return undefined; }
}

/** Why there is no Dockerfile to read, for NOT VERIFIED rows. */
export const NO_DOCKERFILE = 'no Dockerfile was given for the template under test (--dockerfile FILE)';

/**
 * Runs one rule. A value the template alone cannot determine makes the rule unknown (NOT VERIFIED,
 * naming it); a template that provably lacks what the rule needs is a failure with the missing part as
 * reason; anything else a rule throws is the rule's own defect and propagates (the caller reports ERROR).
 */
export function runRule(rule: Rule, subject: RuleSubject): RuleOutcome {
  if (rule.source === 'dockerfile' && subject.dockerfile === undefined) {
    return { status: 'unknown', reason: NO_DOCKERFILE };
  }
  try {
    return rule.check(subject);
  } catch (e) {
    if (e instanceof UnknownValueError) return { status: 'unknown', reason: e.message };
    if (e instanceof TemplateError) return { status: 'fail', reason: e.message };
    throw e;
  }
}

export function runRules(subject: RuleSubject, rules: readonly Rule[] = ALL_RULES): RuleResult[] {
  return rules.map((rule) => ({ rule, outcome: runRule(rule, subject) }));
}
