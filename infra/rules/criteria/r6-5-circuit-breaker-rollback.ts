import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.5', title: 'The deployment circuit breaker rolls a failed deployment back', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    if (!svc.circuitBreaker.enable) return fail('the deployment circuit breaker is off', svc.id);
    if (!svc.circuitBreaker.rollback) return fail('the circuit breaker does not roll back', svc.id);
    return pass('DeploymentCircuitBreaker Enable true, Rollback true');
  },
  mutants: [{ description: 'Rollback false', template: (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.DeploymentCircuitBreaker.Rollback', false) }],
};
