import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { arb, assumptionsArb, type Sim, type WorldCommand } from '../../support/commands.js';
import type { Assumptions } from '../assumptions.js';
import { config, withChanges } from './fixtures.js';

/**
 * The event engine jumps from one event to the next; the second engine steps every second. Between events
 * nothing observable changes, so for any sequence of actions both must write the same event log, second
 * for second, and end in the same state.
 */
function play(engine: 'event' | 'second', cfg: typeof config, cmds: readonly WorldCommand[], assumptions: Partial<Assumptions> = {}) {
  const world = new World(cfg, { engine, assumptions });
  world.settle();
  const sim: Sim = { world, checker: {}, faults: 0, deployments: 0 };
  for (const c of cmds) { c.apply(sim); }
  world.advance(1800);
  return { log: JSON.stringify(world.log.all), now: world.now, desired: world.service.desiredCount, tasks: world.service.liveTasks.map((t) => `${t.id}:${t.state}`).join(',') };
}

const commands = fc.array(fc.oneof(arb.passTime(900), arb.cpu(1500), arb.crash(), arb.failHealth(), arb.crashThenReplacementHangs(),
  arb.spot(), arb.loseZone(), arb.restoreZone(), arb.deploy(), arb.spotCapacity()), { maxLength: 25 });

describe('event engine', () => {
  it('writes the same log as stepping every second, for any sequence of actions', () => {
    fc.assert(fc.property(assumptionsArb(), commands, (assumptions, cmds) => {
      expect(play('event', config, cmds, assumptions)).toEqual(play('second', config, cmds, assumptions));
    }), { numRuns: 60 });
  });

  it('also with other numbers: a long grace period, no container health check, a slow scheduler', () => {
    const other = withChanges({ service: { healthCheckGracePeriodSeconds: 200 }, task: { healthCheck: undefined } });
    fc.assert(fc.property(commands, (cmds) => {
      expect(play('event', other, cmds)).toEqual(play('second', other, cmds));
    }), { numRuns: 30 });
  });
});
