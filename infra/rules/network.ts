import type { TemplateView } from '../template/index.js';

/**
 * A subnet is public when its route table sends 0.0.0.0/0 to an internet gateway of the template.
 * (Subnets given as parameters or imports cannot be judged and count as not public.)
 */
export function isPublicSubnet(t: TemplateView, subnetId: string): boolean {
  const tables = t.ofType('AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => t.refersTo(a.props.SubnetId) === subnetId)
    .map((a) => t.refersTo(a.props.RouteTableId));
  return t.ofType('AWS::EC2::Route').some((r) => tables.includes(t.refersTo(r.props.RouteTableId))
    && t.get(r, 'DestinationCidrBlock') === '0.0.0.0/0'
    && t.byId(t.refersTo(r.props.GatewayId) ?? '')?.resource.Type === 'AWS::EC2::InternetGateway');
}

/** Distinct AZ expressions of a list of subnets of the template. */
export function zonesOf(t: TemplateView, subnetIds: readonly string[]): number {
  return new Set(subnetIds.map((id) => { const s = t.byId(id); return s ? JSON.stringify(t.get(s, 'AvailabilityZone')) : id; })).size;
}
