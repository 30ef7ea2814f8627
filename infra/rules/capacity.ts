import type { RuleSubject } from './types.js';

export interface StrategyItem { readonly capacityProvider: string; readonly base: number; readonly weight: number }

/**
 * Where the service's tasks run, the way ECS decides it: its LaunchType, else its own capacity provider
 * strategy, else the cluster's default strategy (AWS::ECS::ClusterCapacityProviderAssociations or the
 * cluster's DefaultCapacityProviderStrategy), else the EC2 launch type.
 */
export type Placement =
  | { readonly kind: 'launchType'; readonly launchType: string; readonly source: string }
  | { readonly kind: 'strategy'; readonly strategy: readonly StrategyItem[]; readonly source: string };

export function placement(s: RuleSubject): Placement {
  const svc = s.config().service;
  if (svc.launchType !== undefined) return { kind: 'launchType', launchType: String(svc.launchType), source: `${svc.id} LaunchType` };
  if (svc.capacityProviderStrategy.length > 0) return { kind: 'strategy', strategy: svc.capacityProviderStrategy, source: `${svc.id} CapacityProviderStrategy` };
  const t = s.template;
  const clusterId = s.config().cluster.id;
  const items = (raw: unknown): StrategyItem[] => (Array.isArray(raw) ? raw : []).map((x: any) => ({
    capacityProvider: String(x?.CapacityProvider), base: Number(x?.Base ?? 0) || 0, weight: Number(x?.Weight ?? 0) || 0,
  }));
  for (const a of t.ofType('AWS::ECS::ClusterCapacityProviderAssociations')) {
    if (t.refersTo(a.props.Cluster) !== clusterId) continue;
    const strategy = items(t.known(a, 'DefaultCapacityProviderStrategy'));
    if (strategy.length > 0) return { kind: 'strategy', strategy, source: `the cluster's default strategy (${a.id})` };
  }
  const cluster = t.byId(clusterId);
  const strategy = cluster ? items(t.known(cluster, 'DefaultCapacityProviderStrategy')) : [];
  if (strategy.length > 0) return { kind: 'strategy', strategy, source: `the cluster's default strategy (${clusterId})` };
  return { kind: 'launchType', launchType: 'EC2', source: 'no LaunchType, no strategy and no cluster default strategy (ECS then uses the EC2 launch type)' };
}
