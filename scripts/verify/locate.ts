import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

/**
 * The line (1-based) of each resource's logical id in the template's text, for locating findings in
 * SARIF. JSON is YAML, so one parser serves both; unknown short-form tags (!Ref ...) only warn.
 */
export function resourceLines(text: string): Map<string, number> {
  const lines = new LineCounter();
  const out = new Map<string, number>();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) return out;
  const resources = root.items.find((p) => isScalar(p.key) && p.key.value === 'Resources');
  if (!resources || !isMap(resources.value)) return out;
  for (const pair of resources.value.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    out.set(String(pair.key.value), lines.linePos(pair.key.range[0]).line);
  }
  return out;
}
