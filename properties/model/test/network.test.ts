import { describe, expect, it } from 'vitest';
import { acceptsInbound, cidrContains, ruleWitnessPackets } from '../network.js';
import { config } from './fixtures.js';

const { task, loadBalancer, loadBalancerGroupIds, taskGroupIds } = config.securityGroups;
const alb = loadBalancerGroupIds[0];
const appPort = config.task.containerPort;

describe('security group evaluation', () => {
  it('the tasks accept the app port from the ALB group only', () => {
    expect(acceptsInbound(task, { protocol: 'tcp', port: appPort, source: { groupId: alb, ip: '10.0.0.5' } })).toBe(true);
    expect(acceptsInbound(task, { protocol: 'tcp', port: appPort, source: { ip: '203.0.113.9' } })).toBe(false);
    expect(acceptsInbound(task, { protocol: 'tcp', port: appPort, source: { groupId: taskGroupIds[0], ip: '10.0.0.6' } })).toBe(false);
    expect(acceptsInbound(task, { protocol: 'tcp', port: 22, source: { groupId: alb, ip: '10.0.0.5' } })).toBe(false);
    expect(acceptsInbound(task, { protocol: 'udp', port: appPort, source: { groupId: alb, ip: '10.0.0.5' } })).toBe(false);
  });

  it('the load balancer accepts its listener ports from anywhere', () => {
    for (const l of config.listeners) expect(acceptsInbound(loadBalancer, { protocol: 'tcp', port: l.port, source: { ip: '198.51.100.7' } })).toBe(true);
  });

  it('an all-protocols rule matches every port', () => {
    expect(acceptsInbound([{ protocol: '-1', fromPort: 0, toPort: 65535, cidr: '10.0.0.0/8' }], { protocol: 'udp', port: 53, source: { ip: '10.1.2.3' } })).toBe(true);
  });

  it('CIDR membership', () => {
    expect(cidrContains('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(cidrContains('10.40.0.0/24', '10.40.0.255')).toBe(true);
    expect(cidrContains('10.40.0.0/24', '10.40.1.0')).toBe(false);
    expect(cidrContains('::/0', '8.8.8.8')).toBe(false);
  });

  it('IPv6 CIDR membership', () => {
    expect(cidrContains('::/0', '2001:db8::1')).toBe(true);
    expect(cidrContains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(cidrContains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '2001:db8::1')).toBe(false);
  });

  it('edge packets: every protocol a rule admits, at both ends of its range, from its CIDR or group', () => {
    expect(ruleWitnessPackets([{ protocol: 'tcp', fromPort: 8000, toPort: 8501, cidr: '10.0.0.0/8' }]))
      .toEqual([{ protocol: 'tcp', port: 8000, source: { ip: '10.0.0.0' } }, { protocol: 'tcp', port: 8501, source: { ip: '10.0.0.0' } }]);
    expect(ruleWitnessPackets([{ protocol: '-1', fromPort: 0, toPort: 65535, sourceGroupId: 'G' }]).map((p) => p.protocol)).toEqual(['tcp', 'tcp', 'udp', 'udp', 'icmp', 'icmp']);
  });
});
