import { loadTemplate, TemplateError } from '../infra/template/index.js';
import { CostInputError } from './errors.js';
import { formatReport } from './format.js';
import { costReport } from './report.js';
import { SCENARIOS } from './scenarios.js';

const HELP = `npm run cost -- [options]

Prices the template under test for a month, line by line, and gives the verdicts on R12.1, R12.2,
R12.5, P11 and R12.7 with their margins (and, where a ceiling fails, the design changes that meet it).

  --tasks N          price the design (or the named scenario) at N tasks all month
  --scenario NAME    one scenario (repeatable): ${SCENARIOS.map((s) => s.name).join(', ')}
  --region REGION    a region of the price snapshot (default us-east-1)
  --template FILE    the template to price (default: VERIFY_TEMPLATE, else infra/template.json)
  --free-tier        apply the always-free CloudWatch, data transfer and SNS allowances (default off)
  --json             one JSON document: scenarios with line items and totals, verdicts, assumptions
  --help             this text

Exit codes: 0 printed (whatever the verdicts); 2 bad input (unknown region or scenario, bad template,
a price the snapshot lacks).`;

interface Args { tasks?: number; scenarios: string[]; region?: string; template?: string; freeTier: boolean; json: boolean; help: boolean }

function parse(argv: string[]): Args {
  const a: Args = { scenarios: [], freeTier: false, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new CostInputError(`${flag} needs a value (see --help)`);
      return v;
    };
    switch (flag) {
      case '--tasks': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new CostInputError(`--tasks needs a whole number of at least 0, got ${v}`);
        a.tasks = Number(v);
        break;
      }
      case '--scenario': a.scenarios.push(value()); break;
      case '--region': a.region = value(); break;
      case '--template': a.template = value(); break;
      case '--free-tier': a.freeTier = true; break;
      case '--json': a.json = true; break;
      case '--help': case '-h': a.help = true; break;
      default: throw new CostInputError(`unknown option ${arg} (see --help)`);
    }
  }
  return a;
}

function main(): number {
  try {
    const args = parse(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const view = loadTemplate(args.template);
    const report = costReport(view, { region: args.region, freeTier: args.freeTier, scenarios: args.scenarios, tasks: args.tasks });
    process.stdout.write((args.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof CostInputError || e instanceof TemplateError) {
      process.stderr.write(`cost: ${e.message.split('\n')[0]}\n`);
      return e.exitCode;
    }
    process.stderr.write(`cost: unexpected error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}\n`);
    return 1;
  }
}

process.exitCode = main();
