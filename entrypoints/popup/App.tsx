import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StatusLine } from '@/components/StatusLine';
import { getViews } from '@/utils/db';
import type { DayKey, DayWindow } from '@/utils/model';
import { isStale } from '@/utils/format';
import { uiLocale, type FailureKind } from '@/utils/i18n';
import { request } from '@/utils/messages';
import { dayKeyOf } from '@/utils/periods';
import {
  effectiveTimeZone,
  periodItem,
  settingsItem,
  syncStateItem,
  viewsStampItem,
} from '@/utils/settings';
import { useNow } from '@/utils/hooks/useNow';
import { useWhatChanged } from '@/utils/hooks/useWhatChanged';
import { useReloading } from '@/utils/hooks/useReloading';
import { useStorageItem } from '@/utils/hooks/useStorageItem';
import { Body } from './Body';

const locale = uiLocale();

function openSettings() {
  void browser.runtime.openOptionsPage().then(() => window.close());
}

const HISTORY_URL = browser.runtime.getURL('/history.html');

// A popup's links would open behind it: open the tab and close the popup, as settings does.
function openHistory(e: Event) {
  e.preventDefault();
  void browser.tabs.create({ url: HISTORY_URL }).then(() => window.close());
}

/** How many of a period's days the latest sync still lacks. */
function missingIn(window: DayWindow, missing: readonly DayKey[] = []): number {
  return missing.filter((day) => day >= window.from && day <= window.to).length;
}

/** The toolbar popup: reads the stored figures at once and redraws when a sync lands. */
export function App() {
  const settings = useStorageItem(settingsItem);
  const syncState = useStorageItem(syncStateItem);
  const period = useStorageItem(periodItem);
  const views = useReloading(getViews, viewsStampItem, null);
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [refreshError, setRefreshError] = useState<FailureKind | null>(null);
  const mine = views && settings && views.agentId === settings.agentId ? views : null;
  const whatChanged = useWhatChanged(period ? mine : null, period ?? 'today');

  // Until the first reads answer (a few milliseconds), draw nothing rather than a wrong state.
  if (!settings || !syncState || !period || views === undefined) {
    return <main class="popup" aria-busy="true" />;
  }

  const refresh = async () => {
    setBusy(true);
    setRefreshError(null);
    try {
      const reply = await request('syncNow', {});
      if (!reply.ok) setRefreshError(reply.error);
    } catch {
      setRefreshError('unexpected');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="popup">
      <Body
        settings={settings}
        syncError={syncState.lastError?.kind ?? null}
        refreshError={refreshError}
        stale={mine !== null && isStale(mine.computedAt, now, settings.intervalMin)}
        missingDays={mine ? missingIn(mine[period].window, syncState.pastMissing) : 0}
        today={dayKeyOf(now, effectiveTimeZone(settings))}
        views={mine}
        period={period}
        locale={locale}
        onPeriod={(p) => void periodItem.setValue(p)}
        onSettings={openSettings}
        changes={whatChanged.changes}
        now={now}
        onDismissChanges={whatChanged.dismiss}
        historyHref={HISTORY_URL}
        onHistory={openHistory}
      />
      {/* Nothing to refresh before a server and token are saved: the body offers settings instead. */}
      {settings.server !== null && settings.hasToken && (
        <StatusLine
          // Without the agent's figures (none chosen yet), the last sync still fetched the
          // operation's: "not updated yet" would be untrue.
          computedAt={mine?.computedAt ?? syncState.lastSuccessAt}
          now={now}
          busy={busy}
          locale={locale}
          onRefresh={() => void refresh()}
          onSettings={openSettings}
        />
      )}
    </main>
  );
}
