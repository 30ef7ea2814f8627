import {
  CloudFormationClient, CreateChangeSetCommand, DescribeChangeSetCommand, DescribeStackResourcesCommand, DescribeStacksCommand,
  ExecuteChangeSetCommand, type Change, type StackResource,
} from '@aws-sdk/client-cloudformation';
import { EMULATED_REGION, FAKE_CREDENTIALS, type Emulator } from './emulator.js';

export interface Deployed {
  readonly stackName: string;
  /** The changes the change set listed, read before it was executed. */
  readonly changes: Change[];
  /** Stack status between creating the change set and executing it. */
  readonly statusBeforeExecute: string;
  readonly status: string;
  readonly outputs: Record<string, string>;
  readonly resources: StackResource[];
}

export function cfnClient(emulator: Emulator): CloudFormationClient {
  return new CloudFormationClient({
    region: EMULATED_REGION, endpoint: emulator.endpoint,
    credentials: { accessKeyId: FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
}

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Deploys a template the way `sam deploy` does: a change set, read back, then executed. */
export async function deployThroughChangeSet(emulator: Emulator, stackName: string, templateBody: string, parameters: Record<string, string>): Promise<Deployed> {
  const cfn = cfnClient(emulator);
  const changeSetName = `deploy-${Date.now()}`;
  await cfn.send(new CreateChangeSetCommand({
    StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: 'CREATE', TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM'],
    Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
  }));
  const changeSet = await until('the change set', async () => {
    const d = await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    if (d.Status === 'FAILED') throw new Error(`change set failed: ${d.StatusReason}`);
    return d.Status === 'CREATE_COMPLETE' ? d : undefined;
  });
  const statusBeforeExecute = String((await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus);
  await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
  const stack = await until('the stack', async () => {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    return s && !String(s.StackStatus).endsWith('_IN_PROGRESS') ? s : undefined;
  });
  const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
  cfn.destroy();
  return {
    stackName, changes: changeSet.Changes ?? [], statusBeforeExecute, status: String(stack.StackStatus), resources,
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [String(o.OutputKey), String(o.OutputValue)])),
  };
}
