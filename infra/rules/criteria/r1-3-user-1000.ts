import { finalStage, instructionsOf, parseDockerfile } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * The process runs as the final stage's last USER. It must be UID 1000: numerically (`1000` or
 * `1000:<gid>`), or a name that the final stage creates with UID 1000 (`useradd --uid 1000 NAME`).
 */
export const rule: Rule = {
  id: 'R1.3', title: 'The image runs as the non-root user with UID 1000 (USER 1000)', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    const user = instructionsOf(last, 'USER').at(-1);
    if (!user) return fail('the final stage has no USER: the container runs as root');
    const who = user.args.split(':')[0].trim();
    if (who === '1000') return pass(`USER ${user.args} at line ${user.line}`);
    const created = instructionsOf(last, 'RUN').some((r) => new RegExp(`useradd\\b[^&;|]*(--uid|-u)\\s+1000\\b[^&;|]*\\s${who}\\b`).test(r.args));
    if (/^[a-z_][a-z0-9_-]*$/i.test(who) && who !== 'root' && created) return pass(`USER ${user.args} at line ${user.line}, created with UID 1000`);
    return fail(`USER ${user.args} at line ${user.line} is not UID 1000`);
  },
  mutants: [
    { description: 'USER root', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER root') },
    { description: 'USER 0', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER 0') },
    { description: 'no USER (runs as root)', dockerfile: (t) => t.replace(/^USER .*$/gm, '') },
    { description: 'USER 1001', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER 1001:1001') },
  ],
};
