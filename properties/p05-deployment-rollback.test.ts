import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { circuitBreakerThreshold, World } from './model/index.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P5 Deployment rollback on failure (R6.5): after any sequence of working and broken releases, the
 * service ends on a working revision, every broken deployment having been stopped by the circuit
 * breaker (at AWS's threshold, 0.5 x desired clamped to [3, 200]: 3 failed tasks for a desired count of
 * 2, see aws-facts.ts) and rolled back to the last revision that completed.
 */
const evidence = new PropertyEvidence('P5', ['R6.5'],
  'rollback is not immediate: ECS needs 0.5 x desired failed tasks, at least 3 (ECS API reference), each found unhealthy after the grace period and 3 failed checks, so a broken release rolls back after minutes (figure secondsToRollback); only releases whose tasks fail health checks or crash are caught, not a working server with a broken app (health endpoint still 200)');
afterAll(() => { evidence.write(); });

const SETTLE_LIMIT_SECONDS = 4 * 3600;

function rollsBack(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.deploy(), arb.passTime(900)], () => ({
    atEnd(w: World) {
      if (!w.settle(SETTLE_LIMIT_SECONDS)) throw new Violation(w.now, `the service did not settle within ${SETTLE_LIMIT_SECONDS}s (revision ${w.service.serviceRevision} still rolling out)${w.healthBlocker ? `: its tasks cannot stay healthy, ${w.healthBlocker}` : ''}`);
      const revision = w.service.serviceRevision;
      if (revision === undefined || !w.revisionWorks(revision)) throw new Violation(w.now, `the service stays on broken revision ${revision}`);
      const broken = w.service.liveTasks.filter((t) => !w.revisionWorks(t.revision));
      if (broken.length > 0) throw new Violation(w.now, `tasks ${broken.map((t) => t.id).join(', ')} still run a broken revision`);
      for (const failed of w.log.ofKind('deployment-failed')) {
        const next = w.log.ofKind('deployment-started').find((d) => d.at === failed.at && d.rollback);
        if (!next) throw new Violation(failed.at, `deployment ${failed.deploymentId} failed without a rollback`);
      }
    },
  }));
}

describe('P5 deployment rollback on failure', () => {
  it('P5 every broken release is rolled back by the circuit breaker and the service ends on a working revision', () => {
    assertHolds(evidence, 'P5 holds on the template under test', rollsBack(configUnderTest));
  });

  it('P5 figures: one broken release from steady state', () => {
    // One example run gives the report its figures: when the breaker trips and when the rollback completes.
    const w = new World(configUnderTest);
    w.settle();
    const start = w.now;
    w.deploy(false);
    w.settle(SETTLE_LIMIT_SECONDS);
    const failed = w.log.ofKind('deployment-failed')[0];
    const completed = w.log.ofKind('deployment-completed').at(-1);
    if (!failed || !completed) throw new Error('the broken release was not rolled back');
    evidence.figure('failedTasksAtRollback', failed.failedTasks);
    evidence.figure('circuitBreakerThreshold', circuitBreakerThreshold(configUnderTest.service.desiredCount));
    evidence.figure('secondsToRollback', failed.at - start);
    evidence.figure('secondsToRollbackCompleted', completed.at - start);
  });

  it('P5 rejects a circuit breaker without rollback', () => {
    expectRejects(evidence, 'P5 mutant DeploymentCircuitBreaker.Rollback false', rollsBack(mutantConfig('circuit breaker rollback off',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.DeploymentCircuitBreaker.Rollback', false))));
  });

  it('P5 rejects a service without the circuit breaker', () => {
    expectRejects(evidence, 'P5 mutant DeploymentCircuitBreaker.Enable false', rollsBack(mutantConfig('circuit breaker off',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.DeploymentCircuitBreaker.Enable', false))));
  });
});
