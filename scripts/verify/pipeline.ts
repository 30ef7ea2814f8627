import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readInputText } from '../../infra/cli/index.js';
import { MAX_DOCKERFILE_BYTES } from '../../infra/rules/run.js';
import { DOCKERFILE_PATH, readParameterFile, REPO_ROOT, TEMPLATE_PATH } from '../../infra/template/index.js';
import type { VerifyOptions } from './args.js';
import { loadPreviousReport } from './compare.js';
import { HarnessError, oneLine } from './errors.js';
import { collectExceptions } from './exceptions.js';
import { notRun, stageError, type Collected, type Findings } from './findings.js';
import { resourceLines } from './locate.js';
import { ensureOutDir, writeOutputs } from './outputs.js';
import { Progress } from './progress.js';
import { assembleReport } from './report.js';
import { buildRows } from './rows.js';
import { ALL_IDS } from './spec-ids.js';
import { runContainersStage } from './stages/containers.js';
import { runCostStage } from './stages/cost.js';
import { readDeployEvidence } from './stages/deploy-evidence.js';
import { runProbesStage } from './stages/probes.js';
import { runPropertiesStage, testsByProperty } from './stages/properties.js';
import { runLintStage } from './stages/lint.js';
import { runRulesStage } from './stages/rules.js';
import { templateUnderTest } from './stages/synthesis.js';
import type { Report, StageSummary } from './types.js';
import { applyWaivers, loadWaivers } from './waivers.js';

export const STAGE_COUNT = 8;

/** Paths in the report are relative to the repository, never absolute paths of this machine. */
export const repoRelative = (path: string): string => relative(REPO_ROOT, path) || '.';

/**
 * The whole run: the stages in order, then rows, waivers, the report and its files. Harness problems
 * (bad template, bad waivers) throw HarnessErrors before anything is written.
 */
export async function verify(options: VerifyOptions, progress = new Progress(STAGE_COUNT)): Promise<{ report: Report; outDir: string; progress: Progress }> {
  const outDir = resolve(options.out);
  const logs = join(outDir, 'logs');
  const stages: StageSummary[] = [];
  // A given template, parameters file, waivers file or Dockerfile that cannot be read stops the run
  // before any progress is printed, so exit 2 comes with its one line only (and nothing is written).
  const parameters = options.parameters !== undefined ? readParametersOrExplain(options.parameters) : {};
  const given = options.template !== undefined ? await templateUnderTest(options.template, outDir, parameters) : undefined;
  if (options.dockerfile !== undefined) readInputText('Dockerfile', options.dockerfile, MAX_DOCKERFILE_BYTES, (m) => new HarnessError(m));
  // Context belongs to the template under test: the repository's waivers and Dockerfile are about the
  // repository's own template, so for any other template they apply only when given explicitly.
  const foreign = given !== undefined && !isProjectTemplate(given.text);
  const waiversPath = options.waivers ? resolve(options.waivers) : foreign ? undefined : join(REPO_ROOT, 'waivers.yaml');
  const dockerfilePath = options.dockerfile ? resolve(options.dockerfile) : foreign ? undefined : DOCKERFILE_PATH;
  // Waivers are read before the checks: a malformed waivers file must stop the run before minutes of work.
  const waivers = waiversPath ? loadWaivers(waiversPath, ALL_IDS, options.waivers !== undefined) : [];
  // So is a previous report that cannot be compared with.
  const previous = options.compare !== undefined ? { report: loadPreviousReport(resolve(options.compare)), path: repoRelative(resolve(options.compare)) } : undefined;
  // The inputs are good; a report that could not be written must be known now, not after the stages.
  ensureOutDir(outDir);
  // The suites run as children read the same parameter values through the environment.
  const childEnv: NodeJS.ProcessEnv = { VERIFY_DOCKERFILE: dockerfilePath ?? '', ...(options.parameters !== undefined ? { VERIFY_PARAMETERS: resolve(options.parameters) } : {}) };

  // The property suite is the slowest offline stage: it starts at once, on the given template or on the
  // committed infra/template.json, while cfn-lint and the synthesis run beside it on the other core. For
  // the project's own template its results are kept only if the synthesis turns out identical to that
  // file (else it is stopped and run again on the fresh synthesis).
  const propertiesLog = join(logs, 'properties.log');
  const speculativePath = given?.path ?? TEMPLATE_PATH;
  const early = options.properties ? new AbortController() : undefined;
  const speculative = early
    ? runPropertiesStage({ enabled: true, templatePath: speculativePath, log: propertiesLog, verbose: options.verbose, signal: early.signal, env: childEnv })
    : undefined;
  // A given template that CloudFormation would reject is refused here, before any progress line.
  let givenLint;
  try {
    givenLint = given ? runLintStage(given.path, options.template!) : undefined;
  } catch (e) {
    early?.abort();
    await speculative?.catch(() => undefined);
    throw e;
  }

  let synth;
  try {
    synth = await progress.stage(1, 'synthesis', () => given ?? templateUnderTest(undefined, outDir, parameters), (t) => t.note);
  } catch (e) {
    // The harness stops here (exit 2): the early property run must not outlive it.
    early?.abort();
    await speculative?.catch(() => undefined);
    throw e;
  }
  const tut = synth.result;
  stages.push({ name: 'synthesis', status: 'ran', seconds: synth.seconds, note: tut.note });
  if (early && tut.path !== speculativePath) early.abort();

  let lint;
  try {
    lint = await progress.stage(2, 'lint', () => givenLint ?? runLintStage(tut.path, 'the synthesized template'), (r) => r.note);
  } catch (e) {
    early?.abort();
    await speculative?.catch(() => undefined);
    throw e;
  }
  stages.push({ name: 'lint', status: lint.result.status, seconds: lint.seconds, note: lint.result.note });

  // From here on a stage that crashes is the harness's own ERROR: its rows say so and the run goes on,
  // so one broken stage never hides the verdicts of the others (and never reads as a FAIL).
  const rules = await progress.stage(3, 'rules', () => guarded('rules', () => runRulesStage(tut.view, dockerfilePath)), (r) => r.note);
  stages.push({ name: 'rules', status: rules.result.status, seconds: rules.seconds, note: rules.result.note });

  const props = await progress.stage(4, 'properties', () => guarded('properties', async () => {
    if (speculative && tut.path === speculativePath) return speculative;
    await speculative?.catch(() => undefined);
    return runPropertiesStage({ enabled: options.properties, templatePath: tut.path, log: propertiesLog, verbose: options.verbose, env: childEnv });
  }), (r) => r.note);
  stages.push({ name: 'properties', status: props.result.status, seconds: props.seconds, note: props.result.note, command: props.result.command, log: props.result.status === 'ran' || options.properties ? 'logs/properties.log' : undefined });

  const cost = await progress.stage(5, 'cost', () => guarded('cost', () => runCostStage({ enabled: options.cost, view: tut.view })), (r) => r.note);
  stages.push({ name: 'cost', status: cost.result.status, seconds: cost.seconds, note: cost.result.note, command: cost.result.command });

  // The container tests build and run the repository's Dockerfile: they say nothing about another template's image.
  // With another image the reason is that, whether or not --no-containers was also given.
  const ourImage = dockerfilePath === DOCKERFILE_PATH;
  const containers = await progress.stage(6, 'containers', () => guarded('containers', () => ourImage
    ? runContainersStage({ enabled: options.containers, templatePath: tut.path, log: join(logs, 'containers.log'), verbose: options.verbose })
    : { collected: notRun('the container tests build this repository\'s Dockerfile, not the image of the template under test'), note: 'not run: the template under test is not this repository\'s', status: 'not-run' as const }), (r) => r.note);
  stages.push({ name: 'containers', status: containers.result.status, seconds: containers.seconds, note: containers.result.note, command: containers.result.command, log: containers.result.status === 'ran' ? 'logs/containers.log' : undefined });

  const probes = await progress.stage(7, 'probes', () => guarded('probes', () => runProbesStage({ stack: options.stack, region: options.region, view: tut.view })), (r) => r.note);
  stages.push({ name: 'probes', status: probes.result.status, seconds: probes.seconds, note: probes.result.note, command: probes.result.command });

  const deploy = await progress.stage(8, 'deploy-evidence', () => guarded('deploy-evidence', () => readDeployEvidence(isProjectTemplate(tut.text))), (r) => r.note);
  stages.push({ name: 'deploy-evidence', status: deploy.result.status, seconds: deploy.seconds, note: deploy.result.note, command: deploy.result.command });
  if (waiversPath === undefined) progress.line('no waivers applied: the repository\'s waivers.yaml is about its own template (give --waivers FILE to apply some)');

  const findings: Findings = {
    rule: rules.result.collected,
    property: props.result.collected,
    cost: cost.result.collected,
    container: containers.result.collected,
    probe: probes.result.collected,
    deploy: deploy.result.collected,
  };
  const rows = buildRows(findings);
  const waiverNotes = applyWaivers(rows, waivers, options.today, !foreign);
  for (const w of waiverNotes.filter((n) => n.kind !== 'applied')) progress.line(`waiver ${w.kind}: ${w.message}`);

  const report = assembleReport({
    version: packageVersion(),
    template: { path: repoRelative(tut.path), title: tut.title, origin: tut.origin, sha256: tut.sha256, resources: Object.keys(tut.view.resources).length },
    stages, rows, waivers: waiverNotes,
    propertyTests: testsByProperty(props.result.collected.tests),
    cost: cost.result.status === 'ran' ? { scenarios: cost.result.scenarios, note: cost.result.note } : undefined,
    nag: tut.nag, exceptions: collectExceptions(tut.view.json, dockerfilePath, rows), problems: tut.problems, strict: options.strict, previous, strictCompare: options.strictCompare, now: new Date(),
  });
  writeOutputs(report, outDir, resourceLines(tut.text));
  return { report, outDir, progress };
}

/** What every stage hands over, whatever it is. */
interface StageOutcome { readonly collected: Collected; readonly note: string; readonly status: 'ran' | 'not-run' | 'error'; readonly command?: string }

/** Runs a stage; if it throws, the harness's own error becomes the stage's outcome (ERROR rows, exit 2). */
async function guarded<T extends StageOutcome>(name: string, run: () => Promise<T> | T): Promise<T | StageOutcome & { scenarios: [] }> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    const cause = `the ${name} stage crashed: ${oneLine(e)}`;
    return { collected: stageError(cause), note: `ERROR: ${cause}`, status: 'error', scenarios: [] };
  }
}

function readParametersOrExplain(path: string): Record<string, string> {
  try {
    return readParameterFile(resolve(path));
  } catch (e) {
    throw new HarnessError(oneLine(e));
  }
}

/** Whether the template under test is, byte for byte, the committed one that `sam deploy` deploys. */
function isProjectTemplate(text: string): boolean {
  try {
    return readFileSync(TEMPLATE_PATH, 'utf8') === text;
  } catch {
    return false;
  }
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
