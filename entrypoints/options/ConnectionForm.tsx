import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '@/components/ErrorBanner';
import { describedBy, Field } from '@/components/Field';
import { byCount, errorText, t, type FailureKind } from '@/utils/i18n';
import { request } from '@/utils/messages';
import type { Settings } from '@/utils/settings';
import { parseServer } from '@/utils/wolkvox/server';
import { useManaged } from '@/utils/hooks/useManaged';

type Phase =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'connected'; agentCount: number }
  | { kind: 'failed'; error: FailureKind };

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

  // "Forget everything" empties the saved server: the field follows.
  useEffect(() => {
    if (settings.server === null) setServer('');
  }, [settings.server]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (phase.kind === 'testing') return;
    const badServer = !serverManaged && !parseServer(server).ok;
    const noToken = !tokenManaged && token.trim() === '' && !settings.hasToken;
    setServerError(badServer ? t('serverInvalid') : null);
    setTokenError(noToken ? t('tokenRequired') : null);
    if (badServer || noToken) {
      document.getElementById(badServer ? 'server' : 'token')?.focus();
      return;
    }
    setPhase({ kind: 'testing' });
    try {
      // An empty field keeps the saved token: it is never sent back to a page to prefill.
      const body = token.trim() === '' ? { server } : { server, token: token.trim() };
      const reply = await request('saveConnection', body);
      if (reply.ok) {
        setToken('');
        setPhase({ kind: 'connected', agentCount: reply.agentCount });
      } else if (reply.error === 'invalid-input' && reply.field === 'server') {
        setServerError(t('serverInvalid'));
        setPhase({ kind: 'idle' });
      } else if (reply.error === 'invalid-input' && reply.field === 'token') {
        setTokenError(t('tokenRequired'));
        setPhase({ kind: 'idle' });
      } else {
        setPhase({ kind: 'failed', error: reply.error });
      }
    } catch {
      setPhase({ kind: 'failed', error: 'unexpected' });
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
      {props.syncError && <ErrorBanner kind={props.syncError} />}
      {/* A failure the sync state does not report (bad input, the background unreachable). */}
      {phase.kind === 'failed' && phase.error !== props.syncError && (
        <p class="banner error" role="alert" data-testid="connection-error">
          {errorText(phase.error)}
        </p>
      )}
    </form>
  );
}
