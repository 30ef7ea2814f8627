import { isUnknown } from '../../template/index.js';
import { setProp } from '../mutate.js';
import { awslogsGroup } from '../logs.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/** The retention of the log group the container writes to (not of any other group of the template). */
export const rule: Rule = {
  id: 'R9.2', title: 'Logs are kept 7 days', source: 'template',
  check: (s) => {
    const g = awslogsGroup(s);
    if (g.kind === 'none') return fail(`the container's logs go to no CloudWatch Logs group (${g.why})`, s.config().task.id);
    if (!g.group) {
      if (g.kind === 'named' && g.createGroup) return fail(`the awslogs driver creates ${g.name} itself (awslogs-create-group), which keeps logs forever`, s.config().task.id);
      return unknown(`log group ${g.kind === 'named' ? g.name : '?'} is not defined in this template: its retention is set elsewhere`);
    }
    const days = s.template.get(g.group, 'RetentionInDays');
    if (isUnknown(days)) return unknown(`${g.group.id} RetentionInDays is not known: ${days.why}`, g.group.id);
    if (days === undefined) return fail(`log group ${g.group.id} keeps logs forever (no RetentionInDays)`, g.group.id);
    return Number(days) === 7 ? pass(`${g.group.id} RetentionInDays 7`) : fail(`${g.group.id} RetentionInDays ${days}`, g.group.id);
  },
  mutants: [{ description: 'retention 30 days', template: (t) => setProp(t, 'AWS::Logs::LogGroup', 'RetentionInDays', 30) }],
};
