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

/**
 * The source of a rule that names neither a CIDR nor a security group of the template (a prefix list, a
 * group of another stack or account): the model cannot enumerate it, but knows it is none of the
 * template's groups, so it stands for "a packet from there".
 */
export const OUTSIDE_SOURCE = '(a prefix list or security group outside this template)';

function sourceMatches(rule: IngressRule, source: PacketSource): boolean {
  if (rule.sourceGroupId !== undefined) return 'groupId' in source && source.groupId === rule.sourceGroupId;
  if (rule.cidr !== undefined) return cidrContains(rule.cidr, source.ip);
  return 'groupId' in source && source.groupId === OUTSIDE_SOURCE;
}

/** CIDR membership, IPv4 or IPv6; an IPv4 source never matches an IPv6 rule and the reverse. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (base.includes(':') && ip.includes(':')) {
    const bits = BigInt(Number(bitsText ?? 128));
    const shift = 128n - bits;
    return (toBigInt6(base) >> shift) === (toBigInt6(ip) >> shift);
  }
  if (!base.includes('.') || !ip.includes('.')) return false;
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((toNumber(base) & mask) >>> 0) === ((toNumber(ip) & mask) >>> 0);
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) + Number(part)) >>> 0, 0);
}

function toBigInt6(ip: string): bigint {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

const PROTOCOLS: ReadonlyArray<InboundPacket['protocol']> = ['tcp', 'udp', 'icmp'];

/**
 * For every rule, the packets at its edges: each protocol it admits, its lowest and highest port, from
 * the first address of its CIDR or from its source group. Checking these on every run finds any rule that
 * admits more than it should, whatever the random draw (a rule's whole range is admitted or none of it).
 */
export function ruleWitnessPackets(rules: readonly IngressRule[]): InboundPacket[] {
  const out: InboundPacket[] = [];
  for (const r of rules) {
    const protocols = r.protocol === '-1' ? PROTOCOLS : PROTOCOLS.filter((p) => protocolMatches(r.protocol, p));
    const sources: PacketSource[] = [];
    if (r.sourceGroupId !== undefined) sources.push({ groupId: r.sourceGroupId, ip: '10.0.0.10' });
    if (r.cidr !== undefined) sources.push({ ip: r.cidr.split('/')[0] });
    if (r.sourceGroupId === undefined && r.cidr === undefined) sources.push({ groupId: OUTSIDE_SOURCE, ip: '0.0.0.0' });
    for (const protocol of protocols) {
      for (const port of new Set([r.fromPort, r.toPort])) for (const source of sources) out.push({ protocol, port, source });
    }
  }
  return out;
}
