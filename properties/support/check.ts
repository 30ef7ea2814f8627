import fc from 'fast-check';
import { expect } from 'vitest';
import { mutantParams, propertyParams } from '../settings.js';
import { classifyThrown, HARNESS_ERROR_MARK, UNKNOWN_MARK } from '../../infra/evidence.js';
import type { PropertyEvidence } from './evidence.js';

/**
 * The property with its runs that need a value the template cannot tell set aside (as fast-check's
 * precondition failures) instead of counted as failures. So a violation found in a run that did not need
 * the unknown is a FAIL whatever the seed, and a property whose every run needs it is NOT VERIFIED,
 * instead of whichever of the two a seed happens to meet first. The unknowns met are collected in `met`.
 */
function unknownsSetAside<Ts>(property: fc.IRawProperty<Ts>, met: Error[]): fc.IRawProperty<Ts, false> {
  if (property.isAsync()) throw new Error('the property harness runs synchronous properties only');
  const inner = property as fc.IRawProperty<Ts, false>;
  return {
    isAsync: () => false,
    generate: (mrng, runId) => inner.generate(mrng, runId),
    shrink: (value) => inner.shrink(value),
    run: (value) => {
      const outcome = inner.run(value);
      const error = outcome !== null && !fc.PreconditionFailure.isFailure(outcome) ? outcome.error : undefined;
      if (error instanceof Error && classifyThrown(error) === 'not-verified') {
        met.push(error);
        return new fc.PreconditionFailure();
      }
      return outcome;
    },
    runBeforeEach: () => inner.runBeforeEach(),
    runAfterEach: () => inner.runAfterEach(),
  };
}

/** What the unknowns met say, once each. */
const unknownText = (met: readonly Error[]): string => [...new Set(met.map((e) => e.message))].join('; ');

/**
 * Runs a property on the template under test, records the outcome, and fails the test with
 * fast-check's report (the shrunk counterexample, its seed and path) when it does not hold.
 */
export function assertHolds(evidence: PropertyEvidence, test: string, property: fc.IProperty<any>): fc.RunDetails<any> {
  const met: Error[] = [];
  // One skipped attempt per run at most: a property whose runs all need the unknown stops early.
  const details = fc.check(unknownsSetAside(property, met), { ...propertyParams(), maxSkipsPerRun: 1 });
  if (met.length > 0 && (!details.failed || details.counterexample === null)) {
    // No violation in the runs the template could decide; some runs needed what it cannot tell.
    evidence.unknown(test, unknownText(met));
    throw new Error(`${UNKNOWN_MARK} ${unknownText(met)} (${met.length} of ${details.numRuns + details.numSkips} runs needed it; the others found no violation)`);
  }
  const kind = details.failed ? classifyThrown(details.errorInstance) : 'pass';
  evidence.held(test, details, kind);
  if (details.failed) {
    const replayPath = /replayPath="([^"]+)"/.exec(String((details.counterexample as unknown[] | null)?.map(String)))?.[1];
    // fast-check keeps the thrown error apart from its report: say what was thrown, and whether it is a
    // violation of the property or the harness's own defect (a crash in the model is never a FAIL).
    const thrown = details.errorInstance instanceof Error ? `${details.errorInstance.name}: ${details.errorInstance.message}` : String(details.errorInstance);
    const mark = kind === 'error' ? `${HARNESS_ERROR_MARK} the property crashed (${thrown}), it did not find a violation\n` : kind === 'not-verified' ? `${UNKNOWN_MARK} ${thrown}\n` : `${thrown}\n`;
    throw new Error(`${mark}${fc.defaultReportMessage(details)}\nReplay (this file only, same VERIFY_TEMPLATE): PROPERTY_SEED=${details.seed} PROPERTY_PATH=${details.counterexamplePath}${replayPath ? ` PROPERTY_REPLAY_PATH=${replayPath}` : ''}`);
  }
  return details;
}

/** Runs a property on a mutant and expects it to fail (the check can fail). */
export function expectRejects(evidence: PropertyEvidence, test: string, property: fc.IProperty<any>): void {
  const met: Error[] = [];
  const details = fc.check(unknownsSetAside(property, met), { ...mutantParams(), maxSkipsPerRun: 1 });
  if (met.length > 0 && (!details.failed || details.counterexample === null)) {
    // A mutant of a template with unknowns that needs them cannot show the check failing: say so, not "survived".
    evidence.unknown(test, unknownText(met));
    throw new Error(`${UNKNOWN_MARK} ${unknownText(met)}`);
  }
  evidence.rejected(test, details);
  expect(details.failed, `${test}: the mutant survived ${details.numRuns} runs, so this property cannot detect it`).toBe(true);
}
