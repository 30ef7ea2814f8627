export { TemplateError, UnknownValueError } from './errors.js';
export { loadTemplate, parseTemplateText, templatePathUnderTest } from './load.js';
export { readParameterFile, parametersUnderTest } from './parameters.js';
export { Unknown, isUnknown, firstUnknown } from './unknown.js';
export { TemplateView, type CfnTemplate, type CfnResource, type Found, type Reference } from './view.js';
export { deploymentConfig, override, type DeploymentConfig, type IngressRule } from './config.js';
export { REPO_ROOT, TEMPLATE_PATH, DOCKERFILE_PATH, serializeTemplate } from './paths.js';
