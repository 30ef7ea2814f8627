import { container } from '../mutate.js';
import { awslogsGroup, listOf } from '../logs.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R9.1', title: 'stdout and stderr go to CloudWatch Logs /ecs/vibejudge-dashboard (awslogs driver)', source: 'template',
  check: (s) => {
    const c = s.config();
    const td = s.template.byId(c.task.id)!;
    const containers = listOf(s.template.get(td, 'ContainerDefinitions'), `${td.resource.Type} ${td.id} ContainerDefinitions`);
    const without = containers.filter((x) => x?.LogConfiguration?.LogDriver !== 'awslogs').map((x) => x?.Name);
    if (without.length > 0) return fail(`containers without the awslogs driver: ${without.join(', ')}`, c.task.id);
    const g = awslogsGroup(s);
    if (g.kind === 'generated') return fail(`logs go to ${g.resourceId}, whose name CloudFormation generates, not /ecs/vibejudge-dashboard`, c.task.id);
    if (g.kind === 'none') return fail(`logs do not go to a CloudWatch Logs group (${g.why})`, c.task.id);
    return g.name === '/ecs/vibejudge-dashboard' ? pass('awslogs to /ecs/vibejudge-dashboard') : fail(`logs go to ${g.name}`, c.task.id);
  },
  mutants: [{ description: 'no log configuration', template: (t) => { delete container(t).LogConfiguration; } }],
};
