import { output } from '../context.js';
import type { Probe } from '../types.js';

/** P19: a plain HTTP request is answered with a redirect to HTTPS, as the HTTP listener's action says. */
export const p19HttpsRedirect: Probe = {
  id: 'P19', covers: ['P19', 'R5.2'], title: 'HTTP answered with a redirect to HTTPS',
  async run(ctx) {
    const listener = ctx.config.listeners.find((l) => l.protocol === 'HTTP' && l.redirect);
    if (!listener?.redirect) return { ok: false, detail: 'the template has no HTTP listener that redirects' };
    const status = Number(listener.redirect.statusCode.replace('HTTP_', ''));
    const url = `http://${output(ctx, 'AlbDnsName')}:${listener.port}/some/page?x=1`;
    let answer;
    try {
      answer = await ctx.http(url, 5000);
    } catch (e) {
      return { ok: false, detail: (e as Error).message };
    }
    const location = String(answer.headers.location ?? '');
    let target: URL | undefined;
    try { target = new URL(location); } catch { target = undefined; }
    const port = target ? (target.port || '443') : '';
    const ok = answer.status === status && target?.protocol === 'https:' && port === listener.redirect.port && target.pathname === '/some/page';
    return { ok, figures: { status: answer.status }, detail: `GET ${url} -> ${answer.status} ${location || '(no Location)'}; expected ${status} to https on ${listener.redirect.port}, same path` };
  },
};
