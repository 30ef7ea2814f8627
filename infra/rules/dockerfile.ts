/**
 * A Dockerfile read as the builder reads it, enough for the image rules (R1.x): instructions with their
 * line numbers, grouped into build stages, and the key/value pairs of ENV, LABEL and ARG. Line
 * continuations and comment lines are handled; parser directives and heredocs are not used here.
 */
export interface Instruction {
  /** Upper case: `FROM`, `RUN`, `USER`, ... */
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  readonly args: string;
  /** 1-based line of the keyword. */
  readonly line: number;
}

export interface Stage {
  readonly index: number;
  /** The image it starts from, as written (`${BASE_IMAGE}` stays unexpanded). */
  readonly from: string;
  /** The `AS name`, when given. */
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** ARG instructions before the first FROM (they parameterize FROM lines). */
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { keyword: string; parts: string[]; line: number } | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && !pending)) return;
    const continued = /\\\s*$/.test(raw);
    const body = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (!pending) {
      const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(body);
      if (!m) return;
      pending = { keyword: m[1].toUpperCase(), parts: [m[2]], line: i + 1 };
    } else {
      pending.parts.push(body.trim());
    }
    if (!continued) {
      instructions.push({ keyword: pending.keyword, args: pending.parts.join(' ').trim(), line: pending.line });
      pending = undefined;
    }
  });
  if (pending) instructions.push({ keyword: pending.keyword, args: pending.parts.join(' ').trim(), line: pending.line });

  const globalArgs: Instruction[] = [];
  const stages: { index: number; from: string; name?: string; instructions: Instruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ index: stages.length, from: words[0] ?? '', name: as > 0 ? words[as + 1] : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') globalArgs.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { globalArgs, stages };
}

/** The stage the image is made of: the last one. */
export function finalStage(df: Dockerfile): Stage | undefined {
  return df.stages[df.stages.length - 1];
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** Splits on whitespace outside quotes, keeping each token's quotes off. */
function tokens(args: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g;
  for (const m of args.matchAll(re)) out.push(m[0]);
  return out;
}

function unquote(s: string): string {
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) return s.slice(1, -1).replace(/\\(.)/g, '$1');
  return s;
}

/**
 * The key/value pairs of an ENV, LABEL or ARG instruction: `K=V K2="V 2"`, or the legacy `ENV K V` form.
 * An ARG without a default maps to undefined.
 */
export function pairs(ins: Instruction): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const toks = tokens(ins.args);
  if (ins.keyword === 'ENV' && toks.length > 0 && !toks[0].includes('=')) {
    out.set(toks[0], unquote(ins.args.slice(ins.args.indexOf(toks[0]) + toks[0].length).trim()));
    return out;
  }
  for (const t of toks) {
    const eq = t.indexOf('=');
    if (eq < 0) out.set(unquote(t), undefined);
    else out.set(unquote(t.slice(0, eq)), unquote(t.slice(eq + 1)));
  }
  return out;
}

/** Every key/value pair that instructions of one kind set in a stage (later ones win, as in the builder). */
export function stagePairs(stage: Stage, keyword: 'ENV' | 'LABEL' | 'ARG'): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const ins of instructionsOf(stage, keyword)) for (const [k, v] of pairs(ins)) out.set(k, v);
  return out;
}
