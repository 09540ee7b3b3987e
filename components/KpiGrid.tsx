import { formatHourMin, formatMinSec, formatNumber, formatPercent } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Kpis } from '@/utils/model';

/** The period's figures besides points: hits, calls, AHT, ACW, occupancy and login time. */
export function KpiGrid(props: { kpis: Kpis; locale: string }) {
  const { kpis, locale } = props;
  const items: [id: string, label: string, value: string, hint?: string][] = [
    ['hits', t('kpiHits'), formatNumber(kpis.hits, locale)],
    ['calls', t('kpiCalls'), formatNumber(kpis.calls, locale)],
    ['aht', t('kpiAht'), formatMinSec(kpis.ahtSec), t('kpiAhtHint')],
    ['acw', t('kpiAcw'), formatMinSec(kpis.acwSec), t('kpiAcwHint')],
    ['occupancy', t('kpiOccupancy'), formatPercent(kpis.occupancy, locale)],
    ['login', t('kpiLogin'), formatHourMin(kpis.loginSec), t('kpiLoginHint')],
  ];
  return (
    <section aria-label={t('kpiTitle')}>
      <dl class="kpis">
        {items.map(([id, label, value, hint]) => (
          <div class="kpi" key={id} title={hint}>
            <dt>{label}</dt>
            <dd data-testid={`kpi-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
