import { formatDay, formatNumber } from '@/utils/format';
import type { HistoryDay } from '@/utils/history';
import { byCount, t } from '@/utils/i18n';
import { daysBetween } from '@/utils/periods';

const W = 720;
const H = 120;
const GAP = 1;

/** Daily points as bars, one slot per calendar day so unfetched days show as gaps. */
export function HistoryChart(props: { days: readonly HistoryDay[]; locale: string }) {
  const { days, locale } = props;
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  const slots = daysBetween(first.date, last.date) + 1;
  const slot = W / slots;
  const max = Math.max(1, ...days.map((d) => d.points));
  const best = days.reduce((a, d) => (d.points > a.points ? d : a), first);
  const n = (x: number) => formatNumber(x, locale);
  const from = formatDay(first.date, locale, true);
  const to = formatDay(last.date, locale, true);
  // Without a point there is no best day: the first of many zeros would read as one.
  const label =
    best.points > 0
      ? t(
          byCount(best.points, 'historyChartLabelOne', 'historyChartLabel'),
          from,
          to,
          n(best.points),
          formatDay(best.date, locale),
        )
      : t('historyChartLabelNone', from, to);
  return (
    <figure class="chart">
      <figcaption class="section-title">{t('historyChartTitle')}</figcaption>
      <svg
        role="img"
        aria-label={label}
        data-testid="history-chart"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
      >
        <title>{label}</title>
        {days.map((d) => {
          const h = (d.points / max) * (H - 2);
          return (
            <rect
              key={d.date}
              x={daysBetween(first.date, d.date) * slot + GAP / 2}
              y={H - h}
              width={Math.max(0.5, slot - GAP)}
              height={h}
              fill="currentColor"
            >
              <title>{`${formatDay(d.date, locale)}: ${n(d.points)}`}</title>
            </rect>
          );
        })}
        <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} stroke="currentColor" opacity="0.4" />
      </svg>
      <div class="chart-axis muted" aria-hidden="true">
        <span>{formatDay(first.date, locale)}</span>
        <span>{formatDay(last.date, locale)}</span>
      </div>
    </figure>
  );
}
