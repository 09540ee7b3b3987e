import { adjacentRanks, firstPlaceKey, formatNumber } from '@/utils/format';
import { byCount, t } from '@/utils/i18n';
import type { PeriodView } from '@/utils/views';
import { Movement } from './Movement';

/** "#3 of 57", the points, the movement, and how far the next places are. */
export function RankCard(props: { view: PeriodView; locale: string }) {
  const { view, locale } = props;
  const n = (x: number) => formatNumber(x, locale);
  const { above, below } = adjacentRanks(view);
  const first = firstPlaceKey(view);
  return (
    <section class="rank-card" aria-label={t('rankLabel')}>
      <div class="rank-line">
        <span class="rank-big">
          #<span data-testid="rank">{view.rank}</span>
        </span>
        <span class="rank-of">
          {t('rankOf')} <span data-testid="agent-count">{view.count}</span>
        </span>
        <Movement value={view.movement} />
      </div>
      <div class="points-line">
        <span class="points" data-testid="points">
          {n(view.kpis.points)}
        </span>{' '}
        <span class="muted">{t(byCount(view.kpis.points, 'pointsUnitOne', 'pointsUnit'))}</span>
      </div>
      <ul class="gaps">
        {view.gapToNext !== null ? (
          // Always plural: passing takes the points between us plus one, so 2 or more.
          <li data-testid="gap-to-next">{t('gapToNext', n(view.gapToNext), above)}</li>
        ) : first ? (
          <li data-testid="first-place">{t(first)}</li>
        ) : null}
        {view.leadOverNext !== null && (
          <li data-testid="lead-over-next">
            {t(
              byCount(view.leadOverNext, 'leadOverNextOne', 'leadOverNext'),
              n(view.leadOverNext),
              below,
            )}
          </li>
        )}
      </ul>
    </section>
  );
}
