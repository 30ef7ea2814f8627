import { container } from '../mutate.js';
import { commandText, localRequests } from '../health-command.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * "A health check command to verify the Streamlit process is running": a command that asks Streamlit
 * over HTTP on the container's port (its health endpoint, whatever the tool: curl, wget, python ...) or
 * that looks for the streamlit process. Whether the tool exists in the image is a fact of the Dockerfile,
 * which the R1 rules and the container tests judge, not of the template.
 */
export const rule: Rule = {
  id: 'R4.7', title: 'The container health check asks Streamlit (its health endpoint on the container port) whether it runs', source: 'template',
  check: (s) => {
    const { task } = s.config();
    const hc = task.healthCheck;
    if (!hc) return fail('the container has no HealthCheck', task.id);
    const argv = hc.command.map(String);
    if (argv.length === 0 || argv[0] === 'NONE') return fail(`the health check is disabled (${argv.join(' ') || 'no command'})`, task.id);
    const cmd = commandText(argv);
    const urls = localRequests(argv, environmentOf(s, task.id));
    if (urls.length > 0) {
      const asked = urls.find((u) => u.port === task.containerPort);
      if (asked) {
        return pass(`HealthCheck asks ${asked.path} on port ${task.containerPort} (${argv[0]} ${cmd.slice(0, 60)}${cmd.length > 60 ? '...' : ''}) every ${hc.intervalSeconds} s, ${hc.retries} retries`);
      }
      return fail(`the health check asks port ${urls.map((u) => u.port ?? u.portText).join(', ')}, not the container port ${task.containerPort}: ${cmd}`, task.id);
    }
    if (/\b(pgrep|pidof|ps)\b/.test(cmd) && /streamlit/i.test(cmd)) return pass(`HealthCheck looks for the streamlit process: ${cmd}`);
    return fail(`the health check neither asks Streamlit on port ${task.containerPort} nor looks for its process: ${cmd}`, task.id);
  },
  mutants: [
    { description: 'health check on another port', template: (t) => { container(t).HealthCheck.Command = ['CMD-SHELL', 'curl -f http://localhost:8080/_stcore/health || exit 1']; } },
    { description: 'health check that checks nothing', template: (t) => { container(t).HealthCheck.Command = ['CMD-SHELL', 'exit 0']; } },
  ],
};

/** A port written as a number, `$VAR` or `${VAR}` (from the container's Environment), or the scheme's default. */
function environmentOf(s: Parameters<Rule['check']>[0], taskId: string): Record<string, string> {
  const td = s.template.byId(taskId);
  const out: Record<string, string> = {};
  const containers = td ? s.template.get(td, 'ContainerDefinitions') : undefined;
  for (const c of Array.isArray(containers) ? containers : []) {
    for (const e of c?.Environment ?? []) if (typeof e?.Name === 'string' && (typeof e.Value === 'string' || typeof e.Value === 'number')) out[e.Name] = String(e.Value);
  }
  return out;
}
