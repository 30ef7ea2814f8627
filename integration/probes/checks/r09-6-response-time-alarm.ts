import type { Probe } from '../types.js';
import { compareAlarm } from './alarm.js';

/** R9.6: the TargetResponseTime alarm exists with the template's threshold and periods. */
export const r096ResponseTimeAlarm: Probe = {
  id: 'R9.6', covers: ['R9.6'], title: 'TargetResponseTime alarm as in the template',
  async run(ctx) {
    const { alarm, expected, problems } = await compareAlarm(ctx, 'TargetResponseTimeAlarmName', 'TargetResponseTime');
    if (!alarm || !expected) return { ok: false, detail: problems.join('; ') };
    return { ok: problems.length === 0, figures: { threshold: expected.threshold, evaluationPeriods: expected.evaluationPeriods }, detail: problems.length === 0 ? `${alarm.AlarmName}: > ${expected.threshold} s for ${expected.evaluationPeriods} periods, state ${alarm.StateValue}` : problems.join('; ') };
  },
};
