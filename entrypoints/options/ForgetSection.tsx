import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/utils/i18n';
import { request } from '@/utils/messages';

type Step = 'idle' | 'confirm' | 'working' | 'done' | 'failed';

/** "Forget everything", behind a confirmation step. */
export function ForgetSection() {
  const [step, setStep] = useState<Step>('idle');
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the confirmation they just asked for.
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);
  const forget = async () => {
    setStep('working');
    try {
      await request('forgetEverything', {});
      setStep('done');
    } catch {
      setStep('failed');
    }
  };
  return (
    <section class="card danger-zone" aria-labelledby="forget-title">
      <h2 id="forget-title">{t('forgetTitle')}</h2>
      <p class="muted">{t('forgetBody')}</p>
      {step === 'confirm' || step === 'working' ? (
        <div class="confirm" role="group" aria-labelledby="forget-question">
          <p id="forget-question">
            <strong>{t('forgetQuestion')}</strong>
          </p>
          <button
            type="button"
            class="btn danger"
            data-testid="forget-confirm"
            aria-busy={step === 'working'}
            onClick={() => step === 'confirm' && void forget()}
            ref={confirmRef}
          >
            {t('forgetConfirm')}
          </button>
          <button type="button" class="btn" onClick={() => setStep('idle')}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="btn danger"
          data-testid="forget"
          onClick={() => setStep('confirm')}
        >
          {t('forgetButton')}
        </button>
      )}
      <p role="status">
        {step === 'done' && t('forgotten')}
        {step === 'failed' && errorText('unexpected')}
      </p>
    </section>
  );
}
