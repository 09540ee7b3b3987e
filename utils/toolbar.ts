/** The toolbar button: the agent's rank in the chosen period, coloured by movement. */
import { browser } from 'wxt/browser';
import { getViews } from './db';
import { formatNumber } from './format';
import { byCount, uiLocale } from './i18n';
import { periodItem, viewsStampItem } from './settings';

const COLOURS = { up: '#1e7b34', down: '#b3261e', same: '#4a5568' } as const;

/** The part of the button's API Podio uses, the same in MV3's `action` and MV2's `browserAction`. */
type ButtonApi = Pick<
  typeof browser.action,
  'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'
>;

/** Chrome's MV3 build has `action`; Firefox's MV2 build has only `browserAction`. */
function button(): ButtonApi | undefined {
  return (browser.action as ButtonApi | undefined) ?? browser.browserAction;
}

/**
 * Redraw the toolbar badge and title from the stored views. Never rejects: the button is a
 * glance, and a browser without a badge API (Firefox for Android) or a failed read must not fail
 * what asked for the redraw ("Forget everything" awaits it after the wipe).
 */
export async function updateToolbar(): Promise<void> {
  try {
    await draw();
  } catch {
    // Nothing to tell anyone: the next sync or period change draws again.
  }
}

async function draw(): Promise<void> {
  const api = button();
  if (!api) return;
  const [views, period] = await Promise.all([getViews(), periodItem.getValue()]);
  const view = views?.[period];
  if (!view) {
    await api.setBadgeText({ text: '' });
    await api.setTitle({ title: browser.i18n.getMessage('extName') });
    return;
  }
  const move = view.movement ?? 0;
  const colour = move > 0 ? COLOURS.up : move < 0 ? COLOURS.down : COLOURS.same;
  // Grouped as the popup and the console badge write it ("1.168", not "1168").
  const points = formatNumber(view.kpis.points, uiLocale());
  await Promise.all([
    api.setBadgeText({ text: String(view.rank) }),
    api.setBadgeBackgroundColor({ color: colour }),
    api.setTitle({
      title: browser.i18n.getMessage(byCount(view.kpis.points, 'toolbarTitleOne', 'toolbarTitle'), [
        String(view.rank),
        String(view.count),
        points,
      ]),
    }),
  ]);
}

/**
 * Draw the button now and keep it in step with new figures and the chosen period. Call from the
 * background's main. The browser does not keep the badge across a restart, and an update may
 * change its language, so it is drawn at every start rather than only at the next sync.
 */
export function registerToolbar(): void {
  void updateToolbar();
  periodItem.watch(() => void updateToolbar());
  viewsStampItem.watch(() => void updateToolbar());
}
