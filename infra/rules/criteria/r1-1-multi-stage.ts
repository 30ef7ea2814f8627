import { finalStage, instructionsOf, parseDockerfile } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

/** Multi-stage means the image is the last stage and takes its built parts from an earlier one. */
export const rule: Rule = {
  id: 'R1.1', title: 'The Dockerfile is a multi-stage build whose final stage copies from a build stage', source: 'dockerfile',
  check: (s) => {
    const df = parseDockerfile(s.dockerfile ?? '');
    const last = finalStage(df);
    if (!last || df.stages.length < 2) return fail(`the Dockerfile has ${df.stages.length} stage(s); a multi-stage build has at least 2`);
    const earlier = new Set(df.stages.slice(0, -1).flatMap((st) => [String(st.index), ...(st.name ? [st.name] : [])]));
    const copies = instructionsOf(last, 'COPY').filter((c) => {
      const from = /--from=(\S+)/.exec(c.args)?.[1];
      return from !== undefined && earlier.has(from);
    });
    if (copies.length === 0) return fail('the final stage copies nothing from an earlier stage: the build stage is not used');
    return pass(`${df.stages.length} stages; the final stage (line ${last.instructions[0]?.line ?? '?'}) copies from an earlier one at line(s) ${copies.map((c) => c.line).join(', ')}`);
  },
  mutants: [
    {
      description: 'a single stage (the build stage removed)',
      dockerfile: (t) => {
        const firstFrom = t.search(/^FROM /m);
        const lastFrom = t.lastIndexOf('\nFROM ') + 1;
        return t.slice(0, firstFrom) + t.slice(lastFrom).replace(/COPY --from=\S+ /g, 'COPY ');
      },
    },
    { description: 'two stages, but the final one takes nothing from the first', dockerfile: (t) => t.replace(/COPY --from=\S+ /g, 'COPY ') },
  ],
};
