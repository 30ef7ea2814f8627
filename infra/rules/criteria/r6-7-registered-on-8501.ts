import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R6.7', title: 'Tasks are registered with the target group on port 8501', source: 'template',
  check: (s) => {
    const c = s.config();
    const lbs: any[] = s.template.get(s.template.byId(c.service.id)!, 'LoadBalancers') ?? [];
    const entry = lbs.find((l) => s.template.refersTo(l.TargetGroupArn) === c.targetGroup.id);
    if (!entry) return fail('the service is not registered with the target group', c.service.id);
    if (Number(entry.ContainerPort) !== 8501) return fail(`registered on container port ${entry.ContainerPort}`, c.service.id);
    if (c.targetGroup.port !== 8501) return fail(`target group port ${c.targetGroup.port}`, c.targetGroup.id);
    return pass('LoadBalancers ContainerPort 8501; target group port 8501');
  },
  mutants: [{ description: 'registered on 8080', template: (t) => setProp(t, 'AWS::ECS::Service', 'LoadBalancers.0.ContainerPort', 8080) }],
};
