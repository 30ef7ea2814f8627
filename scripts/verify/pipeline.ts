import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT, TEMPLATE_PATH } from '../../infra/template/index.js';
import type { VerifyOptions } from './args.js';
import { HarnessError } from './errors.js';
import type { Findings } from './findings.js';
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
import { runRulesStage } from './stages/rules.js';
import { templateUnderTest } from './stages/synthesis.js';
import type { Report, StageSummary } from './types.js';
import { applyWaivers, loadWaivers } from './waivers.js';

export const STAGE_COUNT = 7;

/** Paths in the report are relative to the repository, never absolute paths of this machine. */
export const repoRelative = (path: string): string => relative(REPO_ROOT, path) || '.';

/**
 * The whole run: the stages in order, then rows, waivers, the report and its files. Harness problems
 * (bad template, bad waivers) throw HarnessErrors before anything is written.
 */
export async function verify(options: VerifyOptions, progress = new Progress(STAGE_COUNT)): Promise<{ report: Report; outDir: string; progress: Progress }> {
  const outDir = resolve(options.out);
  const logs = join(outDir, 'logs');
  // Waivers are read first: a malformed waivers file must stop the run before minutes of checks.
  const waivers = loadWaivers(options.waivers ? resolve(options.waivers) : join(REPO_ROOT, 'waivers.yaml'), ALL_IDS, options.waivers !== undefined);
  const stages: StageSummary[] = [];
  // A given template or Dockerfile that cannot be read stops the run before any progress is printed,
  // so exit 2 comes with its one line only.
  ensureOutDir(outDir);
  const given = options.template !== undefined ? await templateUnderTest(options.template, outDir) : undefined;
  if (options.dockerfile !== undefined && !existsSync(resolve(options.dockerfile))) throw new HarnessError(`cannot read Dockerfile ${options.dockerfile}: no such file`);

  // The property suite is the slowest offline stage and synthesis the second: when the project's own
  // template is checked, the suite starts at once on the committed infra/template.json while synthesis
  // runs, and its results are kept only if the synthesis turns out identical to that file (else it is
  // stopped and run again on the fresh synthesis).
  const propertiesLog = join(logs, 'properties.log');
  const early = options.template === undefined && options.properties ? new AbortController() : undefined;
  const speculative = early
    ? runPropertiesStage({ enabled: true, templatePath: TEMPLATE_PATH, log: propertiesLog, verbose: options.verbose, signal: early.signal })
    : undefined;

  let synth;
  try {
    synth = await progress.stage(1, 'synthesis', () => given ?? templateUnderTest(undefined, outDir), (t) => t.note);
  } catch (e) {
    // The harness stops here (exit 2): the early property run must not outlive it.
    early?.abort();
    await speculative?.catch(() => undefined);
    throw e;
  }
  const tut = synth.result;
  stages.push({ name: 'synthesis', status: 'ran', seconds: synth.seconds, note: tut.note });
  if (early && tut.path !== TEMPLATE_PATH) early.abort();

  const rules = await progress.stage(2, 'rules', () => runRulesStage(tut.view, options.dockerfile ? resolve(options.dockerfile) : undefined), (r) => r.note);
  stages.push({ name: 'rules', status: 'ran', seconds: rules.seconds, note: rules.result.note });

  const props = await progress.stage(3, 'properties', async () => {
    if (speculative && tut.path === TEMPLATE_PATH) return speculative;
    await speculative?.catch(() => undefined);
    return runPropertiesStage({ enabled: options.properties, templatePath: tut.path, log: propertiesLog, verbose: options.verbose });
  }, (r) => r.note);
  stages.push({ name: 'properties', status: props.result.status, seconds: props.seconds, note: props.result.note, log: props.result.status === 'ran' || options.properties ? 'logs/properties.log' : undefined });

  const cost = await progress.stage(4, 'cost', () => runCostStage({ enabled: options.cost, view: tut.view }), (r) => r.note);
  stages.push({ name: 'cost', status: cost.result.status, seconds: cost.seconds, note: cost.result.note });

  const containers = await progress.stage(5, 'containers', () => runContainersStage({ enabled: options.containers, templatePath: tut.path, log: join(logs, 'containers.log'), verbose: options.verbose }), (r) => r.note);
  stages.push({ name: 'containers', status: containers.result.status, seconds: containers.seconds, note: containers.result.note, log: containers.result.status === 'ran' ? 'logs/containers.log' : undefined });

  const probes = await progress.stage(6, 'probes', () => runProbesStage({ stack: options.stack, region: options.region, templatePath: tut.path, log: join(logs, 'probes.log'), verbose: options.verbose }), (r) => r.note);
  stages.push({ name: 'probes', status: probes.result.status, seconds: probes.seconds, note: probes.result.note, log: probes.result.status === 'ran' ? 'logs/probes.log' : undefined });

  const deploy = await progress.stage(7, 'deploy-evidence', () => readDeployEvidence(isProjectTemplate(tut.text)), (r) => r.note);
  stages.push({ name: 'deploy-evidence', status: deploy.result.status, seconds: deploy.seconds, note: deploy.result.note });

  const findings: Findings = {
    rule: rules.result.collected,
    property: props.result.collected,
    cost: cost.result.collected,
    container: containers.result.collected,
    probe: probes.result.collected,
    deploy: deploy.result.collected,
  };
  const rows = buildRows(findings);
  const waiverNotes = applyWaivers(rows, waivers, options.today);
  for (const w of waiverNotes.filter((n) => n.kind !== 'applied')) progress.line(`waiver ${w.kind}: ${w.message}`);

  const report = assembleReport({
    version: packageVersion(),
    template: { path: repoRelative(tut.path), origin: tut.origin, sha256: tut.sha256, resources: Object.keys(tut.view.resources).length },
    stages, rows, waivers: waiverNotes,
    propertyTests: testsByProperty(props.result.collected.tests),
    cost: cost.result.status === 'ran' ? { scenarios: cost.result.scenarios, note: cost.result.note } : undefined,
    nag: tut.nag, problems: tut.problems, strict: options.strict, now: new Date(),
  });
  writeOutputs(report, outDir, resourceLines(tut.text));
  return { report, outDir, progress };
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
