import type { CostScenario } from '../types.js';
import { escapeXml } from './escape.js';

/**
 * A horizontal bar chart of one cost scenario's line items as inline SVG, so the HTML page needs no
 * script and no network. Bars are scaled to the largest line; amounts are printed next to them.
 */
export function costChartSvg(scenario: CostScenario): string {
  const lines = [...scenario.lines].filter((l) => l.amount > 0).sort((a, b) => b.amount - a.amount);
  const rowHeight = 22;
  const labelWidth = 260;
  const barMax = 360;
  const width = labelWidth + barMax + 90;
  const height = rowHeight * (lines.length + 1) + 10;
  const max = Math.max(...lines.map((l) => l.amount), 0.01);
  const bars = lines.map((l, i) => {
    const y = 8 + i * rowHeight;
    const w = Math.max(1, Math.round((l.amount / max) * barMax));
    return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeXml(truncate(l.label, 40))}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${rowHeight - 6}" fill="#4e79a7"><title>${escapeXml(`${l.label}: $${l.amount.toFixed(2)}${l.detail ? ` (${l.detail})` : ''}`)}</title></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 14}">$${l.amount.toFixed(2)}</text>`;
  });
  const totalY = 8 + lines.length * rowHeight + 14;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">` +
    `<title>${escapeXml(`${scenario.name}: $${scenario.total.toFixed(2)} per month`)}</title>${bars.join('')}` +
    `<text x="${labelWidth - 8}" y="${totalY}" text-anchor="end" font-weight="bold">total</text>` +
    `<text x="${labelWidth}" y="${totalY}" font-weight="bold">$${scenario.total.toFixed(2)} per month</text></svg>`;
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
