import { describeSource } from '../traceability.js';
import type { Report, Row, SourceResult, StageSummary, TestResult } from '../types.js';
import { decisiveEvidence, groups, sourceText, stageOfReason, STATUS_SIGN, statusKey, type Group } from './digest.js';
import { escapeHtml as h } from './escape.js';

/** A status as a badge: sign and word, not colour alone. */
export const badge = (status: Row['status']): string => `<span class="badge ${statusKey(status)}"><span aria-hidden="true">${STATUS_SIGN[status]}</span> ${h(status)}</span>`;

/** Where a stage's reason is said, linked from the rows it holds back. */
export const stageLink = (stage: StageSummary): string => `<a class="stage-ref" href="#stage-${h(stage.name)}">see stage ${h(stage.name)}</a>`;

/**
 * A section per requirement and one for the properties: each row with its verdict and one decisive
 * piece of evidence; every source, figure, counterexample and property test folded beneath it.
 */
export function rowSections(report: Report): string {
  const tests = new Map(report.properties.map((p) => [p.id, p.tests]));
  return groups(report).map((g) => `<section class="group"><h2 id="${h(g.key)}">${h(heading(g))} <small>${h(tally(g))}</small></h2>` +
    `<table class="rows"><thead><tr><th>id</th><th>status</th><th>${g.key === 'properties' ? 'property' : 'criterion'}</th><th>evidence or reason</th></tr></thead><tbody>` +
    g.rows.map((r) => rowHtml(r, report.stages, tests.get(r.id) ?? [])).join('') + '</tbody></table></section>').join('\n');
}

const heading = (g: Group): string => (g.key === 'properties' ? g.title : `Requirement ${g.label.slice(1)}: ${g.title}`);
const tally = (g: Group): string => Object.entries(g.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');

function rowHtml(r: Row, stages: readonly StageSummary[], tests: readonly TestResult[]): string {
  const d = decisiveEvidence(r, stages);
  const lead = `<p class="lead">${h(d.text)}${d.stage ? ` (${stageLink(d.stage)})` : ''}${d.more > 0 ? ` <small>and ${d.more} more check${d.more === 1 ? '' : 's'}</small>` : ''}</p>`;
  const rest = foldedPart(r, stages, tests);
  return `<tr class="row ${statusKey(r.status)}" id="${h(r.id)}"><td><a href="#${h(r.id)}">${h(r.id)}</a></td><td class="st">${badge(r.status)}</td>` +
    `<td class="stmt">${h(r.text)}</td><td>${lead}${rest}</td></tr>`;
}

/**
 * Everything behind the lead line, folded: each source in full (a failed test's output and
 * counterexample with its source), the waiver, the names of the property's tests.
 */
function foldedPart(r: Row, stages: readonly StageSummary[], tests: readonly TestResult[]): string {
  const sources = r.sources.map((s) => `<li>${sourceLine(s, stages)}${s.details ? `<pre>${h(s.details)}</pre>` : ''}</li>`).join('');
  const waiver = r.waiver ? `<p><b>Waiver</b> until ${h(r.waiver.expires)}${r.waiver.expired ? ' (EXPIRED)' : ''}: ${h(r.waiver.reason)}</p>` : '';
  const failedTests = tests.filter((t) => t.status === 'failed').length;
  const testList = tests.length > 0
    ? `<p>${tests.length} test${tests.length === 1 ? '' : 's'} of ${h(r.id)}${failedTests > 0 ? `, ${failedTests} failed` : ''}:</p><ul class="src">${tests.map((t) => `<li>${h(t.status)}: ${h(t.name)} <small>${h(t.file)}</small></li>`).join('')}</ul>`
    : '';
  const what = [`${r.sources.length} source${r.sources.length === 1 ? '' : 's'}`, ...(tests.length > 0 ? [`${tests.length} tests`] : []), ...(r.waiver ? ['the waiver'] : [])].join(', ');
  // Folded even for a failure: its lead says what failed (a property's with its seed and path); the
  // counterexample, a click away, would otherwise push the other rows out of sight.
  return `<details><summary>all evidence (${h(what)})</summary><ul class="src">${sources}</ul>${waiver}${testList}</details>`;
}

function sourceLine(s: SourceResult, stages: readonly StageSummary[]): string {
  const stage = stageOfReason(s, stages);
  const said = stage ? `the ${h(stage.name)} stage did not run (${stageLink(stage)})` : h(sourceText(s));
  return `<b>${h(s.status)}</b>${s.source.confirms ? ' <small>(confirms)</small>' : ''} ${h(describeSource(s.source))}: ${said}`;
}
