import { isUnknown } from '../../template/index.js';
import { listener } from '../mutate.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/** The ALB spreads requests over the healthy targets of the group a listener (or listener rule) forwards to. */
export const rule: Rule = {
  id: 'R5.3', title: 'A listener (or listener rule) forwards to the service\'s target group', source: 'template',
  check: (s) => {
    const c = s.config();
    const tg = c.targetGroup.id;
    const byListener = c.listeners.filter((l) => l.forwardsToTargetGroup).map((l) => `listener ${l.protocol}:${l.port}`);
    const undecided: string[] = [];
    const byRule = s.template.ofType('AWS::ElasticLoadBalancingV2::ListenerRule').filter((r) => {
      const actions = s.template.get(r, 'Actions') ?? [];
      if (isUnknown(actions) || !Array.isArray(actions)) { undecided.push(`${r.id} (${isUnknown(actions) ? actions.why : 'Actions is not a list'})`); return false; }
      return actions.some((a) => a?.Type === 'forward' && (s.template.refersTo(a.TargetGroupArn) === tg
        || (a.ForwardConfig?.TargetGroups ?? []).some((g: any) => s.template.refersTo(g?.TargetGroupArn) === tg)));
    }).map((r) => `listener rule ${r.id}`);
    const via = [...byListener, ...byRule];
    if (via.length === 0 && undecided.length > 0) return unknown(`no listener forwards to ${tg}, and the actions of ${undecided.join('; ')} are not known`, tg);
    return via.length > 0 ? pass(`${via.join(', ')} forward${via.length === 1 ? 's' : ''} to ${tg}, the service's target group`)
      : fail(`no listener or listener rule forwards to ${tg}, the service's target group`, tg);
  },
  mutants: [{ description: '443 answers a fixed response', template: (t) => { listener(t, 443).DefaultActions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }]; } }],
};
