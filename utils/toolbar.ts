/** The toolbar button: the agent's rank in the chosen period, coloured by movement. */
import { browser } from 'wxt/browser';
import { getViews } from './db';
import { formatNumber } from './format';
import { byCount, uiLocale } from './i18n';
import { periodItem, viewsStampItem } from './settings';

const COLOURS = { up: '#1e7b34', down: '#b3261e', same: '#4a5568' } as const;

/** Redraw the toolbar badge and title from the stored views. */
export async function updateToolbar(): Promise<void> {
  const [views, period] = await Promise.all([getViews(), periodItem.getValue()]);
  const view = views?.[period];
  if (!view) {
    await browser.action.setBadgeText({ text: '' });
    await browser.action.setTitle({ title: browser.i18n.getMessage('extName') });
    return;
  }
  const move = view.movement ?? 0;
  const colour = move > 0 ? COLOURS.up : move < 0 ? COLOURS.down : COLOURS.same;
  // Grouped as the popup and the console badge write it ("1.168", not "1168").
  const points = formatNumber(view.kpis.points, uiLocale());
  await Promise.all([
    browser.action.setBadgeText({ text: String(view.rank) }),
    browser.action.setBadgeBackgroundColor({ color: colour }),
    browser.action.setTitle({
      title: browser.i18n.getMessage(byCount(view.kpis.points, 'toolbarTitleOne', 'toolbarTitle'), [
        String(view.rank),
        String(view.count),
        points,
      ]),
    }),
  ]);
}

/** Keep the toolbar in step with new figures and the chosen period. Call from the background's main. */
export function registerToolbar(): void {
  periodItem.watch(() => void updateToolbar());
  viewsStampItem.watch(() => void updateToolbar());
}
