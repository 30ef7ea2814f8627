import { defineCommand, isEntryPoint, main, wholeNumber } from '../../infra/cli/index.js';
import { cpuCounters, fullId } from './cgroup.js';
import { STICKY_COOKIE } from './haproxy-config.js';
import { loadPage, newBrowser } from './page-load.js';
import { StreamlitSession } from './streamlit-session.js';
import { startTwinOrExplain } from './twin.js';
import { demoApiKey, requireSignInValues, warmTask } from './user.js';
import { median } from './stats.js';

/**
 * The CPU one task spends on each kind of user action, measured one action at a time (so each cgroup
 * CPU-time delta belongs to one action) on a single task with the template's limits. Unlike latency
 * under load, CPU time per action hardly depends on how busy the host is, so it is the figure to size
 * the service with on a shared machine: capacity.ts turns it into the CPU N users need.
 */

export interface ActionCost { readonly kind: string; readonly samples: number; readonly cpuMsMedian: number; readonly cpuMsMax: number }

export interface Profile { readonly cpus: number; readonly idleCpuMsPerS: number; readonly actions: ActionCost[] }


export async function profileActions(repeats: number, log: (s: string) => void = () => {}): Promise<Profile> {
  const twin = await startTwinOrExplain({ tasks: 1, log });
  try {
    const task = twin.tasks[0];
    const id = await fullId(task.container);
    const cpuMs = () => {
      const c = cpuCounters(id);
      if (!c) throw new Error('cannot read the container\'s cgroup CPU counters (cgroup v1 or v2 under /sys/fs/cgroup)');
      return c.usageNs / 1e6;
    };
    const apiKey = demoApiKey();
    const samples: Record<string, number[]> = {};
    // The task's very first sign-in, as soon as its health check passed: what the first organizer after a
    // deployment or a scale-out pays. The spec's "ready" means this costs what any other sign-in costs.
    const cold = newBrowser(twin.httpsUrl, twin.caPem);
    try {
      const c0 = cpuMs();
      await loadPage(cold, { withAssets: false });
      const session = await StreamlitSession.open(cold);
      try {
        const first = await session.run();
        await session.run(requireSignInValues(first.widgets, apiKey, 'a new task'));
      } finally {
        session.close();
      }
      await new Promise((r) => setTimeout(r, 300));
      samples['new task: first visit and sign-in'] = [cpuMs() - c0];
    } finally {
      cold.agent.destroy();
    }
    await warmTask(twin.httpsUrl, twin.caPem, apiKey, { name: STICKY_COOKIE, value: task.name });
    // What the task burns doing nothing (Streamlit's own timers), to subtract from each action.
    const idleStart = cpuMs(), idleT0 = performance.now();
    await new Promise((r) => setTimeout(r, 5000));
    const idlePerMs = (cpuMs() - idleStart) / (performance.now() - idleT0);
    const measure = async <T>(kind: string, f: () => Promise<T>): Promise<T> => {
      const c0 = cpuMs(), t0 = performance.now();
      const out = await f();
      await new Promise((r) => setTimeout(r, 300)); // let the server finish sending before reading the counter
      (samples[kind] ??= []).push(Math.max(0, cpuMs() - c0 - idlePerMs * (performance.now() - t0)));
      return out;
    };
    for (let i = 0; i < repeats; i++) {
      const b = newBrowser(twin.httpsUrl, twin.caPem);
      await measure('first-visit assets', () => loadPage(b, { withAssets: true }));
      await measure('reload (page only)', () => loadPage(b, { withAssets: false }));
      const session = await StreamlitSession.open(b);
      try {
        const first = await measure('first script run', () => session.run());
        const signIn = requireSignInValues(first.widgets, apiKey, 'profile');
        const signedIn = await measure('sign-in', () => session.run(signIn));
        const picker = signedIn.widgets.find((w) => w.type === 'selectbox');
        if (!picker) throw new Error('sign-in did not reach the hackathon page');
        for (const option of picker.options) await measure('pick-hackathon', () => session.run([{ id: picker.id, kind: 'string', value: option }]));
      } finally {
        session.close();
        b.agent.destroy();
      }
      log(`profile: round ${i + 1}/${repeats}`);
    }
    return {
      cpus: twin.cpus, idleCpuMsPerS: Math.round(idlePerMs * 1000),
      actions: Object.entries(samples).map(([kind, xs]) => ({ kind, samples: xs.length, cpuMsMedian: Math.round(median(xs)), cpuMsMax: Math.round(Math.max(...xs)) })),
    };
  } finally {
    await twin.stop();
  }
}

const profile = defineCommand({
  name: 'profile',
  synopsis: 'tsx integration/capacity/profile.ts [--repeats N] [--json]',
  description: 'CPU time one dashboard task (the template\'s CPU and memory limits) spends per user action, measured\n'
    + 'one action at a time from the container\'s cgroup, idle CPU subtracted.',
  options: {
    repeats: { type: 'string', value: 'N', help: 'rounds of every action (default 5, at most 50)' },
    json: { type: 'boolean', help: 'one JSON document (the input of capacity.ts) instead of the table' },
  },
  epilogue: 'Progress goes to stderr. Exit: 0 measured, 2 it could not run (no Docker engine, image not built, bad option).',
}, async ({ values }) => {
  const repeats = values.repeats === undefined ? 5 : wholeNumber('--repeats', values.repeats, { min: 1, max: 50 });
  const p = await profileActions(repeats, (s) => process.stderr.write(`${s}\n`));
  process.stdout.write(values.json ? `${JSON.stringify(p, null, 2)}\n`
    : `${p.actions.map((x) => `${x.kind.padEnd(20)} CPU ${x.cpuMsMedian} ms median, ${x.cpuMsMax} ms max (${x.samples} samples)`).join('\n')}\nidle: ${p.idleCpuMsPerS} ms CPU per second\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) main(profile);
