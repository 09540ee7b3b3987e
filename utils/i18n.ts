/** Text and locale for extension pages: every user-facing string comes from `_locales`. */
import { browser } from 'wxt/browser';
import type { SyncReply } from './messages';
import type { PeriodKind } from './model';
import { ERROR_MESSAGE_KEYS, type WolkvoxErrorKind } from './wolkvox/errors';

/** The catalogue message `key`, with `$1`… filled from `subs`; the key itself if it is missing. */
export function t(key: string, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/**
 * The UI language for numbers and dates: the browser's (`es-419`, `en-GB`…) when Podio's text is in
 * that language, else the language of the catalogue in use, so figures and words always agree.
 */
export function uiLocale(): string {
  const lang = browser.i18n.getUILanguage();
  const text = t('locale');
  return lang.split('-')[0]!.toLowerCase() === text ? lang : text;
}

/**
 * The key for `count` of something: `one` for exactly 1 ("1 point to pass #4"), else `other`.
 * Spanish, English and Brazilian Portuguese put every other whole number in the plural (CLDR lets
 * Brazilian Portuguese say "0 ponto" too; "0 pontos" is as correct and more usual).
 */
export const byCount = (count: number, one: string, other: string): string =>
  count === 1 ? one : other;

/** The catalogue key naming each period ("Hoy", "Esta semana", "Este mes"). */
export const PERIOD_LABEL_KEYS: Record<PeriodKind, string> = {
  today: 'periodToday',
  week: 'periodWeek',
  month: 'periodMonth',
};

/** Every failure a page may be told about. */
export type FailureKind = Extract<SyncReply, { ok: false }>['error'] | 'unexpected';

const PAGE_ERROR_KEYS: Record<Exclude<FailureKind, WolkvoxErrorKind>, string> = {
  'not-configured': 'errNotConfigured',
  'invalid-input': 'errInvalidInput',
  unexpected: 'errUnexpected',
};

/** The plain-words explanation of a failure. */
export function errorText(kind: FailureKind): string {
  const key =
    (ERROR_MESSAGE_KEYS as Record<string, string>)[kind] ??
    PAGE_ERROR_KEYS[kind as keyof typeof PAGE_ERROR_KEYS] ??
    'errUnexpected';
  return t(key);
}
