import { removeAll } from '../mutate.js';
import { metricsOnDashboards } from '../dashboard.js';
import { fail, pass, type Rule } from '../types.js';

const METRICS = ['TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount', 'HTTPCode_Target_5XX_Count'];

export const rule: Rule = {
  id: 'R9.4', title: 'ALB metrics TargetResponseTime, HealthyHostCount, UnHealthyHostCount, HTTPCode_Target_5XX_Count are shown', source: 'template',
  check: (s) => {
    const { missing } = metricsOnDashboards(s.template, METRICS);
    return missing.length === 0 ? pass(`dashboard shows ${METRICS.join(', ')}`) : fail(`no dashboard shows ${missing.join(', ')}`);
  },
  mutants: [{ description: 'dashboard removed', template: (t) => removeAll(t, 'AWS::CloudWatch::Dashboard') }],
};
