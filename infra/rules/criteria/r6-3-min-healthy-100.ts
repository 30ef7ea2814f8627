import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.3', title: 'Rolling deployments keep 100 % of the desired tasks healthy', source: 'template',
  check: (s) => {
    const svc = s.config().service;
    return svc.minimumHealthyPercent >= 100 ? pass(`MinimumHealthyPercent ${svc.minimumHealthyPercent}`) : fail(`MinimumHealthyPercent ${svc.minimumHealthyPercent}`, svc.id);
  },
  mutants: [
    { description: 'MinimumHealthyPercent 50', template: (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MinimumHealthyPercent', 50) },
    // 75 % of 2 tasks rounds up to 2: the same as 100 % until the service scales to 4 or more.
    { description: 'MinimumHealthyPercent 75', template: (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MinimumHealthyPercent', 75) },
  ],
};
