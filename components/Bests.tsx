import type { JSX } from 'preact';
import { formatDay, formatNumber } from '@/utils/format';
import type { Bests as BestsData } from '@/utils/history';
import { byCount, t } from '@/utils/i18n';
import { isoDate } from '@/utils/csv';

/** A day as a `<time>`: short local text, ISO date for machines and assistive tech. */
function Day(props: { date: string; locale: string }) {
  return <time dateTime={isoDate(props.date)}>{formatDay(props.date, props.locale)}</time>;
}

/** Personal bests and streaks in two short lines, and the way to the full history. */
export function Bests(props: {
  bests: BestsData;
  locale: string;
  /** Where the full history is; no link without it. */
  historyHref?: string;
  onHistory?: (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => void;
}) {
  const { bests, locale } = props;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <section class="bests" data-testid="bests" aria-labelledby="bests-title">
      <h2 id="bests-title" class="section-title">
        {t('bestsTitle')}
      </h2>
      <dl class="bests-grid">
        <div>
          <dt>{t('bestDayLabel')}</dt>
          <dd data-testid="best-day">
            {bests.bestDay ? (
              <>
                <data value={bests.bestDay.points}>
                  {t(
                    byCount(bests.bestDay.points, 'pointsValueOne', 'pointsValue'),
                    n(bests.bestDay.points),
                  )}
                </data>{' '}
                · <Day date={bests.bestDay.date} locale={locale} />
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('bestRankMonthLabel')}</dt>
          <dd data-testid="best-rank-month">
            {bests.bestRankMonth ? (
              <>
                <data value={bests.bestRankMonth.rank}>#{bests.bestRankMonth.rank}</data> ·{' '}
                <Day date={bests.bestRankMonth.date} locale={locale} />
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('streakActivityLabel')}</dt>
          <dd data-testid="streak-activity">{n(bests.activityStreak)}</dd>
        </div>
        <div>
          <dt>{t('streakTop10Label')}</dt>
          <dd data-testid="streak-top10">{n(bests.top10Streak)}</dd>
        </div>
      </dl>
      {props.historyHref && (
        <a
          class="history-link"
          href={props.historyHref}
          target="_blank"
          data-testid="open-history"
          onClick={props.onHistory}
        >
          {t('historyLink')}
        </a>
      )}
    </section>
  );
}
