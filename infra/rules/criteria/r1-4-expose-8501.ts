import { finalStage, instructionsOf, parseDockerfile, stagePairs } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

const PORT = '8501';

/** EXPOSE 8501, and Streamlit not told to listen elsewhere (STREAMLIT_SERVER_PORT, when set, is 8501 too). */
export const rule: Rule = {
  id: 'R1.4', title: 'The image exposes port 8501, where Streamlit listens', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    // EXPOSE $PORT / ${PORT}: the value the stage's ARG or ENV gives it.
    const vars = new Map([...stagePairs(last, 'ARG'), ...stagePairs(last, 'ENV')]);
    const expand = (word: string) => word.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => vars.get(name) ?? whole);
    const expose = instructionsOf(last, 'EXPOSE').find((e) => e.args.split(/\s+/).map(expand).some((p) => p === PORT || p === `${PORT}/tcp`));
    if (!expose) return fail(`the final stage does not EXPOSE ${PORT}`);
    const port = stagePairs(last, 'ENV').get('STREAMLIT_SERVER_PORT');
    if (port !== undefined && port !== PORT) return fail(`EXPOSE ${PORT}, but STREAMLIT_SERVER_PORT=${port} makes Streamlit listen elsewhere`);
    return pass(`EXPOSE ${expose.args} at line ${expose.line}${port ? `; STREAMLIT_SERVER_PORT=${port}` : ''}`);
  },
  mutants: [
    { description: 'EXPOSE 8080', dockerfile: (t) => t.replace(/^EXPOSE .*$/m, 'EXPOSE 8080') },
    { description: 'no EXPOSE', dockerfile: (t) => t.replace(/^EXPOSE .*$/gm, '') },
    { description: 'EXPOSE 8501 but Streamlit on 8080', dockerfile: (t) => t.replace(/STREAMLIT_SERVER_PORT=\d+/, 'STREAMLIT_SERVER_PORT=8080') },
  ],
};
