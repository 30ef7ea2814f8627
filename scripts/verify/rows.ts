import { resolveSource, type Findings } from './findings.js';
import { CRITERIA, PROPERTIES } from './spec-ids.js';
import { describeSource, requiredSources, TRACEABILITY } from './traceability.js';
import type { Row, SourceResult } from './types.js';
import { HarnessError } from './errors.js';

/**
 * One row per criterion and property. Any source that fails makes the row FAIL (a live probe too);
 * otherwise a source that crashed makes it ERROR; every required source passing makes it PASS; otherwise
 * it is NOT VERIFIED and names what is missing.
 */
export function buildRows(findings: Findings): Row[] {
  const specRows = [
    ...CRITERIA.map((c) => ({ id: c.id, kind: 'criterion' as const, requirement: c.requirement, text: c.text })),
    ...PROPERTIES.map((p) => ({ id: p.id, kind: 'property' as const, requirement: 0, text: `${p.title}: ${p.text}` })),
  ];
  return specRows.map((spec) => {
    const sources = TRACEABILITY[spec.id];
    if (!sources || sources.length === 0) throw new HarnessError(`the traceability map has no source for ${spec.id}`);
    const results = sources.map((s) => resolveSource(s, findings));
    const required = new Set(requiredSources(sources));
    const requiredResults = results.filter((r) => required.has(r.source));
    const failed = results.filter((r) => r.status === 'fail');
    if (failed.length > 0) {
      return { ...spec, status: 'FAIL', verdict: 'FAIL', sources: results, missing: [], summary: failed.map(failLine).join('; ') };
    }
    // No proven failure, but a source the row needs crashed: the harness cannot judge the row.
    const errored = results.filter((r) => r.status === 'error');
    if (errored.length > 0) {
      return { ...spec, status: 'ERROR', verdict: 'ERROR', sources: results, missing: [], summary: errored.map((r) => `${describeSource(r.source)} could not run: ${r.reason ?? 'error'}`).join('; ') };
    }
    const missing = requiredResults.filter((r) => r.status !== 'pass');
    if (missing.length === 0) {
      return { ...spec, status: 'PASS', verdict: 'PASS', sources: results, missing: [], summary: requiredResults.map(passLine).join('; ') };
    }
    const missingNames = missing.map((r) => `${describeSource(r.source)}: ${r.reason ?? 'not shown'}`);
    return { ...spec, status: 'NOT VERIFIED', verdict: 'NOT VERIFIED', sources: results, missing: missingNames, summary: `needs ${missingNames.join('; ')}` };
  });
}

function figuresText(r: SourceResult): string {
  const f = r.figures ? Object.entries(r.figures) : [];
  return f.length > 0 ? ` [${f.map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ')}]` : '';
}

const passLine = (r: SourceResult): string => `${describeSource(r.source)}: ${r.evidence ?? 'passed'}${figuresText(r)}`;
const failLine = (r: SourceResult): string => `${describeSource(r.source)}: ${r.reason ?? 'failed'}${r.resource ? ` (at ${r.resource})` : ''}${figuresText(r)}`;

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}
