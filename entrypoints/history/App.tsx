import { Bests } from '@/components/Bests';
import { HistoryChart } from '@/components/HistoryChart';
import { csvFileName, historyCsv } from '@/utils/csv';
import { getViews } from '@/utils/db';
import type { HistoryDay } from '@/utils/history';
import { t, uiLocale } from '@/utils/i18n';
import { addDays } from '@/utils/periods';
import { settingsItem, viewsStampItem } from '@/utils/settings';
import { useReloading } from '@/utils/hooks/useReloading';
import { useStorageItem } from '@/utils/hooks/useStorageItem';
import { HistoryTable } from './Table';

const locale = uiLocale();
/** Days shown and exported, today included. */
const SPAN = 90;

/** Save `text` as a file through a temporary link: no downloads permission needed. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download asynchronously: free the blob once it has had time to.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The agent's last 90 days: bests, a bar chart, the day-by-day table and a CSV export. */
export function App() {
  const settings = useStorageItem(settingsItem);
  const views = useReloading(getViews, viewsStampItem, null);
  if (!settings || views === undefined) return <main class="history" aria-busy="true" />;

  const mine = views && views.agentId === settings.agentId ? views : null;
  const all = mine?.history ?? [];
  const last = all.at(-1)?.date;
  const days: HistoryDay[] = last ? all.filter((d) => d.date > addDays(last, -SPAN)) : [];
  return (
    <main class="history">
      <h1>{t('historyTitle')}</h1>
      {mine && <p class="muted">{mine.name}</p>}
      {days.length === 0 || !mine ? (
        <p class="muted" data-testid="history-empty">
          {t('historyEmpty')}
        </p>
      ) : (
        <>
          {mine.bests && <Bests bests={mine.bests} locale={locale} />}
          <HistoryChart days={days} locale={locale} />
          <div class="export">
            <button
              type="button"
              class="btn"
              data-testid="export-csv"
              aria-describedby="export-hint"
              onClick={() => download(historyCsv(days), csvFileName(mine.agentId, days))}
            >
              {t('exportCsv')}
            </button>
            <span id="export-hint" class="muted hint">
              {t('exportCsvHint')}
            </span>
          </div>
          <HistoryTable days={days} locale={locale} />
        </>
      )}
    </main>
  );
}
