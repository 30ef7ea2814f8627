/**
 * `npm run cost`: prices the template under test for a month, line by line, with the verdicts on the
 * cost ceilings. Bad input (region, scenario, template, task count) is one line and exit 2.
 */
import { defineCommand, main, wholeNumber } from '../infra/cli/index.js';
import { loadTemplate } from '../infra/template/index.js';
import { formatReport } from './format.js';
import { costReport } from './report.js';
import { SCENARIOS } from './scenarios.js';

/** A billion tasks: beyond any account's Fargate quota, and small enough that task-hours stay exact. */
const MAX_TASKS = 1_000_000_000;

const cost = defineCommand({
  name: 'cost',
  synopsis: 'npm run cost -- [options]',
  description: 'Prices the template under test for a month, line by line, and gives the verdicts on R12.1, R12.2,\n'
    + 'R12.5, P11 and R12.7 with their margins (and, where a ceiling fails, the design changes that meet it).',
  options: {
    tasks: { type: 'string', value: 'N', help: 'price the design (or the named scenario) at N tasks all month' },
    scenario: { type: 'string', value: 'NAME', multiple: true, help: `one scenario: ${SCENARIOS.map((s) => s.name).join(', ')}` },
    region: { type: 'string', value: 'REGION', help: 'a region of the price snapshot (default us-east-1)' },
    template: { type: 'string', value: 'FILE', help: 'the template to price (default: VERIFY_TEMPLATE, else infra/template.json)' },
    'free-tier': { type: 'boolean', help: 'apply the always-free CloudWatch, data transfer and SNS allowances (default off)' },
    json: { type: 'boolean', help: 'one JSON document: scenarios with line items and totals, verdicts, assumptions' },
  },
  epilogue: 'Exit codes: 0 printed (whatever the verdicts); 2 bad input (unknown region or scenario, bad template,\n'
    + 'a price the snapshot lacks, a task count out of range).',
}, ({ values }) => {
  const tasks = values.tasks === undefined ? undefined : wholeNumber('--tasks', values.tasks, { min: 0, max: MAX_TASKS });
  const view = loadTemplate(values.template);
  const report = costReport(view, { region: values.region, freeTier: values['free-tier'], scenarios: values.scenario, tasks });
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  return 0;
});

main(cost);
