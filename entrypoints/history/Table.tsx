import { isoDate } from '@/utils/csv';
import {
  formatDay,
  formatHourMin,
  formatMinSec,
  formatNumber,
  formatPercent,
} from '@/utils/format';
import type { HistoryDay } from '@/utils/history';
import { t } from '@/utils/i18n';

/** One row per stored day, newest first. */
export function HistoryTable(props: { days: readonly HistoryDay[]; locale: string }) {
  const { locale } = props;
  const n = (x: number) => formatNumber(x, locale);
  const newestFirst = [...props.days].reverse();
  const head = [
    t('historyColDate'),
    t('changePoints'),
    t('historyColRank'),
    t('kpiHits'),
    t('kpiCalls'),
    t('kpiAht'),
    t('kpiAcw'),
    t('kpiOccupancy'),
    t('kpiLogin'),
  ];
  return (
    <div class="table-wrap">
      <table class="history-table">
        <caption class="sr-only">{t('historyTableCaption')}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((d) => (
            <tr key={d.date} data-testid="history-row" data-date={d.date}>
              <th scope="row">
                <time dateTime={isoDate(d.date)}>{formatDay(d.date, locale, true)}</time>
              </th>
              <td data-testid="history-points">{n(d.points)}</td>
              <td data-testid="history-rank">
                {/* Nobody scored that day: the #1 everyone shares at 0 points is no place. */}
                {d.points > 0 || d.rank > 1 ? t('historyRankOf', d.rank, d.count) : '—'}
              </td>
              <td>{n(d.hits)}</td>
              <td>{n(d.calls)}</td>
              <td>{formatMinSec(d.ahtSec)}</td>
              <td>{formatMinSec(d.acwSec)}</td>
              <td>{formatPercent(d.occupancy, locale)}</td>
              <td>{formatHourMin(d.loginSec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
