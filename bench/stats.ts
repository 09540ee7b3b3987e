/** Summaries of repeated samples, and the markdown table `npm run bench` prints. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** Median, min and max of `samples` (the median of an even count is the mean of the middle two). */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: samples.length, median, min: sorted[0]!, max: sorted.at(-1)!, samples: [...samples] };
}

/** One line of the table: a measure, what it is compared with, and its goal. */
export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** PASS, MISS, or '—' for a measure that is only reported. */
  verdict: 'PASS' | 'MISS' | '—';
}

/** "12.3 ms (10.1–15.0, n=5)". */
export function fmtMs(s: Summary, digits = 1): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.median)} ms (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}

/** Bytes as KiB or MiB. */
export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export function fmtRatio(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${x.toFixed(digits)}×` : '—';
}

export const verdict = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS');

/** The markdown table of all rows. */
export function table(rows: readonly Row[]): string {
  const head = ['measure', 'value', 'baseline', 'ratio', 'goal', 'PASS/MISS'];
  const lines = rows.map((r) => [r.measure, r.value, r.baseline, r.ratio, r.goal, r.verdict]);
  const cell = (s: string) => s.replaceAll('|', '\\|');
  return [head, head.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.map(cell).join(' | ')} |`)
    .join('\n');
}
