import { finalStage, instructionsOf, parseDockerfile } from '../dockerfile.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/**
 * The process runs as the final stage's last USER. It must be UID 1000: numerically (`1000` or
 * `1000:<gid>`), or a name the Dockerfile creates with UID 1000 (`useradd -u 1000 NAME`, `adduser
 * --uid 1000 NAME`, busybox `adduser -u 1000 NAME`). A name the Dockerfile does not create comes from the
 * base image (the `node` image's `node` is UID 1000): its UID is not in the Dockerfile, NOT VERIFIED.
 */
export const rule: Rule = {
  id: 'R1.3', title: 'The image runs as the non-root user with UID 1000', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    const user = instructionsOf(last, 'USER').at(-1);
    if (!user) return fail('the final stage has no USER: the container runs as root');
    const who = user.args.split(':')[0].trim();
    if (who === '1000') return pass(`USER ${user.args} at line ${user.line}`);
    if (/^\d+$/.test(who) || who === 'root') return fail(`USER ${user.args} at line ${user.line} is not UID 1000`);
    const creations = instructionsOf(last, 'RUN').flatMap((r) => r.args.split(/&&|;|\|\|/))
      .filter((cmd) => /\b(useradd|adduser)\b/.test(cmd) && new RegExp(`\\s${who}\\s*$`).test(cmd.trim().replace(/\s+\\$/, '')));
    const uid = creations.map((cmd) => /(?:--uid|-u)[\s=]+(\d+)/.exec(cmd)?.[1]).find((u) => u !== undefined);
    if (uid === '1000') return pass(`USER ${user.args} at line ${user.line}, created with UID 1000`);
    if (uid !== undefined) return fail(`USER ${user.args} at line ${user.line} is created with UID ${uid}, not 1000`);
    if (creations.length > 0) return fail(`USER ${user.args} at line ${user.line} is created without a UID, so it gets the next free one, not necessarily 1000`);
    return unknown(`USER ${user.args} at line ${user.line} is not created in the Dockerfile: its UID comes from the base image`);
  },
  mutants: [
    { description: 'USER root', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER root') },
    { description: 'USER 0', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER 0') },
    { description: 'no USER (runs as root)', dockerfile: (t) => t.replace(/^USER .*$/gm, '') },
    { description: 'USER 1001', dockerfile: (t) => t.replace(/^USER .*$/m, 'USER 1001:1001') },
  ],
};
