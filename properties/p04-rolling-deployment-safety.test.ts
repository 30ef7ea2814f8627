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
 * P4 Rolling deployment safety (R6.3, R6.4): during any deployment, good or broken, back to back or
 * not, healthy tasks never fall below 100 % of the desired count and launched tasks never exceed 200 %.
 * Deployments here run without other faults: a task crashing mid-deployment lowers the healthy count
 * whatever the deployment settings (that is P12's concern). Tasks that ECS is already draining are not
 * counted toward the 200 %, as ECS does not count them.
 */
const evidence = new PropertyEvidence('P4', ['R6.3', 'R6.4'],
  'checked for deployments without simultaneous task failures (a crash during a deployment lowers the healthy count under any settings); draining tasks are not counted toward the maximum, as in ECS');
afterAll(() => { evidence.write(); });

function deploymentSafety(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.deploy(), arb.passTime(400)], () => ({
    onSecond(w: World) {
      if (!w.service.deploymentInProgress) return;
      const desired = w.service.desiredCount;
      const healthy = w.healthyTasks.length;
      const minHealthy = Math.ceil(desired * SPEC.minimumHealthyPercent / 100);
      if (healthy < minHealthy) throw new Violation(w.now, `${healthy} healthy tasks during a deployment, below ${SPEC.minimumHealthyPercent}% of ${desired}`);
      const launched = w.service.activeTasks.length;
      const maxTasks = Math.floor(desired * SPEC.maximumPercent / 100);
      if (launched > maxTasks) throw new Violation(w.now, `${launched} tasks during a deployment, above ${SPEC.maximumPercent}% of ${desired}`);
    },
  }));
}

describe('P4 rolling deployment safety', () => {
  it('P4 healthy tasks stay at 100 % and launched tasks at most 200 % of desired during good and broken deployments', () => {
    assertHolds(evidence, 'P4 holds on the template under test', deploymentSafety(configUnderTest));
  });

  it('P4 rejects a minimum healthy percent of 50', () => {
    expectRejects(evidence, 'P4 mutant MinimumHealthyPercent 50', deploymentSafety(mutantConfig('MinimumHealthyPercent 50',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MinimumHealthyPercent', 50))));
  });

  it('P4 rejects a maximum percent of 300', () => {
    expectRejects(evidence, 'P4 mutant MaximumPercent 300', deploymentSafety(mutantConfig('MaximumPercent 300',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MaximumPercent', 300))));
  });
});
