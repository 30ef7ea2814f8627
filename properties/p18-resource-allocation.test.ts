import { afterAll, describe, expect, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import type { World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P18 Resource allocation consistency (R4.1, R4.2): every task launched (first start, replacement,
 * scale-out, deployment, rollback, rebalancing, on FARGATE or FARGATE_SPOT) gets exactly 512 CPU units
 * and 1024 MiB. Fargate sizes a task by its task definition, so the template's value is also checked
 * directly against the spec.
 */
const evidence = new PropertyEvidence('P18', ['R4.1', 'R4.2'])
  .markStatic('the task definition\'s Cpu and Memory: Fargate sizes every task by them, so the launches in the sequences only restate that read');
afterAll(() => { evidence.write(); });

function everyLaunchSized(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.passTime(600), arb.cpu(), arb.crash(), arb.failHealth(), arb.spot(), arb.loseZone(), arb.restoreZone(), arb.deploy()], () => {
    let seen = 0;
    return {
      onSecond(w: World) {
        for (const l of w.log.ofKind('task-launched', seen)) {
          // Both: what the task definition asks for (Fargate's behaviour) and what the spec asks for.
          if (l.cpuUnits !== config.task.cpuUnits || l.memoryMiB !== config.task.memoryMiB) throw new Violation(l.at, `task ${l.taskId} launched with ${l.cpuUnits}/${l.memoryMiB}, not its task definition's ${config.task.cpuUnits}/${config.task.memoryMiB}`);
          if (l.cpuUnits !== SPEC.cpuUnits || l.memoryMiB !== SPEC.memoryMiB) throw new Violation(l.at, `task ${l.taskId} launched with ${l.cpuUnits} CPU units and ${l.memoryMiB} MiB`);
        }
        seen = w.log.size;
      },
    };
  });
}

describe('P18 resource allocation consistency', () => {
  it('P18 the task definition asks for 512 CPU units and 1024 MiB', () => {
    const { cpuUnits, memoryMiB } = configUnderTest.task;
    const ok = cpuUnits === SPEC.cpuUnits && memoryMiB === SPEC.memoryMiB;
    evidence.fact('P18 task definition size', ok, `Cpu ${cpuUnits}, Memory ${memoryMiB}`);
    expect({ cpuUnits, memoryMiB }).toEqual({ cpuUnits: SPEC.cpuUnits, memoryMiB: SPEC.memoryMiB });
  });

  it('P18 every launched task gets 512 CPU units and 1024 MiB, whatever launched it', () => {
    assertHolds(evidence, 'P18 holds on the template under test', everyLaunchSized(configUnderTest));
  });

  it('P18 rejects a task definition of 1024 CPU units', () => {
    expectRejects(evidence, 'P18 mutant Cpu 1024', everyLaunchSized(mutantConfig('Cpu 1024', (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'Cpu', '1024'))));
  });

  it('P18 rejects a task definition of 2048 MiB', () => {
    expectRejects(evidence, 'P18 mutant Memory 2048', everyLaunchSized(mutantConfig('Memory 2048', (t) => setProp(t, 'AWS::ECS::TaskDefinition', 'Memory', '2048'))));
  });
});
