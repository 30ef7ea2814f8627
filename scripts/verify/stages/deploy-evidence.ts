import { EVIDENCE_DIR } from '../../../infra/evidence.js';
import { notRun, type Collected } from '../findings.js';
import { TRACEABILITY } from '../traceability.js';
import { readEvidenceDir } from './evidence-dir.js';

/**
 * Suites whose recorded evidence the report accepts without running them: the deployment script's tests
 * and the emulated suite (the template deployed through a change set into a local AWS emulator). Only
 * their items for the deployment script's rows are read (see the `deploy` sources of the map).
 */
const DEPLOY_SUITE = /deploy|emulated/i;

/**
 * The deployment script (Requirement 11, the tags and digest of R2.3/R2.4, the change set of R10.6)
 * is exercised by its own suite against a local AWS emulator (`npm run test:emulated`), which is too
 * heavy to start from the report. The report reads the evidence that suite recorded, and says when it
 * was recorded; without it, those rows are NOT VERIFIED and name the command that produces it.
 */
export function readDeployEvidence(ofProjectTemplate: boolean, dir = EVIDENCE_DIR): { collected: Collected; note: string; status: 'ran' | 'not-run'; command?: string } {
  // The recorded runs deployed the project's template; they say nothing about another one.
  if (!ofProjectTemplate) {
    const reason = 'the recorded deployment tests ran on infra/template.json, not on the template under test';
    return { collected: notRun(reason), note: `not used: ${reason}`, status: 'not-run' };
  }
  const { items } = readEvidenceDir(dir);
  const deployIds = new Set(Object.values(TRACEABILITY).flat().filter((s) => s.kind === 'deploy').map((s) => s.id));
  const mine = items.filter((i) => DEPLOY_SUITE.test(i.suite) && deployIds.has(i.id));
  if (mine.length === 0) {
    const reason = 'no recorded evidence of the deployment script\'s tests (run `npm run test:emulated` first)';
    return { collected: notRun(reason), note: `not run: ${reason}`, status: 'not-run', command: 'npm run test:emulated && npm run verify' };
  }
  const when = [...new Set(mine.map((i) => `${i.suite} at ${i.generatedAt}`))].join(', ');
  const dated = mine.map((i) => ({ ...i, evidence: `${i.evidence} (recorded by ${i.suite} at ${i.generatedAt})` }));
  return {
    collected: { ran: true, items: dated, tests: [], missing: (id) => `the deployment script's tests recorded nothing for ${id}` },
    note: `${mine.length} recorded items from ${when}`,
    status: 'ran',
  };
}
