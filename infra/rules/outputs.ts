import type { TemplateView } from '../template/index.js';

/**
 * Whether a value (as written) carries a resource's attribute: `Fn::GetAtt [id, attr]` anywhere inside
 * it, or `${id.attr}` in an `Fn::Sub` string, so `!Sub "http://${Alb.DNSName}"` and
 * `!Join ["", ["https://", !GetAtt Alb.DNSName]]` carry the DNS name. With `attr` null: `Ref id`
 * (`${id}` in a Sub).
 */
export function carries(value: unknown, id: string, attr: string | null): boolean {
  if (typeof value === 'string') return false;
  if (Array.isArray(value)) return value.some((v) => carries(v, id, attr));
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (attr === null && v.Ref === id) return true;
  const getAtt = v['Fn::GetAtt'];
  if (attr !== null && Array.isArray(getAtt) && getAtt[0] === id && getAtt[1] === attr) return true;
  if (attr !== null && typeof getAtt === 'string' && getAtt === `${id}.${attr}`) return true;
  const sub = v['Fn::Sub'];
  const subText = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (subText !== undefined && subText.includes(attr === null ? `\${${id}}` : `\${${id}.${attr}}`)) return true;
  return Object.values(v).some((inner) => carries(inner, id, attr));
}

/** The literal text of a value as written (strings and Sub templates joined), to see what it builds. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (!value || typeof value !== 'object') return String(value ?? '');
  const v = value as Record<string, unknown>;
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  return Object.values(v).map(textOf).join('');
}

/** The template's outputs that CloudFormation would create (those whose Condition is false are left out). */
export function outputsOf(t: TemplateView): Array<[string, { Value: unknown }]> {
  return Object.entries(t.json.Outputs ?? {}).filter(([, o]) => t.exists(o));
}
