import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBanner } from '@/components/ErrorBanner';
import { describedBy, Field } from '@/components/Field';
import { byCount, errorText, t, type FailureKind } from '@/utils/i18n';
import { request } from '@/utils/messages';
import type { Settings } from '@/utils/settings';
import { cleanPaste, isTokenText, parseServer } from '@/utils/wolkvox/server';
import { useManaged } from '@/utils/hooks/useManaged';

type Phase =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'connected'; agentCount: number }
  | { kind: 'failed'; error: FailureKind; kept?: boolean };

/** Failures that are about the token itself: said beside the token field. */
const TOKEN_FAILURES: readonly FailureKind[] = ['bad-token', 'missing-token'];

interface Props {
  settings: Settings;
  /** The latest sync's failure: shown under the form while it lasts. */
  syncError: FailureKind | null;
}

/** Server and token, then "Save and test": the background stores them only through this request. */
export function ConnectionForm(props: Props) {
  const { settings } = props;
  const [server, setServer] = useState(settings.server ?? '');
  const [token, setToken] = useState('');
  const [showToken, setShowToken] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const serverManaged = useManaged('server');
  const tokenManaged = useManaged('token');

  // A reply to a test that began before "Forget everything" belongs to what was forgotten.
  const generation = useRef(0);
  // "Forget everything" empties the saved server: the form starts over.
  useEffect(() => {
    if (settings.server !== null) return;
    generation.current++;
    setServer('');
    setToken('');
    setServerError(null);
    setTokenError(null);
    setPhase({ kind: 'idle' });
  }, [settings.server]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (phase.kind === 'testing') return;
    const typed = cleanPaste(token);
    const badServer = !serverManaged && !parseServer(server).ok;
    const badToken = !tokenManaged && typed !== '' && !isTokenText(typed);
    const noToken = !tokenManaged && typed === '' && !settings.hasToken;
    setServerError(badServer ? t('serverInvalid') : null);
    setTokenError(badToken ? t('tokenInvalid') : noToken ? t('tokenRequired') : null);
    if (badServer || badToken || noToken) {
      document.getElementById(badServer ? 'server' : 'token')?.focus();
      return;
    }
    setPhase({ kind: 'testing' });
    const asked = generation.current;
    try {
      // An empty field keeps the saved token: it is never sent back to a page to prefill.
      const body = typed === '' ? { server } : { server, token: typed };
      const reply = await request('saveConnection', body);
      if (asked !== generation.current) return;
      // Everything was forgotten while the test ran (on a first set-up the server field never
      // changed, so only the reply says so): the form starts over.
      if (!reply.ok && reply.forgotten) {
        setToken('');
        setPhase({ kind: 'idle' });
        return;
      }
      if (reply.ok) {
        setToken('');
        setPhase({ kind: 'connected', agentCount: reply.agentCount });
      } else if (reply.error === 'invalid-input' && reply.field === 'server') {
        setServerError(t('serverInvalid'));
        setPhase({ kind: 'idle' });
        document.getElementById('server')?.focus();
      } else if (reply.error === 'invalid-input' && reply.field === 'token') {
        setTokenError(t(typed === '' ? 'tokenRequired' : 'tokenInvalid'));
        setPhase({ kind: 'idle' });
        document.getElementById('token')?.focus();
      } else {
        // A rejected token is said beside its field, where the agent pastes the next one.
        if (TOKEN_FAILURES.includes(reply.error)) {
          setTokenError(errorText(reply.error));
          document.getElementById('token')?.focus();
        }
        setPhase({ kind: 'failed', error: reply.error, kept: reply.kept === true });
      }
    } catch {
      if (asked === generation.current) setPhase({ kind: 'failed', error: 'unexpected' });
    }
  };

  const testing = phase.kind === 'testing';
  return (
    <form class="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={testing}>
      <h2>{t('connectionTitle')}</h2>
      <Field
        id="server"
        label={t('serverLabel')}
        hint={t('serverHint')}
        error={serverError}
        managed={serverManaged}
      >
        <input
          id="server"
          data-testid="server-input"
          disabled={serverManaged}
          value={serverManaged ? (settings.server ?? '') : server}
          onInput={(e) => setServer(e.currentTarget.value)}
          autocomplete="off"
          spellcheck={false}
          inputMode="url"
          placeholder="0032"
          aria-invalid={serverError !== null}
          aria-describedby={describedBy('server')}
        />
      </Field>
      <Field
        id="token"
        label={t('tokenLabel')}
        hint={t('tokenHint')}
        error={tokenError}
        managed={tokenManaged}
      >
        <div class="token-row">
          <input
            id="token"
            disabled={tokenManaged}
            data-testid="token-input"
            type={showToken ? 'text' : 'password'}
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            autocomplete="off"
            spellcheck={false}
            placeholder={settings.hasToken ? t('tokenSaved') : ''}
            aria-invalid={tokenError !== null}
            aria-describedby={describedBy('token')}
          />
          <button
            type="button"
            class="btn"
            data-testid="token-toggle"
            aria-pressed={showToken}
            aria-label={t('tokenShowLabel')}
            onClick={() => setShowToken(!showToken)}
          >
            {showToken ? t('tokenHide') : t('tokenShow')}
          </button>
        </div>
      </Field>
      <div class="form-actions">
        <button
          type="submit"
          class="btn primary"
          data-testid="save-settings"
          aria-disabled={testing}
        >
          {testing && <span class="spinner" aria-hidden="true" />}
          {testing ? t('testing') : t('saveAndTest')}
        </button>
        <span role="status" data-testid="connection-status">
          {phase.kind === 'connected' && (
            <span class="ok">
              {t(byCount(phase.agentCount, 'connectedOne', 'connected'), phase.agentCount)}
            </span>
          )}
        </span>
      </div>
      {props.syncError && !(tokenError && TOKEN_FAILURES.includes(props.syncError)) && (
        <ErrorBanner kind={props.syncError} />
      )}
      {/* A failure the sync state does not report (bad input, the background unreachable, or
          a test of new settings that failed while the working ones were kept). */}
      {phase.kind === 'failed' && phase.error !== props.syncError && !tokenError && (
        <p class="banner error" role="alert" data-testid="connection-error">
          {errorText(phase.error)}
          {phase.kept && ` ${t('settingsKept')}`}
        </p>
      )}
      {phase.kind === 'failed' && phase.kept && tokenError && (
        <p class="muted" role="status" data-testid="settings-kept">
          {t('settingsKept')}
        </p>
      )}
    </form>
  );
}
