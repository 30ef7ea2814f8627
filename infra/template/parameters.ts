import { parse } from 'yaml';
import { readInputText } from '../cli/values.js';
import { TemplateError } from './errors.js';

/**
 * Parameter values for the template under test, from a file in CloudFormation's own form
 * (`[{"ParameterKey": "Env", "ParameterValue": "prod"}]`, as `aws cloudformation create-stack
 * --parameters file://...` takes it) or a plain map (`{"Env": "prod"}`, JSON or YAML).
 */
export function readParameterFile(path: string): Record<string, string> {
  // CloudFormation takes at most 200 parameters of 4 KB each: a megabyte is far more than any real file.
  const text = readInputText('parameters file', path, 1024 * 1024, (m) => new TemplateError(m));
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new TemplateError(`parameters file ${path} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  if (Array.isArray(doc)) {
    const out: Record<string, string> = {};
    doc.forEach((entry, i) => {
      const e = entry as { ParameterKey?: unknown; ParameterValue?: unknown; UsePreviousValue?: unknown } | null;
      if (!e || typeof e.ParameterKey !== 'string') throw new TemplateError(`parameters file ${path}, entry ${i + 1}: expected {"ParameterKey": ..., "ParameterValue": ...}`);
      if (e.UsePreviousValue === true) return; // the deployed stack's value: not known from here
      if (!scalar(e.ParameterValue)) throw new TemplateError(`parameters file ${path}, ${e.ParameterKey}: ParameterValue must be a string`);
      out[e.ParameterKey] = String(e.ParameterValue);
    });
    return out;
  }
  if (doc && typeof doc === 'object') {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(doc)) {
      if (Array.isArray(v) && v.every(scalar)) { out[k] = v.join(','); continue; }
      if (!scalar(v)) throw new TemplateError(`parameters file ${path}, ${k}: expected a string, number, boolean or list`);
      out[k] = String(v);
    }
    return out;
  }
  throw new TemplateError(`parameters file ${path}: expected a list of {ParameterKey, ParameterValue} or a map of names to values`);
}

/** The parameter values every check applies: `VERIFY_PARAMETERS` (a file) when set, else none. */
export function parametersUnderTest(): Record<string, string> {
  const file = process.env.VERIFY_PARAMETERS;
  return file ? readParameterFile(file) : {};
}
