import { container } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

/**
 * ECS runs the command inside the image, which has no curl; the check must ask Streamlit's health
 * endpoint and look at the body, because unknown paths also answer 200.
 */
export const rule: Rule = {
  id: 'R4.7', title: 'The container health check asks /_stcore/health for "ok" without curl', source: 'template',
  check: (s) => {
    const { task } = s.config();
    const hc = task.healthCheck;
    if (!hc) return fail('the container has no HealthCheck', task.id);
    const cmd = hc.command.join(' ');
    if (!cmd.includes(`:${task.containerPort}/_stcore/health`)) return fail(`health check does not ask /_stcore/health on ${task.containerPort}: ${cmd}`, task.id);
    if (/\bcurl\b|\bwget\b/.test(cmd)) return fail('health check needs curl or wget, which the image does not have', task.id);
    if (!/ok/.test(cmd.replace('/_stcore/health', ''))) return fail('health check does not compare the body with "ok"', task.id);
    return pass(`HealthCheck ${hc.command[0]} ... every ${hc.intervalSeconds} s, ${hc.retries} retries`);
  },
  mutants: [
    { description: 'health check with curl on /', template: (t) => { container(t).HealthCheck.Command = ['CMD-SHELL', 'curl -f http://localhost:8501/ || exit 1']; } },
    { description: 'health check ignoring the body', template: (t) => { container(t).HealthCheck.Command = ['CMD', 'python', '-c', "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health')"]; } },
  ],
};
