/**
 * Imported first by the CLI: the AWS SDK warns on every run that its future versions need a newer
 * Node. That multi-line notice would break the CLI's promise of one-line messages on stderr; every
 * other warning is still printed.
 */
const builtin = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!w.message.startsWith('NodeVersionSupportWarning')) for (const listener of builtin) listener(w);
});
export {};
