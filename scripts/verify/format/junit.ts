import { REQUIREMENTS } from '../spec-ids.js';
import type { Report, Row } from '../types.js';
import { escapeXml as x } from './escape.js';

interface Case { readonly classname: string; readonly name: string; readonly failure?: string; readonly error?: string; readonly detail?: string; readonly skipped?: string; readonly out?: string }

/**
 * JUnit XML for any CI: one suite per requirement, one for the properties, one for the harness's own
 * findings (expired waivers, a stale template, cdk-nag errors). FAIL is a failure, ERROR (the harness
 * could not judge) an error; NOT VERIFIED and WAIVED are skipped with their reason, so neither shows as a
 * silent pass.
 */
export function renderJunit(report: Report): string {
  const suites: Array<{ name: string; cases: Case[] }> = [
    ...REQUIREMENTS.map((req) => ({
      name: `Requirement ${req.number}: ${req.title}`,
      cases: report.rows.filter((r) => r.kind === 'criterion' && r.requirement === req.number).map(rowCase),
    })),
    { name: 'Correctness properties', cases: report.rows.filter((r) => r.kind === 'property').map(rowCase) },
  ];
  const rowFailures = new Set(report.rows.filter((r) => r.status === 'FAIL').map((r) => `${r.id} FAIL: ${r.summary}`));
  const harness = report.failures.filter((f) => !rowFailures.has(f) && !f.includes('NOT VERIFIED (--strict)'));
  suites.push({ name: 'Harness', cases: harness.length > 0 ? harness.map((f, i) => ({ classname: 'harness', name: `problem ${i + 1}`, failure: f })) : [{ classname: 'harness', name: 'no harness problems' }] });

  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0);
  const skipped = suites.reduce((n, s) => n + s.cases.filter((c) => c.skipped).length, 0);
  const errors = suites.reduce((n, s) => n + s.cases.filter((c) => c.error).length, 0);
  const seconds = report.stages.reduce((n, s) => n + s.seconds, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(report.tool.name)}" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds.toFixed(3)}" timestamp="${x(report.generatedAt)}">`];
  for (const s of suites) {
    out.push(`  <testsuite name="${x(s.name)}" tests="${s.cases.length}" failures="${s.cases.filter((c) => c.failure).length}" errors="${s.cases.filter((c) => c.error).length}" skipped="${s.cases.filter((c) => c.skipped).length}" time="0">`);
    for (const c of s.cases) {
      out.push(`    <testcase classname="${x(c.classname)}" name="${x(c.name)}" time="0">`);
      if (c.failure) out.push(`      <failure message="${x(c.failure)}" type="FAIL">${x(c.detail ?? c.failure)}</failure>`);
      if (c.error) out.push(`      <error message="${x(c.error)}" type="ERROR">${x(c.detail ?? c.error)}</error>`);
      if (c.skipped) out.push(`      <skipped message="${x(c.skipped)}"/>`);
      if (c.out) out.push(`      <system-out>${x(c.out)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function rowCase(r: Row): Case {
  const classname = r.kind === 'property' ? 'properties' : `R${r.requirement}`;
  const name = `${r.id} ${r.text}`;
  const details = r.sources.map((s) => s.details).filter(Boolean).join('\n\n');
  switch (r.status) {
    case 'PASS': return { classname, name, out: r.summary };
    case 'FAIL': return { classname, name, failure: r.summary, detail: details ? `${r.summary}\n\n${details}` : r.summary };
    case 'WAIVED': return { classname, name, skipped: `WAIVED until ${r.waiver?.expires}: ${r.waiver?.reason} (fails: ${r.summary})` };
    case 'NOT VERIFIED': return { classname, name, skipped: `NOT VERIFIED: ${r.summary}` };
    case 'ERROR': return { classname, name, error: r.summary, detail: details ? `${r.summary}\n\n${details}` : r.summary };
  }
}
