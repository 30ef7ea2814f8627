import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * "Maintain a desired count of 2 running tasks at all times". Without auto scaling, that is the
 * service's DesiredCount (1 when omitted). With a scalable target, Application Auto Scaling moves the
 * desired count into MinCapacity..MaxCapacity when it registers the target and never scales below
 * MinCapacity, so the count starts at DesiredCount brought into that range and never drops below the
 * minimum: both must be 2. (Omitting DesiredCount under auto scaling is the usual way to keep deploys
 * from resetting a scaled count.)
 */
export const rule: Rule = {
  id: 'R6.1', title: 'The service keeps a desired count of 2 tasks', source: 'template',
  check: (s) => {
    const c = s.config();
    const svc = c.service;
    const sc = c.scaling;
    if (!sc) return svc.desiredCount === 2 ? pass('DesiredCount 2') : fail(`DesiredCount ${svc.desiredCount}${svc.desiredCount === 1 ? ' (1 when omitted)' : ''}`, svc.id);
    if (sc.minCapacity !== 2) return fail(`auto scaling may bring the desired count down to MinCapacity ${sc.minCapacity}`, svc.id);
    const start = Math.min(Math.max(svc.desiredCount, sc.minCapacity), sc.maxCapacity);
    return start === 2 ? pass(`desired count starts at 2 (DesiredCount ${svc.desiredCount} within ${sc.minCapacity}..${sc.maxCapacity}) and never drops below MinCapacity 2`)
      : fail(`the desired count starts at ${start} (DesiredCount ${svc.desiredCount} within ${sc.minCapacity}..${sc.maxCapacity}), not 2`, svc.id);
  },
  mutants: [
    { description: 'DesiredCount 3', template: (t) => setProp(t, 'AWS::ECS::Service', 'DesiredCount', 3) },
    { description: 'scaling minimum 1', template: (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MinCapacity', 1) },
  ],
};
