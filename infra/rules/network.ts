import { isUnknown, UnknownValueError, type TemplateView } from '../template/index.js';

/**
 * A subnet is public when its route table sends 0.0.0.0/0 to an internet gateway of the template.
 * A subnet this template does not define (a parameter, an import, an id) cannot be judged: an
 * UnknownValueError naming it.
 */
export function isPublicSubnet(t: TemplateView, subnetId: string): boolean {
  if (!t.byId(subnetId)) throw new UnknownValueError(`subnet ${subnetId}`, 'it is not defined in this template, so its routes cannot be read');
  const tables = t.ofType('AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => t.refersTo(a.props.SubnetId) === subnetId)
    .map((a) => t.refersTo(a.props.RouteTableId));
  return t.ofType('AWS::EC2::Route').some((r) => tables.includes(t.refersTo(r.props.RouteTableId))
    && t.get(r, 'DestinationCidrBlock') === '0.0.0.0/0'
    && t.byId(t.refersTo(r.props.GatewayId) ?? '')?.resource.Type === 'AWS::EC2::InternetGateway');
}

/**
 * The subnets a list names, as logical ids of the template. A list the template cannot tell, or a
 * subnet it does not define, is an UnknownValueError naming it.
 */
export function subnetIdsOf(t: TemplateView, list: unknown, what: string): string[] {
  const value = t.resolve(list);
  if (isUnknown(value)) throw new UnknownValueError(what, value.why);
  return (Array.isArray(value) ? value : []).map((s) => {
    if (isUnknown(s)) throw new UnknownValueError(what, s.why);
    const id = t.refersTo(s);
    if (!id || !t.byId(id)) throw new UnknownValueError(what, `subnet ${typeof s === 'string' ? s : JSON.stringify(s)} is not defined in this template, so its availability zone is not known`);
    return id;
  });
}

/**
 * Distinct availability zones of subnets of the template, by their AvailabilityZone (or
 * AvailabilityZoneId) expressions: `!Select [0, !GetAZs '']` and `!Select [1, !GetAZs '']` are two
 * zones. A subnet without a zone (EC2 picks one) or with a zone the template cannot tell is an
 * UnknownValueError when it could decide the count.
 */
export function zonesOf(t: TemplateView, subnetIds: readonly string[]): number {
  const zones = new Set<string>();
  let undecided: UnknownValueError | undefined;
  for (const id of subnetIds) {
    const subnet = t.byId(id);
    const az = subnet ? t.get(subnet, 'AvailabilityZone') ?? t.get(subnet, 'AvailabilityZoneId') : undefined;
    if (!subnet) undecided ??= new UnknownValueError(`subnet ${id}`, 'it is not defined in this template');
    else if (az === undefined) undecided ??= new UnknownValueError(`AWS::EC2::Subnet ${id} AvailabilityZone`, 'it is not set, so EC2 picks the zone at creation');
    else if (isUnknown(az)) undecided ??= new UnknownValueError(`AWS::EC2::Subnet ${id} AvailabilityZone`, az.why);
    else zones.add(JSON.stringify(az));
  }
  if (undecided && zones.size < 2) throw undecided;
  return zones.size;
}
