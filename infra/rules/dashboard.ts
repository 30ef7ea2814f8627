import type { TemplateView } from '../template/index.js';

/** Metric names that appear on the template's CloudWatch dashboards (their bodies as text). */
export function metricsOnDashboards(t: TemplateView, names: readonly string[]): { shown: string[]; missing: string[] } {
  const text = t.ofType('AWS::CloudWatch::Dashboard').map((d) => JSON.stringify(d.props.DashboardBody ?? '')).join('\n');
  const shown = names.filter((n) => text.includes(`\\"${n}\\"`) || text.includes(`"${n}"`));
  return { shown, missing: names.filter((n) => !shown.includes(n)) };
}
