import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Agent } from '@/utils/model';
import { saveSettings } from '@/utils/hooks/saveSettings';
import { useSaveStatus } from '@/utils/hooks/useSaveStatus';
import { Field } from '@/components/Field';
import { useManaged } from '@/utils/hooks/useManaged';
import { displayName } from '@/utils/privacy';

/**
 * An agent's name as the picker shows it: cleaned and capped as the leaderboard shows full names
 * (names are untrusted: a right-to-left override would reorder the sentence around it).
 */
const shown = (a: Agent) => displayName(a.name, 'full', { isMe: true, rank: 0 }) ?? '';
// First-strong isolates: inside the sentence "You are … (extension …)" the name keeps its own
// direction (an Arabic or Hebrew name) without turning the words after it around.
const isolated = (text: string) => `\u2068${text}\u2069`;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Agents whose name (accents and case ignored) or extension number holds `query`, by name. */
export function filterAgents(agents: readonly Agent[], query: string, locale: string): Agent[] {
  const q = fold(query.trim());
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return (
    agents
      // The names as shown: what the agent reads is what the agent types.
      .filter((a) => q === '' || fold(shown(a)).includes(q) || a.id.includes(q))
      .sort((a, b) => collator.compare(shown(a), shown(b)) || collator.compare(a.id, b.id))
  );
}

/** "Who are you?": pick yourself from the operation's agents; the choice is saved at once. */
export function AgentPicker(props: { agents: Agent[]; agentId: string | null; locale: string }) {
  const { agents, agentId } = props;
  const [query, setQuery] = useState('');
  const [status, track] = useSaveStatus();
  const matches = filterAgents(agents, query, props.locale);
  const chosen = agents.find((a) => a.id === agentId);
  const managed = useManaged('agentId');

  return (
    <section class="card" aria-labelledby="who-title">
      <h2 id="who-title">{t('whoTitle')}</h2>
      <p class="muted">{t('whoHint')}</p>
      {agentId !== null && (
        <p class="chosen" data-testid="agent-selected">
          {chosen
            ? t('agentChosen', isolated(shown(chosen)), chosen.id)
            : t('agentChosenUnknown', agentId)}
        </p>
      )}
      {managed ? (
        <p class="hint managed" data-testid="agent-search-managed">
          {t('setByOrganisation')}
        </p>
      ) : agents.length === 0 ? (
        <p class="muted" data-testid="agents-empty">
          {t('agentsNone')}
        </p>
      ) : (
        <Field id="agent-search" label={t('agentSearchLabel')} status={status}>
          <input
            id="agent-search"
            type="search"
            data-testid="agent-search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            autocomplete="off"
            aria-controls="agent-list"
          />
          <ul id="agent-list" class="agent-list" aria-label={t('agentListLabel')}>
            {matches.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  class="agent-option"
                  data-testid={`agent-option-${a.id}`}
                  aria-pressed={a.id === agentId}
                  onClick={() => track(saveSettings({ agentId: a.id }))}
                >
                  <bdi class="agent-name">{shown(a)}</bdi>
                  <span class="muted">{t('extension', a.id)}</span>
                </button>
              </li>
            ))}
          </ul>
          {matches.length === 0 && <p class="muted">{t('agentsNoMatch')}</p>}
        </Field>
      )}
    </section>
  );
}
