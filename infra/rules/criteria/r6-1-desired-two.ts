import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.1', title: 'The service keeps a desired count of 2 tasks', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    return svc.desiredCount === 2 ? pass('DesiredCount 2') : fail(`DesiredCount ${svc.desiredCount}`, svc.id);
  },
  mutants: [{ description: 'DesiredCount 1', template: (t) => setProp(t, 'AWS::ECS::Service', 'DesiredCount', 1) }],
};
