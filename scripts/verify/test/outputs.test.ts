import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { REQUIREMENTS } from '../spec-ids.js';
import { FIXTURES, runVerify, type VerifyRun } from './run-verify.js';

// One run on a broken YAML template gives FAIL rows, waived rows, NOT VERIFIED rows and rule findings
// located at resources: everything the formats must carry.
let run: VerifyRun;
beforeAll(() => {
  // Waivers given explicitly apply to another template too (the SARIF suppression below).
  run = runVerify(['--template', join(FIXTURES, 'no-https.yaml'), '--waivers', 'waivers.yaml', '--no-properties', '--no-containers', '--json']);
});

describe('report files', () => {
  it('JSON parses, holds all 98 rows with their status, and --json prints the same document on stdout', () => {
    const report = run.report();
    expect(report.rows).toHaveLength(98);
    expect(JSON.parse(run.stdout)).toEqual(report);
    expect(report.template.path).toBe('scripts/verify/fixtures/no-https.yaml');
  });

  it('JUnit XML is well-formed (a real XML parser reads it) with one test case per row and the failures marked', () => {
    const script = 'import sys, xml.etree.ElementTree as ET\nroot = ET.parse(sys.argv[1]).getroot()\ncases = root.iter("testcase")\nprint(sum(1 for _ in cases), len(list(root.iter("failure"))), root.get("failures"))';
    const r = spawnSync('python3', ['-c', script, join(run.out, 'junit.xml')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [cases, failureElements, failuresAttr] = r.stdout.trim().split(' ');
    const report = run.report();
    const failing = report.rows.filter((x) => x.status === 'FAIL').length;
    expect(Number(cases)).toBe(98 + 1);
    expect(Number(failureElements)).toBe(failing);
    expect(Number(failuresAttr)).toBe(failing);
  });

  it('SARIF is version 2.1.0, and a rule finding points at the line of its resource\'s logical id in the template', () => {
    const sarif = JSON.parse(run.file('report.sarif'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations?: Array<{ name: string }> }>; suppressions?: unknown[] }>;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.locations.length).toBeGreaterThan(0);
    const r52 = results.find((r) => r.ruleId === 'R5.2' && r.locations[0].logicalLocations)!;
    const loc = r52.locations[0];
    const text = readFileSync(join(REPO_ROOT, loc.physicalLocation.artifactLocation.uri), 'utf8').split('\n');
    expect(text[loc.physicalLocation.region!.startLine - 1]).toMatch(new RegExp(`^\\s+${loc.logicalLocations![0].name}:`));
    // Waived failures are reported as suppressed, not dropped.
    expect(results.find((r) => r.ruleId === 'R12.1')?.suppressions).toHaveLength(1);
  });

  it('HTML is one self-contained page: a table per requirement, the properties, the cost chart as inline SVG, no scripts or external resources', () => {
    const html = run.file('report.html');
    for (const req of REQUIREMENTS) expect(html).toContain(`<h2 id="req-${req.number}">Requirement ${req.number}:`);
    expect(html).toContain('<h2 id="properties">');
    expect(html).toMatch(/<svg [^>]*>.*total<\/text>/s);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('FAIL');
  });

  it('Markdown has a section per requirement and the failure reasons', () => {
    const md = run.file('report.md');
    for (const req of REQUIREMENTS) expect(md).toContain(`## Requirement ${req.number}: ${req.title}`);
    expect(md).toMatch(/\| R5\.1 \| \*\*FAIL\*\* \|/);
  });
});
