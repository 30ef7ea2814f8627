import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTemplate, serializeTemplate, TEMPLATE_PATH, TemplateError, type TemplateView } from '../../../infra/template/index.js';
import { HarnessError, oneLine } from '../errors.js';
import { templateExceptions } from '../exceptions.js';
import type { NagFinding } from '../types.js';

export interface TemplateUnderTest {
  readonly view: TemplateView;
  /** Absolute path of the file every check reads. */
  readonly path: string;
  readonly text: string;
  readonly origin: 'synthesized' | 'file';
  readonly sha256: string;
  readonly nag: readonly NagFinding[];
  /** Why the run cannot be clean although the template loaded (a stale committed template). */
  readonly problems: readonly string[];
  readonly note: string;
  /** What the report calls it: the template's own description (first sentence), else its file name. */
  readonly title: string;
}

/**
 * The template under test: a given file, or a fresh in-process synthesis of the project's stack. The
 * synthesis is checked against the committed infra/template.json, because that file is what
 * `sam deploy` deploys; when they differ the report checks the synthesis and says the file is stale.
 */
export async function templateUnderTest(given: string | undefined, outDir: string, parameters: Record<string, string> = {}): Promise<TemplateUnderTest> {
  if (given !== undefined) {
    const path = resolve(given);
    const view = loadOrExplain(path, parameters);
    const text = readFileSync(path, 'utf8');
    const given_ = Object.keys(parameters).length > 0 ? ` with ${Object.keys(parameters).length} parameter value(s)` : '';
    return { view, path, text, origin: 'file', sha256: sha(text), nag: [], problems: [], note: `read ${given}${given_}: ${Object.keys(view.resources).length} resources`, title: titleOf(view, given) };
  }
  let synthesis;
  try {
    // Loaded only when synthesizing: the CDK library takes seconds to load, and a given template does not need it.
    const { synthesize } = await import('../../../infra/lib/synthesize.js');
    synthesis = synthesize();
  } catch (e) {
    throw new HarnessError(`synthesis failed: ${oneLine(e)}`);
  }
  const text = serializeTemplate(synthesis.template);
  let committed = '';
  try { committed = readFileSync(TEMPLATE_PATH, 'utf8'); } catch { /* a missing file is stale */ }
  const problems: string[] = [];
  let path = TEMPLATE_PATH;
  if (committed !== text) {
    mkdirSync(outDir, { recursive: true });
    path = join(outDir, 'template.json');
    writeFileSync(path, text);
    problems.push('infra/template.json is stale: it differs from a fresh synthesis (run `npm run synth` and commit it); the report checked the fresh synthesis');
  }
  const view = loadOrExplain(path, parameters);
  const errors = synthesis.nagFindings.filter((f) => f.level === 'error').length;
  const suppressed = templateExceptions(view.json).filter((e) => e.tool === 'cdk-nag').length;
  const note = `synthesized ${Object.keys(view.resources).length} resources; cdk-nag: ${errors} error(s), ${synthesis.nagFindings.length - errors} warning(s), ${suppressed} suppressed (see Exceptions)` +
    (problems.length > 0 ? '; infra/template.json is STALE' : '; infra/template.json is up to date');
  return { view, path, text, origin: 'synthesized', sha256: sha(text), nag: synthesis.nagFindings, problems, note, title: titleOf(view, 'infra/template.json') };
}

/**
 * Loads the template and refuses, before anything is judged, what this harness cannot verify: a
 * template without an ECS service (there is no deployment of a containerized service to judge) and
 * parameter values the template does not declare or allow.
 */
function loadOrExplain(path: string, parameters: Record<string, string>): TemplateView {
  let view: TemplateView;
  try {
    view = loadTemplate(path, parameters);
  } catch (e) {
    if (e instanceof TemplateError) throw new HarnessError(e.message);
    throw new HarnessError(`cannot load template ${path}: ${oneLine(e)}`);
  }
  const declared = view.json.Parameters ?? {};
  for (const [name, value] of Object.entries(parameters)) {
    if (!(name in declared)) throw new HarnessError(`--parameters gives ${name}, which the template does not declare (it declares: ${Object.keys(declared).join(', ') || 'no parameters'})`);
    const allowed = declared[name].AllowedValues;
    if (Array.isArray(allowed) && !allowed.map(String).includes(value)) throw new HarnessError(`--parameters gives ${name} = ${JSON.stringify(value)}, which is not one of its AllowedValues (${allowed.map(String).join(', ')})`);
  }
  let services: number;
  try {
    services = view.ofType('AWS::ECS::Service').length;
  } catch (e) {
    throw new HarnessError(`${path}: ${oneLine(e)}`);
  }
  if (services === 0) {
    const conditional = Object.values(view.json.Resources).some((r) => r.Type === 'AWS::ECS::Service');
    throw new HarnessError(conditional
      ? `${path}: its AWS::ECS::Service is not created with these parameter values (its Condition is false); nothing to verify`
      : `${path} has no AWS::ECS::Service: this harness verifies the deployment of an ECS service behind a load balancer, so there is nothing to judge`);
  }
  return view;
}

/** The template's own name for itself: the first sentence of its Description, else the file's name. */
function titleOf(view: TemplateView, fallback: string): string {
  const d = typeof view.json.Description === 'string' ? view.json.Description.trim() : '';
  const first = d.split(/\n|(?<=\.)\s/)[0]?.trim() ?? '';
  return first !== '' ? first.replace(/\.$/, '').slice(0, 120) : fallback;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
