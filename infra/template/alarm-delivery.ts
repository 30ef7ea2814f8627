import { TemplateError, UnknownValueError } from './errors.js';
import type { Found, TemplateView } from './view.js';

/**
 * What a template says about the path an alarm's notification takes: alarm -> action -> SNS topic ->
 * topic policy -> encryption key (and its key policy) -> subscriptions. This file only reads; what AWS
 * does with it (the policy evaluation, SNS's default policy, which keys CloudWatch can use) is the
 * model's (`properties/model/notifications.ts`).
 *
 * Values are kept symbolic: `${AWS::AccountId}`, `${AWS::Region}`, `${TopicId}` (a `Ref`) or
 * `${KeyId.Arn}` (a `Fn::GetAtt`) stand for what CloudFormation fills in at deploy time, so a policy
 * that says `{"Ref": "AWS::AccountId"}` can be compared with the account an alarm belongs to without
 * knowing the number. A value this reader cannot express (an import, a parameter without a value) is
 * `${?...}`, which the model treats as unknown.
 */

/** One statement of an IAM policy document, with every value made symbolic. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: string;
  /** `'*'`, or a map such as `{ Service: ['cloudwatch.amazonaws.com'] }`; undefined when absent. */
  readonly principal: '*' | Readonly<Record<string, readonly string[]>> | undefined;
  readonly notPrincipal: '*' | Readonly<Record<string, readonly string[]>> | undefined;
  readonly action: readonly string[] | undefined;
  readonly notAction: readonly string[] | undefined;
  readonly resource: readonly string[] | undefined;
  readonly notResource: readonly string[] | undefined;
  /** operator -> condition key -> values. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A topic's server-side encryption, as the template sets it. */
export type TopicEncryption =
  | { readonly kind: 'none' }
  /** `KmsMasterKeyId` names a key by id, ARN or alias that is not a resource of this template. */
  | { readonly kind: 'external'; readonly keyId: string }
  /** A key of this template (through an alias of this template, when `alias` is set). */
  | { readonly kind: 'template-key'; readonly keyLogicalId: string; readonly alias?: string; readonly keyPolicy: readonly PolicyStatement[] | undefined };

export interface TopicSubscription {
  /** The `AWS::SNS::Subscription`'s logical id, or `Topic.Subscription[i]`. */
  readonly id: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** The resource's `Condition`, when it has one. */
  readonly condition?: string;
  /** Whether that condition holds with the parameter values in use (true without a condition; undefined: unknown). */
  readonly conditionHolds: boolean | undefined;
}

export interface TopicPath {
  readonly kind: 'topic';
  readonly topicLogicalId: string;
  /** The topic's ARN as a policy would write it (`${TopicId}`: Ref of a topic is its ARN). */
  readonly topicArn: string;
  readonly topicName: string | undefined;
  /** The `AWS::SNS::TopicPolicy` resources (or inline policies) that apply to the topic; empty: SNS's default policy. */
  readonly policies: ReadonlyArray<{ readonly id: string; readonly statements: readonly PolicyStatement[] }>;
  readonly encryption: TopicEncryption;
  readonly subscriptions: readonly TopicSubscription[];
}

export type AlarmActionPath =
  | TopicPath
  /** An action whose target this template alone cannot tell (a parameter, an import, an ARN of a topic elsewhere). */
  | { readonly kind: 'unknown'; readonly what: string; readonly why: string }
  /** An action that is no notification (Auto Scaling, EC2, Systems Manager ...), or a Ref to a non-topic resource. */
  | { readonly kind: 'other'; readonly target: string };

/** What an alarm watches: its metric and, for each dimension, the template resources its value is built from. */
export interface AlarmMetric {
  readonly namespace: string | undefined;
  readonly metricName: string | undefined;
  /** Dimension name -> logical ids its value refers to (a listener counts as its load balancer); empty for a literal. */
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
  /** The alarm uses `Metrics` (metric math) instead of one metric. */
  readonly metricMath: boolean;
}

export interface AlarmNotificationPath {
  readonly alarmLogicalId: string;
  readonly metric: AlarmMetric;
  /** `ActionsEnabled` (true when absent): with false, the alarm changes state but runs none of its actions. */
  readonly actionsEnabled: boolean;
  /** The alarm's ARN, symbolic (the source ARN CloudWatch's requests carry). */
  readonly alarmArn: string;
  readonly actions: readonly AlarmActionPath[];
}

const PSEUDO_KNOWN: Readonly<Record<string, string>> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/** A resolved value as a symbolic string (see the file's comment); `${?...}` when it cannot be written. */
export function symbolic(t: TemplateView, value: unknown): string {
  const v = t.resolve(value);
  if (typeof v === 'string') return v.replace(/\$\{(AWS::Partition|AWS::URLSuffix)\}/g, (_, p: string) => PSEUDO_KNOWN[p]);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof (v as { why?: unknown }).why === 'string' && Object.keys(v).length === 1) return `\${?${(v as { why: string }).why}}`;
    if (typeof v.Ref === 'string') return PSEUDO_KNOWN[v.Ref] ?? `\${${v.Ref}}`;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${${getAtt.map(String).join('.')}}`;
    if (typeof getAtt === 'string') return `\${${getAtt}}`;
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string') return symbolic(t, sub);
    if (Array.isArray(sub) && typeof sub[0] === 'string') {
      const vars = (sub[1] ?? {}) as Record<string, unknown>;
      return symbolic(t, sub[0].replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => (name in vars ? symbolic(t, vars[name]) : whole)));
    }
    const join = v['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) return join[1].map((x: unknown) => symbolic(t, x)).join(String(join[0]));
  }
  return `\${?${JSON.stringify(v)}}`;
}

const list = (t: TemplateView, value: unknown): string[] | undefined => {
  const v = t.resolve(value);
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map((x) => symbolic(t, x));
};

function principalOf(t: TemplateView, value: unknown): PolicyStatement['principal'] {
  const v = t.resolve(value);
  if (v === undefined) return undefined;
  if (v === '*') return '*';
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, string[]> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = list(t, inner) ?? [];
    return out;
  }
  return { AWS: [symbolic(t, v)] };
}

/** The statements of a policy document (resolved, symbolic). */
export function policyStatements(t: TemplateView, document: unknown): PolicyStatement[] {
  let doc = t.resolve(document);
  // CloudFormation also takes a policy document as a JSON string.
  if (typeof doc === 'string') {
    try { doc = t.resolve(JSON.parse(doc)); } catch { throw new TemplateError(`${t.source}: a policy document is a string that is not JSON`); }
  }
  const raw = doc?.Statement;
  const statements: any[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return statements.map((s) => {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const [op, keys] of Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      condition[op] = {};
      for (const [key, values] of Object.entries(keys ?? {})) condition[op][key] = list(t, values) ?? [];
    }
    return {
      sid: s.Sid === undefined ? undefined : String(s.Sid),
      effect: String(s.Effect),
      principal: principalOf(t, s.Principal),
      notPrincipal: principalOf(t, s.NotPrincipal),
      action: list(t, s.Action), notAction: list(t, s.NotAction),
      resource: list(t, s.Resource), notResource: list(t, s.NotResource),
      condition,
    };
  });
}

/** Whether a resource's `Condition` holds (true without one; undefined when it depends on an unknown). */
function conditionHolds(t: TemplateView, condition: string | undefined): boolean | undefined {
  if (condition === undefined) return true;
  try { return t.condition(condition); } catch (e) { if (e instanceof UnknownValueError) return undefined; throw e; }
}

function encryptionOf(t: TemplateView, topic: Found): TopicEncryption {
  const raw = topic.props.KmsMasterKeyId;
  if (raw === undefined || t.resolve(raw) === undefined || t.resolve(raw) === '') return { kind: 'none' };
  const followKey = (id: string, alias?: string): TopicEncryption | undefined => {
    const r = t.json.Resources[id];
    if (r?.Type === 'AWS::KMS::Key') {
      const policy = r.Properties?.KeyPolicy;
      return { kind: 'template-key', keyLogicalId: id, alias, keyPolicy: policy === undefined ? undefined : policyStatements(t, policy) };
    }
    if (r?.Type === 'AWS::KMS::Alias') {
      const target = t.refersTo(r.Properties?.TargetKeyId);
      const name = symbolic(t, r.Properties?.AliasName);
      if (target) return followKey(target, name);
      return { kind: 'external', keyId: symbolic(t, r.Properties?.TargetKeyId) };
    }
    return undefined;
  };
  const id = t.refersTo(raw);
  if (id) { const found = followKey(id); if (found) return found; }
  const text = symbolic(t, raw);
  // An alias name of this template's alias, written as text (`alias/name`).
  for (const [aliasId, r] of Object.entries(t.json.Resources)) {
    if (r.Type === 'AWS::KMS::Alias' && symbolic(t, r.Properties?.AliasName) === text) { const found = followKey(aliasId); if (found) return found; }
  }
  return { kind: 'external', keyId: text };
}

/** A subscription's endpoint; one given by a parameter is named by the parameter (its value is the deployer's). */
function endpointOf(t: TemplateView, raw: unknown): string {
  const ref = raw && typeof raw === 'object' ? (raw as { Ref?: unknown }).Ref : undefined;
  if (typeof ref === 'string' && t.json.Parameters && ref in t.json.Parameters) return `parameter ${ref}`;
  return raw === undefined ? '(no endpoint)' : symbolic(t, raw);
}

function subscriptionsOf(t: TemplateView, topic: Found): TopicSubscription[] {
  const inline: any[] = t.resolve(topic.props.Subscription) ?? [];
  const out: TopicSubscription[] = inline.map((s, i) => ({
    id: `${topic.id}.Subscription[${i}]`, protocol: String(s.Protocol), endpoint: symbolic(t, s.Endpoint), conditionHolds: true,
  }));
  // Every subscription resource of the template, also those whose condition is false with the parameters
  // in use: the template declares them, and the model decides what a conditional subscriber means.
  for (const [id, r] of Object.entries(t.json.Resources)) {
    if (r.Type !== 'AWS::SNS::Subscription' || t.refersTo(r.Properties?.TopicArn) !== topic.id) continue;
    out.push({
      id, protocol: symbolic(t, r.Properties?.Protocol), endpoint: endpointOf(t, r.Properties?.Endpoint),
      ...(r.Condition === undefined ? {} : { condition: r.Condition }), conditionHolds: conditionHolds(t, r.Condition),
    });
  }
  return out;
}

function policiesOf(t: TemplateView, topic: Found): TopicPath['policies'] {
  const out: Array<{ id: string; statements: PolicyStatement[] }> = [];
  for (const p of t.ofType('AWS::SNS::TopicPolicy')) {
    const topics: unknown[] = t.known(p, 'Topics') ?? [];
    if (topics.some((x) => t.refersTo(x) === topic.id)) out.push({ id: p.id, statements: policyStatements(t, p.props.PolicyDocument) });
  }
  for (const p of t.ofType('AWS::SNS::TopicInlinePolicy')) {
    if (t.refersTo(p.props.TopicArn) === topic.id) out.push({ id: p.id, statements: policyStatements(t, p.props.PolicyDocument) });
  }
  return out;
}

function topicPath(t: TemplateView, topic: Found): TopicPath {
  const name = t.resolve(topic.props.TopicName);
  return {
    kind: 'topic', topicLogicalId: topic.id, topicArn: `\${${topic.id}}`, topicName: typeof name === 'string' ? name : undefined,
    policies: policiesOf(t, topic), encryption: encryptionOf(t, topic), subscriptions: subscriptionsOf(t, topic),
  };
}

function actionPath(t: TemplateView, alarm: Found, action: unknown): AlarmActionPath {
  const id = t.refersTo(action);
  if (id !== undefined) {
    const target = t.byId(id);
    if (!target) return { kind: 'unknown', what: `alarm ${alarm.id}'s action`, why: `it refers to ${id}, which is not a resource of this template (or is not created with these parameters)` };
    return target.resource.Type === 'AWS::SNS::Topic' ? topicPath(t, target) : { kind: 'other', target: `${target.resource.Type} ${id}` };
  }
  const text = symbolic(t, action);
  if (/^arn:[^:]*:sns:/.test(text) || text.includes('${?')) {
    return { kind: 'unknown', what: `alarm ${alarm.id}'s action ${text}`, why: 'the topic is not a resource of this template, so its policy, key and subscriptions cannot be read' };
  }
  return { kind: 'other', target: text };
}

/** Every logical id a raw value refers to (`Ref`, `Fn::GetAtt`, `${Id}` in `Fn::Sub`), a listener standing for its load balancer. */
function referencedIds(t: TemplateView, value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) { for (const v of value) referencedIds(t, v, out); return out; }
  if (!value || typeof value !== 'object') return out;
  const add = (id: string) => {
    const r = t.json.Resources[id];
    if (!r) return;
    const lb = r.Type === 'AWS::ElasticLoadBalancingV2::Listener' ? t.refersTo(r.Properties?.LoadBalancerArn) : undefined;
    out.add(lb ?? id);
  };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'Ref' && typeof v === 'string') add(v);
    else if (k === 'Fn::GetAtt') add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]);
    else if (k === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^}!.]+)[^}]*\}/g)) add(m[1]);
      if (Array.isArray(v)) referencedIds(t, v[1], out);
    } else referencedIds(t, v, out);
  }
  return out;
}

function alarmMetric(t: TemplateView, alarm: Found): AlarmMetric {
  const str = (v: unknown) => { const r = t.resolve(v); return typeof r === 'string' ? r : undefined; };
  const dims: any[] = Array.isArray(alarm.props.Dimensions) ? alarm.props.Dimensions : [];
  return {
    namespace: str(alarm.props.Namespace), metricName: str(alarm.props.MetricName), metricMath: alarm.props.Metrics !== undefined,
    dimensions: Object.fromEntries(dims.map((d) => [String(t.resolve(d?.Name)), [...referencedIds(t, d?.Value)]])),
  };
}

/** The notification path of one `AWS::CloudWatch::Alarm` (its `AlarmActions`: what runs on entering ALARM). */
export function alarmNotificationPath(t: TemplateView, alarm: Found): AlarmNotificationPath {
  const name = t.resolve(alarm.props.AlarmName);
  const alarmName = typeof name === 'string' ? name : `\${${alarm.id}}`; // Ref of an alarm is its name
  const actions: unknown[] = t.resolve(alarm.props.AlarmActions) ?? [];
  const enabled = t.resolve(alarm.props.ActionsEnabled);
  return {
    alarmLogicalId: alarm.id,
    metric: alarmMetric(t, alarm),
    actionsEnabled: !(enabled === false || String(enabled).toLowerCase() === 'false'),
    alarmArn: `arn:aws:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${alarmName}`,
    actions: (Array.isArray(actions) ? actions : [actions]).map((a) => actionPath(t, alarm, a)),
  };
}

/** The notification paths of every alarm, by the alarm's logical id. */
export function alarmNotificationPaths(t: TemplateView): Record<string, AlarmNotificationPath> {
  return Object.fromEntries(t.ofType('AWS::CloudWatch::Alarm').map((a) => [a.id, alarmNotificationPath(t, a)]));
}
