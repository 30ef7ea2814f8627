import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UnknownValueError, type CfnTemplate, type DeploymentConfig } from '../infra/template/index.js';
import { acceptsInbound, OUTSIDE_SOURCE, ruleWitnessPackets, type InboundPacket } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configOf, configUnderTest, mutantConfig, MutantBuildError } from './support/template.js';

/**
 * P8 Network isolation (R8.2): any inbound packet the tasks' security groups accept is TCP on 8501 from
 * the load balancer's security group. Every run first sends, for every ingress rule of the tasks' groups
 * (inline or standalone `AWS::EC2::SecurityGroupIngress`), the packets at its edges (each protocol, its
 * lowest and highest port, from its CIDR or its source group), so an exposure that exists is found on
 * every run; then random sources from the whole IPv4 and IPv6 space, from the load balancer's group,
 * the tasks' own group and unrelated groups, on ports from the whole range. A task security group the
 * template does not define is unknown (NOT VERIFIED), never read as a group without rules.
 */
const evidence = new PropertyEvidence('P8', ['R8.2']);
afterAll(() => { evidence.write(); });

function packets(config: DeploymentConfig): fc.Arbitrary<InboundPacket> {
  const others = [...config.securityGroups.taskGroupIds, 'SomeOtherGroup'];
  const fromGroup = (ids: string[]) => fc.tuple(fc.constantFrom(...ids), fc.ipV4()).map(([groupId, ip]) => ({ groupId, ip }));
  // The load balancer's group is drawn most often: it is the one source that is let in, so a rule
  // widened for it (a port range, a protocol) is where a leak hides.
  const source = fc.oneof(
    { arbitrary: fc.ipV4().map((ip) => ({ ip })), weight: 2 },
    { arbitrary: fc.ipV6().filter((ip) => !ip.includes('.')).map((ip) => ({ ip })), weight: 1 },
    { arbitrary: fromGroup([...config.securityGroups.loadBalancerGroupIds]), weight: 2 },
    { arbitrary: fromGroup(others), weight: 1 },
  );
  const port = fc.oneof(fc.constantFrom(SPEC.appPort, SPEC.httpPort, SPEC.httpsPort, 22), fc.integer({ min: 0, max: 65535 }));
  const random = fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const), port, source });
  const edges = ruleWitnessPackets(config.securityGroups.task);
  return edges.length === 0 ? random : fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
}

/** Whether the tasks may accept this packet although P8 forbids it. */
function leaks(config: DeploymentConfig, p: InboundPacket): boolean {
  const albGroups = new Set(config.securityGroups.loadBalancerGroupIds);
  return acceptsInbound(config.securityGroups.task, p) && !(p.protocol === 'tcp' && p.port === SPEC.appPort && 'groupId' in p.source && albGroups.has(p.source.groupId));
}

/** The deterministic half: the first edge packet of any rule that leaks, described. */
function edgeLeak(config: DeploymentConfig): string | undefined {
  for (const rule of config.securityGroups.task) {
    const p = ruleWitnessPackets([rule]).find((x) => leaks(config, x));
    if (p) return `${p.protocol} port ${p.port} from ${'groupId' in p.source ? `security group ${p.source.groupId}` : p.source.ip} is accepted, by the rule ${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${rule.cidr ?? rule.sourceGroupId ?? OUTSIDE_SOURCE}`;
  }
  return undefined;
}

function onlyAlbOnAppPort(config: DeploymentConfig) {
  return fc.property(packets(config), (p) => !leaks(config, p));
}

/** Rejected by both halves: the edge packets of every rule, and the property. */
function rejects(test: string, config: DeploymentConfig): void {
  const leak = edgeLeak(config);
  evidence.fact(`${test}: shown by a rule's edge packet`, leak !== undefined, leak ?? 'no edge packet leaks: NOT shown');
  expect(leak, `${test}: no rule edge shows it`).toBeDefined();
  expectRejects(evidence, test, onlyAlbOnAppPort(config));
}

/** The tasks' first security group in a template being mutated (found through the service, not by logical id). */
const taskGroupOf = (t: CfnTemplate) => configOf(t).securityGroups.taskGroupIds[0];

/** Adds an inline ingress rule to the tasks' security group. */
function openTaskGroup(rule: Record<string, unknown>) {
  return (t: CfnTemplate) => {
    const props = t.Resources[taskGroupOf(t)].Properties!;
    props.SecurityGroupIngress = [...(props.SecurityGroupIngress ?? []), rule];
  };
}

describe('P8 network isolation', () => {
  it('P8 the tasks accept inbound traffic only on TCP 8501 from the load balancer security group', () => {
    const leak = edgeLeak(configUnderTest);
    evidence.fact('P8 no edge packet of any task ingress rule leaks', leak === undefined, leak ?? `${ruleWitnessPackets(configUnderTest.securityGroups.task).length} edge packet(s) checked`);
    if (leak) throw new Error(`an edge packet of a task ingress rule leaks: ${leak}`);
    assertHolds(evidence, 'P8 holds on the template under test', onlyAlbOnAppPort(configUnderTest));
  });

  it('P8 is not vacuous: the load balancer does reach the tasks on 8501', () => {
    const alb = configUnderTest.securityGroups.loadBalancerGroupIds[0];
    const reaches = acceptsInbound(configUnderTest.securityGroups.task, { protocol: 'tcp', port: SPEC.appPort, source: { groupId: alb, ip: '10.0.0.10' } });
    evidence.fact('P8 the ALB security group reaches 8501', reaches, reaches ? 'accepted' : 'refused');
    expect(reaches).toBe(true);
  });

  it('P8 rejects a rule that opens 8501 to the internet', () => {
    rejects('P8 mutant ingress 0.0.0.0/0 on 8501', mutantConfig('8501 from 0.0.0.0/0',
      openTaskGroup({ IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, CidrIp: '0.0.0.0/0' })));
  });

  it('P8 rejects a standalone AWS::EC2::SecurityGroupIngress opening 8501 to 0.0.0.0/0 (found on every run)', () => {
    rejects('P8 mutant standalone SecurityGroupIngress 0.0.0.0/0 on 8501', mutantConfig('standalone ingress 8501 from 0.0.0.0/0', (t) => {
      t.Resources.MutantOpenIngress = {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { 'Fn::GetAtt': [taskGroupOf(t), 'GroupId'] }, IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, CidrIp: '0.0.0.0/0' },
      };
    }));
  });

  it('P8 rejects a rule that opens 8501 to the IPv6 internet', () => {
    rejects('P8 mutant ingress ::/0 on 8501', mutantConfig('8501 from ::/0', openTaskGroup({ IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, CidrIpv6: '::/0' })));
  });

  it('P8 rejects a rule that admits 8501 from a prefix list (a source outside the template, not the load balancer)', () => {
    rejects('P8 mutant ingress SourcePrefixListId on 8501', mutantConfig('8501 from a prefix list',
      openTaskGroup({ IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, SourcePrefixListId: 'pl-0123456789abcdef0' })));
  });

  it('P8 rejects an ALB rule widened to every port', () => {
    rejects('P8 mutant SecurityGroupIngress FromPort 0', mutantConfig('ALB rule from port 0', (t) => {
      const group = taskGroupOf(t);
      const r = Object.values(t.Resources).find((x) => x.Type === 'AWS::EC2::SecurityGroupIngress' && JSON.stringify(x.Properties?.GroupId).includes(`"${group}"`));
      if (!r) throw new MutantBuildError('no standalone ingress rule on the tasks\' security group');
      r.Properties!.FromPort = 0;
    }));
  });

  it('P8 reports a task security group the template does not define as unknown, never as a group without rules', () => {
    const mutant = mutantConfig('extra security group sg-0123456789abcdef0', (t) => {
      const service = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
      service.Properties!.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups.push('sg-0123456789abcdef0');
    });
    let error: unknown;
    try { void mutant.securityGroups.task; } catch (e) { error = e; }
    evidence.fact('P8 an unresolvable task security group is unknown', error instanceof UnknownValueError, error instanceof Error ? error.message : 'read as known');
    expect(error).toBeInstanceOf(UnknownValueError);
  });
});
