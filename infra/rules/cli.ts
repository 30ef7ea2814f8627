/**
 * `npm run rules -- [--template FILE] [--dockerfile FILE] [--json]`: runs every rule over a template
 * (default: the committed one, or VERIFY_TEMPLATE) and prints one line per criterion.
 * Exit 0 all pass, 1 a rule fails, 2 the rules could not run (bad arguments or template).
 */
import { parseArgs } from 'node:util';
import { loadTemplate, TemplateError, templatePathUnderTest } from '../template/index.js';
import { readDockerfile, runRules, subjectOf } from './run.js';

const USAGE = `usage: npm run rules -- [--template FILE] [--dockerfile FILE] [--json]
  --template FILE    CloudFormation template to check (JSON or YAML); default VERIFY_TEMPLATE or infra/template.json
  --dockerfile FILE  Dockerfile for the R1 rules; default ./Dockerfile
  --json             print one JSON document instead of the table
exit: 0 every rule passes, 1 a rule fails, 2 the rules could not run`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { template: { type: 'string' }, dockerfile: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    console.error(`rules: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  const path = values.template ?? templatePathUnderTest();
  let results;
  try {
    results = runRules(subjectOf(loadTemplate(path), readDockerfile(values.dockerfile)));
  } catch (e) {
    if (e instanceof TemplateError) { console.error(`rules: ${e.message}`); return 2; }
    throw e;
  }
  const failed = results.filter((r) => r.outcome.status === 'fail');
  if (values.json) {
    console.log(JSON.stringify({ template: path, results: results.map((r) => ({ id: r.rule.id, title: r.rule.title, ...r.outcome })) }, null, 2));
  } else {
    for (const { rule, outcome } of results) {
      const detail = outcome.status === 'pass' ? outcome.evidence : outcome.reason;
      console.log(`${outcome.status === 'pass' ? 'PASS' : outcome.status === 'fail' ? 'FAIL' : 'N/V '}  ${rule.id.padEnd(6)} ${rule.title}\n        ${detail}`);
    }
    console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  }
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
