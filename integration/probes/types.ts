import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { STSClient } from '@aws-sdk/client-sts';
import { InputError } from '../../infra/cli/input-error.js';
import type { DeploymentConfig } from '../../infra/template/index.js';

/** The read-only SDK clients a probe may use. */
export interface Clients {
  readonly cfn: CloudFormationClient;
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly ecr: ECRClient;
  readonly cw: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly aas: ApplicationAutoScalingClient;
  readonly sts: STSClient;
}

export interface HttpAnswer { readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly body: string; readonly ms: number }
/** One HTTP GET that does not follow redirects. */
export type HttpGet = (url: string, timeoutMs: number) => Promise<HttpAnswer>;

/** Everything a probe sees: the stack's outputs, the template's numbers, the clients, HTTP. */
export interface ProbeContext {
  readonly stackName: string;
  readonly region: string;
  /** The stack's outputs by key (AlbDnsName, ClusterArn, ...). */
  readonly outputs: Readonly<Record<string, string>>;
  /** What the template promises: every expected value comes from here. */
  readonly config: DeploymentConfig;
  readonly clients: Clients;
  readonly http: HttpGet;
  /** Memo for calls several probes share (the running tasks, the service). */
  readonly memo: Map<string, Promise<unknown>>;
}

export interface Verdict { readonly ok: boolean; readonly detail: string; readonly figures?: Record<string, number> }

export interface Probe {
  /** File-level id: `P13`, `R9.3`. */
  readonly id: string;
  /** Every criterion and property this probe's verdict speaks for. */
  readonly covers: readonly string[];
  readonly title: string;
  run(ctx: ProbeContext): Promise<Verdict>;
}

export interface ProbeResult {
  readonly id: string;
  readonly covers: readonly string[];
  readonly title: string;
  /**
   * `error`: the probe could not look (no credentials, throttled after retries); `crashed`: the probe
   * itself broke (a TypeError in its code), a defect of the harness, never a finding about the stack.
   */
  readonly status: 'pass' | 'fail' | 'error' | 'crashed';
  readonly detail: string;
  readonly figures?: Record<string, number>;
  readonly ms: number;
}

/** The probe run cannot start or go on: exit code 2, one line. */
export class ProbeSetupError extends InputError {}
