import { CRITERIA, PROPERTIES } from '../spec-ids.js';
import { describeSource } from '../traceability.js';
import type { Report } from '../types.js';

/**
 * SARIF 2.1.0 for code-scanning views: one result per failing (or waived) source of a row. A rule's
 * finding is located at its template resource (the line of the logical id, and the logical id as a
 * logical location); other findings are located at the template file.
 */
export function renderSarif(report: Report, resourceLines: ReadonlyMap<string, number>): string {
  const uri = report.template.path;
  const statements = new Map([...CRITERIA.map((c) => [c.id, c.text] as const), ...PROPERTIES.map((p) => [p.id, `${p.title}: ${p.text}`] as const)]);
  const results: object[] = [];
  const ruleIds: string[] = [];
  for (const row of report.rows) {
    if (row.verdict !== 'FAIL') continue;
    for (const s of row.sources.filter((x) => x.status === 'fail')) {
      if (!ruleIds.includes(row.id)) ruleIds.push(row.id);
      const line = s.resource ? resourceLines.get(s.resource) : undefined;
      const physicalLocation = { artifactLocation: { uri, uriBaseId: '%SRCROOT%', index: 0 }, ...(line ? { region: { startLine: line } } : {}) };
      const location = s.resource
        ? { physicalLocation, logicalLocations: [{ name: s.resource, fullyQualifiedName: `Resources.${s.resource}`, kind: 'resource' }] }
        : { physicalLocation };
      results.push({
        ruleId: row.id,
        level: 'error',
        message: { text: `${row.id}: ${describeSource(s.source)}: ${s.reason ?? 'failed'}` },
        locations: [location],
        ...(row.status === 'WAIVED' && row.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `waived until ${row.waiver.expires}: ${row.waiver.reason}` }] } : {}),
        properties: { status: row.status, source: s.source.kind },
      });
    }
  }
  const rules = ruleIds.map((id) => ({
    id,
    name: id.replace('.', '_'),
    shortDescription: { text: `${id}: ${(statements.get(id) ?? id).slice(0, 120)}` },
    fullDescription: { text: statements.get(id) ?? id },
    defaultConfiguration: { level: 'error' },
  }));
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: report.tool.name, version: report.tool.version, rules } },
      artifacts: [{ location: { uri, uriBaseId: '%SRCROOT%' } }],
      invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
