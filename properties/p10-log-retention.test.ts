import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { awsFacts, DAY, HOUR, LogGroup, type Seconds } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';
import { commandConstraints, MAX_COMMANDS } from './settings.js';

/**
 * P10 Log retention enforcement (R9.2). CloudWatch Logs deletes expired events lazily, typically within
 * 72 hours after the retention period. Checked, for any writes and pauses and any deletion lag in AWS's
 * range: no event older than 7 days + 72 h is stored, and no event younger than 7 days is lost.
 */
const evidence = new PropertyEvidence('P10', ['R9.2'],
  'CloudWatch Logs deletes expired events up to 72 h after the retention period; checked: nothing older than 7 days + 72 h remains and nothing younger than 7 days is deleted');
afterAll(() => { evidence.write(); });

interface LogSim { readonly group: LogGroup; now: Seconds; written: Seconds[] }

class WriteLine implements fc.Command<LogSim, LogSim> {
  check(): boolean { return true; }
  run(_m: LogSim, s: LogSim): void { s.group.put('dashboard log line', s.now); s.written.push(s.now); verify(s); }
  toString(): string { return 'task writes a log line'; }
}
class Wait implements fc.Command<LogSim, LogSim> {
  constructor(readonly seconds: Seconds) {}
  check(): boolean { return true; }
  run(_m: LogSim, s: LogSim): void { s.now += this.seconds; s.group.advanceTo(s.now); verify(s); }
  toString(): string { return `wait ${(this.seconds / HOUR).toFixed(1)}h`; }
}

function verify(s: LogSim): void {
  const oldestAllowed = s.now - SPEC.logRetentionDays * DAY - awsFacts.LOG_DELETION_MAX_LAG_SECONDS;
  const tooOld = s.group.stored.find((e) => e.at < oldestAllowed);
  if (tooOld) throw new Error(`an event ${((s.now - tooOld.at) / DAY).toFixed(1)} days old is still stored`);
  const keptFrom = s.now - SPEC.logRetentionDays * DAY;
  const young = s.written.filter((at) => at >= keptFrom).length;
  const storedYoung = s.group.stored.filter((e) => e.at >= keptFrom).length;
  if (storedYoung < young) throw new Error(`${young - storedYoung} events younger than ${SPEC.logRetentionDays} days were deleted`);
}

function retention(config: DeploymentConfig) {
  const commands = [fc.constant(new WriteLine()), fc.integer({ min: HOUR, max: 5 * DAY }).map((s) => new Wait(s))];
  // AWS's deletion lag, labelled so that a counterexample says what the number is.
  const lags = fc.integer({ min: 0, max: awsFacts.LOG_DELETION_MAX_LAG_SECONDS }).map((seconds) => ({ seconds, toString: () => `deletion lag ${(seconds / HOUR).toFixed(1)}h` }));
  return fc.property(lags, fc.commands(commands, commandConstraints(MAX_COMMANDS * 2)), (lag, cmds) => {
    const sim: LogSim = { group: new LogGroup(config.logRetentionDays, lag.seconds), now: 0, written: [] };
    fc.modelRun(() => ({ model: sim, real: sim }), cmds);
  });
}

describe('P10 log retention enforcement', () => {
  it('P10 events older than 7 days (plus AWS deletion lag) are gone and younger ones are kept', () => {
    assertHolds(evidence, 'P10 holds on the template under test', retention(configUnderTest));
  });

  it('P10 rejects a retention of 14 days', () => {
    expectRejects(evidence, 'P10 mutant RetentionInDays 14', retention(mutantConfig('RetentionInDays 14', (t) => setProp(t, 'AWS::Logs::LogGroup', 'RetentionInDays', 14))));
  });

  it('P10 rejects a retention of 3 days', () => {
    expectRejects(evidence, 'P10 mutant RetentionInDays 3', retention(mutantConfig('RetentionInDays 3', (t) => setProp(t, 'AWS::Logs::LogGroup', 'RetentionInDays', 3))));
  });

  it('P10 rejects a log group that never expires', () => {
    expectRejects(evidence, 'P10 mutant no RetentionInDays', retention(mutantConfig('no RetentionInDays', (t) => setProp(t, 'AWS::Logs::LogGroup', 'RetentionInDays', undefined))));
  });
});
