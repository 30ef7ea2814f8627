import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.6', title: 'Health checks are ignored for the first 60 s of a task (grace period)', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    return svc.healthCheckGracePeriodSeconds === 60 ? pass('HealthCheckGracePeriodSeconds 60') : fail(`HealthCheckGracePeriodSeconds ${svc.healthCheckGracePeriodSeconds}`, svc.id);
  },
  mutants: [{ description: 'grace 0 s', template: (t) => setProp(t, 'AWS::ECS::Service', 'HealthCheckGracePeriodSeconds', 0) }],
};
