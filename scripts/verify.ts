/**
 * `npm run verify`: the pre-release compliance report. Every criterion R1.1..R12.7 and property P1..P20
 * traced to its evidence; see scripts/verify/ for the stages, the traceability map, waivers and formats.
 * Exit 0: nothing fails unwaived; 1: something fails; 2: the harness could not run (one line, no trace).
 */
import { relative } from 'node:path';
import { parseOptions, USAGE } from './verify/args.js';
import { HarnessError, oneLine } from './verify/errors.js';
import { OUTPUT_FILES } from './verify/outputs.js';
import { verify } from './verify/pipeline.js';
import { renderJson } from './verify/format/json.js';
import { changesLine, verdictLine } from './verify/report.js';

function die(message: string): never {
  process.stderr.write(`verify: ${message}\n`);
  process.exit(2);
}

// Anything unexpected still ends as one line and exit 2, never a stack trace.
process.on('uncaughtException', (e) => die(`internal error: ${oneLine(e)}`));
process.on('unhandledRejection', (e) => die(`internal error: ${oneLine(e)}`));

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    die(oneLine(e));
  }
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    const { report, outDir, progress } = await verify(options);
    const where = relative(process.cwd(), outDir) || '.';
    process.stderr.write(`verify: wrote ${OUTPUT_FILES.map((f) => `${where}/${f}`).join(', ')}\n`);
    for (const f of report.failures) process.stderr.write(`verify: ${f.split('\n')[0]}\n`);
    if (report.changes) process.stderr.write(`verify: ${changesLine(report.changes)}\n`);
    process.stderr.write(`verify: ${verdictLine(report)}\n`);
    if (options.timing) process.stderr.write(`${progress.timingTable()}\n`);
    if (options.json) process.stdout.write(renderJson(report));
    process.exitCode = report.exitCode;
  } catch (e) {
    if (e instanceof HarnessError) die(e.message);
    die(`internal error: ${oneLine(e)}`);
  }
}

await main();
