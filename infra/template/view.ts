import { TemplateError, UnknownValueError } from './errors.js';
import { firstUnknown, isUnknown, Unknown } from './unknown.js';

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
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}
export interface Found { readonly id: string; readonly resource: CfnResource; readonly props: Record<string, any> }

/** A reference the template makes to one of its own resources, or to a parameter. */
export type Reference = { kind: 'resource'; id: string; attribute?: string } | { kind: 'parameter'; name: string } | { kind: 'pseudo'; name: string };

/** `{"Ref": "AWS::NoValue"}`: the enclosing property or list item is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Pseudo parameters whose value the template alone determines for the partition this harness prices
 * (the commercial one); the others (region, account, stack name ...) stay as references.
 */
const KNOWN_PSEUDO: Readonly<Record<string, string>> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/** Parameter types whose value is a comma-separated list. */
const isListType = (type: string | undefined): boolean => type !== undefined && (type === 'CommaDelimitedList' || type.startsWith('List<'));

/**
 * Read access to a CloudFormation template: find resources, follow references, and read values the way
 * CloudFormation would deploy them. Parameters take the values given to the constructor (`--parameters`),
 * else their defaults; intrinsic functions are evaluated where the template alone determines them;
 * a resource whose `Condition` is false does not exist. What the template cannot tell (a parameter
 * without a default, `Fn::ImportValue`, an SSM parameter) becomes an `Unknown` naming it. The checks
 * never parse the JSON themselves.
 */
export class TemplateView {
  constructor(readonly json: CfnTemplate, readonly source = 'template', private readonly parameterValues: Record<string, string> = {}) {}

  /** The resources CloudFormation would create: those whose condition is false are left out. */
  get resources(): Record<string, CfnResource> {
    return Object.fromEntries(Object.entries(this.json.Resources).filter(([, r]) => this.exists(r)));
  }

  /** Whether a resource (or output) with this `Condition` is created; one whose condition is unknown is kept. */
  exists(r: { Condition?: string }): boolean {
    return r.Condition === undefined || this.conditionValue(r.Condition) !== false;
  }

  /** All resources of one type, in template order. */
  ofType(type: string): Found[] {
    return Object.entries(this.resources)
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

  /** A resource by logical id (undefined when it does not exist or its condition is false). */
  byId(id: string): Found | undefined {
    const r = this.json.Resources[id];
    return r && this.exists(r) ? { id, resource: r, props: r.Properties ?? {} } : undefined;
  }

  /** What a value refers to (`Ref`, `Fn::GetAtt`), or undefined for a literal. */
  reference(value: unknown): Reference | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value)) {
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

  /** The value of a parameter: the given value, else its default, else an unknown naming it. */
  parameter(name: string): unknown {
    const declared = this.json.Parameters?.[name];
    const type = declared?.Type;
    if (type?.startsWith('AWS::SSM::Parameter::')) {
      return new Unknown(`parameter ${name} is read from SSM Parameter Store (${String(this.parameterValues[name] ?? declared?.Default ?? 'no name given')})`);
    }
    const raw = name in this.parameterValues ? this.parameterValues[name] : declared?.Default;
    if (raw === undefined) return new Unknown(`parameter ${name} has no default and no value was given (--parameters)`);
    if (isListType(type)) return Array.isArray(raw) ? raw.map(String) : String(raw).split(',').map((x) => x.trim());
    return raw;
  }

  /** Evaluates a named condition: true, false, or an unknown when it depends on one. */
  conditionValue(name: string, depth = 0): boolean | Unknown {
    const expr = this.json.Conditions?.[name];
    if (expr === undefined) throw new TemplateError(`${this.source}: condition ${name} is not defined`);
    if (depth > 50) throw new TemplateError(`${this.source}: condition ${name} refers to itself`);
    const v = this.resolve(expr, depth + 1);
    return isUnknown(v) ? new Unknown(`condition ${name} depends on ${v.why}`) : Boolean(v);
  }

  /** Evaluates a named condition; an unknown one is an UnknownValueError. */
  condition(name: string): boolean {
    const v = this.conditionValue(name);
    if (isUnknown(v)) throw new UnknownValueError(`condition ${name}`, v.why);
    return v;
  }

  /**
   * A value as CloudFormation would deploy it: parameters replaced by their values, conditions and the
   * intrinsic functions the template alone determines evaluated (`Fn::If`, `Fn::Equals`, `Fn::Not`,
   * `Fn::And`, `Fn::Or`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`), `AWS::NoValue`
   * removed. References to resources stay as they are; what cannot be known becomes an `Unknown`.
   */
  resolve(value: unknown, depth = 0): any {
    const v = this.resolveInner(value, depth);
    return v === NO_VALUE ? undefined : v;
  }

  private resolveInner(value: unknown, depth: number): any {
    if (Array.isArray(value)) return value.map((x) => this.resolveInner(x, depth)).filter((x) => x !== NO_VALUE);
    if (typeof value === 'string') return /\{\{resolve:ssm(-secure)?:/.test(value) ? new Unknown(`dynamic reference ${value}`) : value;
    if (!value || typeof value !== 'object' || isUnknown(value)) return value;
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys;
      const evaluated = this.intrinsic(k, v[k], depth);
      if (evaluated !== NOT_INTRINSIC) return evaluated;
    }
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) {
      const r = this.resolveInner(inner, depth);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  /** One intrinsic function, or NOT_INTRINSIC when the key is not one this view evaluates. */
  private intrinsic(fn: string, arg: unknown, depth: number): any {
    const r = (x: unknown) => this.resolveInner(x, depth);
    switch (fn) {
      case 'Ref':
        if (typeof arg !== 'string') return NOT_INTRINSIC;
        if (arg === 'AWS::NoValue') return NO_VALUE;
        if (arg in KNOWN_PSEUDO) return KNOWN_PSEUDO[arg];
        if (this.json.Parameters && arg in this.json.Parameters) return r(this.parameter(arg));
        return { Ref: arg };
      case 'Condition':
        return typeof arg === 'string' ? this.conditionValue(arg, depth + 1) : NOT_INTRINSIC;
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) return NOT_INTRINSIC;
        const c = this.conditionValue(String(arg[0]), depth + 1);
        if (!isUnknown(c)) return r(c ? arg[1] : arg[2]);
        const [a, b] = [r(arg[1]), r(arg[2])];
        return sameValue(a, b) ? a : c;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg)) return NOT_INTRINSIC;
        const [a, b] = [r(arg[0]), r(arg[1])];
        const u = firstUnknown([a, b]);
        return u ?? sameValue(a, b);
      }
      case 'Fn::Not': {
        if (!Array.isArray(arg)) return NOT_INTRINSIC;
        const a = r(arg[0]);
        return isUnknown(a) ? a : !a;
      }
      case 'Fn::And': case 'Fn::Or': {
        if (!Array.isArray(arg)) return NOT_INTRINSIC;
        const all = arg.map(r);
        const decisive = fn === 'Fn::And' ? false : true;
        if (all.some((x) => !isUnknown(x) && Boolean(x) === decisive)) return decisive;
        return firstUnknown(all) ?? !decisive;
      }
      case 'Fn::ImportValue': {
        const name = r(arg);
        if (isUnknown(name)) return new Unknown(`Fn::ImportValue of an export whose name is not known (${name.why})`);
        return new Unknown(`Fn::ImportValue ${typeof name === 'string' ? name : JSON.stringify(name)} (an export of another stack)`);
      }
      case 'Fn::Sub': return this.sub(arg, depth);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return NOT_INTRINSIC;
        const parts = r(arg[1]);
        const u = firstUnknown(parts);
        if (u) return u;
        return Array.isArray(parts) && parts.every(isScalar) ? parts.map(String).join(String(arg[0])) : { 'Fn::Join': [arg[0], parts] };
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return NOT_INTRINSIC;
        const index = r(arg[0]);
        const list = r(arg[1]);
        if (isUnknown(index)) return index;
        if (isUnknown(list)) return list;
        const i = Number(index);
        if (Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length) return list[i];
        return { 'Fn::Select': [Number.isNaN(i) ? index : i, list] };
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return NOT_INTRINSIC;
        const text = r(arg[1]);
        if (isUnknown(text)) return text;
        return typeof text === 'string' ? text.split(String(arg[0])) : { 'Fn::Split': [arg[0], text] };
      }
      // Availability zones of the stack's region: which ones is a fact of the deployment, that they are
      // distinct (Select 0 and 1) is not, so the expression is kept in one normal form.
      case 'Fn::GetAZs': return { 'Fn::GetAZs': '' };
      case 'Fn::FindInMap': return this.findInMap(arg, depth);
      default: return NOT_INTRINSIC;
    }
  }

  /** `Fn::Sub`: variables from its map, parameters and known pseudo parameters; resources' values stay as `${...}`. */
  private sub(arg: unknown, depth: number): any {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && typeof arg[0] === 'string' ? [arg[0], (arg[1] ?? {}) as Record<string, unknown>] : [undefined, {}];
    if (text === undefined) return NOT_INTRINSIC;
    const remaining: Record<string, unknown> = {};
    let unknown: Unknown | undefined;
    const out = text.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
      let value: unknown;
      if (name in vars) value = this.resolveInner(vars[name], depth);
      else if (name in KNOWN_PSEUDO) value = KNOWN_PSEUDO[name];
      else if (this.json.Parameters && name in this.json.Parameters) value = this.resolveInner(this.parameter(name), depth);
      else return whole;
      if (isUnknown(value)) { unknown ??= value; return whole; }
      if (isScalar(value)) return String(value);
      if (name in vars) remaining[name] = value;
      return whole;
    });
    if (unknown) return unknown;
    const literal = out.replace(/\$\{!/g, '${');
    if (!/\$\{[^}!][^}]*\}/.test(out)) return literal;
    return Object.keys(remaining).length > 0 ? { 'Fn::Sub': [out, remaining] } : { 'Fn::Sub': out };
  }

  /** `Fn::FindInMap`; keyed by something unknown (the region), it is known only if every entry agrees. */
  private findInMap(arg: unknown, depth: number): any {
    if (!Array.isArray(arg) || arg.length < 3) return NOT_INTRINSIC;
    const [mapName, top, second] = arg.slice(0, 3).map((x) => this.resolveInner(x, depth));
    const map = this.json.Mappings?.[String(mapName)];
    if (!map) return new Unknown(`Fn::FindInMap: there is no mapping ${String(mapName)}`);
    if (isUnknown(second)) return second;
    if (typeof top === 'string') {
      const entry = map[top]?.[String(second)];
      return entry === undefined ? new Unknown(`Fn::FindInMap ${String(mapName)} has no ${top}.${String(second)}`) : this.resolveInner(entry, depth);
    }
    const candidates = Object.values(map).map((e) => e?.[String(second)]);
    if (candidates.length > 0 && candidates.every((c) => c !== undefined && sameValue(c, candidates[0]))) return this.resolveInner(candidates[0], depth);
    const on = isUnknown(top) ? top.why : this.reference(top)?.kind === 'pseudo' ? (top as { Ref: string }).Ref : JSON.stringify(top);
    return new Unknown(`Fn::FindInMap ${String(mapName)}.${String(second)} depends on ${on}`);
  }

  /** A property path read and resolved, e.g. `get(service, 'DeploymentConfiguration.MaximumPercent')`. */
  get(found: Found, path: string): any {
    let cur: any = found.props;
    for (const part of path.split('.')) {
      cur = this.resolve(cur);
      if (cur === undefined || cur === null || isUnknown(cur)) return cur;
      cur = cur[part];
    }
    return this.resolve(cur);
  }

  /** A property path read and resolved, with nothing unknown inside it (else an UnknownValueError naming it). */
  known(found: Found, path: string): any {
    const value = this.get(found, path);
    const u = firstUnknown(value);
    if (u) throw new UnknownValueError(`${found.resource.Type} ${found.id} ${path}`, u.why);
    return value;
  }

  /** A number from a property path; an unknown is an UnknownValueError, an absent or non-numeric value a TemplateError. */
  number(found: Found, path: string): number {
    const n = this.numberOr(found, path, undefined);
    if (n === undefined) throw new TemplateError(`${this.source}: ${found.resource.Type} ${found.id} has no ${path}`);
    return n;
  }

  /** A number from a property path, or `fallback` (AWS's default) when the property is absent. */
  numberOr<T extends number | undefined>(found: Found, path: string, fallback: T): number | T {
    const raw = this.known(found, path);
    if (raw === undefined || raw === null || raw === '') return fallback;
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || Number.isNaN(n)) {
      throw new TemplateError(`${this.source}: ${found.resource.Type} ${found.id} ${path} is not a number: ${JSON.stringify(raw)}`);
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

/** Marks a key that is not an intrinsic function this view evaluates. */
const NOT_INTRINSIC = Symbol('not an intrinsic');

const isScalar = (x: unknown): x is string | number | boolean => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/** CloudFormation compares scalars as strings (`"1"` equals `1`), structures by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isScalar(a) && isScalar(b)) return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}
