import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { acceptsInbound, type InboundPacket } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P8 Network isolation (R8.2): any inbound packet the tasks' security groups accept is TCP on 8501 from
 * the load balancer's security group. Sources are drawn from the whole IPv4 space, from the load
 * balancer's group, from the tasks' own group and from unrelated groups; ports from the whole range.
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
    { arbitrary: fromGroup([...config.securityGroups.loadBalancerGroupIds]), weight: 2 },
    { arbitrary: fromGroup(others), weight: 1 },
  );
  const port = fc.oneof(fc.constantFrom(SPEC.appPort, SPEC.httpPort, SPEC.httpsPort, 22), fc.integer({ min: 0, max: 65535 }));
  return fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const), port, source });
}

function onlyAlbOnAppPort(config: DeploymentConfig) {
  const albGroups = new Set(config.securityGroups.loadBalancerGroupIds);
  return fc.property(packets(config), (p) => {
    if (!acceptsInbound(config.securityGroups.task, p)) return true;
    return p.protocol === 'tcp' && p.port === SPEC.appPort && 'groupId' in p.source && albGroups.has(p.source.groupId);
  });
}

/** Adds an inline ingress rule to the tasks' security group. */
function openTaskGroup(rule: Record<string, unknown>) {
  return (t: Parameters<Parameters<typeof mutantConfig>[1]>[0]) => {
    const props = t.Resources[configUnderTest.securityGroups.taskGroupIds[0]].Properties!;
    props.SecurityGroupIngress = [...(props.SecurityGroupIngress ?? []), rule];
  };
}

describe('P8 network isolation', () => {
  it('P8 the tasks accept inbound traffic only on TCP 8501 from the load balancer security group', () => {
    assertHolds(evidence, 'P8 holds on the template under test', onlyAlbOnAppPort(configUnderTest));
  });

  it('P8 is not vacuous: the load balancer does reach the tasks on 8501', () => {
    const alb = configUnderTest.securityGroups.loadBalancerGroupIds[0];
    const reaches = acceptsInbound(configUnderTest.securityGroups.task, { protocol: 'tcp', port: SPEC.appPort, source: { groupId: alb, ip: '10.0.0.10' } });
    evidence.fact('P8 the ALB security group reaches 8501', reaches, reaches ? 'accepted' : 'refused');
    expect(reaches).toBe(true);
  });

  it('P8 rejects a rule that opens 8501 to the internet', () => {
    expectRejects(evidence, 'P8 mutant ingress 0.0.0.0/0 on 8501', onlyAlbOnAppPort(mutantConfig('8501 from 0.0.0.0/0',
      openTaskGroup({ IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, CidrIp: '0.0.0.0/0' }))));
  });

  it('P8 rejects an ALB rule widened to every port', () => {
    expectRejects(evidence, 'P8 mutant SecurityGroupIngress FromPort 0', onlyAlbOnAppPort(mutantConfig('ALB rule from port 0',
      (t) => { const r = Object.values(t.Resources).find((x) => x.Type === 'AWS::EC2::SecurityGroupIngress'); if (r) r.Properties!.FromPort = 0; })));
  });
});
