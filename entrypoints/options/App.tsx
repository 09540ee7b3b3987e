import { listAgents } from '@/utils/db';
import { t, uiLocale } from '@/utils/i18n';
import type { Agent } from '@/utils/model';
import {
  managedItem,
  scheduleItem,
  settingsItem,
  syncStateItem,
  viewsStampItem,
} from '@/utils/settings';
import { ManagedContext } from '@/utils/hooks/useManaged';
import { useNow } from '@/utils/hooks/useNow';
import { useReloading } from '@/utils/hooks/useReloading';
import { useStorageItem } from '@/utils/hooks/useStorageItem';
import { AgentPicker } from './AgentPicker';
import { ConnectionForm } from './ConnectionForm';
import { ForgetSection } from './ForgetSection';
import { Preferences } from './Preferences';
import { SyncStatus } from './SyncStatus';

const locale = uiLocale();
const NO_AGENTS: Agent[] = [];

/** The options page: onboarding first, then preferences, sync status and "forget everything". */
export function App() {
  const settings = useStorageItem(settingsItem);
  const syncState = useStorageItem(syncStateItem);
  const schedule = useStorageItem(scheduleItem);
  const managed = useStorageItem(managedItem) ?? [];
  // The operation's agents are learned by each sync: reread them when new figures land.
  const agents = useReloading(listAgents, viewsStampItem, NO_AGENTS);
  const now = useNow();
  if (!settings || !syncState) return <main class="options" aria-busy="true" />;

  return (
    <ManagedContext.Provider value={managed}>
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        <ConnectionForm settings={settings} syncError={syncState.lastError?.kind ?? null} />
        <AgentPicker agents={agents ?? NO_AGENTS} agentId={settings.agentId} locale={locale} />
        <Preferences settings={settings} locale={locale} now={now} />
        <SyncStatus
          settings={settings}
          syncState={syncState}
          schedule={schedule}
          locale={locale}
          now={now}
        />
        <ForgetSection />
      </main>
    </ManagedContext.Provider>
  );
}
