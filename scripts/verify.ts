/**
 * `npm run verify`: the pre-release compliance report. Every criterion R1.1..R12.7 and property P1..P20
 * traced to its evidence; see scripts/verify/ for the stages, the traceability map, waivers and formats.
 * Exit 0: nothing fails unwaived; 1: something fails; 2: the harness could not run (one line, no trace).
 */
import { relative } from 'node:path';
import { defineCommand, main } from '../infra/cli/index.js';
import { optionsFrom, VERIFY_COMMAND } from './verify/args.js';
import { OUTPUT_FILES } from './verify/outputs.js';
import { verify } from './verify/pipeline.js';
import { renderJson } from './verify/format/json.js';
import { changesLine, verdictLine } from './verify/report.js';

const verifyCommand = defineCommand(VERIFY_COMMAND, async ({ values }) => {
  const options = optionsFrom(values);
  const { report, outDir, progress } = await verify(options);
  const where = relative(process.cwd(), outDir) || '.';
  process.stderr.write(`verify: wrote ${OUTPUT_FILES.map((f) => `${where}/${f}`).join(', ')}\n`);
  for (const f of report.failures) process.stderr.write(`verify: ${f.split('\n')[0]}\n`);
  if (report.changes) process.stderr.write(`verify: ${changesLine(report.changes)}\n`);
  process.stderr.write(`verify: ${verdictLine(report)}\n`);
  if (options.timing) process.stderr.write(`${progress.timingTable()}\n`);
  if (options.json) process.stdout.write(renderJson(report));
  return report.exitCode;
});

// Bad arguments, a template it refuses (HarnessError) and its own defects all end as one line and exit
// 2, never a stack trace (infra/cli/main.ts).
main(verifyCommand);
