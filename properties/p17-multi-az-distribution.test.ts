import { afterAll, describe, it } from 'vitest';
import type { CfnTemplate, DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { azImbalance, type World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configOf, configUnderTest, mutantConfig } from './support/template.js';

/**
 * P17 Multi-AZ distribution (R3.5). While a zone is down every task has to run in the other one, so
 * "always across 2 zones" cannot hold during a zone outage. Checked: after any sequence of crashes,
 * hangs, Spot reclaims, zone outages, load and deployments, once every zone is back and the service has
 * settled, 2 or more tasks span at least 2 zones, balanced within one task (ECS's AZ rebalancing, on by
 * default for a new service, moves tasks back after an outage).
 */
const evidence = new PropertyEvidence('P17', ['R3.5'],
  'during a zone outage all tasks run in the remaining zone; checked: once all zones are back and the service has settled (AZ rebalancing takes minutes), tasks span at least 2 zones, balanced within one task');
afterAll(() => { evidence.write(); });

const RECOVERY_SECONDS = 1800;

function spreadAcrossZones(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.passTime(600), arb.cpu(), arb.crash(), arb.failHealth(), arb.spot(), arb.loseZone(), arb.restoreZone(), arb.deploy()], () => ({
    atEnd(w: World) {
      w.azAvailable.forEach((_, az) => w.restoreAz(az));
      w.cpuDemand = 0;
      w.advance(RECOVERY_SECONDS);
      if (!w.settle(7200)) throw new Violation(w.now, `the service did not settle after the zones came back${w.healthBlocker ? `: its tasks cannot stay healthy, ${w.healthBlocker}` : ''}`);
      w.advance(RECOVERY_SECONDS);
      w.settle(7200);
      const tasks = w.service.activeTasks;
      const zones = new Set(tasks.map((t) => t.az)).size;
      if (tasks.length >= 2 && zones < SPEC.minAvailabilityZones) throw new Violation(w.now, `${tasks.length} tasks all in one zone`);
      const perZone = w.azAvailable.map((_, az) => tasks.filter((t) => t.az === az).length);
      if (azImbalance(w.azAvailable, perZone) > 1) throw new Violation(w.now, `tasks per zone ${perZone.join('/')} are not balanced`);
    },
  }));
}

function oneZone(t: CfnTemplate): void {
  const [first, second] = configOf(t).service.subnetIds;
  t.Resources[second].Properties!.AvailabilityZone = structuredClone(t.Resources[first].Properties!.AvailabilityZone);
}

describe('P17 multi-AZ distribution', () => {
  it('P17 with every zone up and the service settled, tasks span at least 2 zones and are balanced', () => {
    assertHolds(evidence, 'P17 holds on the template under test', spreadAcrossZones(configUnderTest));
  });

  it('P17 rejects a service whose subnets are in one availability zone', () => {
    expectRejects(evidence, 'P17 mutant both subnets in one AZ', spreadAcrossZones(mutantConfig('subnets in one AZ', oneZone)));
  });

  it('P17 rejects a service with AZ rebalancing disabled (tasks stay where an outage put them)', () => {
    expectRejects(evidence, 'P17 mutant AvailabilityZoneRebalancing DISABLED', spreadAcrossZones(mutantConfig('AZ rebalancing off',
      (t) => setProp(t, 'AWS::ECS::Service', 'AvailabilityZoneRebalancing', 'DISABLED'))));
  });
});
