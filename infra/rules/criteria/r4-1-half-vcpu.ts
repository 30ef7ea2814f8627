import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.1', title: 'The task gets 0.5 vCPU (512 CPU units)', source: 'template',
  check: (s) => {
    const { task } = s.config();
    return task.cpuUnits === 512 ? pass('Cpu = 512') : fail(`Cpu = ${task.cpuUnits}`, task.id);
  },
  mutants: [{ description: 'Cpu 1024', template: (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '1024') }],
};
