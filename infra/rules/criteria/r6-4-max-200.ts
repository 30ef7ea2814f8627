import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.4', title: 'Deployments may run up to 200 % of the desired tasks', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    return svc.maximumPercent === 200 ? pass('MaximumPercent 200') : fail(`MaximumPercent ${svc.maximumPercent}`, svc.id);
  },
  mutants: [{ description: 'MaximumPercent 100 (a deployment could not start a new task)', template: (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MaximumPercent', 100) }],
};
