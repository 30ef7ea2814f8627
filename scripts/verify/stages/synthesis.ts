import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTemplate, serializeTemplate, TEMPLATE_PATH, TemplateError, type TemplateView } from '../../../infra/template/index.js';
import { HarnessError, oneLine } from '../errors.js';
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
}

/**
 * The template under test: a given file, or a fresh in-process synthesis of the project's stack. The
 * synthesis is checked against the committed infra/template.json, because that file is what
 * `sam deploy` deploys; when they differ the report checks the synthesis and says the file is stale.
 */
export async function templateUnderTest(given: string | undefined, outDir: string): Promise<TemplateUnderTest> {
  if (given !== undefined) {
    const path = resolve(given);
    const view = loadOrExplain(path);
    const text = readFileSync(path, 'utf8');
    return { view, path, text, origin: 'file', sha256: sha(text), nag: [], problems: [], note: `read ${given}: ${Object.keys(view.resources).length} resources` };
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
  const view = loadOrExplain(path);
  const errors = synthesis.nagFindings.filter((f) => f.level === 'error').length;
  const note = `synthesized ${Object.keys(view.resources).length} resources; cdk-nag: ${errors} error(s), ${synthesis.nagFindings.length - errors} warning(s)` +
    (problems.length > 0 ? '; infra/template.json is STALE' : '; infra/template.json is up to date');
  return { view, path, text, origin: 'synthesized', sha256: sha(text), nag: synthesis.nagFindings, problems, note };
}

function loadOrExplain(path: string): TemplateView {
  try {
    return loadTemplate(path);
  } catch (e) {
    if (e instanceof TemplateError) throw new HarnessError(e.message);
    throw new HarnessError(`cannot load template ${path}: ${oneLine(e)}`);
  }
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
