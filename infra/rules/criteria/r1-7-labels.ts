import { finalStage, parseDockerfile, stagePairs } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

const REQUIRED = ['maintainer', 'version', 'description'] as const;
/** The label keys that carry each item: the plain one, the OCI annotation, the older label-schema one. */
const KEYS: Record<(typeof REQUIRED)[number], readonly string[]> = {
  maintainer: ['maintainer', 'org.opencontainers.image.authors', 'org.label-schema.maintainer'],
  version: ['version', 'org.opencontainers.image.version', 'org.label-schema.version'],
  description: ['description', 'org.opencontainers.image.description', 'org.label-schema.description'],
};

/** The image carries labels for the maintainer, version and description (plain or OCI keys), each with a value (in the final stage: labels of a build stage do not reach the image). */
export const rule: Rule = {
  id: 'R1.7', title: 'The image has maintainer, version and description labels', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    const labels = stagePairs(last, 'LABEL');
    const found = REQUIRED.map((item) => [item, KEYS[item].find((k) => labels.get(k)?.trim())] as const);
    const missing = found.filter(([, key]) => key === undefined).map(([item]) => item);
    if (missing.length > 0) return fail(`the final stage has no (or an empty) label for: ${missing.join(', ')}`);
    return pass(found.map(([, key]) => `${key}=${JSON.stringify(labels.get(key!))}`).join(', '));
  },
  mutants: [
    // Each item is given twice in our Dockerfile (plain and OCI keys): a mutant takes the item away, both keys.
    { description: 'no maintainer label', dockerfile: (t) => t.replace(/^LABEL maintainer=("[^"]*"|\S+)/m, 'LABEL').replace(/org\.opencontainers\.image\.authors=/, 'org.opencontainers.image.x-authors=') },
    { description: 'an empty version label', dockerfile: (t) => t.replace(/^(\s*)version=("[^"]*"|\S+)/m, '$1version=""').replace(/(org\.opencontainers\.image\.version=)("[^"]*"|\S+)/, '$1""') },
    { description: 'no description label', dockerfile: (t) => t.replace(/^(\s*)description=("[^"]*"|\S+)/m, '$1x-description=$2').replace(/org\.opencontainers\.image\.description=/, 'org.opencontainers.image.x-description=') },
    { description: 'labels only on the build stage', dockerfile: (t) => {
      const label = /^LABEL (?:.*\\\n)*.*[^\\]\n/m.exec(t)?.[0] ?? '';
      return t.replace(label, '').replace(/^(FROM .* AS build\n)/m, `$1${label}`);
    } },
  ],
};
