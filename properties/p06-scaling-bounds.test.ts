import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import type { World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P6 Scaling respects bounds (R7.1, R7.7): whatever the CPU trace, every scaling activity of target
 * tracking leaves the desired count within [2, 10].
 */
const evidence = new PropertyEvidence('P6', ['R7.1', 'R7.7'])
  .markStatic('the scalable target\'s MinCapacity and MaxCapacity: Application Auto Scaling clamps every activity to them, so the CPU traces only restate that read');
afterAll(() => { evidence.write(); });

function scalingWithinBounds(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.cpu(2000), arb.passTime(900), arb.crash(), arb.failHealth()], () => {
    let seen = 0;
    return {
      onSecond(w: World) {
        for (const s of w.log.ofKind('scaling', seen)) {
          if (s.to < SPEC.minTasks || s.to > SPEC.maxTasks) throw new Violation(s.at, `scale-${s.direction} from ${s.from} to ${s.to}, outside [${SPEC.minTasks}, ${SPEC.maxTasks}]`);
        }
        seen = w.log.size;
      },
    };
  });
}

describe('P6 scaling respects bounds', () => {
  it('P6 every scaling activity ends within [2, 10] tasks, for any CPU trace', () => {
    assertHolds(evidence, 'P6 holds on the template under test', scalingWithinBounds(configUnderTest));
  });

  it('P6 rejects a maximum capacity of 11', () => {
    expectRejects(evidence, 'P6 mutant MaxCapacity 11', scalingWithinBounds(mutantConfig('MaxCapacity 11',
      (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MaxCapacity', 11))));
  });

  it('P6 rejects a minimum capacity of 1', () => {
    expectRejects(evidence, 'P6 mutant MinCapacity 1', scalingWithinBounds(mutantConfig('MinCapacity 1',
      (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MinCapacity', 1))));
  });
});
