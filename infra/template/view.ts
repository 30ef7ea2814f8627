import { TemplateError } from './errors.js';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  Condition?: string;
  DependsOn?: string | string[];
  Metadata?: Record<string, any>;
}
export interface CfnTemplate {
  Description?: string;
  Parameters?: Record<string, { Type: string; Default?: unknown; AllowedValues?: unknown[]; Description?: string }>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Condition?: string; Description?: string }>;
  Metadata?: Record<string, unknown>;
}
export interface Found { readonly id: string; readonly resource: CfnResource; readonly props: Record<string, any> }

/** A reference the template makes to one of its own resources, or to a parameter. */
export type Reference = { kind: 'resource'; id: string; attribute?: string } | { kind: 'parameter'; name: string } | { kind: 'pseudo'; name: string };

/**
 * Read access to a CloudFormation template: find resources, follow references, and read values with
 * parameters replaced by their defaults (or by values given to the constructor). The checks never
 * parse the JSON themselves.
 */
export class TemplateView {
  constructor(readonly json: CfnTemplate, readonly source = 'template', private readonly parameterValues: Record<string, string> = {}) {}

  get resources(): Record<string, CfnResource> { return this.json.Resources; }

  /** All resources of one type, in template order. */
  ofType(type: string): Found[] {
    return Object.entries(this.json.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ id, resource: r, props: r.Properties ?? {} }));
  }

  /** The single resource of a type; a clear error when there is none. With several, the first. */
  one(type: string, purpose?: string): Found {
    const found = this.ofType(type);
    if (found.length === 0) throw new TemplateError(`${this.source} has no ${type}${purpose ? ` (needed for ${purpose})` : ''}`);
    return found[0];
  }

  maybeOne(type: string): Found | undefined { return this.ofType(type)[0]; }

  /** A resource by logical id. */
  byId(id: string): Found | undefined {
    const r = this.json.Resources[id];
    return r ? { id, resource: r, props: r.Properties ?? {} } : undefined;
  }

  /** What a value refers to (`Ref`, `Fn::GetAtt`), or undefined for a literal. */
  reference(value: unknown): Reference | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      if (typeof v.Ref === 'string') {
        if (v.Ref.startsWith('AWS::')) return { kind: 'pseudo', name: v.Ref };
        if (this.json.Parameters && v.Ref in this.json.Parameters) return { kind: 'parameter', name: v.Ref };
        return { kind: 'resource', id: v.Ref };
      }
      const getAtt = v['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return { kind: 'resource', id: getAtt[0], attribute: String(getAtt[1]) };
      if (typeof getAtt === 'string') { const [id, ...rest] = getAtt.split('.'); return { kind: 'resource', id, attribute: rest.join('.') }; }
    }
    return undefined;
  }

  /** The logical id of the resource a value points at, if it points at one. */
  refersTo(value: unknown): string | undefined {
    const ref = this.reference(this.resolve(value));
    return ref?.kind === 'resource' ? ref.id : undefined;
  }

  /** The value of a parameter: given value, else its default. */
  parameter(name: string): unknown {
    if (name in this.parameterValues) return this.parameterValues[name];
    return this.json.Parameters?.[name]?.Default;
  }

  /** Evaluates a named condition under the parameter values. */
  condition(name: string): boolean {
    const expr = this.json.Conditions?.[name];
    if (expr === undefined) throw new TemplateError(`${this.source}: condition ${name} is not defined`);
    return Boolean(this.resolve(expr));
  }

  /**
   * Replaces parameter references by their values and evaluates condition functions (`Fn::If`,
   * `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`). References to resources are left as they are.
   */
  resolve(value: unknown): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (!value || typeof value !== 'object') return value;
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys;
      const arg = v[k];
      if (k === 'Ref' && typeof arg === 'string' && this.json.Parameters && arg in this.json.Parameters) {
        const p = this.parameter(arg);
        return p === undefined ? v : p;
      }
      if (k === 'Condition' && typeof arg === 'string') return this.condition(arg);
      if (k === 'Fn::If' && Array.isArray(arg)) return this.resolve(this.condition(String(arg[0])) ? arg[1] : arg[2]);
      if (k === 'Fn::Equals' && Array.isArray(arg)) return JSON.stringify(this.resolve(arg[0])) === JSON.stringify(this.resolve(arg[1]));
      if (k === 'Fn::Not' && Array.isArray(arg)) return !this.resolve(arg[0]);
      if (k === 'Fn::And' && Array.isArray(arg)) return arg.every((a) => this.resolve(a));
      if (k === 'Fn::Or' && Array.isArray(arg)) return arg.some((a) => this.resolve(a));
    }
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = this.resolve(inner);
    return out;
  }

  /** A property path read and resolved, e.g. `get(service, 'DeploymentConfiguration.MaximumPercent')`. */
  get(found: Found, path: string): any {
    let cur: any = found.props;
    for (const part of path.split('.')) {
      cur = this.resolve(cur);
      if (cur === undefined || cur === null) return undefined;
      cur = cur[part];
    }
    return this.resolve(cur);
  }

  /** A number from a property path; a clear error when it is absent or not numeric. */
  number(found: Found, path: string): number {
    const raw = this.get(found, path);
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || Number.isNaN(n)) {
      throw new TemplateError(`${this.source}: ${found.resource.Type} ${found.id} has no numeric ${path}`);
    }
    return n;
  }

  /** The same template with other parameter values (for the conditional parts). */
  withParameters(values: Record<string, string>): TemplateView {
    return new TemplateView(this.json, this.source, { ...this.parameterValues, ...values });
  }

  /** A deep copy of the template, for building mutants. */
  cloneJson(): CfnTemplate { return structuredClone(this.json); }
}
