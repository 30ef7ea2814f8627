import './quiet-warnings.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { TemplateError } from '../../infra/template/index.js';
import { createClients, loadContext } from './context.js';
import { PROBES } from './index.js';
import { toJson, toJunit, toTable } from './report.js';
import { exitCodeOf, runProbes } from './run.js';
import { ProbeSetupError } from './types.js';

const HELP = `Usage: npm run probe -- --stack NAME [--region REGION] [--json] [--junit FILE] [--only ID,ID]

Checks a deployed dashboard stack against what the template promises (read-only; the IAM policy it
needs is integration/probes/iam-policy.json). Resources are found from the stack's outputs; expected
values come from the template (VERIFY_TEMPLATE, else infra/template.json).

  --stack NAME     CloudFormation stack, e.g. vibejudge-dashboard-prod
  --region REGION  default: AWS_REGION or AWS_DEFAULT_REGION
  --json           print the results as JSON instead of a table
  --junit FILE     also write JUnit XML to FILE
  --only IDS       run only these probes (e.g. P1,P19)
  --help           this text

AWS_ENDPOINT_URL is honoured (an emulator). Exit: 0 all hold, 1 something does not, 2 could not run.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: {
      stack: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' }, junit: { type: 'string' },
      only: { type: 'string' }, help: { type: 'boolean' },
    } }).values;
  } catch (e) {
    process.stderr.write(`probe: ${(e as Error).message.split('\n')[0]} (see --help)\n`);
    return 2;
  }
  if (args.help) { process.stdout.write(`${HELP}\n`); return 0; }
  if (!args.stack) { process.stderr.write('probe: --stack NAME is required (see --help)\n'); return 2; }
  const region = args.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) { process.stderr.write('probe: no region: pass --region or set AWS_REGION\n'); return 2; }
  const only = args.only?.split(',').map((s) => s.trim().toUpperCase());
  const probes = only ? PROBES.filter((p) => only.includes(p.id.toUpperCase())) : PROBES;
  if (only && probes.length !== only.length) {
    process.stderr.write(`probe: unknown probe id in --only (known: ${PROBES.map((p) => p.id).join(', ')})\n`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  const ctx = await loadContext({ stackName: args.stack, region, clients: createClients({ region, endpoint: process.env.AWS_ENDPOINT_URL }) });
  const results = await runProbes(ctx, probes);
  const info = { stack: args.stack, region, startedAt };
  if (args.junit) {
    mkdirSync(dirname(args.junit), { recursive: true });
    writeFileSync(args.junit, toJunit(results, info));
  }
  process.stdout.write(`${args.json ? toJson(results, info) : toTable(results)}\n`);
  const code = exitCodeOf(results);
  if (code === 2) process.stderr.write(`probe: could not run: ${results.find((r) => r.status === 'error' || r.status === 'crashed')?.detail}\n`);
  return code;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  const known = e instanceof ProbeSetupError || e instanceof TemplateError;
  process.stderr.write(`probe: ${known ? e.message : `unexpected error: ${String((e as Error)?.message ?? e).split('\n')[0]}`}\n`);
  process.exitCode = 2;
});
