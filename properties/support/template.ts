import { deploymentConfig, loadTemplate, TEMPLATE_PATH, TemplateView, type CfnTemplate, type DeploymentConfig } from '../../infra/template/index.js';

/** The template under test: `VERIFY_TEMPLATE` when set, else the committed one. */
export const templateUnderTest: TemplateView = loadTemplate();
export const configUnderTest: DeploymentConfig = deploymentConfig(templateUnderTest);

/**
 * Mutants are built from the committed template, not from the one under test, so "this check can
 * fail" stays proven whatever `VERIFY_TEMPLATE` points at.
 */
const projectTemplate: TemplateView = loadTemplate(TEMPLATE_PATH);

/** A template with one change, as a view. */
export function mutantView(description: string, change: (t: CfnTemplate) => void): TemplateView {
  const json = projectTemplate.cloneJson();
  change(json);
  return new TemplateView(json, `mutant: ${description}`);
}

/** The deployment numbers of a template with one change. */
export function mutantConfig(description: string, change: (t: CfnTemplate) => void): DeploymentConfig {
  return deploymentConfig(mutantView(description, change));
}

/**
 * A mutant that cannot be built (the template it changes lacks the part): a defect of the harness's
 * mutant, never a finding about the template, so the report shows it as ERROR (infra/evidence.ts).
 */
export class MutantBuildError extends Error {
  constructor(message: string) { super(`mutant: ${message}`); this.name = 'MutantBuildError'; }
}

/** The logical id of the first resource of a type in a template (mutants that target one resource). */
export function idOf(t: CfnTemplate, type: string): string {
  const id = Object.keys(t.Resources).find((k) => t.Resources[k].Type === type);
  if (!id) throw new MutantBuildError(`the template has no ${type}`);
  return id;
}

/**
 * The deployment as read from the template a mutant is changing (not from the template under test), so a
 * mutant finds the resource it changes by its role (the service's subnets, the tasks' security group, the
 * alarm's topic) in whatever template it mutates. Read what you need before changing `t`.
 */
export function configOf(t: CfnTemplate): DeploymentConfig {
  return deploymentConfig(new TemplateView(t, 'template being mutated'));
}

/** The alarm on a metric in a template being mutated, and the logical id of the SNS topic its first action notifies. */
export function alarmAndTopic(t: CfnTemplate, metricName: string): { alarmId: string; topicId: string } {
  const c = configOf(t);
  const alarm = c.alarms.find((a) => a.metricName === metricName);
  if (!alarm) throw new MutantBuildError(`the template has no alarm on ${metricName}`);
  const topic = c.alarmNotifications[alarm.id]?.actions.find((a) => a.kind === 'topic');
  if (!topic || topic.kind !== 'topic') throw new MutantBuildError(`the ${metricName} alarm notifies no SNS topic of the template`);
  return { alarmId: alarm.id, topicId: topic.topicLogicalId };
}
