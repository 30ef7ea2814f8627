import { deploymentConfig, loadTemplate, TEMPLATE_PATH, type DeploymentConfig } from '../../../infra/template/index.js';

/**
 * The model's own tests run on the committed template's numbers (not VERIFY_TEMPLATE): they document
 * how the simulator behaves, and `withChanges` varies one number to show the model follows it.
 */
export const config: DeploymentConfig = deploymentConfig(loadTemplate(TEMPLATE_PATH));

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function withChanges(changes: DeepPartial<DeploymentConfig>): DeploymentConfig {
  const merge = (a: any, b: any): any => {
    if (b === undefined) return a;
    if (Array.isArray(b) || typeof b !== 'object' || b === null) return b;
    const out = { ...a };
    // An explicit undefined removes the part (a template without it).
    for (const [k, v] of Object.entries(b)) out[k] = v === undefined ? undefined : merge(a?.[k], v);
    return out;
  };
  return merge(config, changes);
}
