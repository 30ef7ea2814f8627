import { firstLine, isSetupProblem } from './context.js';
import type { Probe, ProbeContext, ProbeResult } from './types.js';

/** Runs probes one after another (they share memoised calls; AWS rate limits favour few parallel calls). */
export async function runProbes(ctx: ProbeContext, probes: readonly Probe[]): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const p of probes) {
    const started = performance.now();
    try {
      const v = await p.run(ctx);
      results.push({ id: p.id, covers: p.covers, title: p.title, status: v.ok ? 'pass' : 'fail', detail: v.detail, figures: v.figures, ms: Math.round(performance.now() - started) });
    } catch (e) {
      // A missing resource or a refused call is a finding about the stack; no credentials or throttling is
      // not (the probe could not look); a JavaScript error in the probe's own code is the harness's defect.
      const err = e as Error;
      const status = isSetupProblem(e) ? 'error' : JS_ERRORS.includes(err?.name) ? 'crashed' : 'fail';
      results.push({ id: p.id, covers: p.covers, title: p.title, status, detail: `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${firstLine(err.message ?? String(e))}`, ms: Math.round(performance.now() - started) });
    }
  }
  return results;
}

/** Errors that only a defect of the probe's own code throws. */
const JS_ERRORS = ['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError'];

/** 0 all hold, 1 something does not, 2 a probe could not run or crashed. */
export function exitCodeOf(results: readonly ProbeResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'error' || r.status === 'crashed')) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
