import { existsSync } from 'node:fs';
import { ALL_RULES } from '../../../infra/rules/index.js';
import { readDockerfile, runRule, subjectOf } from '../../../infra/rules/run.js';
import type { TemplateView } from '../../../infra/template/index.js';
import { HarnessError, oneLine } from '../errors.js';
import type { Collected } from '../findings.js';
import type { EvidenceRecord } from '../types.js';

/**
 * Every registered rule over the template under test and the Dockerfile. A rule that throws is a
 * defect of the rule, not of the template: its criterion is ERROR with the cause (exit 2), and the run
 * goes on with the other rules.
 */
export function runRulesStage(view: TemplateView, dockerfile: string | undefined): { collected: Collected; note: string; crashed: string[]; status: 'ran' } {
  if (dockerfile !== undefined && !existsSync(dockerfile)) throw new HarnessError(`cannot read Dockerfile ${dockerfile}: no such file`);
  // No Dockerfile (a foreign template without --dockerfile): the Dockerfile rules are unknown, not failed.
  const subject = subjectOf(view, dockerfile === undefined ? undefined : readDockerfile(dockerfile));
  const now = new Date().toISOString();
  const crashed: string[] = [];
  const items: EvidenceRecord[] = ALL_RULES.map((rule) => {
    const base = { suite: 'rules', generatedAt: now, id: rule.id };
    try {
      const o = runRule(rule, subject);
      if (o.status === 'pass') return { ...base, status: 'pass', evidence: `${rule.title}: ${o.evidence}` };
      if (o.status === 'fail') return { ...base, status: 'fail', evidence: rule.title, reason: o.reason, resource: o.resource };
      return { ...base, status: 'not-verified', evidence: rule.title, reason: o.reason, resource: o.resource };
    } catch (e) {
      crashed.push(rule.id);
      return { ...base, status: 'error', evidence: rule.title, reason: `the rule itself crashed (a defect of the harness, not of the template): ${oneLine(e)}` };
    }
  });
  const passed = items.filter((i) => i.status === 'pass').length;
  const failed = items.filter((i) => i.status === 'fail').length;
  return {
    collected: { ran: true, items, tests: [], missing: (id) => `no rule ${id} is registered in infra/rules/index.ts` },
    note: `${items.length} rules: ${passed} pass, ${failed} fail, ${items.filter((i) => i.status === 'not-verified').length} not verified${crashed.length > 0 ? `, ${crashed.length} crashed (${crashed.join(', ')})` : ''}`,
    crashed, status: 'ran',
  };
}
