/**
 * `npm run probe -- --stack NAME`: checks a deployed dashboard stack against what the template
 * promises, read-only. The results are printed before anything is written, so a JUnit path that
 * cannot be written loses nothing: the table (or JSON) is out, and one line says what was not written.
 */
import './quiet-warnings.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defineCommand, InputError, main, wholeNumber } from '../../infra/cli/index.js';
import { createClients, DEFAULT_CALL_TIMEOUT_MS, loadContext } from './context.js';
import { PROBES } from './index.js';
import { toJson, toJunit, toTable } from './report.js';
import { exitCodeOf, runProbes } from './run.js';

const probe = defineCommand({
  name: 'probe',
  synopsis: 'npm run probe -- --stack NAME [--region REGION] [--json] [--junit FILE] [--only ID,ID] [--timeout SECONDS]',
  description: 'Checks a deployed dashboard stack against what the template promises (read-only; the IAM policy it\n'
    + 'needs is integration/probes/iam-policy.json). Resources are found from the stack\'s outputs; expected\n'
    + 'values come from the template (VERIFY_TEMPLATE, else infra/template.json).',
  options: {
    stack: { type: 'string', value: 'NAME', help: 'CloudFormation stack, e.g. vibejudge-dashboard-prod' },
    region: { type: 'string', value: 'REGION', help: 'default: AWS_REGION or AWS_DEFAULT_REGION' },
    json: { type: 'boolean', help: 'print the results as JSON instead of a table' },
    junit: { type: 'string', value: 'FILE', help: 'also write JUnit XML to FILE (after printing the results)' },
    only: { type: 'string', value: 'IDS', help: 'run only these probes (e.g. P1,P19)' },
    timeout: { type: 'string', value: 'SECONDS', help: `how long one AWS call may take before it is retried (default ${DEFAULT_CALL_TIMEOUT_MS / 1000})` },
  },
  epilogue: 'AWS_ENDPOINT_URL is honoured (an emulator). Exit: 0 all hold, 1 something does not, 2 could not run\n'
    + '(bad arguments, no credentials, no answer from AWS, a JUnit file that cannot be written).',
}, async ({ values }) => {
  if (!values.stack) throw new InputError('--stack NAME is required (see --help)');
  const region = values.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (!region) throw new InputError('no region: pass --region or set AWS_REGION');
  const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
  const probes = only ? PROBES.filter((p) => only.includes(p.id.toUpperCase())) : PROBES;
  if (only && probes.length !== only.length) throw new InputError(`unknown probe id in --only (known: ${PROBES.map((p) => p.id).join(', ')})`);
  const timeoutMs = values.timeout === undefined ? undefined : wholeNumber('--timeout', values.timeout, { min: 1, max: 600 }) * 1000;

  const startedAt = new Date().toISOString();
  const clients = createClients({ region, endpoint: process.env.AWS_ENDPOINT_URL, timeoutMs });
  const results = await runProbes(await loadContext({ stackName: values.stack, region, clients }), probes);
  const info = { stack: values.stack, region, startedAt };
  process.stdout.write(`${values.json ? toJson(results, info) : toTable(results)}\n`);
  const code = exitCodeOf(results);
  if (code === 2) process.stderr.write(`probe: could not run: ${results.find((r) => r.status === 'error' || r.status === 'crashed')?.detail}\n`);
  if (values.junit) {
    try {
      mkdirSync(dirname(values.junit), { recursive: true });
      writeFileSync(values.junit, toJunit(results, info));
    } catch (e) {
      throw new InputError(`the results are above; cannot write JUnit to ${values.junit}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return code;
});

main(probe);
