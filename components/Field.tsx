import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import type { SaveStatus } from '@/utils/hooks/useSaveStatus';

/**
 * The ids a field's control should name in `aria-describedby`: the organisation's note first, so
 * a screen reader says why a disabled control cannot be changed.
 */
export const describedBy = (id: string) => `${id}-managed ${id}-hint ${id}-error`;

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  status?: SaveStatus;
  /** A checkbox sits before its label. */
  inline?: boolean;
  /** Set by the organisation's policy: shown read-only with a note saying so. */
  managed?: boolean;
  children: ComponentChildren;
}

/** A labelled control with its hint, its validation message and a "Saved" acknowledgement. */
export function Field(props: Props) {
  const { id } = props;
  const label = <label for={id}>{props.label}</label>;
  return (
    <div class={props.inline ? 'field inline' : 'field'}>
      {props.inline ? (
        <div class="field-row">
          {props.children}
          {label}
        </div>
      ) : (
        <>
          {label}
          {props.children}
        </>
      )}
      {props.managed && (
        <p id={`${id}-managed`} class="hint managed" data-testid={`${id}-managed`}>
          {t('setByOrganisation')}
        </p>
      )}
      {props.hint && (
        <p id={`${id}-hint`} class="hint muted">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="field-error" role="alert" data-testid={`${id}-error`}>
          {props.error}
        </p>
      )}
      <span class="save-note" role="status" data-testid={`${id}-saved`}>
        {props.status === 'saved' ? t('saved') : props.status === 'failed' ? t('saveFailed') : ''}
      </span>
    </div>
  );
}
