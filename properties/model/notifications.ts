import type { AlarmNotificationPath, TopicPath } from '../../infra/template/alarm-delivery.js';
import {
  CLOUDWATCH_SERVICE_PRINCIPAL, KEY_POLICY_ACCOUNT_PRINCIPAL_ADMITS_SERVICES, KMS_ACTIONS_TO_PUBLISH_ENCRYPTED,
  SNS_AWS_MANAGED_KEY_ALIAS, SNS_DEFAULT_POLICY_LETS_ACCOUNT_PUBLISH,
} from './aws-facts.js';
import { evaluatePolicy, type PolicyRequest } from './iam-policy.js';

/** The links of an alarm notification's path, in the order a notification takes them. */
export type NotificationLink = 'action' | 'topic policy' | 'encryption key' | 'subscription';

/**
 * Whether a notification an alarm sends on entering ALARM reaches someone:
 * - `delivered`: CloudWatch may publish to a topic of the template and the topic has a subscriber;
 *   `conditional` names subscriptions that exist only under a template condition (a deploy parameter);
 * - `broken`: which link stops it, and why;
 * - `unknown`: the template alone cannot tell (a topic of another stack, a key id given as a parameter ...).
 */
export type NotificationVerdict =
  | { readonly status: 'delivered'; readonly chain: string; readonly conditional: readonly string[] }
  | { readonly status: 'broken'; readonly link: NotificationLink; readonly reason: string }
  | { readonly status: 'unknown'; readonly what: string; readonly why: string };

/** CloudWatch's request to publish for `alarmArn` to the topic (or to use its key). */
function request(path: AlarmNotificationPath, action: string, resources: readonly string[], accountPrincipalAdmits: boolean): PolicyRequest {
  return {
    service: CLOUDWATCH_SERVICE_PRINCIPAL, accountPrincipalAdmits, action, resources,
    context: {
      'aws:securetransport': 'true',
      'aws:sourceaccount': '${AWS::AccountId}',
      'aws:sourceowner': '${AWS::AccountId}',
      'aws:sourcearn': path.alarmArn,
      'aws:principalservicename': CLOUDWATCH_SERVICE_PRINCIPAL,
    },
    // A service principal belongs to no organization and has no IAM identity; it calls from no VPC endpoint.
    absentKeys: ['aws:principalorgid', 'aws:principalarn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:userid', 'aws:username'],
  };
}

function topicVerdict(path: AlarmNotificationPath, topic: TopicPath): NotificationVerdict {
  const topicLabel = `topic ${topic.topicLogicalId}`;
  const topicArns = [topic.topicArn, `arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:${topic.topicName ?? `\${${topic.topicLogicalId}.TopicName}`}`];
  const steps: string[] = [`alarm ${path.alarmLogicalId} -> ${topicLabel}`];

  // 1. The topic policy: SNS's default one, or the template's, which replaces it.
  if (topic.policies.length === 0) {
    if (!SNS_DEFAULT_POLICY_LETS_ACCOUNT_PUBLISH) return { status: 'broken', link: 'topic policy', reason: `${topicLabel} has no policy and SNS's default policy does not let CloudWatch publish` };
    steps.push('SNS default topic policy (the account may publish)');
  } else if (topic.policies.length > 1) {
    return { status: 'unknown', what: `the policy of ${topicLabel}`, why: `${topic.policies.map((p) => p.id).join(' and ')} each set it; the one applied last wins, which the template does not fix` };
  } else {
    const policy = topic.policies[0];
    const d = evaluatePolicy(policy.statements, request(path, 'sns:Publish', topicArns, true));
    const who = `${CLOUDWATCH_SERVICE_PRINCIPAL} sns:Publish on ${topicLabel}`;
    if (d.decision === 'deny') return { status: 'broken', link: 'topic policy', reason: `${policy.id} denies ${who}: ${d.reason}` };
    if (d.decision === 'implicit-deny') return { status: 'broken', link: 'topic policy', reason: `${policy.id} replaces SNS's default policy and does not allow ${who}: ${d.reason}` };
    if (d.decision === 'unknown') return { status: 'unknown', what: `whether ${policy.id} allows ${who}`, why: d.reason };
    steps.push(`${policy.id} allows ${CLOUDWATCH_SERVICE_PRINCIPAL} to publish (${d.reason})`);
  }

  // 2. Encryption: the key's policy must let CloudWatch use it.
  const enc = topic.encryption;
  if (enc.kind === 'external') {
    if (enc.keyId === SNS_AWS_MANAGED_KEY_ALIAS || enc.keyId.endsWith(`:${SNS_AWS_MANAGED_KEY_ALIAS}`)) {
      return { status: 'broken', link: 'encryption key', reason: `${topicLabel} is encrypted with the AWS managed key ${SNS_AWS_MANAGED_KEY_ALIAS}, whose key policy cannot let ${CLOUDWATCH_SERVICE_PRINCIPAL} use it` };
    }
    return { status: 'unknown', what: `the key policy of ${topicLabel}'s key ${enc.keyId}`, why: 'the key is not a resource of this template' };
  }
  if (enc.kind === 'template-key') {
    const keyLabel = `key ${enc.keyLogicalId}${enc.alias ? ` (${enc.alias})` : ''}`;
    // A key without KeyPolicy gets KMS's default policy: the account root only, which admits no service.
    const statements = enc.keyPolicy ?? [];
    for (const action of KMS_ACTIONS_TO_PUBLISH_ENCRYPTED) {
      const d = evaluatePolicy(statements, request(path, action, ['*', `\${${enc.keyLogicalId}.Arn}`], KEY_POLICY_ACCOUNT_PRINCIPAL_ADMITS_SERVICES));
      const who = `${CLOUDWATCH_SERVICE_PRINCIPAL} ${action}`;
      if (d.decision === 'deny' || d.decision === 'implicit-deny') {
        return { status: 'broken', link: 'encryption key', reason: `${topicLabel} is encrypted with ${keyLabel}, whose key policy does not allow ${who}: ${d.reason}${enc.keyPolicy ? '' : ' (no KeyPolicy: the default one admits the account, not services)'}` };
      }
      if (d.decision === 'unknown') return { status: 'unknown', what: `whether ${keyLabel}'s policy allows ${who}`, why: d.reason };
    }
    steps.push(`encrypted with ${keyLabel}, whose policy lets ${CLOUDWATCH_SERVICE_PRINCIPAL} use it`);
  }

  // 3. Someone to deliver to.
  if (topic.subscriptions.length === 0) {
    return { status: 'broken', link: 'subscription', reason: `${topicLabel} has no subscription: CloudWatch publishes, SNS delivers to nobody` };
  }
  const conditional = topic.subscriptions.filter((s) => s.condition !== undefined);
  steps.push(`subscriptions: ${topic.subscriptions.map((s) => `${s.protocol} ${s.endpoint} (${s.id}${s.condition ? `, only when condition ${s.condition} holds` : ''})`).join(', ')}`);
  return { status: 'delivered', chain: steps.join(' -> '), conditional: conditional.map((s) => `${s.id} (condition ${s.condition})`) };
}

/** Whether the notification of an alarm entering ALARM reaches a subscriber, and if not, where it stops. */
export function notificationVerdict(path: AlarmNotificationPath | undefined): NotificationVerdict {
  if (!path) return { status: 'broken', link: 'action', reason: 'the alarm is not in the template' };
  if (path.actionsEnabled === false) return { status: 'broken', link: 'action', reason: `alarm ${path.alarmLogicalId} has ActionsEnabled false: it changes state but runs none of its actions` };
  const verdicts: NotificationVerdict[] = [];
  for (const action of path.actions) {
    if (action.kind === 'topic') verdicts.push(topicVerdict(path, action));
    else if (action.kind === 'unknown') verdicts.push({ status: 'unknown', what: action.what, why: action.why });
  }
  if (verdicts.length === 0) {
    const others = path.actions.map((a) => (a.kind === 'other' ? a.target : '')).filter(Boolean);
    return { status: 'broken', link: 'action', reason: `alarm ${path.alarmLogicalId} has no action that notifies an SNS topic${others.length ? ` (its actions: ${others.join(', ')})` : ' (AlarmActions is empty)'}` };
  }
  return verdicts.find((v) => v.status === 'delivered') ?? verdicts.find((v) => v.status === 'unknown') ?? verdicts[0];
}
