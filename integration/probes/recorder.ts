import type { Clients } from './types.js';
import type { ClientHook } from './context.js';

/** IAM's service prefix for each SDK client: what an action in a policy is named after. */
const IAM_PREFIX: Record<string, string> = {
  CloudFormationClient: 'cloudformation', ECSClient: 'ecs', ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  EC2Client: 'ec2', ECRClient: 'ecr', CloudWatchClient: 'cloudwatch', CloudWatchLogsClient: 'logs',
  ApplicationAutoScalingClient: 'application-autoscaling', STSClient: 'sts',
};

/** A hook that records the IAM action of every command any client sends (`ecs:DescribeServices`). */
export function recordActions(into: Set<string>): ClientHook {
  return (client: Clients[keyof Clients]) => {
    (client.middlewareStack as any).add((next: any, context: any) => (args: any) => {
      const prefix = IAM_PREFIX[context.clientName] ?? `unknown(${context.clientName})`;
      into.add(`${prefix}:${String(context.commandName).replace(/Command$/, '')}`);
      return next(args);
    }, { step: 'initialize', name: 'recordIamAction', priority: 'high' });
  };
}

/** Recorded API answers by command name; `{__byInput: [{match, answer}]}` answers by the request's fields. */
export type Recorded = Record<string, unknown>;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
function revive(value: unknown): unknown {
  if (typeof value === 'string' && ISO.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/**
 * A hook that answers commands from recorded responses instead of the network, for what the
 * emulator does not model. It sits before serialisation, so the probe's real client and command
 * objects are used; a command with no recording fails loudly.
 */
export function answerFrom(recorded: Recorded): ClientHook {
  return (client: Clients[keyof Clients]) => {
    (client.middlewareStack as any).add((_next: any, context: any) => async (args: any) => {
      const name = String(context.commandName).replace(/Command$/, '');
      if (!(name in recorded)) throw new Error(`no recorded answer for ${name}`);
      let answer = recorded[name] as any;
      if (answer && typeof answer === 'object' && Array.isArray(answer.__byInput)) {
        const input = args.input ?? {};
        const hit = answer.__byInput.find((c: any) => Object.entries(c.match).every(([k, v]) => JSON.stringify(input[k]) === JSON.stringify(v)));
        if (!hit) throw new Error(`no recorded answer for ${name} with ${JSON.stringify(input)}`);
        answer = hit.answer;
      }
      if (answer && typeof answer === 'object' && '__error' in answer) {
        const err = new Error(String(answer.message ?? answer.__error));
        err.name = String(answer.__error);
        throw err;
      }
      return { output: { $metadata: { httpStatusCode: 200 }, ...(revive(answer) as object) }, response: {} };
    }, { step: 'initialize', name: 'answerFromRecording', priority: 'low' });
  };
}
