/** The real message catalogues, read as chrome.i18n.getMessage reads them (fakeBrowser has none). */
import { readFileSync } from 'node:fs';

type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** public/_locales/<lang>/messages.json. */
export const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Catalogue;

/** chrome.i18n.getMessage over one catalogue: placeholders filled, '' for a missing key. */
export const messages = (c: Catalogue) => (key: string, subs?: string | string[]) => {
  const entry = c[key];
  if (!entry) return '';
  const args = typeof subs === 'string' ? [subs] : (subs ?? []);
  return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return args[Number(content.slice(1)) - 1] ?? '';
  });
};
