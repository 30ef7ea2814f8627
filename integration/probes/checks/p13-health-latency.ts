import { output } from '../context.js';
import type { Probe } from '../types.js';

/** R1.5 / P13: the spec's bound on one health answer (a spec number, not a template one). */
export const HEALTH_ANSWER_LIMIT_MS = 2000;
/** A few samples, because one fast answer says little about "any" request. */
const SAMPLES = 3;

/** P13: the health path through the load balancer answers `ok` within 2 s. */
export const p13HealthLatency: Probe = {
  id: 'P13', covers: ['P13', 'R1.5', 'R5.3'], title: 'health path through the ALB answers ok within 2 s',
  async run(ctx) {
    const url = `${output(ctx, 'DashboardUrl').replace(/\/$/, '')}${ctx.config.targetGroup.healthCheckPath}`;
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let answer;
      try {
        answer = await ctx.http(url, HEALTH_ANSWER_LIMIT_MS);
      } catch (e) {
        return { ok: false, detail: (e as Error).message };
      }
      if (answer.status !== 200 || answer.body.trim() !== 'ok') return { ok: false, detail: `GET ${url}: ${answer.status} ${JSON.stringify(answer.body.slice(0, 60))}, expected 200 "ok"` };
      times.push(answer.ms);
    }
    const slowest = Math.max(...times);
    return { ok: slowest <= HEALTH_ANSWER_LIMIT_MS, figures: { slowestMs: Math.round(slowest), limitMs: HEALTH_ANSWER_LIMIT_MS }, detail: `${SAMPLES} answers "ok", slowest ${Math.round(slowest)} ms (limit ${HEALTH_ANSWER_LIMIT_MS} ms)` };
  },
};
