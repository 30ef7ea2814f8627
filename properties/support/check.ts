import fc from 'fast-check';
import { expect } from 'vitest';
import { mutantParams, propertyParams } from '../settings.js';
import type { PropertyEvidence } from './evidence.js';

/**
 * Runs a property on the template under test, records the outcome, and fails the test with
 * fast-check's report (the shrunk counterexample, its seed and path) when it does not hold.
 */
export function assertHolds(evidence: PropertyEvidence, test: string, property: fc.IProperty<any>): fc.RunDetails<any> {
  const details = fc.check(property, propertyParams());
  evidence.held(test, details);
  if (details.failed) {
    const replayPath = /replayPath="([^"]+)"/.exec(String(details.counterexample?.map(String)))?.[1];
    throw new Error(`${fc.defaultReportMessage(details)}\nReplay (this file only, same VERIFY_TEMPLATE): PROPERTY_SEED=${details.seed} PROPERTY_PATH=${details.counterexamplePath}${replayPath ? ` PROPERTY_REPLAY_PATH=${replayPath}` : ''}`);
  }
  return details;
}

/** Runs a property on a mutant and expects it to fail (the check can fail). */
export function expectRejects(evidence: PropertyEvidence, test: string, property: fc.IProperty<any>): void {
  const details = fc.check(property, mutantParams());
  evidence.rejected(test, details);
  expect(details.failed, `${test}: the mutant survived ${details.numRuns} runs, so this property cannot detect it`).toBe(true);
}
