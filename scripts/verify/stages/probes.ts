import { classifyThrown } from '../../../infra/evidence.js';
import { deploymentConfig, type TemplateView } from '../../../infra/template/index.js';
import { oneLine } from '../errors.js';
import { notRun, stageError, type Collected } from '../findings.js';

/**
 * The live probes against a deployed stack, in-process, with the template under test's numbers as the
 * expectations. They are the only evidence of what exists only at run time (scaling activities, running
 * task placement).
 */
export async function runProbesStage(opts: { stack: string | undefined; region: string | undefined; view: TemplateView }): Promise<{ collected: Collected; note: string; status: 'ran' | 'not-run' | 'error'; command?: string }> {
  if (opts.stack === undefined) return { collected: notRun('the live probes need a deployed stack (--stack NAME)'), note: 'not run: no --stack given', status: 'not-run', command: 'npm run verify -- --stack NAME --region REGION' };
  const region = opts.region ?? '';
  // The AWS SDK takes a second to load: only a run with --stack pays for it.
  const [{ createClients, loadContext }, { probeEvidence }, { PROBES }, { runProbes }, { ProbeSetupError }] = await Promise.all([
    import('../../../integration/probes/context.js'), import('../../../integration/probes/evidence.js'), import('../../../integration/probes/index.js'),
    import('../../../integration/probes/run.js'), import('../../../integration/probes/types.js'),
  ]);
  let results;
  try {
    const ctx = await loadContext({ stackName: opts.stack, region, clients: createClients({ region, endpoint: process.env.AWS_ENDPOINT_URL }), config: deploymentConfig(opts.view) });
    results = await runProbes(ctx, PROBES);
  } catch (e) {
    // No credentials, no such stack: the probes could not look, which says nothing about the stack.
    if (e instanceof ProbeSetupError || classifyThrown(e) !== 'error') return { collected: notRun(`the live probes could not run: ${oneLine(e)}`), note: `could not run: ${oneLine(e)}`, status: 'not-run' };
    return { collected: stageError(`the live probes crashed: ${oneLine(e)}`), note: `ERROR: the live probes crashed: ${oneLine(e)}`, status: 'error' };
  }
  const lookedAt = results.filter((r) => r.status !== 'error');
  if (lookedAt.length === 0) {
    const why = results.find((r) => r.status === 'error')?.detail ?? 'no probe ran';
    return { collected: notRun(`the live probes could not run: ${why}`), note: `could not run: ${why}`, status: 'not-run' };
  }
  const now = new Date().toISOString();
  const items = probeEvidence(results).map((i) => ({ ...i, suite: 'probes', generatedAt: now }));
  return {
    collected: { ran: true, items, tests: [], missing: (id) => `the probes reported nothing for ${id}` },
    note: `${results.length} probes: ${results.filter((r) => r.status === 'pass').length} hold, ${results.filter((r) => r.status === 'fail').length} do not, ${results.length - lookedAt.length} could not look`,
    status: 'ran',
  };
}
