import { errorText, t, type FailureKind } from '@/utils/i18n';

/** Why the latest update failed, in plain words; `testId` lets each page name its banner. */
export function ErrorBanner(props: { kind: FailureKind; testId?: string; title?: string }) {
  return (
    <div class="banner error" role="alert" data-testid={props.testId ?? 'sync-error'}>
      <strong>{props.title ?? t('syncFailed')}</strong> {errorText(props.kind)}
    </div>
  );
}
