import type { IngressRule } from '../template/index.js';

/** IpProtocol as EC2 reads it: names in any case, or numbers (6 tcp, 17 udp); -1 is every protocol. */
export function protocolOf(r: IngressRule): string {
  const p = String(r.protocol).toLowerCase();
  return p === '6' ? 'tcp' : p === '17' ? 'udp' : p === 'all' ? '-1' : p;
}

/** Whether a rule lets TCP traffic on a port through (a tcp range that holds it, or every protocol). */
export function coversTcpPort(r: IngressRule, port: number): boolean {
  const p = protocolOf(r);
  return (p === 'tcp' || p === '-1') && r.fromPort <= port && r.toPort >= port;
}

export const isInternet = (cidr: string | undefined): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';

export const describeRule = (r: IngressRule): string =>
  `${protocolOf(r) === '-1' ? 'all traffic' : `${protocolOf(r)}:${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`} ${r.cidr ?? r.sourceGroupId ?? '?'}`;
