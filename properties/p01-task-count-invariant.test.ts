import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P1 Task count invariant (R6.1, R7.1). As written ("running tasks always within [2, 10]") it cannot
 * hold on ECS: a crashed task leaves one running until its replacement starts, and a rolling deployment
 * or a Spot warning runs more than desired. What holds, and is checked: the service's desired count is
 * within [2, 10] at every second, and once the service is steady again the running count equals it.
 */
const evidence = new PropertyEvidence('P1', ['R6.1', 'R7.1'],
  'running tasks dip below desired while a replacement starts and exceed it during deployments and Spot warnings; checked: desired count always in [2, 10], running count in [2, 10] whenever the service is steady')
  .markStaticPart('the desired count within [2, 10] is the template\'s DesiredCount brought into MinCapacity..MaxCapacity at registration and kept there by every scaling activity');
afterAll(() => { evidence.write(); });

const SETTLE_LIMIT_SECONDS = 7200;

function taskCountInvariant(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.passTime(), arb.cpu(), arb.crash(), arb.failHealth(), arb.spot(), arb.deploy(), arb.spotCapacity()], () => ({
    onSecond(w) {
      const d = w.service.desiredCount;
      if (d < SPEC.minTasks || d > SPEC.maxTasks) throw new Violation(w.now, `desired count ${d} is outside [${SPEC.minTasks}, ${SPEC.maxTasks}]`);
    },
    atEnd(w) {
      // Steady state needs capacity for every task: Spot capacity comes back (it was refused at times).
      w.setSpotCapacity(true);
      if (!w.settle(SETTLE_LIMIT_SECONDS)) throw new Violation(w.now, `the service did not return to a steady state within ${SETTLE_LIMIT_SECONDS}s${w.healthBlocker ? `: its tasks cannot stay healthy, ${w.healthBlocker}` : ''}`);
      const running = w.runningTasks.length;
      if (running < SPEC.minTasks || running > SPEC.maxTasks) throw new Violation(w.now, `${running} tasks run in steady state`);
    },
  }));
}

describe('P1 task count invariant', () => {
  it('P1 the desired count stays within [2, 10] and the steady running count equals it, under crashes, health failures, Spot reclaims, load and deployments', () => {
    assertHolds(evidence, 'P1 holds on the template under test', taskCountInvariant(configUnderTest));
  });

  it('P1 rejects a template whose scalable target may go down to 1 task', () => {
    expectRejects(evidence, 'P1 mutant MinCapacity 1', taskCountInvariant(mutantConfig('MinCapacity 1',
      (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MinCapacity', 1))));
  });

  it('P1 rejects a template whose scalable target may go up to 12 tasks', () => {
    expectRejects(evidence, 'P1 mutant MaxCapacity 12', taskCountInvariant(mutantConfig('MaxCapacity 12',
      (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalableTarget', 'MaxCapacity', 12))));
  });
});
