import { finalStage, parseDockerfile, stagePairs } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

const REQUIRED = ['maintainer', 'version', 'description'] as const;

/** The image carries the labels the specification names, each with a value (in the final stage: labels of a build stage do not reach the image). */
export const rule: Rule = {
  id: 'R1.7', title: 'The image has maintainer, version and description labels', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    const labels = stagePairs(last, 'LABEL');
    const missing = REQUIRED.filter((k) => !labels.get(k)?.trim());
    if (missing.length > 0) return fail(`the final stage has no (or an empty) label: ${missing.join(', ')}`);
    return pass(REQUIRED.map((k) => `${k}=${JSON.stringify(labels.get(k))}`).join(', '));
  },
  mutants: [
    { description: 'no maintainer label', dockerfile: (t) => t.replace(/^LABEL maintainer=("[^"]*"|\S+)/m, 'LABEL') },
    { description: 'an empty version label', dockerfile: (t) => t.replace(/^(\s*)version=("[^"]*"|\S+)/m, '$1version=""') },
    { description: 'no description label', dockerfile: (t) => t.replace(/^(\s*)description=("[^"]*"|\S+)/m, '$1x-description=$2') },
    { description: 'labels only on the build stage', dockerfile: (t) => {
      const label = /^LABEL (?:.*\\\n)*.*[^\\]\n/m.exec(t)?.[0] ?? '';
      return t.replace(label, '').replace(/^(FROM .* AS build\n)/m, `$1${label}`);
    } },
  ],
};
