import { describe, expect, it } from 'vitest';
import { alarmNotificationPaths, type AlarmNotificationPath, type PolicyStatement, type TopicPath } from '../../../infra/template/alarm-delivery.js';
import { loadTemplate, TEMPLATE_PATH, TemplateView } from '../../../infra/template/index.js';
import { evaluatePolicy, globMatch, type PolicyRequest } from '../iam-policy.js';
import { notificationVerdict } from '../notifications.js';
import { watchesServiceTargets } from '../alarm-metric.js';
import { config } from './fixtures.js';

const stmt = (s: Partial<PolicyStatement>): PolicyStatement => ({
  sid: undefined, effect: 'Allow', principal: '*', notPrincipal: undefined, action: ['sns:Publish'], notAction: undefined,
  resource: ['${Topic}'], notResource: undefined, condition: {}, ...s,
});
const req: PolicyRequest = {
  service: 'cloudwatch.amazonaws.com', accountPrincipalAdmits: true, action: 'sns:Publish', resources: ['${Topic}'],
  context: { 'aws:securetransport': 'true', 'aws:sourceaccount': '${AWS::AccountId}', 'aws:sourcearn': 'arn:aws:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${Alarm}' },
  absentKeys: ['aws:principalorgid'],
};
const ENFORCE_SSL = stmt({ sid: 'SSL', effect: 'Deny', condition: { Bool: { 'aws:SecureTransport': ['false'] } } });
const CLOUDWATCH = stmt({ principal: { Service: ['cloudwatch.amazonaws.com'] }, condition: { StringEquals: { 'aws:SourceAccount': ['${AWS::AccountId}'] } } });

describe('resource policy evaluation', () => {
  it('a Deny-only policy allows nothing (implicit deny); a Deny that does not apply does not deny', () => {
    expect(evaluatePolicy([ENFORCE_SSL], req).decision).toBe('implicit-deny');
    expect(evaluatePolicy([ENFORCE_SSL, CLOUDWATCH], req).decision).toBe('allow');
  });
  it('an explicit Deny wins over an Allow', () => {
    expect(evaluatePolicy([CLOUDWATCH, stmt({ effect: 'Deny', principal: { Service: ['cloudwatch.amazonaws.com'] } })], req).decision).toBe('deny');
  });
  it('another service, another account scope, or another action does not allow', () => {
    expect(evaluatePolicy([stmt({ principal: { Service: ['events.amazonaws.com'] } })], req).decision).toBe('implicit-deny');
    expect(evaluatePolicy([stmt({ ...CLOUDWATCH, action: ['sns:Subscribe'] })], req).decision).toBe('implicit-deny');
    expect(evaluatePolicy([stmt({ ...CLOUDWATCH, condition: { ArnLike: { 'aws:SourceArn': ['arn:aws:cloudwatch:*:${AWS::AccountId}:alarm:other-*'] } } })], req).decision).toBe('implicit-deny');
  });
  it('a literal account id compared with the deploying account is unknown, not a guess', () => {
    expect(evaluatePolicy([stmt({ ...CLOUDWATCH, condition: { StringEquals: { 'aws:SourceAccount': ['111122223333'] } } })], req).decision).toBe('unknown');
    expect(globMatch('arn:aws:sns:us-east-1:111122223333:*', 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:t')).toBe('unknown');
  });
  it('the account principal admits the call for SNS (as the default policy does) but not in a key policy', () => {
    const account = stmt({ principal: { AWS: ['arn:aws:iam::${AWS::AccountId}:root'] } });
    expect(evaluatePolicy([account], req).decision).toBe('allow');
    expect(evaluatePolicy([account], { ...req, accountPrincipalAdmits: false }).decision).toBe('implicit-deny');
  });
  it('a condition key the model does not know makes the statement unknown', () => {
    expect(evaluatePolicy([stmt({ ...CLOUDWATCH, condition: { StringEquals: { 'aws:SomethingElse': ['x'] } } })], req).decision).toBe('unknown');
  });
});

const topic = (t: Partial<TopicPath>): TopicPath => ({
  kind: 'topic', topicLogicalId: 'Topic', topicArn: '${Topic}', topicName: undefined, policies: [], encryption: { kind: 'none' },
  subscriptions: [{ id: 'Sub', protocol: 'email', endpoint: 'ops@example.com', conditionHolds: true }], ...t,
});
const path = (...actions: AlarmNotificationPath['actions']): AlarmNotificationPath => ({ alarmLogicalId: 'Alarm', actionsEnabled: true, metric: { namespace: 'AWS/ApplicationELB', metricName: 'HealthyHostCount', metricMath: false, dimensions: {} }, alarmArn: 'arn:aws:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${Alarm}', actions });

describe('alarm notification path', () => {
  it('a topic with SNS\'s default policy and a subscriber delivers', () => {
    expect(notificationVerdict(path(topic({})))).toMatchObject({ status: 'delivered' });
  });
  it('says which link breaks: topic policy, key, subscription, action', () => {
    expect(notificationVerdict(path(topic({ policies: [{ id: 'P', statements: [ENFORCE_SSL] }] })))).toMatchObject({ status: 'broken', link: 'topic policy' });
    expect(notificationVerdict(path(topic({ encryption: { kind: 'external', keyId: 'alias/aws/sns' } })))).toMatchObject({ status: 'broken', link: 'encryption key' });
    expect(notificationVerdict(path(topic({ encryption: { kind: 'template-key', keyLogicalId: 'K', keyPolicy: undefined } })))).toMatchObject({ status: 'broken', link: 'encryption key' });
    expect(notificationVerdict(path(topic({ subscriptions: [] })))).toMatchObject({ status: 'broken', link: 'subscription' });
    expect(notificationVerdict(path({ kind: 'other', target: 'arn:aws:automate:us-east-1:ec2:stop' }))).toMatchObject({ status: 'broken', link: 'action' });
  });
  it('a key of the template whose policy lets CloudWatch use it delivers', () => {
    const keyPolicy = [stmt({ principal: { Service: ['cloudwatch.amazonaws.com'] }, action: ['kms:Decrypt', 'kms:GenerateDataKey*'], resource: ['*'] })];
    expect(notificationVerdict(path(topic({ encryption: { kind: 'template-key', keyLogicalId: 'K', keyPolicy } })))).toMatchObject({ status: 'delivered' });
  });
  it('a key or topic the template does not hold is unknown', () => {
    expect(notificationVerdict(path(topic({ encryption: { kind: 'external', keyId: 'arn:aws:kms:us-east-1:111122223333:key/abc' } })))).toMatchObject({ status: 'unknown' });
    expect(notificationVerdict(path({ kind: 'unknown', what: 'the action', why: 'imported' }))).toMatchObject({ status: 'unknown' });
  });
});

describe('what an alarm watches', () => {
  const metric = { namespace: 'AWS/ApplicationELB', metricName: 'HealthyHostCount', metricMath: false, dimensions: { TargetGroup: [config.targetGroup.id], LoadBalancer: [config.loadBalancer.id] } };
  it('the service\'s target group behind its load balancer, in AWS/ApplicationELB', () => {
    expect(watchesServiceTargets(metric, config).ok).toBe(true);
    expect(watchesServiceTargets({ ...metric, namespace: 'AWS/NetworkELB' }, config).ok).toBe(false);
    expect(watchesServiceTargets({ ...metric, dimensions: { LoadBalancer: [config.loadBalancer.id] } }, config).ok).toBe(false);
    expect(watchesServiceTargets({ ...metric, dimensions: { ...metric.dimensions, TargetGroup: ['OtherGroup'] } }, config).ok).toBe(false);
    expect(watchesServiceTargets({ ...metric, metricMath: true }, config).ok).toBe('unknown');
  });
  it('the committed template\'s HealthyHostCount alarm does', () => {
    const alarm = config.alarms.find((a) => a.metricName === 'HealthyHostCount')!;
    expect(watchesServiceTargets(config.alarmNotifications[alarm.id].metric, config)).toEqual({ ok: true });
  });
});

describe('reading the notification path from a template', () => {
  it('a topic policy written as a JSON string reads the same as one written as an object', () => {
    const json = loadTemplate(TEMPLATE_PATH).cloneJson();
    const policy = Object.values(json.Resources).find((r) => r.Type === 'AWS::SNS::TopicPolicy')!;
    const asObject = alarmNotificationPaths(new TemplateView(structuredClone(json)));
    policy.Properties!.PolicyDocument = JSON.stringify(policy.Properties!.PolicyDocument);
    expect(alarmNotificationPaths(new TemplateView(json))).toEqual(asObject);
  });
});
