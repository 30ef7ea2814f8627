import type { CfnTemplate } from '../../infra/template/index.js';
import { container, setProp } from '../../infra/rules/mutate.js';
import { configOf } from './template.js';

/**
 * Template mutants whose health checks can never pass against the real app, shared by the properties
 * (P2, P3, P4, P12) and the container tests, which run the mutated container command inside the real
 * image so that the model reads its measured exit code (properties/measured/app-health.json).
 */

/** A port the dashboard does not listen on (the container tests measure what it listens on). */
export const WRONG_PORT = 8080;

/** The container health check command with its port (the container port) replaced by WRONG_PORT. */
export function wrongPortCommand(command: readonly string[], containerPort: number): string[] {
  return command.map((part) => part.split(`:${containerPort}`).join(`:${WRONG_PORT}`));
}

export const HEALTH_MUTANTS: ReadonlyArray<{ readonly name: string; readonly change: (t: CfnTemplate) => void }> = [
  { name: `target group HealthCheckPort ${WRONG_PORT} (nothing listens there)`, change: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthCheckPort', String(WRONG_PORT)) },
  { name: 'target group Matcher HttpCode 204 (the health path answers 200)', change: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'Matcher', { HttpCode: '204' }) },
  { name: 'target group HealthCheckProtocol HTTPS (the app speaks plain HTTP)', change: (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthCheckProtocol', 'HTTPS') },
  {
    name: `container HealthCheck.Command probing port ${WRONG_PORT}`,
    change: (t) => {
      const port = configOf(t).task.containerPort;
      const c = container(t);
      c.HealthCheck = { ...c.HealthCheck, Command: wrongPortCommand(c.HealthCheck.Command, port) };
    },
  },
];
