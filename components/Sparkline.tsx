import { formatNumber } from '@/utils/format';
import { t } from '@/utils/i18n';

const W = 300;
const H = 44;
const PAD = 4;

/** SVG path data for daily points: one run of lines per stretch of known days, gaps where null. */
export function sparklinePath(points: readonly (number | null)[], w = W, h = H): string {
  const known = points.filter((p): p is number => p !== null);
  const max = Math.max(1, ...known);
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (h - PAD - (p / max) * (h - 2 * PAD)).toFixed(1);
    // A lone known day still shows, as a dot-length stroke.
    const lone = !pen && (points[i + 1] ?? null) === null;
    d += `${pen ? 'L' : 'M'}${x} ${y}${lone ? 'h0.1' : ''}`;
    pen = true;
  });
  return d;
}

/** Thirty days of daily points as a small line chart, described in words for screen readers. */
export function Sparkline(props: { days: { points: number | null }[]; locale: string }) {
  const points = props.days.map((d) => d.points);
  const known = points.filter((p): p is number => p !== null);
  if (known.length === 0) return <p class="muted sparkline-empty">{t('sparklineEmpty')}</p>;
  const n = (x: number) => formatNumber(x, props.locale);
  const label = t('sparklineLabel', n(Math.min(...known)), n(Math.max(...known)), n(known.at(-1)!));
  return (
    <figure class="sparkline">
      <figcaption class="muted">{t('sparklineTitle')}</figcaption>
      <svg
        role="img"
        aria-label={label}
        data-testid="sparkline"
        viewBox={`-2 0 ${W + 4} ${H}`}
        preserveAspectRatio="none"
      >
        <title>{label}</title>
        <path
          d={sparklinePath(points)}
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
          vector-effect="non-scaling-stroke"
        />
      </svg>
    </figure>
  );
}
