import fc from 'fast-check';
import { expect } from 'vitest';
import { mutantParams, propertyParams } from '../settings.js';
import { classifyThrown, HARNESS_ERROR_MARK, UNKNOWN_MARK } from '../../infra/evidence.js';
import type { PropertyEvidence } from './evidence.js';

/**
 * Runs a property on the template under test, records the outcome, and fails the test with
 * fast-check's report (the shrunk counterexample, its seed and path) when it does not hold.
 */
export function assertHolds(evidence: PropertyEvidence, test: string, property: fc.IProperty<any>): fc.RunDetails<any> {
  const details = fc.check(property, propertyParams());
  const kind = details.failed ? classifyThrown(details.errorInstance) : 'pass';
  evidence.held(test, details, kind);
  if (details.failed) {
    const replayPath = /replayPath="([^"]+)"/.exec(String(details.counterexample?.map(String)))?.[1];
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
  const details = fc.check(property, mutantParams());
  evidence.rejected(test, details);
  expect(details.failed, `${test}: the mutant survived ${details.numRuns} runs, so this property cannot detect it`).toBe(true);
}
