import type { PolicyStatement } from '../../infra/template/alarm-delivery.js';

/**
 * Evaluation of a resource policy (an SNS topic policy, a KMS key policy) for one request made by an AWS
 * service on behalf of the account, over the symbolic values of `infra/template/alarm-delivery.ts`.
 * IAM's order: an explicit Deny that matches wins; otherwise an Allow that matches allows; otherwise the
 * request is implicitly denied (IAM User Guide, "Policy evaluation logic"). A statement is matched only as
 * far as the template can tell: a condition key or operator the model does not know, or a literal account
 * id compared with the account the stack is deployed into, makes the match unknown, never a guess.
 */

export type Tri = 'yes' | 'no' | 'unknown';

export interface PolicyRequest {
  /** The calling service principal, e.g. `cloudwatch.amazonaws.com`. */
  readonly service: string;
  /** Whether a statement naming the account (`${AWS::AccountId}`, `arn:aws:iam::${AWS::AccountId}:root`) admits the call. */
  readonly accountPrincipalAdmits: boolean;
  readonly action: string;
  /** The resource's ARN in every symbolic form a policy may write it (`${TopicId}`, `arn:aws:sns:...`). */
  readonly resources: readonly string[];
  /** The request context, keys lower case; keys listed in `absentKeys` are known not to be in it. */
  readonly context: Readonly<Record<string, string>>;
  readonly absentKeys: readonly string[];
}

export interface PolicyDecision {
  readonly decision: 'allow' | 'deny' | 'implicit-deny' | 'unknown';
  /** Which statement decided, or why nothing did. */
  readonly reason: string;
}

const ACCOUNT = '${AWS::AccountId}';
const REGION = '${AWS::Region}';
const hasMarker = (s: string) => s.includes('${?');
/** A literal that could be the deploying account or region, which the template does not know. */
const looksLikeAccountOrRegion = (s: string) => /\b\d{12}\b/.test(s) || /\b[a-z]{2}(-gov)?-[a-z]+-\d\b/.test(s);

/** IAM's wildcard match (`*` any run, `?` one character), case-sensitive unless `ignoreCase`. */
export function globMatch(pattern: string, value: string, ignoreCase = false): Tri {
  if (hasMarker(pattern) || hasMarker(value)) return 'unknown';
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, ignoreCase ? 'is' : 's');
  if (re.test(value)) return 'yes';
  // `${AWS::AccountId}` on one side and a literal account id on the other may be the same account.
  const symbolicSide = value.includes(ACCOUNT) || value.includes(REGION) || pattern.includes(ACCOUNT) || pattern.includes(REGION);
  const literalSide = looksLikeAccountOrRegion(pattern) || looksLikeAccountOrRegion(value);
  return symbolicSide && literalSide ? 'unknown' : 'no';
}

const any = (results: Tri[]): Tri => (results.includes('yes') ? 'yes' : results.includes('unknown') ? 'unknown' : 'no');
const all = (results: Tri[]): Tri => (results.includes('no') ? 'no' : results.includes('unknown') ? 'unknown' : 'yes');
const not = (r: Tri): Tri => (r === 'yes' ? 'no' : r === 'no' ? 'yes' : 'unknown');

function principalMatches(p: PolicyStatement['principal'], req: PolicyRequest): Tri {
  if (p === undefined) return 'no';
  if (p === '*') return 'yes';
  const results: Tri[] = [];
  for (const [kind, values] of Object.entries(p)) {
    for (const v of values) {
      if (kind === 'Service') results.push(globMatch(v, req.service, true));
      else if (kind === 'AWS') {
        if (v === '*') results.push('yes');
        else if (v === ACCOUNT || v === `arn:aws:iam::${ACCOUNT}:root`) results.push(req.accountPrincipalAdmits ? 'yes' : 'no');
        else if (/^\d{12}$/.test(v) || /^arn:aws:iam::\d{12}:root$/.test(v)) results.push(req.accountPrincipalAdmits ? 'unknown' : 'no');
        else results.push(hasMarker(v) ? 'unknown' : 'no');
      } else results.push('no');
    }
  }
  return any(results);
}

function actionMatches(patterns: readonly string[], action: string): Tri {
  return any(patterns.map((p) => globMatch(p, action, true)));
}

function resourceMatches(patterns: readonly string[], resources: readonly string[]): Tri {
  return any(patterns.map((p) => any(resources.map((r) => globMatch(p, r)))));
}

const STRING_OPS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Bool']);

function conditionMatches(operator: string, key: string, values: readonly string[], req: PolicyRequest): Tri {
  if (operator.startsWith('ForAnyValue:') || operator.startsWith('ForAllValues:')) return 'unknown';
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const k = key.toLowerCase();
  const present = k in req.context;
  const knownAbsent = req.absentKeys.includes(k);
  if (op === 'Null') {
    if (!present && !knownAbsent) return 'unknown';
    return any(values.map((v) => ((v === 'true') === !present ? 'yes' : 'no')));
  }
  if (!STRING_OPS.has(op)) return 'unknown';
  const negated = op.includes('Not');
  if (!present) {
    if (!knownAbsent) return 'unknown';
    // A key missing from the request: ...IfExists and negated operators match, the others do not.
    return ifExists || negated ? 'yes' : 'no';
  }
  const actual = req.context[k];
  const wildcard = op.includes('Like') || op.startsWith('Arn');
  const ignoreCase = op.includes('IgnoreCase') || op === 'Bool';
  const one = (v: string): Tri => {
    if (wildcard) return globMatch(v, actual, ignoreCase);
    if (hasMarker(v) || hasMarker(actual)) return 'unknown';
    if ((ignoreCase ? v.toLowerCase() === actual.toLowerCase() : v === actual)) return 'yes';
    const symbolicSide = [v, actual].some((x) => x.includes(ACCOUNT) || x.includes(REGION));
    return symbolicSide && [v, actual].some(looksLikeAccountOrRegion) ? 'unknown' : 'no';
  };
  const matched = any(values.map(one));
  return negated ? not(matched) : matched;
}

/** Whether one statement applies to the request (its effect aside). */
export function statementMatches(s: PolicyStatement, req: PolicyRequest): Tri {
  if (s.notPrincipal !== undefined) return 'unknown';
  const parts: Tri[] = [principalMatches(s.principal, req)];
  if (s.action) parts.push(actionMatches(s.action, req.action));
  else if (s.notAction) parts.push(not(actionMatches(s.notAction, req.action)));
  else parts.push('no');
  // Key policies may leave Resource out only in the sense of "*" (the key itself).
  if (s.resource) parts.push(resourceMatches(s.resource, req.resources));
  else if (s.notResource) parts.push(not(resourceMatches(s.notResource, req.resources)));
  for (const [op, keys] of Object.entries(s.condition)) for (const [key, values] of Object.entries(keys)) parts.push(conditionMatches(op, key, values, req));
  return all(parts);
}

const label = (s: PolicyStatement, i: number) => (s.sid ? `statement "${s.sid}"` : `statement ${i + 1}`);

/** IAM's decision for one request against one policy document. */
export function evaluatePolicy(statements: readonly PolicyStatement[], req: PolicyRequest): PolicyDecision {
  const matched = statements.map((s, i) => ({ s, i, m: statementMatches(s, req), deny: s.effect === 'Deny' }));
  const denying = matched.find((x) => x.deny && x.m === 'yes');
  if (denying) return { decision: 'deny', reason: `${label(denying.s, denying.i)} denies it` };
  const allowing = matched.find((x) => !x.deny && x.m === 'yes');
  const allowUnknown = matched.find((x) => !x.deny && x.m === 'unknown');
  const denyUnknown = matched.find((x) => x.deny && x.m === 'unknown');
  if (!allowing && !allowUnknown) {
    const effects = statements.length === 0 ? 'no statements' : `${statements.length} statement(s): ${statements.map((s, i) => `${label(s, i)} ${s.effect}`).join(', ')}`;
    return { decision: 'implicit-deny', reason: `no statement allows it (${effects}); what no statement allows is denied` };
  }
  if (denyUnknown) return { decision: 'unknown', reason: `whether ${label(denyUnknown.s, denyUnknown.i)} (Deny) applies depends on values the template does not fix` };
  if (!allowing) return { decision: 'unknown', reason: `whether ${label(allowUnknown!.s, allowUnknown!.i)} (Allow) applies depends on values the template does not fix` };
  return { decision: 'allow', reason: `${label(allowing.s, allowing.i)} allows it` };
}
