import { finalStage, parseDockerfile, stagePairs } from '../dockerfile.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * API_BASE_URL is an environment variable of the image (ENV in the final stage, so `docker run -e` and the
 * ECS task definition override it). An ARG alone would exist only while building.
 */
export const rule: Rule = {
  id: 'R1.6', title: 'The image takes API_BASE_URL as an environment variable (ENV with a default)', source: 'dockerfile',
  check: (s) => {
    const last = finalStage(parseDockerfile(s.dockerfile ?? ''));
    if (!last) return fail('the Dockerfile has no FROM');
    const env = stagePairs(last, 'ENV');
    if (env.has('API_BASE_URL')) return pass(`ENV API_BASE_URL=${env.get('API_BASE_URL')} in the final stage (overridable at run time)`);
    if (stagePairs(last, 'ARG').has('API_BASE_URL')) return fail('API_BASE_URL is only an ARG: it exists while building, not in the running container');
    return fail('the final stage sets no ENV API_BASE_URL');
  },
  mutants: [
    { description: 'API_BASE_URL renamed API_URL', dockerfile: (t) => t.replace(/API_BASE_URL=/g, 'API_URL=') },
    { description: 'API_BASE_URL only a build ARG', dockerfile: (t) => t.replace(/^(\s*)API_BASE_URL=\S+ \\$/m, '$1NOT_THE_API=1 \\').replace(/^USER /m, 'ARG API_BASE_URL=http://localhost:8000/api/v1\nUSER ') },
  ],
};
