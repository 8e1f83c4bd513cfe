/**
 * Horizontal bar charts as SVG, drawn on the server (no script, no library): each bar's label on
 * its own line above the bar (readable when the chart shrinks to a phone's width), the value at
 * the bar's end, dashed lines at the thresholds. Accessible as one image: `role="img"`, a
 * `<title>` and a `<desc>` that reads every value; the table under each chart has the same figures.
 */
import { markup, type Html } from '../pages/html.ts';

export type Tone = 'excellent' | 'good' | 'fair' | 'poor' | 'neutral' | 'muted';

export interface Bar {
  readonly label: string;
  /** Null: nothing to draw (no one to count); the value text says why. */
  readonly value: number | null;
  /** What is written at the bar's end, e.g. «68,1 % — неудовлетворительно». */
  readonly text: string;
  readonly tone: Tone;
}

export interface BarChart {
  /** Unique on the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  /** One sentence on what is shown; the values are appended for screen readers. */
  readonly summary: string;
  readonly bars: readonly Bar[];
  /** The value a full-width bar stands for (100 for percentages). */
  readonly max: number;
  readonly marks?: readonly { readonly value: number; readonly label: string }[];
}

const WIDTH = 520;
const ROW = 40;
const TOP = 32;
const BAR_H = 14;
const VALUE_SPACE = 190;
const FILL: Record<Tone, string> = {
  excellent: '#0a7a3d',
  good: '#3f9c5a',
  fair: '#c77c02',
  poor: '#c21a1a',
  neutral: '#0d4cd3',
  muted: '#9aa6b2',
};

/** Labels longer than a line are cut (the table under the chart has them whole). */
function short(label: string, max = 56): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function barChart(chart: BarChart): Html {
  const area = WIDTH - VALUE_SPACE;
  const x = (v: number) => Math.round((Math.max(0, Math.min(v, chart.max)) / (chart.max || 1)) * area * 10) / 10;
  const height = TOP + chart.bars.length * ROW + 6;
  const described = `${chart.summary} ${chart.bars.map((b) => `${b.label}: ${b.text}`).join('; ')}.`;
  // Labels of neighbouring thresholds alternate between two lines, so 90 and 95 do not overlap.
  const marks = (chart.marks ?? []).map(
    (m, i) =>
      markup`<line x1="${x(m.value)}" x2="${x(m.value)}" y1="${i % 2 ? 26 : 14}" y2="${height - 4}" stroke="#66727f" stroke-dasharray="3 3"/><text x="${x(m.value)}" y="${i % 2 ? 23 : 11}" font-size="11" text-anchor="middle" fill="#3b4856">${m.label}</text>`,
  );
  const rows = chart.bars.map((b, i) => {
    const y = TOP + i * ROW;
    const w = b.value === null ? 0 : x(b.value);
    return markup`<g data-bar="${b.label}"><text x="0" y="${y + 11}" font-size="13" fill="#0b1f33">${short(b.label)}</text><rect x="0" y="${y + 16}" width="${area}" height="${BAR_H}" fill="#eef2f7"/><rect x="0" y="${y + 16}" width="${w}" height="${BAR_H}" fill="${FILL[b.tone]}"/><text x="${w + 6}" y="${y + 27}" font-size="12" fill="#0b1f33">${b.text}</text></g>`;
  });
  return markup`<svg class="chart" id="${chart.id}" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="${chart.id}-t">${chart.title}</title><desc id="${chart.id}-d">${described}</desc>${rows}${marks}</svg>`;
}
