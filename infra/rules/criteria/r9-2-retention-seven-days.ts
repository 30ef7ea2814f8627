import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R9.2', title: 'Logs are kept 7 days', source: 'template',
  check: (s) => {
    const days = s.config().logRetentionDays;
    return days === 7 ? pass('RetentionInDays 7') : fail(days === undefined ? 'the log group keeps logs forever (no RetentionInDays)' : `RetentionInDays ${days}`);
  },
  mutants: [{ description: 'retention 30 days', template: (t) => setProp(t, 'AWS::Logs::LogGroup', 'RetentionInDays', 30) }],
};
