import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.2', title: 'The task gets 1 GB of memory (1024 MiB)', source: 'template',
  check: (s) => {
    const { task } = s.config();
    return task.memoryMiB === 1024 ? pass('Memory = 1024') : fail(`Memory = ${task.memoryMiB}`, task.id);
  },
  mutants: [{ description: 'Memory 2048', template: (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '2048') }],
};
