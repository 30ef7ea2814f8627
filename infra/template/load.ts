import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type ScalarTag, type CollectionTag, YAMLMap, YAMLSeq } from 'yaml';
import { TemplateError } from './errors.js';
import { TEMPLATE_PATH } from './paths.js';
import { parametersUnderTest } from './parameters.js';
import { TemplateView, type CfnTemplate } from './view.js';

/** The template every check reads: `VERIFY_TEMPLATE` when set, else the committed synthesized template. */
export function templatePathUnderTest(): string {
  const override = process.env.VERIFY_TEMPLATE;
  return override ? resolve(override) : TEMPLATE_PATH;
}

/** Loads and parses a template (JSON or YAML with short-form intrinsics) into a view, with parameter values when given. */
export function loadTemplate(path: string = templatePathUnderTest(), parameterValues: Record<string, string> = parametersUnderTest()): TemplateView {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TemplateError(`cannot read template ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? String(e)}`);
  }
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
    parsed = doc.toJS({ maxAliasCount: 1000 });
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
  return parsed as CfnTemplate;
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
