import type { IngressRule } from '../../infra/template/index.js';

/** Where a packet comes from: an address, or an ENI in a security group (by the group's logical id). */
export type PacketSource = { readonly ip: string } | { readonly groupId: string; readonly ip: string };
export interface InboundPacket { readonly protocol: 'tcp' | 'udp' | 'icmp'; readonly port: number; readonly source: PacketSource }

/**
 * Security group evaluation for inbound traffic: groups are allow lists, a packet is accepted when any
 * rule of any of the ENI's groups matches its protocol, port and source (a CIDR containing the source
 * address, or the source's security group).
 */
export function acceptsInbound(rules: readonly IngressRule[], packet: InboundPacket): boolean {
  return rules.some((r) => protocolMatches(r.protocol, packet.protocol)
    && (r.protocol === '-1' || (packet.port >= r.fromPort && packet.port <= r.toPort))
    && sourceMatches(r, packet.source));
}

function protocolMatches(rule: string, p: string): boolean {
  if (rule === '-1') return true;
  const byNumber: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };
  return (byNumber[rule] ?? rule.toLowerCase()) === p;
}

function sourceMatches(rule: IngressRule, source: PacketSource): boolean {
  if (rule.sourceGroupId !== undefined) return 'groupId' in source && source.groupId === rule.sourceGroupId;
  if (rule.cidr !== undefined) return cidrContains(rule.cidr, source.ip);
  return false;
}

/** IPv4 CIDR membership; IPv6 rules (`::/0`) match only IPv6 sources, which the model does not send. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (!base.includes('.') || !ip.includes('.')) return false;
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((toNumber(base) & mask) >>> 0) === ((toNumber(ip) & mask) >>> 0);
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) + Number(part)) >>> 0, 0);
}
