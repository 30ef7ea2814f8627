import { container } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.3', title: 'The container listens on port 8501', source: 'template',
  check: (s) => {
    const { task } = s.config();
    if (Number.isNaN(task.containerPort)) return fail('the container maps no port (PortMappings)', task.id);
    return task.containerPort === 8501 ? pass('PortMappings[0].ContainerPort = 8501') : fail(`container port is ${task.containerPort}`, task.id);
  },
  mutants: [{ description: 'container port 80', template: (t) => { container(t).PortMappings[0].ContainerPort = 80; } }],
};
