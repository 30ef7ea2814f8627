/**
 * `npm run rules -- [--template FILE] [--dockerfile FILE] [--json]`: runs every rule over a template
 * (default: the committed one, or VERIFY_TEMPLATE) and prints one line per criterion.
 */
import { defineCommand, main, readInputText } from '../cli/index.js';
import { loadTemplate, templatePathUnderTest } from '../template/index.js';
import { MAX_DOCKERFILE_BYTES, readDockerfile, runRules, subjectOf } from './run.js';

const rules = defineCommand({
  name: 'rules',
  synopsis: 'npm run rules -- [--template FILE] [--dockerfile FILE] [--json]',
  options: {
    template: { type: 'string', value: 'FILE', help: 'CloudFormation template to check (JSON or YAML); default VERIFY_TEMPLATE or infra/template.json' },
    dockerfile: { type: 'string', value: 'FILE', help: 'Dockerfile for the R1 rules; default ./Dockerfile' },
    json: { type: 'boolean', help: 'print one JSON document instead of the table' },
  },
  epilogue: 'exit: 0 every rule passes, 1 a rule fails, 2 the rules could not run (bad arguments or template)',
}, ({ values }) => {
  const path = values.template ?? templatePathUnderTest();
  // A Dockerfile given by name must exist: read as "none", its rules would quietly say NOT VERIFIED.
  if (values.dockerfile !== undefined) readInputText('Dockerfile', values.dockerfile, MAX_DOCKERFILE_BYTES);
  const results = runRules(subjectOf(loadTemplate(path), readDockerfile(values.dockerfile)));
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
});

main(rules);
