import { resolve } from 'node:path';
import { parseDocument, type ScalarTag, type CollectionTag, YAMLMap, YAMLSeq } from 'yaml';
import { readInputText } from '../cli/values.js';
import { TemplateError } from './errors.js';
import { TEMPLATE_PATH } from './paths.js';
import { parametersUnderTest } from './parameters.js';
import { TemplateView, type CfnTemplate } from './view.js';

/** The template every check reads: `VERIFY_TEMPLATE` when set, else the committed synthesized template. */
export function templatePathUnderTest(): string {
  const override = process.env.VERIFY_TEMPLATE;
  return override ? resolve(override) : TEMPLATE_PATH;
}

/**
 * The largest template CloudFormation takes (from S3, as `sam deploy` uploads it): 1 MB. A larger file,
 * or a device such as /dev/zero, is refused before it is read.
 */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Loads and parses a template (JSON or YAML with short-form intrinsics) into a view, with parameter values when given. */
export function loadTemplate(path: string = templatePathUnderTest(), parameterValues: Record<string, string> = parametersUnderTest()): TemplateView {
  const text = readInputText('template', path, MAX_TEMPLATE_BYTES, (m) => new TemplateError(m));
  return new TemplateView(parseTemplateText(text, path), path, parameterValues);
}

export function parseTemplateText(text: string, name = 'template'): CfnTemplate {
  let parsed: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new TemplateError(`${name} is not valid JSON: ${(e as Error).message}`);
    }
  } else {
    const doc = parseDocument(text, { customTags: CFN_TAGS, prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      throw new TemplateError(`${name} is not valid YAML: ${err.message.split('\n')[0]}`);
    }
    try {
      // An alias bomb (aliases of aliases, billions of nodes from a few lines) stops here, not in memory.
      parsed = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new TemplateError(`${name} cannot be read: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TemplateError(`${name} is not a CloudFormation template: expected a mapping at the top level`);
  }
  const resources = (parsed as Record<string, unknown>).Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources) || Object.keys(resources).length === 0) {
    throw new TemplateError(`${name} is not a CloudFormation template: it has no Resources section`);
  }
  for (const [id, r] of Object.entries(resources as Record<string, unknown>)) {
    if (r === null || typeof r !== 'object' || typeof (r as { Type?: unknown }).Type !== 'string') {
      throw new TemplateError(`${name}: resource ${id} has no Type`);
    }
  }
  checkConditions(parsed as CfnTemplate, name);
  return parsed as CfnTemplate;
}

/**
 * CloudFormation refuses a condition that refers to itself (directly or through others) and a resource
 * whose condition is not defined; so does this loader, before any check evaluates them.
 */
function checkConditions(template: CfnTemplate, name: string): void {
  const conditions = (template.Conditions ?? {}) as Record<string, unknown>;
  const refs = (value: unknown, out: string[] = []): string[] => {
    if (Array.isArray(value)) value.forEach((v) => refs(v, out));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'Condition' && typeof v === 'string') out.push(v);
        else refs(v, out);
      }
    }
    return out;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: string, path: string[]): void => {
    if (state.get(c) === 'done') return;
    if (state.get(c) === 'visiting') throw new TemplateError(`${name}: condition ${c} refers to itself (${[...path, c].join(' -> ')})`);
    if (!(c in conditions)) throw new TemplateError(`${name}: condition ${c} is used but not defined`);
    state.set(c, 'visiting');
    for (const next of refs(conditions[c])) visit(next, [...path, c]);
    state.set(c, 'done');
  };
  for (const c of Object.keys(conditions)) visit(c, []);
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Condition !== undefined && !(r.Condition in conditions)) throw new TemplateError(`${name}: resource ${id} has Condition ${r.Condition}, which is not defined`);
  }
}

// ---- CloudFormation's short-form intrinsic functions (!Ref, !GetAtt, !Sub ...) ------------------

function fnName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

const SHORT_FORMS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select',
  'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];

const CFN_TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap((name) => {
  const tag = `!${name}`;
  const key = fnName(name);
  const scalar: ScalarTag = {
    tag,
    resolve: (value: string) => {
      if (name === 'GetAtt') {
        const dot = value.indexOf('.');
        return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [key]: value };
    },
  };
  const seq: CollectionTag = {
    tag, collection: 'seq', nodeClass: YAMLSeq,
    resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }) as unknown as YAMLSeq,
  };
  const map: CollectionTag = {
    tag, collection: 'map', nodeClass: YAMLMap,
    resolve: (value) => ({ [key]: (value as YAMLMap).toJSON() }) as unknown as YAMLMap,
  };
  return [scalar, seq, map];
});
