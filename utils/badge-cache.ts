/**
 * The console badge's figures, kept ready in storage.local by the background. The badge reads them
 * with one storage call and follows them with storage.onChanged: no message, so no wait for a
 * service worker to wake up. What is kept is what the badge shows, nothing more (never the token).
 */
import { browser } from 'wxt/browser';
import { badgeFace } from './badge-face';
import { getViews } from './db';
import { uiLocale } from './i18n';
import type { BadgeReply } from './messages';
import { dayKeyOf, nextMidnight } from './periods';
import {
  badgeFaceItem,
  effectiveTimeZone,
  periodItem,
  settingsItem,
  viewsStampItem,
} from './settings';

/** Figures older than this many intervals are flagged as stale. */
const STALE_INTERVALS = 3;

/** The badge's face of the agent's standing in the chosen period: all the console is told. */
export async function readBadge(now = Date.now()): Promise<BadgeReply> {
  const [settings, period, views] = await Promise.all([
    settingsItem.getValue(),
    periodItem.getValue(),
    getViews(),
  ]);
  const computedAt = views?.computedAt ?? null;
  const staleAt =
    computedAt === null ? null : computedAt + STALE_INTERVALS * settings.intervalMin * 60_000;
  const view = views?.[period] ?? null;
  // Views built under another privacy setting are being rebuilt: until then, no colleague's row.
  const shown =
    view && views!.privacy !== settings.privacy
      ? { ...view, top: [], neighbours: view.neighbours.filter((r) => r.isMe) }
      : view;
  const zone = effectiveTimeZone(settings);
  const face =
    settings.badgeEnabled && shown && staleAt !== null
      ? badgeFace(shown, {
          period,
          locale: uiLocale(),
          staleAt,
          day: dayKeyOf(now, zone),
          dayEnds: nextMidnight(now, zone),
          timeZone: settings.timeZone,
        })
      : null;
  // Only the face: the view may hold colleagues the privacy setting now hides (see `shown`), and
  // the face carries its own staleness (`staleAt`).
  return { face };
}

let writing: Promise<void> = Promise.resolve();

/**
 * Read the badge from the stored views and settings, then store its face. Rewrites run one after
 * another (each reads after the previous one wrote), so the last one, started after the last
 * change, is the one that stays.
 */
function rewrite(): { read: Promise<BadgeReply>; written: Promise<void> } {
  const read = writing.then(() => readBadge());
  const written = read.then(({ face }) =>
    badgeFaceItem.setValue({ lang: browser.i18n.getUILanguage(), face }),
  );
  writing = written.catch(() => undefined);
  return { read, written };
}

/** Rewrite the stored face; resolves once it is stored. */
export function refreshBadgeCache(): Promise<void> {
  return rewrite().written;
}

/**
 * The badge's answer to a content script that found no stored face in its language: the one read
 * serves both the reply and the face stored for the next visit, and the reply need not wait for
 * that write.
 */
export function answerBadge(): Promise<BadgeReply> {
  const { read, written } = rewrite();
  written.catch(() => undefined);
  return read;
}

/**
 * Keep the stored face in step with new figures, the chosen period and the settings; and rewrite it
 * when the browser starts (its language may have changed) or Podio is installed or updated. Call
 * synchronously from the background's main.
 */
export function registerBadgeCache(): void {
  const refresh = () => void refreshBadgeCache().catch(() => undefined);
  viewsStampItem.watch(refresh);
  periodItem.watch(refresh);
  settingsItem.watch(refresh);
  browser.runtime.onStartup.addListener(refresh);
  browser.runtime.onInstalled.addListener(refresh);
}
